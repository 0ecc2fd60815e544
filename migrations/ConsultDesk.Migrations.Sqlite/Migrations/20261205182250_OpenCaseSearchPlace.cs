using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OpenCaseSearchPlace : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "DueAt",
                table: "OpenCaseSearchDocuments",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "Reference",
                table: "OpenCaseSearchDocuments",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            // The copy holds each open case's place in due order beside its text: filled from the cases, then kept by the
            // triggers, which now copy it with the text and follow a case's due time. The copy's index follows its tokens
            // only, so a new due time does not re-index the text.
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "OpenCaseSearchDocuments_au";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "OpenCaseSearchDocuments_au" AFTER UPDATE OF "Tokens" ON "OpenCaseSearchDocuments" BEGIN
                  INSERT INTO "OpenCaseSearchIndex"("OpenCaseSearchIndex", rowid, "Tokens") VALUES ('delete', old."Id", old."Tokens");
                  INSERT INTO "OpenCaseSearchIndex"(rowid, "Tokens") VALUES (new."Id", new."Tokens");
                END;
                """);
            migrationBuilder.Sql("""
                UPDATE "OpenCaseSearchDocuments" AS o SET "DueAt" = c."DueAt", "Reference" = c."Reference" FROM "Cases" AS c WHERE c."Id" = o."CaseId";
                """);
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "CaseSearchDocuments_open_ai"; DROP TRIGGER IF EXISTS "CaseSearchDocuments_open_au"; DROP TRIGGER IF EXISTS "Cases_open_search";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseSearchDocuments_open_ai" AFTER INSERT ON "CaseSearchDocuments" BEGIN
                  INSERT INTO "OpenCaseSearchDocuments" ("Id", "CaseId", "Tokens", "Text", "DueAt", "Reference")
                  SELECT new."Id", new."CaseId", new."Tokens", new."Text", c."DueAt", c."Reference" FROM "Cases" c
                  WHERE c."Id" = new."CaseId" AND c."Status" NOT IN ('resolved', 'closed');
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseSearchDocuments_open_au" AFTER UPDATE ON "CaseSearchDocuments" BEGIN
                  UPDATE "OpenCaseSearchDocuments" SET "CaseId" = new."CaseId", "Tokens" = new."Tokens", "Text" = new."Text",
                    "DueAt" = (SELECT c."DueAt" FROM "Cases" c WHERE c."Id" = new."CaseId"),
                    "Reference" = (SELECT c."Reference" FROM "Cases" c WHERE c."Id" = new."CaseId")
                  WHERE "Id" = new."Id";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Cases_open_search" AFTER UPDATE OF "Status" ON "Cases"
                WHEN (old."Status" IN ('resolved', 'closed')) <> (new."Status" IN ('resolved', 'closed')) BEGIN
                  DELETE FROM "OpenCaseSearchDocuments" WHERE "CaseId" = new."Id";
                  INSERT INTO "OpenCaseSearchDocuments" ("Id", "CaseId", "Tokens", "Text", "DueAt", "Reference")
                  SELECT d."Id", d."CaseId", d."Tokens", d."Text", new."DueAt", new."Reference" FROM "CaseSearchDocuments" d
                  WHERE d."CaseId" = new."Id" AND new."Status" NOT IN ('resolved', 'closed');
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Cases_open_search_due" AFTER UPDATE OF "DueAt" ON "Cases"
                WHEN old."DueAt" IS NOT new."DueAt" AND new."Status" NOT IN ('resolved', 'closed') BEGIN
                  UPDATE "OpenCaseSearchDocuments" SET "DueAt" = new."DueAt" WHERE "CaseId" = new."Id";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Cases_open_search_due"; DROP TRIGGER IF EXISTS "CaseSearchDocuments_open_ai"; DROP TRIGGER IF EXISTS "CaseSearchDocuments_open_au"; DROP TRIGGER IF EXISTS "Cases_open_search";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseSearchDocuments_open_ai" AFTER INSERT ON "CaseSearchDocuments" BEGIN
                  INSERT INTO "OpenCaseSearchDocuments" ("Id", "CaseId", "Tokens", "Text")
                  SELECT new."Id", new."CaseId", new."Tokens", new."Text" FROM "Cases" c
                  WHERE c."Id" = new."CaseId" AND c."Status" NOT IN ('resolved', 'closed');
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseSearchDocuments_open_au" AFTER UPDATE ON "CaseSearchDocuments" BEGIN
                  UPDATE "OpenCaseSearchDocuments" SET "CaseId" = new."CaseId", "Tokens" = new."Tokens", "Text" = new."Text" WHERE "Id" = new."Id";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Cases_open_search" AFTER UPDATE OF "Status" ON "Cases"
                WHEN (old."Status" IN ('resolved', 'closed')) <> (new."Status" IN ('resolved', 'closed')) BEGIN
                  DELETE FROM "OpenCaseSearchDocuments" WHERE "CaseId" = new."Id";
                  INSERT INTO "OpenCaseSearchDocuments" ("Id", "CaseId", "Tokens", "Text")
                  SELECT d."Id", d."CaseId", d."Tokens", d."Text" FROM "CaseSearchDocuments" d
                  WHERE d."CaseId" = new."Id" AND new."Status" NOT IN ('resolved', 'closed');
                END;
                """);

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "OpenCaseSearchDocuments");

            migrationBuilder.DropColumn(
                name: "Reference",
                table: "OpenCaseSearchDocuments");

            // Dropping columns may rebuild the copy, which drops its own triggers with it: they are created again.
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "OpenCaseSearchDocuments_ai"; DROP TRIGGER IF EXISTS "OpenCaseSearchDocuments_ad"; DROP TRIGGER IF EXISTS "OpenCaseSearchDocuments_au";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "OpenCaseSearchDocuments_ai" AFTER INSERT ON "OpenCaseSearchDocuments" BEGIN
                  INSERT INTO "OpenCaseSearchIndex"(rowid, "Tokens") VALUES (new."Id", new."Tokens");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "OpenCaseSearchDocuments_ad" AFTER DELETE ON "OpenCaseSearchDocuments" BEGIN
                  INSERT INTO "OpenCaseSearchIndex"("OpenCaseSearchIndex", rowid, "Tokens") VALUES ('delete', old."Id", old."Tokens");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "OpenCaseSearchDocuments_au" AFTER UPDATE ON "OpenCaseSearchDocuments" BEGIN
                  INSERT INTO "OpenCaseSearchIndex"("OpenCaseSearchIndex", rowid, "Tokens") VALUES ('delete', old."Id", old."Tokens");
                  INSERT INTO "OpenCaseSearchIndex"(rowid, "Tokens") VALUES (new."Id", new."Tokens");
                END;
                """);
        }
    }
}

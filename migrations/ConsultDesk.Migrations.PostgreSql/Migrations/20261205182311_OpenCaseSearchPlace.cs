using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.PostgreSql.Migrations
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
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "Reference",
                table: "OpenCaseSearchDocuments",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            // The copy holds each open case's place in due order beside its text: filled from the cases, then kept by the
            // triggers, which now copy it with the text and follow a case's due time.
            migrationBuilder.Sql("""
                UPDATE "OpenCaseSearchDocuments" o SET "DueAt" = c."DueAt", "Reference" = c."Reference" FROM "Cases" c WHERE c."Id" = o."CaseId";
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION "OpenCaseSearch_copy_document"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP = 'UPDATE' THEN
                    UPDATE "OpenCaseSearchDocuments" o SET "CaseId" = NEW."CaseId", "Tokens" = NEW."Tokens", "Text" = NEW."Text",
                      "DueAt" = c."DueAt", "Reference" = c."Reference"
                    FROM "Cases" c WHERE o."Id" = NEW."Id" AND c."Id" = NEW."CaseId";
                  ELSE
                    INSERT INTO "OpenCaseSearchDocuments" ("Id", "CaseId", "Tokens", "Text", "DueAt", "Reference")
                    SELECT NEW."Id", NEW."CaseId", NEW."Tokens", NEW."Text", c."DueAt", c."Reference" FROM "Cases" c
                    WHERE c."Id" = NEW."CaseId" AND c."Status" NOT IN ('resolved', 'closed');
                  END IF;
                  RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION "OpenCaseSearch_follow_status"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  DELETE FROM "OpenCaseSearchDocuments" WHERE "CaseId" = NEW."Id";
                  INSERT INTO "OpenCaseSearchDocuments" ("Id", "CaseId", "Tokens", "Text", "DueAt", "Reference")
                  SELECT d."Id", d."CaseId", d."Tokens", d."Text", NEW."DueAt", NEW."Reference" FROM "CaseSearchDocuments" d
                  WHERE d."CaseId" = NEW."Id" AND NEW."Status" NOT IN ('resolved', 'closed');
                  RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION "OpenCaseSearch_follow_due"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE "OpenCaseSearchDocuments" SET "DueAt" = NEW."DueAt" WHERE "CaseId" = NEW."Id";
                  RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Cases_open_search_due" AFTER UPDATE OF "DueAt" ON "Cases" FOR EACH ROW
                WHEN (OLD."DueAt" IS DISTINCT FROM NEW."DueAt" AND NEW."Status" NOT IN ('resolved', 'closed'))
                EXECUTE FUNCTION "OpenCaseSearch_follow_due"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Cases_open_search_due" ON "Cases"; DROP FUNCTION IF EXISTS "OpenCaseSearch_follow_due"();""");
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION "OpenCaseSearch_copy_document"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP = 'UPDATE' THEN
                    UPDATE "OpenCaseSearchDocuments" SET "CaseId" = NEW."CaseId", "Tokens" = NEW."Tokens", "Text" = NEW."Text" WHERE "Id" = NEW."Id";
                  ELSE
                    INSERT INTO "OpenCaseSearchDocuments" ("Id", "CaseId", "Tokens", "Text")
                    SELECT NEW."Id", NEW."CaseId", NEW."Tokens", NEW."Text" FROM "Cases" c
                    WHERE c."Id" = NEW."CaseId" AND c."Status" NOT IN ('resolved', 'closed');
                  END IF;
                  RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE OR REPLACE FUNCTION "OpenCaseSearch_follow_status"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  DELETE FROM "OpenCaseSearchDocuments" WHERE "CaseId" = NEW."Id";
                  INSERT INTO "OpenCaseSearchDocuments" ("Id", "CaseId", "Tokens", "Text")
                  SELECT d."Id", d."CaseId", d."Tokens", d."Text" FROM "CaseSearchDocuments" d
                  WHERE d."CaseId" = NEW."Id" AND NEW."Status" NOT IN ('resolved', 'closed');
                  RETURN NULL;
                END $$;
                """);

            migrationBuilder.DropColumn(
                name: "DueAt",
                table: "OpenCaseSearchDocuments");

            migrationBuilder.DropColumn(
                name: "Reference",
                table: "OpenCaseSearchDocuments");
        }
    }
}

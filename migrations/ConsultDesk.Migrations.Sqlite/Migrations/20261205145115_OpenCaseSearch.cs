using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OpenCaseSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Open",
                table: "CaseSearchDocuments",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // The open cases' documents, then a second FTS5 index over them only (its content is a view, so that a
            // 'rebuild' also reads only the open ones). The queue's default scope searches it.
            migrationBuilder.Sql("""UPDATE "CaseSearchDocuments" SET "Open" = 1 WHERE "CaseId" IN (SELECT "Id" FROM "Cases" WHERE "Status" NOT IN ('resolved', 'closed'));""");
            migrationBuilder.Sql("""CREATE VIEW "OpenCaseSearchDocuments" AS SELECT "Id", "Tokens" FROM "CaseSearchDocuments" WHERE "Open";""");
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "OpenCaseSearchIndex" USING fts5("Tokens", content='OpenCaseSearchDocuments', content_rowid='Id', tokenize='unicode61 remove_diacritics 0');
                """);
            migrationBuilder.Sql("""INSERT INTO "OpenCaseSearchIndex"("OpenCaseSearchIndex") VALUES ('rebuild');""");

            // Both indexes follow the documents; the full index only when the tokens change, not when "Open" does.
            migrationBuilder.Sql("""DROP TRIGGER "CaseSearchDocuments_ai"; DROP TRIGGER "CaseSearchDocuments_ad"; DROP TRIGGER "CaseSearchDocuments_au";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseSearchDocuments_ai" AFTER INSERT ON "CaseSearchDocuments" BEGIN
                  INSERT INTO "CaseSearchIndex"(rowid, "Tokens") VALUES (new."Id", new."Tokens");
                  INSERT INTO "OpenCaseSearchIndex"(rowid, "Tokens") SELECT new."Id", new."Tokens" WHERE new."Open";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseSearchDocuments_ad" AFTER DELETE ON "CaseSearchDocuments" BEGIN
                  INSERT INTO "CaseSearchIndex"("CaseSearchIndex", rowid, "Tokens") VALUES ('delete', old."Id", old."Tokens");
                  INSERT INTO "OpenCaseSearchIndex"("OpenCaseSearchIndex", rowid, "Tokens") SELECT 'delete', old."Id", old."Tokens" WHERE old."Open";
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseSearchDocuments_au" AFTER UPDATE OF "Tokens" ON "CaseSearchDocuments" BEGIN
                  INSERT INTO "CaseSearchIndex"("CaseSearchIndex", rowid, "Tokens") VALUES ('delete', old."Id", old."Tokens");
                  INSERT INTO "CaseSearchIndex"(rowid, "Tokens") VALUES (new."Id", new."Tokens");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseSearchDocuments_open_au" AFTER UPDATE OF "Tokens", "Open" ON "CaseSearchDocuments" BEGIN
                  INSERT INTO "OpenCaseSearchIndex"("OpenCaseSearchIndex", rowid, "Tokens") SELECT 'delete', old."Id", old."Tokens" WHERE old."Open";
                  INSERT INTO "OpenCaseSearchIndex"(rowid, "Tokens") SELECT new."Id", new."Tokens" WHERE new."Open";
                END;
                """);
            // A case that closes or reopens moves its document out of or into the open index, whatever code moved it.
            migrationBuilder.Sql("""
                CREATE TRIGGER "Cases_search_open" AFTER UPDATE OF "Status" ON "Cases"
                WHEN (old."Status" IN ('resolved', 'closed')) <> (new."Status" IN ('resolved', 'closed')) BEGIN
                  UPDATE "CaseSearchDocuments" SET "Open" = new."Status" NOT IN ('resolved', 'closed') WHERE "CaseId" = new."Id";
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Cases_search_open"; DROP TRIGGER IF EXISTS "CaseSearchDocuments_open_au"; DROP TRIGGER IF EXISTS "CaseSearchDocuments_au"; DROP TRIGGER IF EXISTS "CaseSearchDocuments_ad"; DROP TRIGGER IF EXISTS "CaseSearchDocuments_ai";""");
            migrationBuilder.Sql("""DROP TABLE IF EXISTS "OpenCaseSearchIndex"; DROP VIEW IF EXISTS "OpenCaseSearchDocuments";""");
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseSearchDocuments_ai" AFTER INSERT ON "CaseSearchDocuments" BEGIN
                  INSERT INTO "CaseSearchIndex"(rowid, "Tokens") VALUES (new."Id", new."Tokens");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseSearchDocuments_ad" AFTER DELETE ON "CaseSearchDocuments" BEGIN
                  INSERT INTO "CaseSearchIndex"("CaseSearchIndex", rowid, "Tokens") VALUES ('delete', old."Id", old."Tokens");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseSearchDocuments_au" AFTER UPDATE ON "CaseSearchDocuments" BEGIN
                  INSERT INTO "CaseSearchIndex"("CaseSearchIndex", rowid, "Tokens") VALUES ('delete', old."Id", old."Tokens");
                  INSERT INTO "CaseSearchIndex"(rowid, "Tokens") VALUES (new."Id", new."Tokens");
                END;
                """);
            migrationBuilder.DropColumn(
                name: "Open",
                table: "CaseSearchDocuments");
        }
    }
}

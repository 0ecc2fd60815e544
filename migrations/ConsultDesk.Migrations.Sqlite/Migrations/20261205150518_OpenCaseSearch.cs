using System;
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
            migrationBuilder.CreateTable(
                name: "OpenCaseSearchDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tokens = table.Column<string>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpenCaseSearchDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpenCaseSearchDocuments_CaseSearchDocuments_Id",
                        column: x => x.Id,
                        principalTable: "CaseSearchDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OpenCaseSearchDocuments_CaseId",
                table: "OpenCaseSearchDocuments",
                column: "CaseId",
                unique: true);

            // The open cases' documents, copied; then an FTS5 index over the copy, fed by triggers as CaseSearchIndex is.
            migrationBuilder.Sql("""
                INSERT INTO "OpenCaseSearchDocuments" ("Id", "CaseId", "Tokens", "Text")
                SELECT d."Id", d."CaseId", d."Tokens", d."Text" FROM "CaseSearchDocuments" d
                JOIN "Cases" c ON c."Id" = d."CaseId" WHERE c."Status" NOT IN ('resolved', 'closed');
                """);
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "OpenCaseSearchIndex" USING fts5("Tokens", content='OpenCaseSearchDocuments', content_rowid='Id', tokenize='unicode61 remove_diacritics 0');
                """);
            migrationBuilder.Sql("""INSERT INTO "OpenCaseSearchIndex"("OpenCaseSearchIndex") VALUES ('rebuild');""");
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

            // The copy follows the documents and the cases' status, whatever code writes them: a document written for an
            // open case is copied, a changed document is copied again, and a case that is resolved or closed leaves the copy
            // (and returns to it when reopened). Deleting a document deletes its copy (the foreign key cascades).
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Cases_open_search"; DROP TRIGGER IF EXISTS "CaseSearchDocuments_open_au"; DROP TRIGGER IF EXISTS "CaseSearchDocuments_open_ai";""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "OpenCaseSearchDocuments_au"; DROP TRIGGER IF EXISTS "OpenCaseSearchDocuments_ad"; DROP TRIGGER IF EXISTS "OpenCaseSearchDocuments_ai"; DROP TABLE IF EXISTS "OpenCaseSearchIndex";""");
            migrationBuilder.DropTable(
                name: "OpenCaseSearchDocuments");
        }
    }
}

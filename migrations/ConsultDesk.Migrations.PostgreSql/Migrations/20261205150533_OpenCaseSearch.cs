using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.PostgreSql.Migrations
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
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tokens = table.Column<string>(type: "text", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false)
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

            // The open cases' documents, copied; then a GIN index over the copy, as over the documents.
            migrationBuilder.Sql("""
                INSERT INTO "OpenCaseSearchDocuments" ("Id", "CaseId", "Tokens", "Text")
                SELECT d."Id", d."CaseId", d."Tokens", d."Text" FROM "CaseSearchDocuments" d
                JOIN "Cases" c ON c."Id" = d."CaseId" WHERE c."Status" NOT IN ('resolved', 'closed');
                """);
            migrationBuilder.Sql("""
                CREATE INDEX "IX_OpenCaseSearchDocuments_TokenArray" ON "OpenCaseSearchDocuments" USING GIN (string_to_array("Tokens", ' '));
                """);

            // The copy follows the documents and the cases' status, whatever code writes them: a document written for an
            // open case is copied, a changed document is copied again, and a case that is resolved or closed leaves the copy
            // (and returns to it when reopened). Deleting a document deletes its copy (the foreign key cascades).
            migrationBuilder.Sql("""
                CREATE FUNCTION "OpenCaseSearch_copy_document"() RETURNS trigger LANGUAGE plpgsql AS $$
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
                CREATE TRIGGER "CaseSearchDocuments_open" AFTER INSERT OR UPDATE ON "CaseSearchDocuments" FOR EACH ROW
                EXECUTE FUNCTION "OpenCaseSearch_copy_document"();
                """);
            migrationBuilder.Sql("""
                CREATE FUNCTION "OpenCaseSearch_follow_status"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  DELETE FROM "OpenCaseSearchDocuments" WHERE "CaseId" = NEW."Id";
                  INSERT INTO "OpenCaseSearchDocuments" ("Id", "CaseId", "Tokens", "Text")
                  SELECT d."Id", d."CaseId", d."Tokens", d."Text" FROM "CaseSearchDocuments" d
                  WHERE d."CaseId" = NEW."Id" AND NEW."Status" NOT IN ('resolved', 'closed');
                  RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Cases_open_search" AFTER UPDATE OF "Status" ON "Cases" FOR EACH ROW
                WHEN ((OLD."Status" IN ('resolved', 'closed')) IS DISTINCT FROM (NEW."Status" IN ('resolved', 'closed')))
                EXECUTE FUNCTION "OpenCaseSearch_follow_status"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Cases_open_search" ON "Cases"; DROP FUNCTION IF EXISTS "OpenCaseSearch_follow_status"();""");
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "CaseSearchDocuments_open" ON "CaseSearchDocuments"; DROP FUNCTION IF EXISTS "OpenCaseSearch_copy_document"();""");
            migrationBuilder.DropTable(
                name: "OpenCaseSearchDocuments");
        }
    }
}

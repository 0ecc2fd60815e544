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
            migrationBuilder.AddColumn<bool>(
                name: "Open",
                table: "CaseSearchDocuments",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // The open cases' documents, then a GIN index over them only: the queue's default scope searches it.
            migrationBuilder.Sql("""UPDATE "CaseSearchDocuments" d SET "Open" = TRUE FROM "Cases" c WHERE c."Id" = d."CaseId" AND c."Status" NOT IN ('resolved', 'closed');""");
            migrationBuilder.Sql("""
                CREATE INDEX "IX_CaseSearchDocuments_OpenTokenArray" ON "CaseSearchDocuments" USING GIN (string_to_array("Tokens", ' ')) WHERE "Open";
                """);
            // A case that closes or reopens moves its document out of or into the open index, whatever code moved it.
            migrationBuilder.Sql("""
                CREATE FUNCTION "CaseSearchDocuments_follow_status"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  UPDATE "CaseSearchDocuments" SET "Open" = NEW."Status" NOT IN ('resolved', 'closed') WHERE "CaseId" = NEW."Id";
                  RETURN NULL;
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "Cases_search_open" AFTER UPDATE OF "Status" ON "Cases" FOR EACH ROW
                WHEN ((OLD."Status" IN ('resolved', 'closed')) IS DISTINCT FROM (NEW."Status" IN ('resolved', 'closed')))
                EXECUTE FUNCTION "CaseSearchDocuments_follow_status"();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "Cases_search_open" ON "Cases"; DROP FUNCTION IF EXISTS "CaseSearchDocuments_follow_status"();""");
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_CaseSearchDocuments_OpenTokenArray";""");
            migrationBuilder.DropColumn(
                name: "Open",
                table: "CaseSearchDocuments");
        }
    }
}

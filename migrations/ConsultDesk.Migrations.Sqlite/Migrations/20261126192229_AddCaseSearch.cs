using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddCaseSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_DueAt_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Status_DueAt_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_SubmittedAt_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_UpdatedAt_Id",
                table: "Cases");

            migrationBuilder.AlterColumn<DateTime>(
                name: "DueAt",
                table: "Cases",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified),
                oldClrType: typeof(DateTime),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.CreateTable(
                name: "CaseSearchDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tokens = table.Column<string>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSearchDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseSearchDocuments_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DueAt_Reference",
                table: "Cases",
                columns: new[] { "DueAt", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_DueAt_Reference",
                table: "Cases",
                columns: new[] { "Status", "DueAt", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SubmittedAt_Reference",
                table: "Cases",
                columns: new[] { "SubmittedAt", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_UpdatedAt_Reference",
                table: "Cases",
                columns: new[] { "UpdatedAt", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSearchDocuments_CaseId",
                table: "CaseSearchDocuments",
                column: "CaseId",
                unique: true);

            // FTS5 over the bigram tokens, kept in sync with CaseSearchDocuments by triggers (external content).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "CaseSearchIndex" USING fts5("Tokens", content='CaseSearchDocuments', content_rowid='Id', tokenize='unicode61 remove_diacritics 0');
                """);
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "CaseSearchDocuments_au"; DROP TRIGGER IF EXISTS "CaseSearchDocuments_ad"; DROP TRIGGER IF EXISTS "CaseSearchDocuments_ai"; DROP TABLE IF EXISTS "CaseSearchIndex";""");

            migrationBuilder.DropTable(
                name: "CaseSearchDocuments");

            migrationBuilder.DropIndex(
                name: "IX_Cases_DueAt_Reference",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Status_DueAt_Reference",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_SubmittedAt_Reference",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_UpdatedAt_Reference",
                table: "Cases");

            migrationBuilder.AlterColumn<DateTime>(
                name: "DueAt",
                table: "Cases",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "TEXT");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DueAt_Id",
                table: "Cases",
                columns: new[] { "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_DueAt_Id",
                table: "Cases",
                columns: new[] { "Status", "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SubmittedAt_Id",
                table: "Cases",
                columns: new[] { "SubmittedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_UpdatedAt_Id",
                table: "Cases",
                columns: new[] { "UpdatedAt", "Id" });
        }
    }
}

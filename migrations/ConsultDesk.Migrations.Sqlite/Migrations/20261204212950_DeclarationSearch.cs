using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DeclarationSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Declarations_Listed_Number",
                table: "Declarations");

            migrationBuilder.DropIndex(
                name: "IX_Declarations_Listed_PublicIndustry_Number",
                table: "Declarations");

            migrationBuilder.DropIndex(
                name: "IX_Declarations_Listed_PublicPrefectureCode_Number",
                table: "Declarations");

            migrationBuilder.DropIndex(
                name: "IX_Declarations_Listed_PublicSize_Number",
                table: "Declarations");

            migrationBuilder.CreateTable(
                name: "DeclarationSearchDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    DeclarationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Tokens = table.Column<string>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeclarationSearchDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeclarationSearchDocuments_Declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "Declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_Listed_Number",
                table: "Declarations",
                column: "Number",
                filter: "\"Listed\"");

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_Listed_PublicIndustry_Number",
                table: "Declarations",
                columns: new[] { "PublicIndustry", "Number" },
                filter: "\"Listed\"");

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_Listed_PublicPrefectureCode_Number",
                table: "Declarations",
                columns: new[] { "PublicPrefectureCode", "Number" },
                filter: "\"Listed\"");

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_Listed_PublicSize_Number",
                table: "Declarations",
                columns: new[] { "PublicSize", "Number" },
                filter: "\"Listed\"");

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_PublishedAt",
                table: "Declarations",
                column: "PublishedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_WithdrawnAt",
                table: "Declarations",
                column: "WithdrawnAt");

            migrationBuilder.CreateIndex(
                name: "IX_DeclarationSearchDocuments_DeclarationId",
                table: "DeclarationSearchDocuments",
                column: "DeclarationId",
                unique: true);

            // FTS5 over the bigram tokens, kept in sync with DeclarationSearchDocuments by triggers (external content),
            // as for the cases (AddCaseSearch).
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "DeclarationSearchIndex" USING fts5("Tokens", content='DeclarationSearchDocuments', content_rowid='Id', tokenize='unicode61 remove_diacritics 0');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DeclarationSearchDocuments_ai" AFTER INSERT ON "DeclarationSearchDocuments" BEGIN
                  INSERT INTO "DeclarationSearchIndex"(rowid, "Tokens") VALUES (new."Id", new."Tokens");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DeclarationSearchDocuments_ad" AFTER DELETE ON "DeclarationSearchDocuments" BEGIN
                  INSERT INTO "DeclarationSearchIndex"("DeclarationSearchIndex", rowid, "Tokens") VALUES ('delete', old."Id", old."Tokens");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "DeclarationSearchDocuments_au" AFTER UPDATE ON "DeclarationSearchDocuments" BEGIN
                  INSERT INTO "DeclarationSearchIndex"("DeclarationSearchIndex", rowid, "Tokens") VALUES ('delete', old."Id", old."Tokens");
                  INSERT INTO "DeclarationSearchIndex"(rowid, "Tokens") VALUES (new."Id", new."Tokens");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "DeclarationSearchDocuments_au"; DROP TRIGGER IF EXISTS "DeclarationSearchDocuments_ad"; DROP TRIGGER IF EXISTS "DeclarationSearchDocuments_ai"; DROP TABLE IF EXISTS "DeclarationSearchIndex";""");

            migrationBuilder.DropTable(
                name: "DeclarationSearchDocuments");

            migrationBuilder.DropIndex(
                name: "IX_Declarations_Listed_Number",
                table: "Declarations");

            migrationBuilder.DropIndex(
                name: "IX_Declarations_Listed_PublicIndustry_Number",
                table: "Declarations");

            migrationBuilder.DropIndex(
                name: "IX_Declarations_Listed_PublicPrefectureCode_Number",
                table: "Declarations");

            migrationBuilder.DropIndex(
                name: "IX_Declarations_Listed_PublicSize_Number",
                table: "Declarations");

            migrationBuilder.DropIndex(
                name: "IX_Declarations_PublishedAt",
                table: "Declarations");

            migrationBuilder.DropIndex(
                name: "IX_Declarations_WithdrawnAt",
                table: "Declarations");

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_Listed_Number",
                table: "Declarations",
                columns: new[] { "Listed", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_Listed_PublicIndustry_Number",
                table: "Declarations",
                columns: new[] { "Listed", "PublicIndustry", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_Listed_PublicPrefectureCode_Number",
                table: "Declarations",
                columns: new[] { "Listed", "PublicPrefectureCode", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_Listed_PublicSize_Number",
                table: "Declarations",
                columns: new[] { "Listed", "PublicSize", "Number" });
        }
    }
}

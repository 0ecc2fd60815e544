using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.PostgreSql.Migrations
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
                    Id = table.Column<int>(type: "integer", nullable: false),
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tokens = table.Column<string>(type: "text", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false)
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

            // GIN over the bigram tokens as an array, as for the cases (AddCaseSearch): containment finds candidates,
            // the substring check makes it exact.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_DeclarationSearchDocuments_TokenArray" ON "DeclarationSearchDocuments" USING GIN (string_to_array("Tokens", ' '));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_DeclarationSearchDocuments_TokenArray";""");

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

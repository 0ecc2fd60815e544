using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class DeclarationReviewIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Declarations_Industry_SubmittedAt_Id",
                table: "Declarations",
                columns: new[] { "Industry", "SubmittedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_NeedsAttentionSince",
                table: "Declarations",
                column: "NeedsAttentionSince");

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_PrefectureCode_SubmittedAt_Id",
                table: "Declarations",
                columns: new[] { "PrefectureCode", "SubmittedAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Declarations_Industry_SubmittedAt_Id",
                table: "Declarations");

            migrationBuilder.DropIndex(
                name: "IX_Declarations_NeedsAttentionSince",
                table: "Declarations");

            migrationBuilder.DropIndex(
                name: "IX_Declarations_PrefectureCode_SubmittedAt_Id",
                table: "Declarations");
        }
    }
}

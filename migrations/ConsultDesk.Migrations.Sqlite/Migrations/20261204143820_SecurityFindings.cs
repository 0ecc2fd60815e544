using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SecurityFindings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_EmailNormalized_SubmittedAt",
                table: "Cases");

            migrationBuilder.AddColumn<string>(
                name: "EmailKey",
                table: "Cases",
                type: "TEXT",
                maxLength: 254,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_EmailKey_SubmittedAt",
                table: "Cases",
                columns: new[] { "EmailKey", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_EmailKey_SubmittedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "EmailKey",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_EmailNormalized_SubmittedAt",
                table: "Cases",
                columns: new[] { "EmailNormalized", "SubmittedAt" });
        }
    }
}

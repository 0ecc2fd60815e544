using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class OpenCaseSearchWalk : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_OpenCaseSearchDocuments_DueAt_Reference",
                table: "OpenCaseSearchDocuments",
                columns: new[] { "DueAt", "Reference" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_OpenCaseSearchDocuments_DueAt_Reference",
                table: "OpenCaseSearchDocuments");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class SearchWalkCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_DueAt_Reference",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DueAt_Reference",
                table: "Cases",
                columns: new[] { "DueAt", "Reference" })
                .Annotation("Npgsql:IndexInclude", new[] { "Status", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_DueAt_Reference",
                table: "Cases");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DueAt_Reference",
                table: "Cases",
                columns: new[] { "DueAt", "Reference" });
        }
    }
}

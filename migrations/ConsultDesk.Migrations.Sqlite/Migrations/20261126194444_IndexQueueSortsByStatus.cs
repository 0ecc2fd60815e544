using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class IndexQueueSortsByStatus : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_SubmittedAt_Reference",
                table: "Cases",
                columns: new[] { "Status", "SubmittedAt", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_UpdatedAt_Reference",
                table: "Cases",
                columns: new[] { "Status", "UpdatedAt", "Reference" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_Status_SubmittedAt_Reference",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Status_UpdatedAt_Reference",
                table: "Cases");
        }
    }
}

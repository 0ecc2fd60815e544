using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class QueueFilterSortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssigneeId_DueAt_Reference",
                table: "Cases",
                columns: new[] { "AssigneeId", "DueAt", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_AssigneeId_UpdatedAt_Reference",
                table: "Cases",
                columns: new[] { "AssigneeId", "UpdatedAt", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_InquirerType_DueAt_Reference",
                table: "Cases",
                columns: new[] { "InquirerType", "DueAt", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_InquirerType_UpdatedAt_Reference",
                table: "Cases",
                columns: new[] { "InquirerType", "UpdatedAt", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_PrefectureCode_DueAt_Reference",
                table: "Cases",
                columns: new[] { "PrefectureCode", "DueAt", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_PrefectureCode_UpdatedAt_Reference",
                table: "Cases",
                columns: new[] { "PrefectureCode", "UpdatedAt", "Reference" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_AssigneeId_DueAt_Reference",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_AssigneeId_UpdatedAt_Reference",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_InquirerType_DueAt_Reference",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_InquirerType_UpdatedAt_Reference",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_PrefectureCode_DueAt_Reference",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_PrefectureCode_UpdatedAt_Reference",
                table: "Cases");
        }
    }
}

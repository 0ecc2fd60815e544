using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class QueueCountIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Cases_InquirerType_Status",
                table: "Cases",
                columns: new[] { "InquirerType", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_PrefectureCode_Status",
                table: "Cases",
                columns: new[] { "PrefectureCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_Id",
                table: "Cases",
                columns: new[] { "Status", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_InquirerType_Status",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_PrefectureCode_Status",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Status_Id",
                table: "Cases");
        }
    }
}

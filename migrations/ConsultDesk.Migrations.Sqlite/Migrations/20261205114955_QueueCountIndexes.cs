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
            migrationBuilder.AddColumn<int>(
                name: "TopicMask",
                table: "Cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Every existing case's topics as bits (Topic.All's order, frozen here as literals: the stored bits must not move
            // if the code's list is ever extended). A case's topics are distinct, so the sum of their bits is their union.
            migrationBuilder.Sql(@"UPDATE ""Cases"" SET ""TopicMask"" = (SELECT COALESCE(SUM(CASE t.""Topic"" WHEN 'satellite-office' THEN 1 WHEN 'subsidies' THEN 2 WHEN 'matching' THEN 4 WHEN 'relocation' THEN 8 WHEN 'workation' THEN 16 WHEN 'telework-rules' THEN 32 WHEN 'labour-management' THEN 64 WHEN 'ict-security' THEN 128 WHEN 'office-search' THEN 256 WHEN 'action-declaration' THEN 512 WHEN 'other' THEN 1024 END), 0) FROM ""CaseTopics"" t WHERE t.""CaseId"" = ""Cases"".""Id"");");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_InquirerType_Status",
                table: "Cases",
                columns: new[] { "InquirerType", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_PrefectureCode_Status",
                table: "Cases",
                columns: new[] { "PrefectureCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_TopicMask",
                table: "Cases",
                columns: new[] { "Status", "TopicMask" });
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
                name: "IX_Cases_Status_TopicMask",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "TopicMask",
                table: "Cases");
        }
    }
}

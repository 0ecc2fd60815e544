using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PartialSpeedIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CaseReportRows_InquirerType_AssigneeId_FirstResponseQuarter~",
                table: "CaseReportRows");

            migrationBuilder.DropIndex(
                name: "IX_CaseReportRows_InquirerType_AssigneeId_ResolutionQuarterHou~",
                table: "CaseReportRows");

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_FirstResponseSpeed",
                table: "CaseReportRows",
                columns: new[] { "InquirerType", "AssigneeId", "FirstResponseQuarterHours", "SubmittedOn", "FirstResponseMet", "PrefectureCode", "TopicMask" },
                filter: "\"FirstResponseQuarterHours\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_ResolutionSpeed",
                table: "CaseReportRows",
                columns: new[] { "InquirerType", "AssigneeId", "ResolutionQuarterHours", "SubmittedOn", "ResolutionMet", "PrefectureCode", "TopicMask" },
                filter: "\"ResolutionQuarterHours\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CaseReportRows_FirstResponseSpeed",
                table: "CaseReportRows");

            migrationBuilder.DropIndex(
                name: "IX_CaseReportRows_ResolutionSpeed",
                table: "CaseReportRows");

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_InquirerType_AssigneeId_FirstResponseQuarter~",
                table: "CaseReportRows",
                columns: new[] { "InquirerType", "AssigneeId", "FirstResponseQuarterHours", "SubmittedOn", "FirstResponseMet", "PrefectureCode", "TopicMask" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_InquirerType_AssigneeId_ResolutionQuarterHou~",
                table: "CaseReportRows",
                columns: new[] { "InquirerType", "AssigneeId", "ResolutionQuarterHours", "SubmittedOn", "ResolutionMet", "PrefectureCode", "TopicMask" });
        }
    }
}

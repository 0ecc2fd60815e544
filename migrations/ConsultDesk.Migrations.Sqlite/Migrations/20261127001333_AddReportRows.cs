using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddReportRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseReportRows",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SubmittedOn = table.Column<int>(type: "INTEGER", nullable: false),
                    InquirerType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    PrefectureCode = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 2, nullable: false),
                    TopicMask = table.Column<int>(type: "INTEGER", nullable: false),
                    AssigneeId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DueAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FirstRespondedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstResponseQuarterHours = table.Column<int>(type: "INTEGER", nullable: true),
                    FirstResponseMet = table.Column<bool>(type: "INTEGER", nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ResolvedOn = table.Column<int>(type: "INTEGER", nullable: true),
                    ResolutionQuarterHours = table.Column<int>(type: "INTEGER", nullable: true),
                    ResolutionMet = table.Column<bool>(type: "INTEGER", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedOn = table.Column<int>(type: "INTEGER", nullable: true),
                    FinishedOn = table.Column<int>(type: "INTEGER", nullable: true),
                    Milestones = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseReportRows", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_CaseReportRows_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_ClosedOn_InquirerType_PrefectureCode_AssigneeId_TopicMask",
                table: "CaseReportRows",
                columns: new[] { "ClosedOn", "InquirerType", "PrefectureCode", "AssigneeId", "TopicMask" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_FinishedOn_AssigneeId_Status_DueAt_SubmittedOn",
                table: "CaseReportRows",
                columns: new[] { "FinishedOn", "AssigneeId", "Status", "DueAt", "SubmittedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_FinishedOn_InquirerType_PrefectureCode_AssigneeId_TopicMask",
                table: "CaseReportRows",
                columns: new[] { "FinishedOn", "InquirerType", "PrefectureCode", "AssigneeId", "TopicMask" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_InquirerType_AssigneeId_FirstResponseQuarterHours_SubmittedOn_FirstResponseMet_PrefectureCode_TopicMask",
                table: "CaseReportRows",
                columns: new[] { "InquirerType", "AssigneeId", "FirstResponseQuarterHours", "SubmittedOn", "FirstResponseMet", "PrefectureCode", "TopicMask" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_InquirerType_AssigneeId_ResolutionQuarterHours_SubmittedOn_ResolutionMet_PrefectureCode_TopicMask",
                table: "CaseReportRows",
                columns: new[] { "InquirerType", "AssigneeId", "ResolutionQuarterHours", "SubmittedOn", "ResolutionMet", "PrefectureCode", "TopicMask" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_InquirerType_SubmittedOn_Milestones_PrefectureCode_AssigneeId_TopicMask",
                table: "CaseReportRows",
                columns: new[] { "InquirerType", "SubmittedOn", "Milestones", "PrefectureCode", "AssigneeId", "TopicMask" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_PrefectureCode_InquirerType_SubmittedOn_AssigneeId_TopicMask",
                table: "CaseReportRows",
                columns: new[] { "PrefectureCode", "InquirerType", "SubmittedOn", "AssigneeId", "TopicMask" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_ResolvedOn_InquirerType_PrefectureCode_AssigneeId_TopicMask",
                table: "CaseReportRows",
                columns: new[] { "ResolvedOn", "InquirerType", "PrefectureCode", "AssigneeId", "TopicMask" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_SubmittedOn_InquirerType_PrefectureCode_AssigneeId_TopicMask",
                table: "CaseReportRows",
                columns: new[] { "SubmittedOn", "InquirerType", "PrefectureCode", "AssigneeId", "TopicMask" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseReportRows");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.PostgreSql.Migrations
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
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedOn = table.Column<int>(type: "integer", nullable: false),
                    InquirerType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PrefectureCode = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    TopicMask = table.Column<int>(type: "integer", nullable: false),
                    AssigneeId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FirstRespondedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FirstResponseQuarterHours = table.Column<int>(type: "integer", nullable: true),
                    FirstResponseMet = table.Column<bool>(type: "boolean", nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResolvedOn = table.Column<int>(type: "integer", nullable: true),
                    ResolutionQuarterHours = table.Column<int>(type: "integer", nullable: true),
                    ResolutionMet = table.Column<bool>(type: "boolean", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedOn = table.Column<int>(type: "integer", nullable: true),
                    FinishedOn = table.Column<int>(type: "integer", nullable: true),
                    Milestones = table.Column<int>(type: "integer", nullable: false)
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
                name: "IX_CaseReportRows_ClosedOn_InquirerType_PrefectureCode_Assigne~",
                table: "CaseReportRows",
                columns: new[] { "ClosedOn", "InquirerType", "PrefectureCode", "AssigneeId", "TopicMask" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_FinishedOn_AssigneeId_Status_DueAt_Submitted~",
                table: "CaseReportRows",
                columns: new[] { "FinishedOn", "AssigneeId", "Status", "DueAt", "SubmittedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_FinishedOn_InquirerType_PrefectureCode_Assig~",
                table: "CaseReportRows",
                columns: new[] { "FinishedOn", "InquirerType", "PrefectureCode", "AssigneeId", "TopicMask" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_InquirerType_AssigneeId_FirstResponseQuarter~",
                table: "CaseReportRows",
                columns: new[] { "InquirerType", "AssigneeId", "FirstResponseQuarterHours", "SubmittedOn", "FirstResponseMet", "PrefectureCode", "TopicMask" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_InquirerType_AssigneeId_ResolutionQuarterHou~",
                table: "CaseReportRows",
                columns: new[] { "InquirerType", "AssigneeId", "ResolutionQuarterHours", "SubmittedOn", "ResolutionMet", "PrefectureCode", "TopicMask" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_InquirerType_SubmittedOn_Milestones_Prefectu~",
                table: "CaseReportRows",
                columns: new[] { "InquirerType", "SubmittedOn", "Milestones", "PrefectureCode", "AssigneeId", "TopicMask" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_PrefectureCode_InquirerType_SubmittedOn_Assi~",
                table: "CaseReportRows",
                columns: new[] { "PrefectureCode", "InquirerType", "SubmittedOn", "AssigneeId", "TopicMask" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_ResolvedOn_InquirerType_PrefectureCode_Assig~",
                table: "CaseReportRows",
                columns: new[] { "ResolvedOn", "InquirerType", "PrefectureCode", "AssigneeId", "TopicMask" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReportRows_SubmittedOn_InquirerType_PrefectureCode_Assi~",
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

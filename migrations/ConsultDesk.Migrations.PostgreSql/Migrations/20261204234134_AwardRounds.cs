using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AwardRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AwardRounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EntryOpensAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EntryClosesAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    JudgingOpensAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    JudgingClosesAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Mode = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Aggregation = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ScaleMin = table.Column<int>(type: "integer", nullable: false),
                    ScaleMax = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DeadlineMailedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ResultsMailedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardRounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AwardCategories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameJa = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    ForPartnerMunicipality = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardCategories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AwardCategories_AwardRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "AwardRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AwardCriteria",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameJa = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Weight = table.Column<decimal>(type: "numeric(9,3)", precision: 9, scale: 3, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardCriteria", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AwardCriteria_AwardRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "AwardRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AwardEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: true),
                    CategoryId = table.Column<Guid>(type: "uuid", nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Content = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AwardEvents_AwardRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "AwardRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AwardDecisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    CategoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Winners = table.Column<string>(type: "text", nullable: false),
                    Review = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecidedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    ReopenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReopenedBy = table.Column<Guid>(type: "uuid", nullable: true),
                    ReopenReason = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AwardDecisions_AwardCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "AwardCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AwardDecisions_AwardRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "AwardRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AwardEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    CategoryId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    EntrantKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    EntrantMunicipalityCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    PartnerMunicipalityCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    PartnerDeclarationNumber = table.Column<int>(type: "integer", nullable: true),
                    InitiativeKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OrganizationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "date", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "date", nullable: true),
                    Answers = table.Column<string>(type: "text", nullable: false),
                    Outcomes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Shortlisted = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AwardEntries_AwardCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "AwardCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AwardEntries_AwardRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "AwardRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AwardEntries_Declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "Declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AwardAssignments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    JudgeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Conflict = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    AssignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AssignedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    DeclaredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConflictNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AwardAssignments_AwardEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "AwardEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AwardAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AwardAttachments_AwardEntries_EntryId",
                        column: x => x.EntryId,
                        principalTable: "AwardEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AwardScores",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AssignmentId = table.Column<Guid>(type: "uuid", nullable: false),
                    EntryId = table.Column<Guid>(type: "uuid", nullable: false),
                    JudgeId = table.Column<Guid>(type: "uuid", nullable: false),
                    CriterionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Value = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Confidence = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardScores", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AwardScores_AwardAssignments_AssignmentId",
                        column: x => x.AssignmentId,
                        principalTable: "AwardAssignments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AwardScores_AwardCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "AwardCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AwardAssignments_EntryId_JudgeId",
                table: "AwardAssignments",
                columns: new[] { "EntryId", "JudgeId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardAssignments_JudgeId_RoundId",
                table: "AwardAssignments",
                columns: new[] { "JudgeId", "RoundId" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardAssignments_RoundId",
                table: "AwardAssignments",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_AwardAttachments_EntryId_Position",
                table: "AwardAttachments",
                columns: new[] { "EntryId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardCategories_RoundId_Code",
                table: "AwardCategories",
                columns: new[] { "RoundId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardCriteria_RoundId_Code",
                table: "AwardCriteria",
                columns: new[] { "RoundId", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardDecisions_CategoryId",
                table: "AwardDecisions",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_AwardDecisions_RoundId_CategoryId",
                table: "AwardDecisions",
                columns: new[] { "RoundId", "CategoryId" },
                unique: true,
                filter: "\"ReopenedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AwardDecisions_RoundId_CategoryId_DecidedAt",
                table: "AwardDecisions",
                columns: new[] { "RoundId", "CategoryId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardEntries_CategoryId",
                table: "AwardEntries",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_AwardEntries_DeclarationId_RoundId",
                table: "AwardEntries",
                columns: new[] { "DeclarationId", "RoundId" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardEntries_RoundId_CategoryId_Status",
                table: "AwardEntries",
                columns: new[] { "RoundId", "CategoryId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardEntries_RoundId_InitiativeKey",
                table: "AwardEntries",
                columns: new[] { "RoundId", "InitiativeKey" },
                unique: true,
                filter: "\"InitiativeKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_AwardEntries_RoundId_PartnerMunicipalityCode",
                table: "AwardEntries",
                columns: new[] { "RoundId", "PartnerMunicipalityCode" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardEvents_EntryId_At",
                table: "AwardEvents",
                columns: new[] { "EntryId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardEvents_RoundId_At",
                table: "AwardEvents",
                columns: new[] { "RoundId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardRounds_EntryClosesAt_DeadlineMailedAt",
                table: "AwardRounds",
                columns: new[] { "EntryClosesAt", "DeadlineMailedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardRounds_PublishAt_ResultsMailedAt",
                table: "AwardRounds",
                columns: new[] { "PublishAt", "ResultsMailedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardRounds_Year",
                table: "AwardRounds",
                column: "Year",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardScores_AssignmentId_CriterionId",
                table: "AwardScores",
                columns: new[] { "AssignmentId", "CriterionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardScores_CriterionId",
                table: "AwardScores",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_AwardScores_EntryId",
                table: "AwardScores",
                column: "EntryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AwardAttachments");

            migrationBuilder.DropTable(
                name: "AwardDecisions");

            migrationBuilder.DropTable(
                name: "AwardEvents");

            migrationBuilder.DropTable(
                name: "AwardScores");

            migrationBuilder.DropTable(
                name: "AwardAssignments");

            migrationBuilder.DropTable(
                name: "AwardCriteria");

            migrationBuilder.DropTable(
                name: "AwardEntries");

            migrationBuilder.DropTable(
                name: "AwardCategories");

            migrationBuilder.DropTable(
                name: "AwardRounds");
        }
    }
}

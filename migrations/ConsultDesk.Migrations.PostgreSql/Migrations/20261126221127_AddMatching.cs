using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddMatching : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CompanyNeeds",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    PreferredPrefectureCodes = table.Column<List<string>>(type: "text[]", nullable: false),
                    PreferredRegions = table.Column<List<string>>(type: "text[]", nullable: false),
                    SeatsNeeded = table.Column<int>(type: "integer", nullable: true),
                    BudgetPerSeatYen = table.Column<int>(type: "integer", nullable: true),
                    RequiredBandwidthMbps = table.Column<int>(type: "integer", nullable: true),
                    Industry = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    CompanySize = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Timing = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Priorities = table.Column<List<string>>(type: "text[]", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CompanyNeeds", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_CompanyNeeds_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MunicipalityProfiles",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameKana = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    PrefectureCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Region = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ContactDepartment = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ContactEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    ContactPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    WelcomedIndustries = table.Column<List<string>>(type: "text[]", nullable: false),
                    WelcomedCompanySizes = table.Column<List<string>>(type: "text[]", nullable: false),
                    WelcomesWorkation = table.Column<bool>(type: "boolean", nullable: false),
                    WelcomesRelocation = table.Column<bool>(type: "boolean", nullable: false),
                    IsPublished = table.Column<bool>(type: "boolean", nullable: false),
                    IsSample = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    TotalSeats = table.Column<int>(type: "integer", nullable: false),
                    AvailableSeats = table.Column<int>(type: "integer", nullable: false),
                    LowestMonthlyFeePerSeat = table.Column<int>(type: "integer", nullable: true),
                    FastestBandwidthMbps = table.Column<int>(type: "integer", nullable: true),
                    ShortestTravelMinutesFromTokyo = table.Column<int>(type: "integer", nullable: true),
                    IncentiveKinds = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MunicipalityProfiles", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "Incentives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MunicipalityCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CapYen = table.Column<long>(type: "bigint", nullable: true),
                    Rate = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Eligibility = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AvailableFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    AvailableUntil = table.Column<DateOnly>(type: "date", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Incentives", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Incentives_MunicipalityProfiles_MunicipalityCode",
                        column: x => x.MunicipalityCode,
                        principalTable: "MunicipalityProfiles",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MatchProposals",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    MunicipalityCaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    MunicipalityCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    SharedFields = table.Column<List<string>>(type: "text[]", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<Guid>(type: "uuid", nullable: false),
                    ConsentRequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConsentAnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    IntroducedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MatchProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MatchProposals_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MatchProposals_MunicipalityProfiles_MunicipalityCode",
                        column: x => x.MunicipalityCode,
                        principalTable: "MunicipalityProfiles",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SatelliteOffices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MunicipalityCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Seats = table.Column<int>(type: "integer", nullable: false),
                    AvailableSeats = table.Column<int>(type: "integer", nullable: false),
                    MonthlyFeePerSeat = table.Column<int>(type: "integer", nullable: false),
                    BandwidthMbps = table.Column<int>(type: "integer", nullable: false),
                    MeetingRooms = table.Column<int>(type: "integer", nullable: false),
                    OpeningHours = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TravelMinutesFromTokyo = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatelliteOffices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SatelliteOffices_MunicipalityProfiles_MunicipalityCode",
                        column: x => x.MunicipalityCode,
                        principalTable: "MunicipalityProfiles",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Incentives_MunicipalityCode",
                table: "Incentives",
                column: "MunicipalityCode");

            migrationBuilder.CreateIndex(
                name: "IX_MatchProposals_CaseId",
                table: "MatchProposals",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_MatchProposals_MunicipalityCaseId",
                table: "MatchProposals",
                column: "MunicipalityCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_MatchProposals_MunicipalityCode_Status",
                table: "MatchProposals",
                columns: new[] { "MunicipalityCode", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_MunicipalityProfiles_IsPublished_PrefectureCode_Code",
                table: "MunicipalityProfiles",
                columns: new[] { "IsPublished", "PrefectureCode", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_MunicipalityProfiles_IsPublished_Region_Code",
                table: "MunicipalityProfiles",
                columns: new[] { "IsPublished", "Region", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_SatelliteOffices_MunicipalityCode",
                table: "SatelliteOffices",
                column: "MunicipalityCode");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CompanyNeeds");

            migrationBuilder.DropTable(
                name: "Incentives");

            migrationBuilder.DropTable(
                name: "MatchProposals");

            migrationBuilder.DropTable(
                name: "SatelliteOffices");

            migrationBuilder.DropTable(
                name: "MunicipalityProfiles");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class SpeedCells : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SpeedCellDeltas",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Measure = table.Column<int>(type: "INTEGER", nullable: false),
                    InquirerType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AssigneeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quarters = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Met = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpeedCellDeltas", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SpeedCells",
                columns: table => new
                {
                    Measure = table.Column<int>(type: "INTEGER", nullable: false),
                    InquirerType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AssigneeId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quarters = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    Met = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SpeedCells", x => new { x.Measure, x.InquirerType, x.AssigneeId, x.Quarters });
                });

            // Existing cases: the histogram starts from their report rows (as SpeedSummary.FillFromReportRowsSql does;
            // kept literal here so this migration never changes).
            migrationBuilder.Sql("""
                INSERT INTO "SpeedCells" ("Measure", "InquirerType", "AssigneeId", "Quarters", "Count", "Met")
                SELECT 0, "InquirerType", COALESCE("AssigneeId", '00000000-0000-0000-0000-000000000000'), "FirstResponseQuarterHours", COUNT(*),
                       SUM(CASE WHEN "FirstResponseMet" THEN 1 ELSE 0 END)
                FROM "CaseReportRows" WHERE "FirstResponseQuarterHours" IS NOT NULL
                GROUP BY "InquirerType", COALESCE("AssigneeId", '00000000-0000-0000-0000-000000000000'), "FirstResponseQuarterHours"
                UNION ALL
                SELECT 1, "InquirerType", COALESCE("AssigneeId", '00000000-0000-0000-0000-000000000000'), "ResolutionQuarterHours", COUNT(*),
                       SUM(CASE WHEN "ResolutionMet" THEN 1 ELSE 0 END)
                FROM "CaseReportRows" WHERE "ResolutionQuarterHours" IS NOT NULL
                GROUP BY "InquirerType", COALESCE("AssigneeId", '00000000-0000-0000-0000-000000000000'), "ResolutionQuarterHours"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SpeedCellDeltas");

            migrationBuilder.DropTable(
                name: "SpeedCells");
        }
    }
}

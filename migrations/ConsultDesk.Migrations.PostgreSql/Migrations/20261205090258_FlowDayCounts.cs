using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ConsultDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class FlowDayCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FlowDayCounts",
                columns: table => new
                {
                    Event = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlowDayCounts", x => new { x.Event, x.Day });
                });

            migrationBuilder.CreateTable(
                name: "FlowDayDeltas",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Event = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<int>(type: "integer", nullable: false),
                    Delta = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlowDayDeltas", x => x.Id);
                });

            // Existing cases: the summary starts from their report rows (as FlowDayCounts.FillFromReportRowsSql does;
            // kept literal here so this migration never changes).
            migrationBuilder.Sql("""
                INSERT INTO "FlowDayCounts" ("Event", "Day", "Count")
                SELECT 0, "SubmittedOn", COUNT(*) FROM "CaseReportRows" GROUP BY "SubmittedOn"
                UNION ALL SELECT 1, "ResolvedOn", COUNT(*) FROM "CaseReportRows" WHERE "ResolvedOn" IS NOT NULL GROUP BY "ResolvedOn"
                UNION ALL SELECT 2, "ClosedOn", COUNT(*) FROM "CaseReportRows" WHERE "ClosedOn" IS NOT NULL GROUP BY "ClosedOn"
                UNION ALL SELECT 3, "FinishedOn", COUNT(*) FROM "CaseReportRows" WHERE "FinishedOn" IS NOT NULL GROUP BY "FinishedOn"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FlowDayCounts");

            migrationBuilder.DropTable(
                name: "FlowDayDeltas");
        }
    }
}

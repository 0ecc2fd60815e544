using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddCaseSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_DueAt_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Status_DueAt_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_SubmittedAt_Id",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_UpdatedAt_Id",
                table: "Cases");

            migrationBuilder.AlterColumn<DateTime>(
                name: "DueAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified),
                oldClrType: typeof(DateTime),
                oldType: "timestamp with time zone",
                oldNullable: true);

            migrationBuilder.CreateTable(
                name: "CaseSearchDocuments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tokens = table.Column<string>(type: "text", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSearchDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseSearchDocuments_Cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DueAt_Reference",
                table: "Cases",
                columns: new[] { "DueAt", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_DueAt_Reference",
                table: "Cases",
                columns: new[] { "Status", "DueAt", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SubmittedAt_Reference",
                table: "Cases",
                columns: new[] { "SubmittedAt", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_UpdatedAt_Reference",
                table: "Cases",
                columns: new[] { "UpdatedAt", "Reference" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSearchDocuments_CaseId",
                table: "CaseSearchDocuments",
                column: "CaseId",
                unique: true);

            // GIN over the bigram tokens as an array: containment finds candidates, the substring check makes it exact.
            migrationBuilder.Sql("""
                CREATE INDEX "IX_CaseSearchDocuments_TokenArray" ON "CaseSearchDocuments" USING GIN (string_to_array("Tokens", ' '));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_CaseSearchDocuments_TokenArray";""");

            migrationBuilder.DropTable(
                name: "CaseSearchDocuments");

            migrationBuilder.DropIndex(
                name: "IX_Cases_DueAt_Reference",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_Status_DueAt_Reference",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_SubmittedAt_Reference",
                table: "Cases");

            migrationBuilder.DropIndex(
                name: "IX_Cases_UpdatedAt_Reference",
                table: "Cases");

            migrationBuilder.AlterColumn<DateTime>(
                name: "DueAt",
                table: "Cases",
                type: "timestamp with time zone",
                nullable: true,
                oldClrType: typeof(DateTime),
                oldType: "timestamp with time zone");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_DueAt_Id",
                table: "Cases",
                columns: new[] { "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_Status_DueAt_Id",
                table: "Cases",
                columns: new[] { "Status", "DueAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_SubmittedAt_Id",
                table: "Cases",
                columns: new[] { "SubmittedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Cases_UpdatedAt_Id",
                table: "Cases",
                columns: new[] { "UpdatedAt", "Id" });
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace ConsultDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class SecurityFindings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_EmailNormalized_SubmittedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "Secret",
                table: "OutboxMails");

            migrationBuilder.AddColumn<DateTime>(
                name: "RevokedAt",
                table: "PortalTokens",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedSecret",
                table: "OutboxMails",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EmailKey",
                table: "Cases",
                type: "character varying(254)",
                maxLength: 254,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Cases_EmailKey_SubmittedAt",
                table: "Cases",
                columns: new[] { "EmailKey", "SubmittedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Cases_EmailKey_SubmittedAt",
                table: "Cases");

            migrationBuilder.DropColumn(
                name: "RevokedAt",
                table: "PortalTokens");

            migrationBuilder.DropColumn(
                name: "ProtectedSecret",
                table: "OutboxMails");

            migrationBuilder.DropColumn(
                name: "EmailKey",
                table: "Cases");

            migrationBuilder.AddColumn<string>(
                name: "Secret",
                table: "OutboxMails",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Cases_EmailNormalized_SubmittedAt",
                table: "Cases",
                columns: new[] { "EmailNormalized", "SubmittedAt" });
        }
    }
}

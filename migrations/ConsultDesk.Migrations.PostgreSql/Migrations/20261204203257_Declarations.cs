using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace ConsultDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Declarations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeclarationItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LabelJa = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    LabelEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DescriptionJa = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    DescriptionEn = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    IsSample = table.Column<bool>(type: "boolean", nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeclarationItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeclarationNumberSequences",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    LastValue = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeclarationNumberSequences", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Declarations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConfirmedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CurrentVersionNumber = table.Column<int>(type: "integer", nullable: false),
                    OrganizationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OrganizationNameKana = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CorporateNumber = table.Column<string>(type: "character varying(13)", maxLength: 13, nullable: true),
                    PrefectureCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false),
                    Industry = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Employees = table.Column<int>(type: "integer", nullable: false),
                    ContactEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    EmailKey = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    Language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: true),
                    AcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcceptedVersionNumber = table.Column<int>(type: "integer", nullable: true),
                    PublicName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PublicNameKana = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PublicPrefectureCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    PublicLocalGovernmentCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    PublicIndustry = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PublicSize = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RejectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NextCheckDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CheckRequestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastCheckAnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NeedsAttentionSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Listed = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Declarations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DeclarationEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    Content = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeclarationEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeclarationEvents_Declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "Declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeclarationPublicItems",
                columns: table => new
                {
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemCode = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeclarationPublicItems", x => new { x.DeclarationId, x.ItemCode });
                    table.ForeignKey(
                        name: "FK_DeclarationPublicItems_Declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "Declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeclarationTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    TokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeclarationTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeclarationTokens_Declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "Declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DeclarationVersions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DeclarationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Content = table.Column<string>(type: "text", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeclarationVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeclarationVersions_Declarations_DeclarationId",
                        column: x => x.DeclarationId,
                        principalTable: "Declarations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "DeclarationItems",
                columns: new[] { "Id", "Active", "Code", "DescriptionEn", "DescriptionJa", "IsSample", "Kind", "LabelEn", "LabelJa", "SortOrder", "UpdatedAt" },
                values: new object[,]
                {
                    { new Guid("0193e7a0-0000-7000-8000-000000000001"), true, "1", null, null, false, "commitment", "Recruiting advantage and staff retention", "採用の優位性の確保・社員の離職防止", 10, new DateTime(2026, 12, 4, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { new Guid("0193e7a0-0000-7000-8000-000000000002"), true, "2", null, null, false, "commitment", "Hiring and developing people in the regions", "地方人材の採用・育成", 20, new DateTime(2026, 12, 4, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { new Guid("0193e7a0-0000-7000-8000-000000000003"), true, "3", null, null, false, "commitment", "Taking part in regional projects", "地域プロジェクトへの参加", 30, new DateTime(2026, 12, 4, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { new Guid("0193e7a0-0000-7000-8000-000000000004"), true, "4", "The programme's wording of this item is unknown; an admin replaces it.", "この項目の正式な文言は未確認です。管理者が差し替えてください。", true, "commitment", "Using satellite offices (sample wording)", "サテライトオフィス等の活用（サンプル文言）", 40, new DateTime(2026, 12, 4, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { new Guid("0193e7a0-0000-7000-8000-000000000005"), true, "5", null, null, false, "commitment", "Promoting workations", "ワーケーション推進", 50, new DateTime(2026, 12, 4, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { new Guid("0193e7a0-0000-7000-8000-000000000011"), true, "purpose", null, null, true, "agreement", "We support the aims of the regional-revitalisation telework movement and will act on them. (sample wording)", "地方創生テレワーク推進運動の趣旨に賛同し、取組を進めます。（サンプル文言）", 10, new DateTime(2026, 12, 4, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { new Guid("0193e7a0-0000-7000-8000-000000000012"), true, "publication", null, null, true, "agreement", "We agree that the fields marked [Public] are published on the website. (sample wording)", "［公開］と表示された項目がウェブサイトで公開されることに同意します。（サンプル文言）", 20, new DateTime(2026, 12, 4, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { new Guid("0193e7a0-0000-7000-8000-000000000013"), true, "antisocial-forces", null, null, true, "agreement", "Our organisation is not, and has no ties with, an anti-social force. (sample wording)", "当団体は反社会的勢力に該当せず、また反社会的勢力と関係を有していません。（サンプル文言）", 30, new DateTime(2026, 12, 4, 0, 0, 0, 0, DateTimeKind.Utc) },
                    { new Guid("0193e7a0-0000-7000-8000-000000000014"), true, "privacy", null, null, false, "agreement", "We agree to the handling of personal information.", "個人情報の取扱いに同意します。", 40, new DateTime(2026, 12, 4, 0, 0, 0, 0, DateTimeKind.Utc) }
                });

            migrationBuilder.CreateIndex(
                name: "IX_DeclarationEvents_DeclarationId_At",
                table: "DeclarationEvents",
                columns: new[] { "DeclarationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_DeclarationItems_Kind_Code",
                table: "DeclarationItems",
                columns: new[] { "Kind", "Code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeclarationPublicItems_ItemCode_Number",
                table: "DeclarationPublicItems",
                columns: new[] { "ItemCode", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_CheckRequestedAt",
                table: "Declarations",
                column: "CheckRequestedAt");

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_CorporateNumber",
                table: "Declarations",
                column: "CorporateNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_EmailKey",
                table: "Declarations",
                column: "EmailKey");

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_Listed_Number",
                table: "Declarations",
                columns: new[] { "Listed", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_Listed_PublicIndustry_Number",
                table: "Declarations",
                columns: new[] { "Listed", "PublicIndustry", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_Listed_PublicPrefectureCode_Number",
                table: "Declarations",
                columns: new[] { "Listed", "PublicPrefectureCode", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_Listed_PublicSize_Number",
                table: "Declarations",
                columns: new[] { "Listed", "PublicSize", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_NextCheckDueAt",
                table: "Declarations",
                column: "NextCheckDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_Number",
                table: "Declarations",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_Status_CreatedAt",
                table: "Declarations",
                columns: new[] { "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Declarations_Status_SubmittedAt_Id",
                table: "Declarations",
                columns: new[] { "Status", "SubmittedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_DeclarationTokens_DeclarationId",
                table: "DeclarationTokens",
                column: "DeclarationId");

            migrationBuilder.CreateIndex(
                name: "IX_DeclarationTokens_TokenHash",
                table: "DeclarationTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeclarationVersions_DeclarationId_Number",
                table: "DeclarationVersions",
                columns: new[] { "DeclarationId", "Number" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeclarationEvents");

            migrationBuilder.DropTable(
                name: "DeclarationItems");

            migrationBuilder.DropTable(
                name: "DeclarationNumberSequences");

            migrationBuilder.DropTable(
                name: "DeclarationPublicItems");

            migrationBuilder.DropTable(
                name: "DeclarationTokens");

            migrationBuilder.DropTable(
                name: "DeclarationVersions");

            migrationBuilder.DropTable(
                name: "Declarations");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace ConsultDesk.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class InfoPortal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "InfoItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Slug = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    IsSample = table.Column<bool>(type: "boolean", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    TitleEn = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Summary = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SummaryEn = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Body = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: false),
                    BodyEn = table.Column<string>(type: "character varying(50000)", maxLength: 50000, nullable: true),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    AsOf = table.Column<DateOnly>(type: "date", nullable: true),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Ministry = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Parties = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Topics = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Prefectures = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ApplicationOpensOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ApplicationClosesOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Publisher = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Edition = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    MunicipalityCode = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: true),
                    OrganizationName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DeclarationNumber = table.Column<int>(type: "integer", nullable: true),
                    PublishAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InfoItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "InfoEditions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Edition = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InfoEditions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InfoEditions_InfoItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "InfoItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InfoFacetValues",
                columns: table => new
                {
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Facet = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Value = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InfoFacetValues", x => new { x.ItemId, x.Facet, x.Value });
                    table.ForeignKey(
                        name: "FK_InfoFacetValues_InfoItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "InfoItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InfoImages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    AltText = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InfoImages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InfoImages_InfoItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "InfoItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InfoLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Host = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    IsMain = table.Column<bool>(type: "boolean", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    HttpStatus = table.Column<int>(type: "integer", nullable: true),
                    FinalUrl = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Redirects = table.Column<string>(type: "character varying(10000)", maxLength: 10000, nullable: true),
                    Detail = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CheckedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InfoLinks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InfoLinks_InfoItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "InfoItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InfoRevisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: true),
                    ActorName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ChangedFields = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Snapshot = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InfoRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InfoRevisions_InfoItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "InfoItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InfoSearchDocuments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Tokens = table.Column<string>(type: "text", nullable: false),
                    Text = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InfoSearchDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InfoSearchDocuments_InfoItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "InfoItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_InfoEditions_ItemId_RecordedAt",
                table: "InfoEditions",
                columns: new[] { "ItemId", "RecordedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InfoFacetValues_Facet_Value_ItemId",
                table: "InfoFacetValues",
                columns: new[] { "Facet", "Value", "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_InfoImages_ItemId_SortOrder",
                table: "InfoImages",
                columns: new[] { "ItemId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_InfoItems_Kind_Slug",
                table: "InfoItems",
                columns: new[] { "Kind", "Slug" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InfoItems_Kind_Status_ApplicationClosesOn",
                table: "InfoItems",
                columns: new[] { "Kind", "Status", "ApplicationClosesOn" });

            migrationBuilder.CreateIndex(
                name: "IX_InfoItems_Kind_Status_PublishedAt",
                table: "InfoItems",
                columns: new[] { "Kind", "Status", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InfoItems_Kind_UpdatedAt",
                table: "InfoItems",
                columns: new[] { "Kind", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InfoItems_Status_PublishAt",
                table: "InfoItems",
                columns: new[] { "Status", "PublishAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InfoLinks_CheckedAt",
                table: "InfoLinks",
                column: "CheckedAt");

            migrationBuilder.CreateIndex(
                name: "IX_InfoLinks_ItemId_Url",
                table: "InfoLinks",
                columns: new[] { "ItemId", "Url" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InfoLinks_State_CheckedAt",
                table: "InfoLinks",
                columns: new[] { "State", "CheckedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_InfoRevisions_ItemId_Number",
                table: "InfoRevisions",
                columns: new[] { "ItemId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InfoSearchDocuments_ItemId",
                table: "InfoSearchDocuments",
                column: "ItemId",
                unique: true);

            migrationBuilder.Sql("""
                CREATE INDEX "IX_InfoSearchDocuments_TokenArray" ON "InfoSearchDocuments" USING GIN (string_to_array("Tokens", ' '));
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP INDEX IF EXISTS "IX_InfoSearchDocuments_TokenArray";""");

            migrationBuilder.DropTable(
                name: "InfoEditions");

            migrationBuilder.DropTable(
                name: "InfoFacetValues");

            migrationBuilder.DropTable(
                name: "InfoImages");

            migrationBuilder.DropTable(
                name: "InfoLinks");

            migrationBuilder.DropTable(
                name: "InfoRevisions");

            migrationBuilder.DropTable(
                name: "InfoSearchDocuments");

            migrationBuilder.DropTable(
                name: "InfoItems");
        }
    }
}

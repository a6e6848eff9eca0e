using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IcpFiling.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Issue11TokensAndBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BatchRequests",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    BatchKey = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    BodyHash = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BatchRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BatchRequests_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PersonalAccessTokens",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Scopes = table.Column<string>(type: "TEXT", unicode: false, maxLength: 200, nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalAccessTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PersonalAccessTokens_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BatchRequests_AccountId_BatchKey",
                table: "BatchRequests",
                columns: new[] { "AccountId", "BatchKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PersonalAccessTokens_AccountId_CreatedAt",
                table: "PersonalAccessTokens",
                columns: new[] { "AccountId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PersonalAccessTokens_KeyId",
                table: "PersonalAccessTokens",
                column: "KeyId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BatchRequests");

            migrationBuilder.DropTable(
                name: "PersonalAccessTokens");
        }
    }
}

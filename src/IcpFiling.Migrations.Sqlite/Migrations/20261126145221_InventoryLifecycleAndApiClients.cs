using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IcpFiling.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class InventoryLifecycleAndApiClients : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // One address becomes a list of addresses: copy it across before the old column goes.
            migrationBuilder.AddColumn<string>(
                name: "PublicIps",
                table: "Instances",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.Sql(@"UPDATE ""Instances"" SET ""PublicIps"" = CASE WHEN ""PublicIp"" IS NULL OR trim(""PublicIp"") = '' THEN '[]' ELSE '[""' || ""PublicIp"" || '""]' END;");

            migrationBuilder.DropIndex(
                name: "IX_Instances_PublicIp",
                table: "Instances");

            // SQLite drops a plain column in place (3.35+); EF's DropColumn would rebuild the table with foreign keys
            // switched off outside the migration's transaction, which a crash could leave half done.
            migrationBuilder.Sql(@"ALTER TABLE ""Instances"" DROP COLUMN ""PublicIp"";");

            // "In mainland China" is now derived from the region id through the region catalogue.
            migrationBuilder.Sql(@"ALTER TABLE ""Instances"" DROP COLUMN ""RegionInMainlandChina"";");

            migrationBuilder.AddColumn<long>(
                name: "SourceVersion",
                table: "Instances",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "InvalidCause",
                table: "ServiceNumbers",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            
            migrationBuilder.AddColumn<long>(
                name: "SourceVersion",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Suspended",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ApiClients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Scopes = table.Column<string>(type: "TEXT", unicode: false, maxLength: 200, nullable: false),
                    KeyId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 16, nullable: false),
                    SecretHash = table.Column<string>(type: "TEXT", unicode: false, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiClients", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Instances_ExpiresAt_Status",
                table: "Instances",
                columns: new[] { "ExpiresAt", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ApiClients_KeyId",
                table: "ApiClients",
                column: "KeyId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApiClients");

            migrationBuilder.DropIndex(
                name: "IX_Instances_ExpiresAt_Status",
                table: "Instances");

            migrationBuilder.DropColumn(
                name: "InvalidCause",
                table: "ServiceNumbers");

            migrationBuilder.DropColumn(
                name: "PublicIps",
                table: "Instances");

            migrationBuilder.DropColumn(
                name: "SourceVersion",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Suspended",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "SourceVersion",
                table: "Instances");

            migrationBuilder.AddColumn<bool>(
                name: "RegionInMainlandChina",
                table: "Instances",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "PublicIp",
                table: "Instances",
                type: "TEXT",
                maxLength: 45,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Instances_PublicIp",
                table: "Instances",
                column: "PublicIp");
        }
    }
}

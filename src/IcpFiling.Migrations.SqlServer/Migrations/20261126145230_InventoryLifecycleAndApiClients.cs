using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IcpFiling.Migrations.SqlServer.Migrations
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
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.Sql(@"UPDATE [Instances] SET [PublicIps] = CASE WHEN [PublicIp] IS NULL OR LTRIM(RTRIM([PublicIp])) = N'' THEN N'[]' ELSE N'[""' + [PublicIp] + N'""]' END;");

            migrationBuilder.DropIndex(
                name: "IX_Instances_PublicIp",
                table: "Instances");

            migrationBuilder.DropColumn(
                name: "PublicIp",
                table: "Instances");

            // "In mainland China" is now derived from the region id through the region catalogue.
            migrationBuilder.DropColumn(
                name: "RegionInMainlandChina",
                table: "Instances");

            migrationBuilder.AddColumn<string>(
                name: "InvalidCause",
                table: "ServiceNumbers",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "SourceVersion",
                table: "Instances",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "SourceVersion",
                table: "AspNetUsers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Suspended",
                table: "AspNetUsers",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ApiClients",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Scopes = table.Column<string>(type: "varchar(200)", unicode: false, maxLength: 200, nullable: false),
                    KeyId = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    SecretHash = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastUsedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
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
                table: "Instances");

            migrationBuilder.DropColumn(
                name: "SourceVersion",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "Suspended",
                table: "AspNetUsers");

            migrationBuilder.AddColumn<string>(
                name: "PublicIp",
                table: "Instances",
                type: "nvarchar(45)",
                maxLength: 45,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "RegionInMainlandChina",
                table: "Instances",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Instances_PublicIp",
                table: "Instances",
                column: "PublicIp");
        }
    }
}

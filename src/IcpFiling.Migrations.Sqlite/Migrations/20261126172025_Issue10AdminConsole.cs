using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IcpFiling.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Issue10AdminConsole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "AspNetUsers",
                type: "TEXT",
                unicode: false,
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastSignInAt",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousSecretHash",
                table: "ApiClients",
                type: "TEXT",
                unicode: false,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PreviousSecretValidUntil",
                table: "ApiClients",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RotatedAt",
                table: "ApiClients",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Language",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "LastSignInAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "PreviousSecretHash",
                table: "ApiClients");

            migrationBuilder.DropColumn(
                name: "PreviousSecretValidUntil",
                table: "ApiClients");

            migrationBuilder.DropColumn(
                name: "RotatedAt",
                table: "ApiClients");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IcpFiling.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Issue11dGrantNote : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceNumbers_RestrictedToAccountId",
                table: "ServiceNumbers");

            migrationBuilder.AddColumn<DateTime>(
                name: "RestrictedAt",
                table: "ServiceNumbers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RestrictionNote",
                table: "ServiceNumbers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InstanceAddresses",
                columns: table => new
                {
                    InstanceRef = table.Column<int>(type: "INTEGER", nullable: false),
                    Address = table.Column<string>(type: "TEXT", unicode: false, maxLength: 45, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InstanceAddresses", x => new { x.InstanceRef, x.Address });
                    table.ForeignKey(
                        name: "FK_InstanceAddresses_Instances_InstanceRef",
                        column: x => x.InstanceRef,
                        principalTable: "Instances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_RestrictedToAccountId_Number",
                table: "ServiceNumbers",
                columns: new[] { "RestrictedToAccountId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_RestrictedToAccountId_RestrictedAt_Id",
                table: "ServiceNumbers",
                columns: new[] { "RestrictedToAccountId", "RestrictedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Filings_DomainAscii_ServiceNumberRef",
                table: "Filings",
                columns: new[] { "DomainAscii", "ServiceNumberRef" });

            migrationBuilder.CreateIndex(
                name: "IX_InstanceAddresses_Address_InstanceRef",
                table: "InstanceAddresses",
                columns: new[] { "Address", "InstanceRef" });

            // The existing instances' addresses, one row each, for the search by IP (new saves keep them in step).
            migrationBuilder.Sql("INSERT INTO \"InstanceAddresses\" (\"InstanceRef\", \"Address\") SELECT DISTINCT i.\"Id\", j.value FROM \"Instances\" AS i, json_each(i.\"PublicIps\") AS j WHERE length(j.value) <= 45;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "InstanceAddresses");

            migrationBuilder.DropIndex(
                name: "IX_ServiceNumbers_RestrictedToAccountId_Number",
                table: "ServiceNumbers");

            migrationBuilder.DropIndex(
                name: "IX_ServiceNumbers_RestrictedToAccountId_RestrictedAt_Id",
                table: "ServiceNumbers");

            migrationBuilder.DropIndex(
                name: "IX_Filings_DomainAscii_ServiceNumberRef",
                table: "Filings");

            migrationBuilder.DropColumn(
                name: "RestrictedAt",
                table: "ServiceNumbers");

            migrationBuilder.DropColumn(
                name: "RestrictionNote",
                table: "ServiceNumbers");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_RestrictedToAccountId",
                table: "ServiceNumbers",
                column: "RestrictedToAccountId");
        }
    }
}

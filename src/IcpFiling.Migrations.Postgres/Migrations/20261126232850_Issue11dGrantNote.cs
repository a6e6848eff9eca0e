using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IcpFiling.Migrations.Postgres.Migrations
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RestrictionNote",
                table: "ServiceNumbers",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "DomainAscii",
                table: "Filings",
                type: "character varying(253)",
                unicode: false,
                maxLength: 253,
                nullable: false,
                collation: "C",
                oldClrType: typeof(string),
                oldType: "character varying(253)",
                oldUnicode: false,
                oldMaxLength: 253);

            migrationBuilder.CreateTable(
                name: "InstanceAddresses",
                columns: table => new
                {
                    InstanceRef = table.Column<int>(type: "integer", nullable: false),
                    Address = table.Column<string>(type: "character varying(45)", unicode: false, maxLength: 45, nullable: false, collation: "C")
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
            migrationBuilder.Sql("INSERT INTO \"InstanceAddresses\" (\"InstanceRef\", \"Address\") SELECT DISTINCT i.\"Id\", a FROM \"Instances\" AS i, unnest(i.\"PublicIps\") AS a WHERE length(a) <= 45;");
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

            migrationBuilder.AlterColumn<string>(
                name: "DomainAscii",
                table: "Filings",
                type: "character varying(253)",
                unicode: false,
                maxLength: 253,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(253)",
                oldUnicode: false,
                oldMaxLength: 253,
                oldCollation: "C");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_RestrictedToAccountId",
                table: "ServiceNumbers",
                column: "RestrictedToAccountId");
        }
    }
}

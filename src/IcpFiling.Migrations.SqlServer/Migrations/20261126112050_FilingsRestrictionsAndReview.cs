using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IcpFiling.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class FilingsRestrictionsAndReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RestrictedToAccountId",
                table: "ServiceNumbers",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "UsedAt",
                table: "ServiceNumbers",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "ServiceNumbers",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VoidedAt",
                table: "ServiceNumbers",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActorRole",
                table: "AuditEntries",
                type: "varchar(32)",
                unicode: false,
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Filings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Domain = table.Column<string>(type: "nvarchar(253)", maxLength: 253, nullable: false),
                    DomainAscii = table.Column<string>(type: "varchar(253)", unicode: false, maxLength: 253, nullable: false),
                    SubjectName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AccountId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ServiceNumberRef = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Filings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Filings_AspNetUsers_AccountId",
                        column: x => x.AccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Filings_ServiceNumbers_ServiceNumberRef",
                        column: x => x.ServiceNumberRef,
                        principalTable: "ServiceNumbers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_RestrictedToAccountId",
                table: "ServiceNumbers",
                column: "RestrictedToAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_Instances_PublicIp",
                table: "Instances",
                column: "PublicIp");

            migrationBuilder.CreateIndex(
                name: "IX_Filings_AccountId_SubmittedAt_Id",
                table: "Filings",
                columns: new[] { "AccountId", "SubmittedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Filings_DomainAscii_Submitted",
                table: "Filings",
                column: "DomainAscii",
                unique: true,
                filter: "[Status] = 'Submitted'");

            migrationBuilder.CreateIndex(
                name: "IX_Filings_ServiceNumberRef",
                table: "Filings",
                column: "ServiceNumberRef",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_ServiceNumbers_AspNetUsers_RestrictedToAccountId",
                table: "ServiceNumbers",
                column: "RestrictedToAccountId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ServiceNumbers_AspNetUsers_RestrictedToAccountId",
                table: "ServiceNumbers");

            migrationBuilder.DropTable(
                name: "Filings");

            migrationBuilder.DropIndex(
                name: "IX_ServiceNumbers_RestrictedToAccountId",
                table: "ServiceNumbers");

            migrationBuilder.DropIndex(
                name: "IX_Instances_PublicIp",
                table: "Instances");

            migrationBuilder.DropColumn(
                name: "RestrictedToAccountId",
                table: "ServiceNumbers");

            migrationBuilder.DropColumn(
                name: "UsedAt",
                table: "ServiceNumbers");

            migrationBuilder.DropColumn(
                name: "VoidReason",
                table: "ServiceNumbers");

            migrationBuilder.DropColumn(
                name: "VoidedAt",
                table: "ServiceNumbers");

            migrationBuilder.DropColumn(
                name: "ActorRole",
                table: "AuditEntries");
        }
    }
}

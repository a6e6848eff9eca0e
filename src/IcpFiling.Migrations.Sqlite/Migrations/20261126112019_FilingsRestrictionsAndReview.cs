using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IcpFiling.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class FilingsRestrictionsAndReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The column and its foreign key in one ALTER TABLE (SQLite allows a REFERENCES clause on an added column whose
            // default is NULL). EF's AddColumn + AddForeignKey would rebuild the table with "PRAGMA foreign_keys = 0", which
            // SQLite ignores inside the migration's transaction: a rebuild with the checks still on, half-applied if it fails.
            migrationBuilder.Sql(
                @"ALTER TABLE ""ServiceNumbers"" ADD COLUMN ""RestrictedToAccountId"" TEXT NULL " +
                @"CONSTRAINT ""FK_ServiceNumbers_AspNetUsers_RestrictedToAccountId"" REFERENCES ""AspNetUsers"" (""Id"") ON DELETE RESTRICT;");

            migrationBuilder.AddColumn<DateTime>(
                name: "UsedAt",
                table: "ServiceNumbers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VoidReason",
                table: "ServiceNumbers",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "VoidedAt",
                table: "ServiceNumbers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ActorRole",
                table: "AuditEntries",
                type: "TEXT",
                unicode: false,
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Filings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Domain = table.Column<string>(type: "TEXT", maxLength: 253, nullable: false),
                    DomainAscii = table.Column<string>(type: "TEXT", unicode: false, maxLength: 253, nullable: false),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AccountId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ServiceNumberRef = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
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

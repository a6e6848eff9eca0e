using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IcpFiling.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Issue12aResellerNumbers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ResellerId",
                table: "ServiceNumbers",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            // Every existing number takes its account's reseller (before the indexes, so they are built once).
            migrationBuilder.Sql("UPDATE \"ServiceNumbers\" SET \"ResellerId\" = (SELECT u.\"ResellerId\" FROM \"AspNetUsers\" AS u WHERE u.\"Id\" = \"ServiceNumbers\".\"AccountId\") WHERE \"AccountId\" IN (SELECT \"Id\" FROM \"AspNetUsers\" WHERE \"ResellerId\" IS NOT NULL);");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_ResellerId_IssuedAt_Id",
                table: "ServiceNumbers",
                columns: new[] { "ResellerId", "IssuedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_ResellerId_Number_Id",
                table: "ServiceNumbers",
                columns: new[] { "ResellerId", "Number", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceNumbers_ResellerId_IssuedAt_Id",
                table: "ServiceNumbers");

            migrationBuilder.DropIndex(
                name: "IX_ServiceNumbers_ResellerId_Number_Id",
                table: "ServiceNumbers");

            migrationBuilder.DropColumn(
                name: "ResellerId",
                table: "ServiceNumbers");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IcpFiling.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class Issue15cListSorting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_ServiceNumbers_AccountId_Number_Id",
                table: "ServiceNumbers",
                columns: new[] { "AccountId", "Number", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Instances_OwnerId_ExpiresAt_Id",
                table: "Instances",
                columns: new[] { "OwnerId", "ExpiresAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Instances_OwnerId_InstanceId_Id",
                table: "Instances",
                columns: new[] { "OwnerId", "InstanceId", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ServiceNumbers_AccountId_Number_Id",
                table: "ServiceNumbers");

            migrationBuilder.DropIndex(
                name: "IX_Instances_OwnerId_ExpiresAt_Id",
                table: "Instances");

            migrationBuilder.DropIndex(
                name: "IX_Instances_OwnerId_InstanceId_Id",
                table: "Instances");
        }
    }
}

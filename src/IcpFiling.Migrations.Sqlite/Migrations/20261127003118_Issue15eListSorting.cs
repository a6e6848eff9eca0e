using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IcpFiling.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Issue15eListSorting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Instances_Name_Id",
                table: "Instances",
                columns: new[] { "Name", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Filings_AccountId_Domain_Id",
                table: "Filings",
                columns: new[] { "AccountId", "Domain", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_DisplayName_Id",
                table: "AspNetUsers",
                columns: new[] { "DisplayName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_LastSignInAt_Id",
                table: "AspNetUsers",
                columns: new[] { "LastSignInAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_NormalizedEmail_Id",
                table: "AspNetUsers",
                columns: new[] { "NormalizedEmail", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_ResellerId_DisplayName_Id",
                table: "AspNetUsers",
                columns: new[] { "ResellerId", "DisplayName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUsers_ResellerId_Email_Id",
                table: "AspNetUsers",
                columns: new[] { "ResellerId", "Email", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Instances_Name_Id",
                table: "Instances");

            migrationBuilder.DropIndex(
                name: "IX_Filings_AccountId_Domain_Id",
                table: "Filings");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_DisplayName_Id",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_LastSignInAt_Id",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_NormalizedEmail_Id",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_ResellerId_DisplayName_Id",
                table: "AspNetUsers");

            migrationBuilder.DropIndex(
                name: "IX_AspNetUsers_ResellerId_Email_Id",
                table: "AspNetUsers");
        }
    }
}

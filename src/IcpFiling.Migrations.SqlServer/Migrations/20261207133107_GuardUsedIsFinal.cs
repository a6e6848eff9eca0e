using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace IcpFiling.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class GuardUsedIsFinal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The database refuses an UPDATE that moves a service number out of Used.
            migrationBuilder.Sql(ServiceNumberTriggers.CreateUsedIsFinal);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ServiceNumberTriggers.DropUsedIsFinal);
        }
    }
}

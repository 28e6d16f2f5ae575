using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StatusSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Users_Search",
                table: "Users",
                columns: new[] { "NormalizedUserPrincipalName", "DisplayName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_Search",
                table: "MamRegistrations",
                columns: new[] { "DeviceName", "UserPrincipalName", "UserId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Users_Search",
                table: "Users");

            migrationBuilder.DropIndex(
                name: "IX_MamRegistrations_Search",
                table: "MamRegistrations");
        }
    }
}

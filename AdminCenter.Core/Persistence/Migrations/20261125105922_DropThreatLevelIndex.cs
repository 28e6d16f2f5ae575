using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DropThreatLevelIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MamRegistrations_ThreatLevel",
                table: "MamRegistrations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_ThreatLevel",
                table: "MamRegistrations",
                column: "ThreatLevel");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ThreatLevelIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MamRegistrations_ThreatLevel_LastCheckInDateTime",
                table: "MamRegistrations");

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_ThreatLevel",
                table: "MamRegistrations",
                column: "ThreatLevel");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MamRegistrations_ThreatLevel",
                table: "MamRegistrations");

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_ThreatLevel_LastCheckInDateTime",
                table: "MamRegistrations",
                columns: new[] { "ThreatLevel", "LastCheckInDateTime" });
        }
    }
}

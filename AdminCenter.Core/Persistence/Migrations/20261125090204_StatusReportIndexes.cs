using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StatusReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RegistrationOutcomeChanges_RegistrationId",
                table: "RegistrationOutcomeChanges");

            migrationBuilder.DropIndex(
                name: "IX_MamRegistrations_Outcome",
                table: "MamRegistrations");

            migrationBuilder.DropIndex(
                name: "IX_MamRegistrations_ThreatLevel",
                table: "MamRegistrations");

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_Outcome_LastCheckInDateTime",
                table: "MamRegistrations",
                columns: new[] { "Outcome", "LastCheckInDateTime" });

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_ThreatLevel_LastCheckInDateTime",
                table: "MamRegistrations",
                columns: new[] { "ThreatLevel", "LastCheckInDateTime" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MamRegistrations_Outcome_LastCheckInDateTime",
                table: "MamRegistrations");

            migrationBuilder.DropIndex(
                name: "IX_MamRegistrations_ThreatLevel_LastCheckInDateTime",
                table: "MamRegistrations");

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationOutcomeChanges_RegistrationId",
                table: "RegistrationOutcomeChanges",
                column: "RegistrationId");

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_Outcome",
                table: "MamRegistrations",
                column: "Outcome");

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_ThreatLevel",
                table: "MamRegistrations",
                column: "ThreatLevel");
        }
    }
}

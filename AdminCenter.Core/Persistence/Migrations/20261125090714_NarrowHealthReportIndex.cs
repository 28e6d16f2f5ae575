using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class NarrowHealthReportIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HealthReports_UserPrincipalName_AppId_AzureAdDeviceId_ReportedDateTime",
                table: "HealthReports");

            migrationBuilder.CreateIndex(
                name: "IX_HealthReports_AzureAdDeviceId_ReportedDateTime",
                table: "HealthReports",
                columns: new[] { "AzureAdDeviceId", "ReportedDateTime" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HealthReports_AzureAdDeviceId_ReportedDateTime",
                table: "HealthReports");

            migrationBuilder.CreateIndex(
                name: "IX_HealthReports_UserPrincipalName_AppId_AzureAdDeviceId_ReportedDateTime",
                table: "HealthReports",
                columns: new[] { "UserPrincipalName", "AppId", "AzureAdDeviceId", "ReportedDateTime" });
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class HealthReportsAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HealthReports_AzureAdDeviceId_ReportedDateTime",
                table: "HealthReports");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_HealthReports_AzureAdDeviceId_ReportedDateTime",
                table: "HealthReports",
                columns: new[] { "AzureAdDeviceId", "ReportedDateTime" });
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MamRegistrationsAndHealthReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "PartnerSecretCreatedDateTime",
                table: "MobileThreatDefenseConnectors",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PartnerSecretHash",
                table: "MobileThreatDefenseConnectors",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "HealthReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConnectorId = table.Column<string>(type: "TEXT", nullable: false),
                    UserPrincipalName = table.Column<string>(type: "TEXT", nullable: false),
                    AppId = table.Column<string>(type: "TEXT", nullable: false),
                    AzureAdDeviceId = table.Column<string>(type: "TEXT", nullable: false),
                    ThreatLevel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReportedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReceivedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HealthReports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MamRegistrations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    UserPrincipalName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AppId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AzureAdDeviceId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    DeviceName = table.Column<string>(type: "TEXT", nullable: true),
                    DeviceModel = table.Column<string>(type: "TEXT", nullable: true),
                    DeviceManufacturer = table.Column<string>(type: "TEXT", nullable: true),
                    PlatformVersion = table.Column<string>(type: "TEXT", nullable: true),
                    AppVersion = table.Column<string>(type: "TEXT", nullable: true),
                    SdkVersion = table.Column<string>(type: "TEXT", nullable: true),
                    EnrolledDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastCheckInDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ThreatLevel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    ThreatReportedDateTime = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ThreatConnectorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OutcomeChangedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReasonsJson = table.Column<string>(type: "TEXT", nullable: false),
                    PolicyNames = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MamRegistrations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MamRegistrations_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RegistrationOutcomeChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RegistrationId = table.Column<string>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    AppId = table.Column<string>(type: "TEXT", nullable: false),
                    AzureAdDeviceId = table.Column<string>(type: "TEXT", nullable: false),
                    PreviousOutcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChangedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReasonsSummary = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistrationOutcomeChanges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HealthReports_UserPrincipalName_AppId_AzureAdDeviceId_ReportedDateTime",
                table: "HealthReports",
                columns: new[] { "UserPrincipalName", "AppId", "AzureAdDeviceId", "ReportedDateTime" });

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_AzureAdDeviceId",
                table: "MamRegistrations",
                column: "AzureAdDeviceId");

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_LastCheckInDateTime",
                table: "MamRegistrations",
                column: "LastCheckInDateTime");

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_Outcome",
                table: "MamRegistrations",
                column: "Outcome");

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_ThreatLevel",
                table: "MamRegistrations",
                column: "ThreatLevel");

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_UserId_AppId_AzureAdDeviceId",
                table: "MamRegistrations",
                columns: new[] { "UserId", "AppId", "AzureAdDeviceId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_UserPrincipalName",
                table: "MamRegistrations",
                column: "UserPrincipalName");

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationOutcomeChanges_RegistrationId",
                table: "RegistrationOutcomeChanges",
                column: "RegistrationId");

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationOutcomeChanges_UserId_ChangedDateTime",
                table: "RegistrationOutcomeChanges",
                columns: new[] { "UserId", "ChangedDateTime" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HealthReports");

            migrationBuilder.DropTable(
                name: "MamRegistrations");

            migrationBuilder.DropTable(
                name: "RegistrationOutcomeChanges");

            migrationBuilder.DropColumn(
                name: "PartnerSecretCreatedDateTime",
                table: "MobileThreatDefenseConnectors");

            migrationBuilder.DropColumn(
                name: "PartnerSecretHash",
                table: "MobileThreatDefenseConnectors");
        }
    }
}

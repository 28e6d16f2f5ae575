using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AppConfigurationPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AppConfigurationDeliveries",
                columns: table => new
                {
                    RegistrationId = table.Column<string>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    UserPrincipalName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AppId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    AzureAdDeviceId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    DeviceName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    DeliveredDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Policies = table.Column<string>(type: "TEXT", nullable: false),
                    Settings = table.Column<string>(type: "TEXT", nullable: false),
                    Conflicts = table.Column<string>(type: "TEXT", nullable: false),
                    HasConflicts = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppConfigurationDeliveries", x => x.RegistrationId);
                    table.ForeignKey(
                        name: "FK_AppConfigurationDeliveries_MamRegistrations_RegistrationId",
                        column: x => x.RegistrationId,
                        principalTable: "MamRegistrations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TargetedManagedAppConfigurations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NormalizedDisplayName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Apps = table.Column<string>(type: "TEXT", nullable: false),
                    EdgeSettings = table.Column<string>(type: "TEXT", nullable: false),
                    GeneralSettings = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastModifiedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastModifiedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TargetedManagedAppConfigurations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AppConfigurationAssignments",
                columns: table => new
                {
                    PolicyId = table.Column<string>(type: "TEXT", nullable: false),
                    GroupId = table.Column<string>(type: "TEXT", nullable: false),
                    IsExclusion = table.Column<bool>(type: "INTEGER", nullable: false),
                    FilterId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FilterMode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false, defaultValue: "Include")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppConfigurationAssignments", x => new { x.PolicyId, x.GroupId });
                    table.ForeignKey(
                        name: "FK_AppConfigurationAssignments_AssignmentFilters_FilterId",
                        column: x => x.FilterId,
                        principalTable: "AssignmentFilters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AppConfigurationAssignments_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AppConfigurationAssignments_TargetedManagedAppConfigurations_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "TargetedManagedAppConfigurations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AppConfigurationAssignments_FilterId",
                table: "AppConfigurationAssignments",
                column: "FilterId");

            migrationBuilder.CreateIndex(
                name: "IX_AppConfigurationAssignments_GroupId",
                table: "AppConfigurationAssignments",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_AppConfigurationDeliveries_UserId",
                table: "AppConfigurationDeliveries",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_TargetedManagedAppConfigurations_NormalizedDisplayName",
                table: "TargetedManagedAppConfigurations",
                column: "NormalizedDisplayName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppConfigurationAssignments");

            migrationBuilder.DropTable(
                name: "AppConfigurationDeliveries");

            migrationBuilder.DropTable(
                name: "TargetedManagedAppConfigurations");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class DirectoryAndAppProtectionPolicies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Groups",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NormalizedDisplayName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    CreatedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastModifiedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserPrincipalName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NormalizedUserPrincipalName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AccountEnabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastModifiedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WindowsManagedAppProtections",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    NormalizedDisplayName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    Apps = table.Column<string>(type: "TEXT", nullable: false),
                    RoleScopeTagIds = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastModifiedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastModifiedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Settings_AllowedInboundDataTransferSources = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Settings_AllowedOutboundClipboardSharingLevel = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Settings_AllowedOutboundDataTransferDestinations = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Settings_AppActionIfUnableToAuthenticateUser = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Settings_MaximumAllowedDeviceThreatLevel = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Settings_MaximumRequiredOsVersion = table.Column<string>(type: "TEXT", nullable: true),
                    Settings_MaximumWarningOsVersion = table.Column<string>(type: "TEXT", nullable: true),
                    Settings_MaximumWipeOsVersion = table.Column<string>(type: "TEXT", nullable: true),
                    Settings_MinimumRequiredAppVersion = table.Column<string>(type: "TEXT", nullable: true),
                    Settings_MinimumRequiredOsVersion = table.Column<string>(type: "TEXT", nullable: true),
                    Settings_MinimumRequiredSdkVersion = table.Column<string>(type: "TEXT", nullable: true),
                    Settings_MinimumWarningAppVersion = table.Column<string>(type: "TEXT", nullable: true),
                    Settings_MinimumWarningOsVersion = table.Column<string>(type: "TEXT", nullable: true),
                    Settings_MinimumWipeAppVersion = table.Column<string>(type: "TEXT", nullable: true),
                    Settings_MinimumWipeOsVersion = table.Column<string>(type: "TEXT", nullable: true),
                    Settings_MinimumWipeSdkVersion = table.Column<string>(type: "TEXT", nullable: true),
                    Settings_MobileThreatDefenseRemediationAction = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Settings_PeriodOfflineBeforeAccessCheck = table.Column<TimeSpan>(type: "TEXT", nullable: true),
                    Settings_PeriodOfflineBeforeWipeIsEnforced = table.Column<TimeSpan>(type: "TEXT", nullable: true),
                    Settings_PrintBlocked = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WindowsManagedAppProtections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GroupMembers",
                columns: table => new
                {
                    GroupId = table.Column<string>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    AddedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GroupMembers", x => new { x.GroupId, x.UserId });
                    table.ForeignKey(
                        name: "FK_GroupMembers_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_GroupMembers_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PolicyAssignments",
                columns: table => new
                {
                    PolicyId = table.Column<string>(type: "TEXT", nullable: false),
                    GroupId = table.Column<string>(type: "TEXT", nullable: false),
                    IsExclusion = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyAssignments", x => new { x.PolicyId, x.GroupId });
                    table.ForeignKey(
                        name: "FK_PolicyAssignments_Groups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "Groups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PolicyAssignments_WindowsManagedAppProtections_PolicyId",
                        column: x => x.PolicyId,
                        principalTable: "WindowsManagedAppProtections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_GroupMembers_UserId",
                table: "GroupMembers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Groups_NormalizedDisplayName",
                table: "Groups",
                column: "NormalizedDisplayName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PolicyAssignments_GroupId",
                table: "PolicyAssignments",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_Users_DisplayName",
                table: "Users",
                column: "DisplayName");

            migrationBuilder.CreateIndex(
                name: "IX_Users_NormalizedUserPrincipalName",
                table: "Users",
                column: "NormalizedUserPrincipalName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WindowsManagedAppProtections_NormalizedDisplayName",
                table: "WindowsManagedAppProtections",
                column: "NormalizedDisplayName",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "GroupMembers");

            migrationBuilder.DropTable(
                name: "PolicyAssignments");

            migrationBuilder.DropTable(
                name: "Users");

            migrationBuilder.DropTable(
                name: "Groups");

            migrationBuilder.DropTable(
                name: "WindowsManagedAppProtections");
        }
    }
}

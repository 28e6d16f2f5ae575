using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class WipeRequestsAndConditionalAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ConditionalAccessPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IncludedGroupIds = table.Column<string>(type: "TEXT", nullable: false),
                    ExcludedGroupIds = table.Column<string>(type: "TEXT", nullable: false),
                    LastModifiedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastModifiedBy = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConditionalAccessPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SignInLogs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SignInDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UserPrincipalName = table.Column<string>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: true),
                    AzureAdDeviceId = table.Column<string>(type: "TEXT", nullable: false),
                    ClientAppId = table.Column<string>(type: "TEXT", nullable: false),
                    Resource = table.Column<string>(type: "TEXT", nullable: false),
                    Granted = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReportOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReasonsJson = table.Column<string>(type: "TEXT", nullable: false),
                    RemediationJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInLogs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UserLevelWipes",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    UserPrincipalName = table.Column<string>(type: "TEXT", nullable: false),
                    AddedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AddedBy = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserLevelWipes", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_UserLevelWipes_Users_UserId",
                        column: x => x.UserId,
                        principalTable: "Users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WipeRequests",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RegistrationId = table.Column<string>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    UserPrincipalName = table.Column<string>(type: "TEXT", nullable: false),
                    AppId = table.Column<string>(type: "TEXT", nullable: false),
                    AzureAdDeviceId = table.Column<string>(type: "TEXT", nullable: false),
                    DeviceName = table.Column<string>(type: "TEXT", nullable: true),
                    Origin = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    CreatedDateTime = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", nullable: false),
                    DeliveredDateTime = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedDateTime = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WipeRequests", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignInLogs_SignInDateTime",
                table: "SignInLogs",
                column: "SignInDateTime");

            migrationBuilder.CreateIndex(
                name: "IX_SignInLogs_UserPrincipalName_SignInDateTime",
                table: "SignInLogs",
                columns: new[] { "UserPrincipalName", "SignInDateTime" });

            migrationBuilder.CreateIndex(
                name: "IX_WipeRequests_RegistrationId_Status",
                table: "WipeRequests",
                columns: new[] { "RegistrationId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_WipeRequests_Status_CompletedDateTime",
                table: "WipeRequests",
                columns: new[] { "Status", "CompletedDateTime" });

            migrationBuilder.CreateIndex(
                name: "IX_WipeRequests_UserId",
                table: "WipeRequests",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConditionalAccessPolicies");

            migrationBuilder.DropTable(
                name: "SignInLogs");

            migrationBuilder.DropTable(
                name: "UserLevelWipes");

            migrationBuilder.DropTable(
                name: "WipeRequests");
        }
    }
}

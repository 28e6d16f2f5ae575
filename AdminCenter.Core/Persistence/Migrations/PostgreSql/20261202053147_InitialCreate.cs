using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace AdminCenter.Core.Persistence.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:CollationDefinition:ADMINCENTER_NAME", "und-u-ks-level2,und-u-ks-level2,icu,False")
                .Annotation("Npgsql:CollationDefinition:NOCASE", "und-u-ks-level2,und-u-ks-level2,icu,False");

            migrationBuilder.CreateTable(
                name: "AdminPreferences",
                columns: table => new
                {
                    AdminId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Key = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    UpdatedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AdminPreferences", x => new { x.AdminId, x.Key });
                });

            migrationBuilder.CreateTable(
                name: "ApiTokens",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    NormalizedName = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Role = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    Salt = table.Column<byte[]>(type: "bytea", maxLength: 16, nullable: false),
                    Hash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    CreatedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ExpiresDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastUsedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiTokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUsers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "text", nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: false),
                    UserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    NormalizedEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    PasswordHash = table.Column<string>(type: "text", nullable: true),
                    SecurityStamp = table.Column<string>(type: "text", nullable: true),
                    ConcurrencyStamp = table.Column<string>(type: "text", nullable: true),
                    PhoneNumber = table.Column<string>(type: "text", nullable: true),
                    PhoneNumberConfirmed = table.Column<bool>(type: "boolean", nullable: false),
                    TwoFactorEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    LockoutEnd = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    LockoutEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    AccessFailedCount = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUsers", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AssignmentFilters",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NormalizedDisplayName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Description = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Rule = table.Column<string>(type: "character varying(3072)", maxLength: 3072, nullable: false),
                    CreatedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastModifiedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastModifiedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssignmentFilters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditEvents",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    ActivityDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Activity = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ActivityType = table.Column<int>(type: "integer", nullable: false),
                    Category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    InitiatedBy = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TargetType = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    TargetDisplayName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TargetId = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Result = table.Column<int>(type: "integer", nullable: false),
                    CorrelationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ModifiedPropertiesJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ChangeStamps",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Stamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ChangeStamps", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "ConditionalAccessPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    DisplayName = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    IncludedGroupIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    ExcludedGroupIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    LastModifiedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastModifiedBy = table.Column<string>(type: "text", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConditionalAccessPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CustomRoles",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(36)", maxLength: 36, nullable: false),
                    Name = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    NormalizedName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    PermissionsText = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    CreatedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomRoles", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DirectoryVersion",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    BumpedByTransaction = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectoryVersion", x => x.Id);
                    table.CheckConstraint("CK_DirectoryVersion_Singleton", "\"Id\" = 1");
                });

            migrationBuilder.CreateTable(
                name: "EvaluationReasonSets",
                columns: table => new
                {
                    Fingerprint = table.Column<long>(type: "bigint", nullable: false),
                    ReasonsJson = table.Column<string>(type: "text", nullable: false),
                    Summary = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationReasonSets", x => x.Fingerprint);
                });

            migrationBuilder.CreateTable(
                name: "Groups",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NormalizedDisplayName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Description = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    CreatedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastModifiedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Groups", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HealthReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConnectorId = table.Column<string>(type: "text", nullable: false),
                    UserPrincipalName = table.Column<string>(type: "text", nullable: false),
                    AppId = table.Column<string>(type: "text", nullable: false),
                    AzureAdDeviceId = table.Column<string>(type: "text", nullable: false),
                    ThreatLevel = table.Column<int>(type: "integer", nullable: false),
                    ReportedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReceivedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HealthReports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "JobRuns",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    LastPeriodStart = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastRunDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Instance = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobRuns", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "MobileThreatDefenseConnectors",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PartnerState = table.Column<int>(type: "integer", nullable: false),
                    LastHeartbeatDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ActivatedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StatusChangedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastModifiedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastModifiedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    PartnerSecretHash = table.Column<string>(type: "text", nullable: true),
                    PartnerSecretCreatedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ClassicPolicyState = table.Column<int>(type: "integer", nullable: false),
                    Settings_AllowPartnerToCollectIOSApplicationMetadata = table.Column<bool>(type: "boolean", nullable: false),
                    Settings_AllowPartnerToCollectIOSPersonalApplicationMetadata = table.Column<bool>(type: "boolean", nullable: false),
                    Settings_AllowPartnerToCollectIosCertificateMetadata = table.Column<bool>(type: "boolean", nullable: false),
                    Settings_AllowPartnerToCollectIosPersonalCertificateMetadata = table.Column<bool>(type: "boolean", nullable: false),
                    Settings_AndroidDeviceBlockedOnMissingPartnerData = table.Column<bool>(type: "boolean", nullable: false),
                    Settings_AndroidEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    Settings_AndroidMobileApplicationManagementEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    Settings_IosDeviceBlockedOnMissingPartnerData = table.Column<bool>(type: "boolean", nullable: false),
                    Settings_IosEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    Settings_IosMobileApplicationManagementEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    Settings_MicrosoftDefenderForEndpointAttachEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    Settings_PartnerUnresponsivenessThresholdInDays = table.Column<int>(type: "integer", nullable: false),
                    Settings_PartnerUnsupportedOsVersionBlocked = table.Column<bool>(type: "boolean", nullable: false),
                    Settings_WindowsEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    Settings_WindowsMobileApplicationManagementEnabled = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MobileThreatDefenseConnectors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReevaluationRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    RequestedStamp = table.Column<Guid>(type: "uuid", nullable: false),
                    CompletedStamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReevaluationRequests", x => x.Id);
                    table.CheckConstraint("CK_ReevaluationRequests_Singleton", "\"Id\" = 1");
                });

            migrationBuilder.CreateTable(
                name: "RegistrationOutcomeChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RegistrationId = table.Column<string>(type: "text", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    AppId = table.Column<string>(type: "text", nullable: false),
                    AzureAdDeviceId = table.Column<string>(type: "text", nullable: false),
                    PreviousOutcome = table.Column<int>(type: "integer", nullable: true),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    ChangedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReasonSetFingerprint = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RegistrationOutcomeChanges", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SignInLogs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    SignInDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UserPrincipalName = table.Column<string>(type: "text", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: true),
                    AzureAdDeviceId = table.Column<string>(type: "text", nullable: false),
                    ClientAppId = table.Column<string>(type: "text", nullable: false),
                    Resource = table.Column<string>(type: "text", nullable: false),
                    Granted = table.Column<bool>(type: "boolean", nullable: false),
                    ReportOnly = table.Column<bool>(type: "boolean", nullable: false),
                    ReasonsJson = table.Column<string>(type: "text", nullable: false),
                    RemediationJson = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInLogs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TargetedManagedAppConfigurations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NormalizedDisplayName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Description = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Apps = table.Column<List<string>>(type: "text[]", nullable: false),
                    EdgeSettings = table.Column<string>(type: "text", nullable: false),
                    GeneralSettings = table.Column<string>(type: "text", nullable: false),
                    CreatedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastModifiedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastModifiedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TargetedManagedAppConfigurations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserPrincipalName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NormalizedUserPrincipalName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AccountEnabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastModifiedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WindowsManagedAppProtections",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NormalizedDisplayName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Description = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true),
                    Apps = table.Column<List<string>>(type: "text[]", nullable: false),
                    RoleScopeTagIds = table.Column<List<string>>(type: "text[]", nullable: false),
                    CreatedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastModifiedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastModifiedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Settings_AllowedInboundDataTransferSources = table.Column<int>(type: "integer", nullable: false),
                    Settings_AllowedOutboundClipboardSharingLevel = table.Column<int>(type: "integer", nullable: false),
                    Settings_AllowedOutboundDataTransferDestinations = table.Column<int>(type: "integer", nullable: false),
                    Settings_AppActionIfUnableToAuthenticateUser = table.Column<int>(type: "integer", nullable: true),
                    Settings_MaximumAllowedDeviceThreatLevel = table.Column<int>(type: "integer", nullable: false),
                    Settings_MaximumRequiredOsVersion = table.Column<string>(type: "text", nullable: true),
                    Settings_MaximumWarningOsVersion = table.Column<string>(type: "text", nullable: true),
                    Settings_MaximumWipeOsVersion = table.Column<string>(type: "text", nullable: true),
                    Settings_MinimumRequiredAppVersion = table.Column<string>(type: "text", nullable: true),
                    Settings_MinimumRequiredOsVersion = table.Column<string>(type: "text", nullable: true),
                    Settings_MinimumRequiredSdkVersion = table.Column<string>(type: "text", nullable: true),
                    Settings_MinimumWarningAppVersion = table.Column<string>(type: "text", nullable: true),
                    Settings_MinimumWarningOsVersion = table.Column<string>(type: "text", nullable: true),
                    Settings_MinimumWipeAppVersion = table.Column<string>(type: "text", nullable: true),
                    Settings_MinimumWipeOsVersion = table.Column<string>(type: "text", nullable: true),
                    Settings_MinimumWipeSdkVersion = table.Column<string>(type: "text", nullable: true),
                    Settings_MobileThreatDefenseRemediationAction = table.Column<int>(type: "integer", nullable: false),
                    Settings_PeriodOfflineBeforeAccessCheck = table.Column<TimeSpan>(type: "interval", nullable: true),
                    Settings_PeriodOfflineBeforeWipeIsEnforced = table.Column<TimeSpan>(type: "interval", nullable: true),
                    Settings_PrintBlocked = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WindowsManagedAppProtections", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WipeRequests",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RegistrationId = table.Column<string>(type: "text", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    UserPrincipalName = table.Column<string>(type: "text", nullable: false),
                    AppId = table.Column<string>(type: "text", nullable: false),
                    AzureAdDeviceId = table.Column<string>(type: "text", nullable: false),
                    DeviceName = table.Column<string>(type: "text", nullable: true),
                    Origin = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CreatedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "text", nullable: false),
                    DeliveredDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CompletedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Message = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WipeRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AspNetRoleClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RoleId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetRoleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetRoleClaims_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserClaims",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    ClaimType = table.Column<string>(type: "text", nullable: true),
                    ClaimValue = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AspNetUserClaims_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserLogins",
                columns: table => new
                {
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    ProviderKey = table.Column<string>(type: "text", nullable: false),
                    ProviderDisplayName = table.Column<string>(type: "text", nullable: true),
                    UserId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserLogins", x => new { x.LoginProvider, x.ProviderKey });
                    table.ForeignKey(
                        name: "FK_AspNetUserLogins_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserRoles",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    RoleId = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserRoles", x => new { x.UserId, x.RoleId });
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetRoles_RoleId",
                        column: x => x.RoleId,
                        principalTable: "AspNetRoles",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AspNetUserRoles_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AspNetUserTokens",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    LoginProvider = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AspNetUserTokens", x => new { x.UserId, x.LoginProvider, x.Name });
                    table.ForeignKey(
                        name: "FK_AspNetUserTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ClassicConditionalAccessPolicies",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ConnectorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClassicConditionalAccessPolicies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClassicConditionalAccessPolicies_MobileThreatDefenseConnect~",
                        column: x => x.ConnectorId,
                        principalTable: "MobileThreatDefenseConnectors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ConnectorStatusChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ConnectorId = table.Column<string>(type: "character varying(64)", nullable: false),
                    PreviousState = table.Column<int>(type: "integer", nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ChangedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Cause = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConnectorStatusChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConnectorStatusChanges_MobileThreatDefenseConnectors_Connec~",
                        column: x => x.ConnectorId,
                        principalTable: "MobileThreatDefenseConnectors",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AppConfigurationAssignments",
                columns: table => new
                {
                    PolicyId = table.Column<string>(type: "character varying(64)", nullable: false),
                    GroupId = table.Column<string>(type: "character varying(64)", nullable: false),
                    IsExclusion = table.Column<bool>(type: "boolean", nullable: false),
                    FilterId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FilterMode = table.Column<int>(type: "integer", nullable: false)
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
                        name: "FK_AppConfigurationAssignments_TargetedManagedAppConfiguration~",
                        column: x => x.PolicyId,
                        principalTable: "TargetedManagedAppConfigurations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "GroupMembers",
                columns: table => new
                {
                    GroupId = table.Column<string>(type: "character varying(64)", nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", nullable: false),
                    AddedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                name: "MamRegistrations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", nullable: false),
                    UserPrincipalName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AppId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    AzureAdDeviceId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    DeviceName = table.Column<string>(type: "text", nullable: true),
                    DeviceModel = table.Column<string>(type: "text", nullable: true),
                    DeviceManufacturer = table.Column<string>(type: "text", nullable: true),
                    PlatformVersion = table.Column<string>(type: "text", nullable: true),
                    AppVersion = table.Column<string>(type: "text", nullable: true),
                    SdkVersion = table.Column<string>(type: "text", nullable: true),
                    EnrolledDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastCheckInDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ThreatLevel = table.Column<int>(type: "integer", nullable: true),
                    ThreatReportedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ThreatConnectorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    OutcomeChangedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PolicyNames = table.Column<string>(type: "text", nullable: false),
                    EvaluationFingerprint = table.Column<long>(type: "bigint", nullable: false)
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
                name: "UserLevelWipes",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "character varying(64)", nullable: false),
                    UserPrincipalName = table.Column<string>(type: "text", nullable: false),
                    AddedDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AddedBy = table.Column<string>(type: "text", nullable: false)
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
                name: "PolicyAssignments",
                columns: table => new
                {
                    PolicyId = table.Column<string>(type: "character varying(64)", nullable: false),
                    GroupId = table.Column<string>(type: "character varying(64)", nullable: false),
                    IsExclusion = table.Column<bool>(type: "boolean", nullable: false),
                    FilterId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    FilterMode = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyAssignments", x => new { x.PolicyId, x.GroupId });
                    table.ForeignKey(
                        name: "FK_PolicyAssignments_AssignmentFilters_FilterId",
                        column: x => x.FilterId,
                        principalTable: "AssignmentFilters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
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

            migrationBuilder.CreateTable(
                name: "AppConfigurationDeliveries",
                columns: table => new
                {
                    RegistrationId = table.Column<string>(type: "character varying(64)", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    UserPrincipalName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AppId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    AzureAdDeviceId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    DeviceName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DeliveredDateTime = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Policies = table.Column<string>(type: "text", nullable: false),
                    Settings = table.Column<string>(type: "text", nullable: false),
                    Conflicts = table.Column<string>(type: "text", nullable: false),
                    HasConflicts = table.Column<bool>(type: "boolean", nullable: false)
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

            migrationBuilder.InsertData(
                table: "ChangeStamps",
                columns: new[] { "Name", "Stamp" },
                values: new object[] { "CustomRoles", new Guid("00000000-0000-0000-0000-000000000000") });

            migrationBuilder.InsertData(
                table: "DirectoryVersion",
                columns: new[] { "Id", "BumpedByTransaction", "Version" },
                values: new object[] { 1, null, 0L });

            migrationBuilder.InsertData(
                table: "ReevaluationRequests",
                columns: new[] { "Id", "CompletedStamp", "RequestedStamp" },
                values: new object[] { 1, new Guid("00000000-0000-0000-0000-000000000000"), new Guid("00000000-0000-0000-0000-000000000000") });

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_NormalizedName",
                table: "ApiTokens",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_Prefix",
                table: "ApiTokens",
                column: "Prefix");

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
                name: "IX_AspNetRoleClaims_RoleId",
                table: "AspNetRoleClaims",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "AspNetRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserClaims_UserId",
                table: "AspNetUserClaims",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserLogins_UserId",
                table: "AspNetUserLogins",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_AspNetUserRoles_RoleId",
                table: "AspNetUserRoles",
                column: "RoleId");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "AspNetUsers",
                column: "NormalizedEmail");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "AspNetUsers",
                column: "NormalizedUserName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AssignmentFilters_NormalizedDisplayName",
                table: "AssignmentFilters",
                column: "NormalizedDisplayName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ActivityDateTime",
                table: "AuditEvents",
                column: "ActivityDateTime");

            migrationBuilder.CreateIndex(
                name: "IX_ClassicConditionalAccessPolicies_ConnectorId",
                table: "ClassicConditionalAccessPolicies",
                column: "ConnectorId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ConnectorStatusChanges_ConnectorId_ChangedDateTime",
                table: "ConnectorStatusChanges",
                columns: new[] { "ConnectorId", "ChangedDateTime" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomRoles_NormalizedName",
                table: "CustomRoles",
                column: "NormalizedName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GroupMembers_UserId_GroupId",
                table: "GroupMembers",
                columns: new[] { "UserId", "GroupId" });

            migrationBuilder.CreateIndex(
                name: "IX_Groups_NormalizedDisplayName",
                table: "Groups",
                column: "NormalizedDisplayName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_AzureAdDeviceId",
                table: "MamRegistrations",
                column: "AzureAdDeviceId");

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_LastCheckInDateTime",
                table: "MamRegistrations",
                column: "LastCheckInDateTime");

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_Outcome_LastCheckInDateTime",
                table: "MamRegistrations",
                columns: new[] { "Outcome", "LastCheckInDateTime" });

            migrationBuilder.CreateIndex(
                name: "IX_MamRegistrations_Search",
                table: "MamRegistrations",
                columns: new[] { "DeviceName", "UserPrincipalName", "UserId" });

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
                name: "IX_PolicyAssignments_FilterId",
                table: "PolicyAssignments",
                column: "FilterId");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyAssignments_GroupId",
                table: "PolicyAssignments",
                column: "GroupId");

            migrationBuilder.CreateIndex(
                name: "IX_RegistrationOutcomeChanges_UserId_ChangedDateTime",
                table: "RegistrationOutcomeChanges",
                columns: new[] { "UserId", "ChangedDateTime" });

            migrationBuilder.CreateIndex(
                name: "IX_SignInLogs_SignInDateTime",
                table: "SignInLogs",
                column: "SignInDateTime");

            migrationBuilder.CreateIndex(
                name: "IX_SignInLogs_UserPrincipalName_SignInDateTime",
                table: "SignInLogs",
                columns: new[] { "UserPrincipalName", "SignInDateTime" });

            migrationBuilder.CreateIndex(
                name: "IX_TargetedManagedAppConfigurations_NormalizedDisplayName",
                table: "TargetedManagedAppConfigurations",
                column: "NormalizedDisplayName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Users_DisplayName_Id",
                table: "Users",
                columns: new[] { "DisplayName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Users_NormalizedUserPrincipalName",
                table: "Users",
                column: "NormalizedUserPrincipalName",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Users_Search",
                table: "Users",
                columns: new[] { "NormalizedUserPrincipalName", "DisplayName", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WindowsManagedAppProtections_NormalizedDisplayName",
                table: "WindowsManagedAppProtections",
                column: "NormalizedDisplayName",
                unique: true);

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

            // The one piece of schema EF Core does not model: triggers keeping DirectoryVersion current (see there).
            migrationBuilder.Sql(DirectoryVersionTriggers.Create(migrationBuilder.ActiveProvider));
            // The status search's trigram indexes, also hand-written SQL (see there).
            migrationBuilder.Sql(StatusSearchIndex.Create(migrationBuilder.ActiveProvider));
            // The registration counters for the status report's totals (see there).
            migrationBuilder.Sql(StatusCounts.Create(migrationBuilder.ActiveProvider));
            migrationBuilder.Sql(SqlDialect.PostgreSqlSchemaObjects);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(StatusCounts.Drop(migrationBuilder.ActiveProvider));
            migrationBuilder.Sql(StatusSearchIndex.Drop(migrationBuilder.ActiveProvider));
            migrationBuilder.Sql(DirectoryVersionTriggers.Drop(migrationBuilder.ActiveProvider));

            migrationBuilder.DropTable(
                name: "AdminPreferences");

            migrationBuilder.DropTable(
                name: "ApiTokens");

            migrationBuilder.DropTable(
                name: "AppConfigurationAssignments");

            migrationBuilder.DropTable(
                name: "AppConfigurationDeliveries");

            migrationBuilder.DropTable(
                name: "AspNetRoleClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserClaims");

            migrationBuilder.DropTable(
                name: "AspNetUserLogins");

            migrationBuilder.DropTable(
                name: "AspNetUserRoles");

            migrationBuilder.DropTable(
                name: "AspNetUserTokens");

            migrationBuilder.DropTable(
                name: "AuditEvents");

            migrationBuilder.DropTable(
                name: "ChangeStamps");

            migrationBuilder.DropTable(
                name: "ClassicConditionalAccessPolicies");

            migrationBuilder.DropTable(
                name: "ConditionalAccessPolicies");

            migrationBuilder.DropTable(
                name: "ConnectorStatusChanges");

            migrationBuilder.DropTable(
                name: "CustomRoles");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "DirectoryVersion");

            migrationBuilder.DropTable(
                name: "EvaluationReasonSets");

            migrationBuilder.DropTable(
                name: "GroupMembers");

            migrationBuilder.DropTable(
                name: "HealthReports");

            migrationBuilder.DropTable(
                name: "JobRuns");

            migrationBuilder.DropTable(
                name: "PolicyAssignments");

            migrationBuilder.DropTable(
                name: "ReevaluationRequests");

            migrationBuilder.DropTable(
                name: "RegistrationOutcomeChanges");

            migrationBuilder.DropTable(
                name: "SignInLogs");

            migrationBuilder.DropTable(
                name: "UserLevelWipes");

            migrationBuilder.DropTable(
                name: "WipeRequests");

            migrationBuilder.DropTable(
                name: "TargetedManagedAppConfigurations");

            migrationBuilder.DropTable(
                name: "MamRegistrations");

            migrationBuilder.DropTable(
                name: "AspNetRoles");

            migrationBuilder.DropTable(
                name: "AspNetUsers");

            migrationBuilder.DropTable(
                name: "MobileThreatDefenseConnectors");

            migrationBuilder.DropTable(
                name: "AssignmentFilters");

            migrationBuilder.DropTable(
                name: "Groups");

            migrationBuilder.DropTable(
                name: "WindowsManagedAppProtections");

            migrationBuilder.DropTable(
                name: "Users");
        }
    }
}

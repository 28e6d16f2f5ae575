CREATE TABLE IF NOT EXISTS "__EFMigrationsHistory" (
    "MigrationId" TEXT NOT NULL CONSTRAINT "PK___EFMigrationsHistory" PRIMARY KEY,
    "ProductVersion" TEXT NOT NULL
);

BEGIN TRANSACTION;
CREATE TABLE "AdminPreferences" (
    "AdminId" TEXT NOT NULL,
    "Key" TEXT NOT NULL,
    "Value" TEXT NOT NULL,
    "UpdatedDateTime" TEXT NOT NULL,
    CONSTRAINT "PK_AdminPreferences" PRIMARY KEY ("AdminId", "Key")
);

CREATE TABLE "ApiTokens" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ApiTokens" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "NormalizedName" TEXT NOT NULL,
    "Role" TEXT NOT NULL,
    "Prefix" TEXT NOT NULL,
    "Salt" BLOB NOT NULL,
    "Hash" BLOB NOT NULL,
    "CreatedDateTime" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "ExpiresDateTime" TEXT NOT NULL,
    "LastUsedDateTime" TEXT NULL,
    "RevokedDateTime" TEXT NULL,
    "RevokedBy" TEXT NULL
);

CREATE TABLE "AspNetRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetRoles" PRIMARY KEY,
    "Name" TEXT NULL,
    "NormalizedName" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL
);

CREATE TABLE "AspNetUsers" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AspNetUsers" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "UserName" TEXT NULL,
    "NormalizedUserName" TEXT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "EmailConfirmed" INTEGER NOT NULL,
    "PasswordHash" TEXT NULL,
    "SecurityStamp" TEXT NULL,
    "ConcurrencyStamp" TEXT NULL,
    "PhoneNumber" TEXT NULL,
    "PhoneNumberConfirmed" INTEGER NOT NULL,
    "TwoFactorEnabled" INTEGER NOT NULL,
    "LockoutEnd" TEXT NULL,
    "LockoutEnabled" INTEGER NOT NULL,
    "AccessFailedCount" INTEGER NOT NULL
);

CREATE TABLE "AssignmentFilters" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AssignmentFilters" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "NormalizedDisplayName" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Rule" TEXT NOT NULL,
    "CreatedDateTime" TEXT NOT NULL,
    "LastModifiedDateTime" TEXT NOT NULL,
    "LastModifiedBy" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "AuditEvents" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_AuditEvents" PRIMARY KEY,
    "ActivityDateTime" TEXT NOT NULL,
    "Activity" TEXT NOT NULL,
    "ActivityType" INTEGER NOT NULL,
    "Category" TEXT NOT NULL,
    "InitiatedBy" TEXT NOT NULL,
    "TargetType" TEXT NOT NULL,
    "TargetDisplayName" TEXT NOT NULL,
    "TargetId" TEXT NOT NULL,
    "Result" INTEGER NOT NULL,
    "CorrelationId" TEXT NOT NULL,
    "ModifiedPropertiesJson" TEXT NOT NULL
);

CREATE TABLE "ChangeStamps" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_ChangeStamps" PRIMARY KEY,
    "Stamp" TEXT NOT NULL
);

CREATE TABLE "ConditionalAccessPolicies" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ConditionalAccessPolicies" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "State" INTEGER NOT NULL,
    "IncludedGroupIds" TEXT NOT NULL,
    "ExcludedGroupIds" TEXT NOT NULL,
    "LastModifiedDateTime" TEXT NOT NULL,
    "LastModifiedBy" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "CustomRoles" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CustomRoles" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "NormalizedName" TEXT NOT NULL,
    "Description" TEXT NOT NULL,
    "PermissionsText" TEXT NOT NULL,
    "CreatedDateTime" TEXT NOT NULL,
    "ModifiedDateTime" TEXT NOT NULL
);

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);

CREATE TABLE "DirectoryVersion" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DirectoryVersion" PRIMARY KEY,
    "Version" INTEGER NOT NULL,
    CONSTRAINT "CK_DirectoryVersion_Singleton" CHECK ("Id" = 1)
);

CREATE TABLE "EvaluationReasonSets" (
    "Fingerprint" INTEGER NOT NULL CONSTRAINT "PK_EvaluationReasonSets" PRIMARY KEY,
    "ReasonsJson" TEXT NOT NULL,
    "Summary" TEXT NOT NULL
);

CREATE TABLE "Groups" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Groups" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "NormalizedDisplayName" TEXT NOT NULL,
    "Description" TEXT NULL,
    "CreatedDateTime" TEXT NOT NULL,
    "LastModifiedDateTime" TEXT NOT NULL
);

CREATE TABLE "HealthReports" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_HealthReports" PRIMARY KEY AUTOINCREMENT,
    "ConnectorId" TEXT NOT NULL,
    "UserPrincipalName" TEXT NOT NULL,
    "AppId" TEXT NOT NULL,
    "AzureAdDeviceId" TEXT NOT NULL,
    "ThreatLevel" INTEGER NOT NULL,
    "ReportedDateTime" TEXT NOT NULL,
    "ReceivedDateTime" TEXT NOT NULL
);

CREATE TABLE "JobRuns" (
    "Name" TEXT NOT NULL CONSTRAINT "PK_JobRuns" PRIMARY KEY,
    "LastPeriodStart" TEXT NOT NULL,
    "LastRunDateTime" TEXT NOT NULL,
    "Instance" TEXT NOT NULL
);

CREATE TABLE "MobileThreatDefenseConnectors" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MobileThreatDefenseConnectors" PRIMARY KEY,
    "PartnerState" INTEGER NOT NULL,
    "LastHeartbeatDateTime" TEXT NULL,
    "ActivatedDateTime" TEXT NULL,
    "StatusChangedDateTime" TEXT NOT NULL,
    "CreatedDateTime" TEXT NOT NULL,
    "LastModifiedDateTime" TEXT NOT NULL,
    "LastModifiedBy" TEXT NOT NULL,
    "PartnerSecretHash" TEXT NULL,
    "PartnerSecretCreatedDateTime" TEXT NULL,
    "Version" INTEGER NOT NULL,
    "ClassicPolicyState" INTEGER NOT NULL,
    "Settings_AllowPartnerToCollectIOSApplicationMetadata" INTEGER NOT NULL,
    "Settings_AllowPartnerToCollectIOSPersonalApplicationMetadata" INTEGER NOT NULL,
    "Settings_AllowPartnerToCollectIosCertificateMetadata" INTEGER NOT NULL,
    "Settings_AllowPartnerToCollectIosPersonalCertificateMetadata" INTEGER NOT NULL,
    "Settings_AndroidDeviceBlockedOnMissingPartnerData" INTEGER NOT NULL,
    "Settings_AndroidEnabled" INTEGER NOT NULL,
    "Settings_AndroidMobileApplicationManagementEnabled" INTEGER NOT NULL,
    "Settings_IosDeviceBlockedOnMissingPartnerData" INTEGER NOT NULL,
    "Settings_IosEnabled" INTEGER NOT NULL,
    "Settings_IosMobileApplicationManagementEnabled" INTEGER NOT NULL,
    "Settings_MicrosoftDefenderForEndpointAttachEnabled" INTEGER NOT NULL,
    "Settings_PartnerUnresponsivenessThresholdInDays" INTEGER NOT NULL,
    "Settings_PartnerUnsupportedOsVersionBlocked" INTEGER NOT NULL,
    "Settings_WindowsEnabled" INTEGER NOT NULL,
    "Settings_WindowsMobileApplicationManagementEnabled" INTEGER NOT NULL
);

CREATE TABLE "ReevaluationRequests" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ReevaluationRequests" PRIMARY KEY,
    "RequestedStamp" TEXT NOT NULL,
    "CompletedStamp" TEXT NOT NULL,
    CONSTRAINT "CK_ReevaluationRequests_Singleton" CHECK ("Id" = 1)
);

CREATE TABLE "RegistrationOutcomeChanges" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_RegistrationOutcomeChanges" PRIMARY KEY AUTOINCREMENT,
    "RegistrationId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "AppId" TEXT NOT NULL,
    "AzureAdDeviceId" TEXT NOT NULL,
    "PreviousOutcome" INTEGER NULL,
    "Outcome" INTEGER NOT NULL,
    "ChangedDateTime" TEXT NOT NULL,
    "ReasonSetFingerprint" INTEGER NOT NULL
);

CREATE TABLE "SignInLogs" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_SignInLogs" PRIMARY KEY AUTOINCREMENT,
    "SignInDateTime" TEXT NOT NULL,
    "UserPrincipalName" TEXT NOT NULL,
    "UserId" TEXT NULL,
    "AzureAdDeviceId" TEXT NOT NULL,
    "ClientAppId" TEXT NOT NULL,
    "Resource" TEXT NOT NULL,
    "Granted" INTEGER NOT NULL,
    "ReportOnly" INTEGER NOT NULL,
    "ReasonsJson" TEXT NOT NULL,
    "RemediationJson" TEXT NOT NULL
);

CREATE TABLE "TargetedManagedAppConfigurations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TargetedManagedAppConfigurations" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "NormalizedDisplayName" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Apps" TEXT NOT NULL,
    "EdgeSettings" TEXT NOT NULL,
    "GeneralSettings" TEXT NOT NULL,
    "CreatedDateTime" TEXT NOT NULL,
    "LastModifiedDateTime" TEXT NOT NULL,
    "LastModifiedBy" TEXT NOT NULL,
    "Version" INTEGER NOT NULL
);

CREATE TABLE "Users" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Users" PRIMARY KEY,
    "UserPrincipalName" TEXT NOT NULL,
    "NormalizedUserPrincipalName" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "AccountEnabled" INTEGER NOT NULL,
    "CreatedDateTime" TEXT NOT NULL,
    "LastModifiedDateTime" TEXT NOT NULL
);

CREATE TABLE "WindowsManagedAppProtections" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WindowsManagedAppProtections" PRIMARY KEY,
    "DisplayName" TEXT NOT NULL,
    "NormalizedDisplayName" TEXT NOT NULL,
    "Description" TEXT NULL,
    "Apps" TEXT NOT NULL,
    "RoleScopeTagIds" TEXT NOT NULL,
    "CreatedDateTime" TEXT NOT NULL,
    "LastModifiedDateTime" TEXT NOT NULL,
    "LastModifiedBy" TEXT NOT NULL,
    "Version" INTEGER NOT NULL,
    "Settings_AllowedInboundDataTransferSources" INTEGER NOT NULL,
    "Settings_AllowedOutboundClipboardSharingLevel" INTEGER NOT NULL,
    "Settings_AllowedOutboundDataTransferDestinations" INTEGER NOT NULL,
    "Settings_AppActionIfUnableToAuthenticateUser" INTEGER NULL,
    "Settings_MaximumAllowedDeviceThreatLevel" INTEGER NOT NULL,
    "Settings_MaximumRequiredOsVersion" TEXT NULL,
    "Settings_MaximumWarningOsVersion" TEXT NULL,
    "Settings_MaximumWipeOsVersion" TEXT NULL,
    "Settings_MinimumRequiredAppVersion" TEXT NULL,
    "Settings_MinimumRequiredOsVersion" TEXT NULL,
    "Settings_MinimumRequiredSdkVersion" TEXT NULL,
    "Settings_MinimumWarningAppVersion" TEXT NULL,
    "Settings_MinimumWarningOsVersion" TEXT NULL,
    "Settings_MinimumWipeAppVersion" TEXT NULL,
    "Settings_MinimumWipeOsVersion" TEXT NULL,
    "Settings_MinimumWipeSdkVersion" TEXT NULL,
    "Settings_MobileThreatDefenseRemediationAction" INTEGER NOT NULL,
    "Settings_PeriodOfflineBeforeAccessCheck" TEXT NULL,
    "Settings_PeriodOfflineBeforeWipeIsEnforced" TEXT NULL,
    "Settings_PrintBlocked" INTEGER NOT NULL
);

CREATE TABLE "WipeRequests" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_WipeRequests" PRIMARY KEY,
    "RegistrationId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "UserPrincipalName" TEXT NOT NULL,
    "AppId" TEXT NOT NULL,
    "AzureAdDeviceId" TEXT NOT NULL,
    "DeviceName" TEXT NULL,
    "Origin" INTEGER NOT NULL,
    "Status" INTEGER NOT NULL,
    "CreatedDateTime" TEXT NOT NULL,
    "CreatedBy" TEXT NOT NULL,
    "DeliveredDateTime" TEXT NULL,
    "CompletedDateTime" TEXT NULL,
    "Message" TEXT NULL
);

CREATE TABLE "AspNetRoleClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetRoleClaims" PRIMARY KEY AUTOINCREMENT,
    "RoleId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetRoleClaims_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserClaims" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AspNetUserClaims" PRIMARY KEY AUTOINCREMENT,
    "UserId" TEXT NOT NULL,
    "ClaimType" TEXT NULL,
    "ClaimValue" TEXT NULL,
    CONSTRAINT "FK_AspNetUserClaims_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserLogins" (
    "LoginProvider" TEXT NOT NULL,
    "ProviderKey" TEXT NOT NULL,
    "ProviderDisplayName" TEXT NULL,
    "UserId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserLogins" PRIMARY KEY ("LoginProvider", "ProviderKey"),
    CONSTRAINT "FK_AspNetUserLogins_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserRoles" (
    "UserId" TEXT NOT NULL,
    "RoleId" TEXT NOT NULL,
    CONSTRAINT "PK_AspNetUserRoles" PRIMARY KEY ("UserId", "RoleId"),
    CONSTRAINT "FK_AspNetUserRoles_AspNetRoles_RoleId" FOREIGN KEY ("RoleId") REFERENCES "AspNetRoles" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AspNetUserRoles_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AspNetUserTokens" (
    "UserId" TEXT NOT NULL,
    "LoginProvider" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Value" TEXT NULL,
    CONSTRAINT "PK_AspNetUserTokens" PRIMARY KEY ("UserId", "LoginProvider", "Name"),
    CONSTRAINT "FK_AspNetUserTokens_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ClassicConditionalAccessPolicies" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_ClassicConditionalAccessPolicies" PRIMARY KEY,
    "ConnectorId" TEXT NOT NULL,
    "DisplayName" TEXT NOT NULL,
    "CreatedDateTime" TEXT NOT NULL,
    CONSTRAINT "FK_ClassicConditionalAccessPolicies_MobileThreatDefenseConnectors_ConnectorId" FOREIGN KEY ("ConnectorId") REFERENCES "MobileThreatDefenseConnectors" ("Id") ON DELETE CASCADE
);

CREATE TABLE "ConnectorStatusChanges" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_ConnectorStatusChanges" PRIMARY KEY AUTOINCREMENT,
    "ConnectorId" TEXT NOT NULL,
    "PreviousState" INTEGER NULL,
    "State" INTEGER NOT NULL,
    "ChangedDateTime" TEXT NOT NULL,
    "Cause" TEXT NOT NULL,
    CONSTRAINT "FK_ConnectorStatusChanges_MobileThreatDefenseConnectors_ConnectorId" FOREIGN KEY ("ConnectorId") REFERENCES "MobileThreatDefenseConnectors" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AppConfigurationAssignments" (
    "PolicyId" TEXT NOT NULL,
    "GroupId" TEXT NOT NULL,
    "IsExclusion" INTEGER NOT NULL,
    "FilterId" TEXT NULL,
    "FilterMode" INTEGER NOT NULL,
    CONSTRAINT "PK_AppConfigurationAssignments" PRIMARY KEY ("PolicyId", "GroupId"),
    CONSTRAINT "FK_AppConfigurationAssignments_AssignmentFilters_FilterId" FOREIGN KEY ("FilterId") REFERENCES "AssignmentFilters" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_AppConfigurationAssignments_Groups_GroupId" FOREIGN KEY ("GroupId") REFERENCES "Groups" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AppConfigurationAssignments_TargetedManagedAppConfigurations_PolicyId" FOREIGN KEY ("PolicyId") REFERENCES "TargetedManagedAppConfigurations" ("Id") ON DELETE CASCADE
);

CREATE TABLE "GroupMembers" (
    "GroupId" TEXT NOT NULL,
    "UserId" TEXT NOT NULL,
    "AddedDateTime" TEXT NOT NULL,
    CONSTRAINT "PK_GroupMembers" PRIMARY KEY ("GroupId", "UserId"),
    CONSTRAINT "FK_GroupMembers_Groups_GroupId" FOREIGN KEY ("GroupId") REFERENCES "Groups" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_GroupMembers_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "MamRegistrations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MamRegistrations" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "UserPrincipalName" TEXT NOT NULL,
    "AppId" TEXT NOT NULL,
    "AzureAdDeviceId" TEXT NOT NULL,
    "DeviceName" TEXT NULL,
    "DeviceModel" TEXT NULL,
    "DeviceManufacturer" TEXT NULL,
    "PlatformVersion" TEXT NULL,
    "AppVersion" TEXT NULL,
    "SdkVersion" TEXT NULL,
    "EnrolledDateTime" TEXT NOT NULL,
    "LastCheckInDateTime" TEXT NOT NULL,
    "ThreatLevel" INTEGER NULL,
    "ThreatReportedDateTime" TEXT NULL,
    "ThreatConnectorId" TEXT NULL,
    "Outcome" INTEGER NOT NULL,
    "OutcomeChangedDateTime" TEXT NOT NULL,
    "PolicyNames" TEXT NOT NULL,
    "EvaluationFingerprint" INTEGER NOT NULL,
    CONSTRAINT "FK_MamRegistrations_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "UserLevelWipes" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_UserLevelWipes" PRIMARY KEY,
    "UserPrincipalName" TEXT NOT NULL,
    "AddedDateTime" TEXT NOT NULL,
    "AddedBy" TEXT NOT NULL,
    CONSTRAINT "FK_UserLevelWipes_Users_UserId" FOREIGN KEY ("UserId") REFERENCES "Users" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PolicyAssignments" (
    "PolicyId" TEXT NOT NULL,
    "GroupId" TEXT NOT NULL,
    "IsExclusion" INTEGER NOT NULL,
    "FilterId" TEXT NULL,
    "FilterMode" INTEGER NOT NULL,
    CONSTRAINT "PK_PolicyAssignments" PRIMARY KEY ("PolicyId", "GroupId"),
    CONSTRAINT "FK_PolicyAssignments_AssignmentFilters_FilterId" FOREIGN KEY ("FilterId") REFERENCES "AssignmentFilters" ("Id") ON DELETE RESTRICT,
    CONSTRAINT "FK_PolicyAssignments_Groups_GroupId" FOREIGN KEY ("GroupId") REFERENCES "Groups" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_PolicyAssignments_WindowsManagedAppProtections_PolicyId" FOREIGN KEY ("PolicyId") REFERENCES "WindowsManagedAppProtections" ("Id") ON DELETE CASCADE
);

CREATE TABLE "AppConfigurationDeliveries" (
    "RegistrationId" TEXT NOT NULL CONSTRAINT "PK_AppConfigurationDeliveries" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "UserPrincipalName" TEXT NOT NULL,
    "AppId" TEXT NOT NULL,
    "AzureAdDeviceId" TEXT NOT NULL,
    "DeviceName" TEXT NULL,
    "DeliveredDateTime" TEXT NOT NULL,
    "Policies" TEXT NOT NULL,
    "Settings" TEXT NOT NULL,
    "Conflicts" TEXT NOT NULL,
    "HasConflicts" INTEGER NOT NULL,
    CONSTRAINT "FK_AppConfigurationDeliveries_MamRegistrations_RegistrationId" FOREIGN KEY ("RegistrationId") REFERENCES "MamRegistrations" ("Id") ON DELETE CASCADE
);

INSERT INTO "ChangeStamps" ("Name", "Stamp")
VALUES ('CustomRoles', '00000000-0000-0000-0000-000000000000');
SELECT changes();


INSERT INTO "DirectoryVersion" ("Id", "Version")
VALUES (1, 0);
SELECT changes();


INSERT INTO "ReevaluationRequests" ("Id", "CompletedStamp", "RequestedStamp")
VALUES (1, '00000000-0000-0000-0000-000000000000', '00000000-0000-0000-0000-000000000000');
SELECT changes();


CREATE UNIQUE INDEX "IX_ApiTokens_NormalizedName" ON "ApiTokens" ("NormalizedName");

CREATE INDEX "IX_ApiTokens_Prefix" ON "ApiTokens" ("Prefix");

CREATE INDEX "IX_AppConfigurationAssignments_FilterId" ON "AppConfigurationAssignments" ("FilterId");

CREATE INDEX "IX_AppConfigurationAssignments_GroupId" ON "AppConfigurationAssignments" ("GroupId");

CREATE INDEX "IX_AppConfigurationDeliveries_UserId" ON "AppConfigurationDeliveries" ("UserId");

CREATE INDEX "IX_AspNetRoleClaims_RoleId" ON "AspNetRoleClaims" ("RoleId");

CREATE UNIQUE INDEX "RoleNameIndex" ON "AspNetRoles" ("NormalizedName");

CREATE INDEX "IX_AspNetUserClaims_UserId" ON "AspNetUserClaims" ("UserId");

CREATE INDEX "IX_AspNetUserLogins_UserId" ON "AspNetUserLogins" ("UserId");

CREATE INDEX "IX_AspNetUserRoles_RoleId" ON "AspNetUserRoles" ("RoleId");

CREATE INDEX "EmailIndex" ON "AspNetUsers" ("NormalizedEmail");

CREATE UNIQUE INDEX "UserNameIndex" ON "AspNetUsers" ("NormalizedUserName");

CREATE UNIQUE INDEX "IX_AssignmentFilters_NormalizedDisplayName" ON "AssignmentFilters" ("NormalizedDisplayName");

CREATE INDEX "IX_AuditEvents_ActivityDateTime" ON "AuditEvents" ("ActivityDateTime");

CREATE UNIQUE INDEX "IX_ClassicConditionalAccessPolicies_ConnectorId" ON "ClassicConditionalAccessPolicies" ("ConnectorId");

CREATE INDEX "IX_ConnectorStatusChanges_ConnectorId_ChangedDateTime" ON "ConnectorStatusChanges" ("ConnectorId", "ChangedDateTime");

CREATE UNIQUE INDEX "IX_CustomRoles_NormalizedName" ON "CustomRoles" ("NormalizedName");

CREATE INDEX "IX_GroupMembers_UserId_GroupId" ON "GroupMembers" ("UserId", "GroupId");

CREATE UNIQUE INDEX "IX_Groups_NormalizedDisplayName" ON "Groups" ("NormalizedDisplayName");

CREATE INDEX "IX_MamRegistrations_AzureAdDeviceId" ON "MamRegistrations" ("AzureAdDeviceId");

CREATE INDEX "IX_MamRegistrations_LastCheckInDateTime" ON "MamRegistrations" ("LastCheckInDateTime");

CREATE INDEX "IX_MamRegistrations_Outcome_LastCheckInDateTime" ON "MamRegistrations" ("Outcome", "LastCheckInDateTime");

CREATE INDEX "IX_MamRegistrations_Search" ON "MamRegistrations" ("DeviceName", "UserPrincipalName", "UserId");

CREATE UNIQUE INDEX "IX_MamRegistrations_UserId_AppId_AzureAdDeviceId" ON "MamRegistrations" ("UserId", "AppId", "AzureAdDeviceId");

CREATE INDEX "IX_MamRegistrations_UserPrincipalName" ON "MamRegistrations" ("UserPrincipalName");

CREATE INDEX "IX_PolicyAssignments_FilterId" ON "PolicyAssignments" ("FilterId");

CREATE INDEX "IX_PolicyAssignments_GroupId" ON "PolicyAssignments" ("GroupId");

CREATE INDEX "IX_RegistrationOutcomeChanges_UserId_ChangedDateTime" ON "RegistrationOutcomeChanges" ("UserId", "ChangedDateTime");

CREATE INDEX "IX_SignInLogs_SignInDateTime" ON "SignInLogs" ("SignInDateTime");

CREATE INDEX "IX_SignInLogs_UserPrincipalName_SignInDateTime" ON "SignInLogs" ("UserPrincipalName", "SignInDateTime");

CREATE UNIQUE INDEX "IX_TargetedManagedAppConfigurations_NormalizedDisplayName" ON "TargetedManagedAppConfigurations" ("NormalizedDisplayName");

CREATE INDEX "IX_Users_DisplayName_Id" ON "Users" ("DisplayName", "Id");

CREATE UNIQUE INDEX "IX_Users_NormalizedUserPrincipalName" ON "Users" ("NormalizedUserPrincipalName");

CREATE INDEX "IX_Users_Search" ON "Users" ("NormalizedUserPrincipalName", "DisplayName", "Id");

CREATE UNIQUE INDEX "IX_WindowsManagedAppProtections_NormalizedDisplayName" ON "WindowsManagedAppProtections" ("NormalizedDisplayName");

CREATE INDEX "IX_WipeRequests_RegistrationId_Status" ON "WipeRequests" ("RegistrationId", "Status");

CREATE INDEX "IX_WipeRequests_Status_CompletedDateTime" ON "WipeRequests" ("Status", "CompletedDateTime");

CREATE INDEX "IX_WipeRequests_UserId" ON "WipeRequests" ("UserId");

CREATE TRIGGER "DirectoryVersion_UsersAdded" AFTER INSERT ON "Users" BEGIN UPDATE "DirectoryVersion" SET "Version" = "Version" + 1; END;
CREATE TRIGGER "DirectoryVersion_UsersRemoved" AFTER DELETE ON "Users" BEGIN UPDATE "DirectoryVersion" SET "Version" = "Version" + 1; END;
CREATE TRIGGER "DirectoryVersion_UsersChanged" AFTER UPDATE OF "Id", "NormalizedUserPrincipalName", "AccountEnabled" ON "Users" BEGIN UPDATE "DirectoryVersion" SET "Version" = "Version" + 1; END;
CREATE TRIGGER "DirectoryVersion_GroupMembersAdded" AFTER INSERT ON "GroupMembers" BEGIN UPDATE "DirectoryVersion" SET "Version" = "Version" + 1; END;
CREATE TRIGGER "DirectoryVersion_GroupMembersRemoved" AFTER DELETE ON "GroupMembers" BEGIN UPDATE "DirectoryVersion" SET "Version" = "Version" + 1; END;
CREATE TRIGGER "DirectoryVersion_GroupMembersChanged" AFTER UPDATE ON "GroupMembers" BEGIN UPDATE "DirectoryVersion" SET "Version" = "Version" + 1; END;
CREATE TRIGGER "DirectoryVersion_PolicyAssignmentsAdded" AFTER INSERT ON "PolicyAssignments" BEGIN UPDATE "DirectoryVersion" SET "Version" = "Version" + 1; END;
CREATE TRIGGER "DirectoryVersion_PolicyAssignmentsRemoved" AFTER DELETE ON "PolicyAssignments" BEGIN UPDATE "DirectoryVersion" SET "Version" = "Version" + 1; END;
CREATE TRIGGER "DirectoryVersion_PolicyAssignmentsChanged" AFTER UPDATE ON "PolicyAssignments" BEGIN UPDATE "DirectoryVersion" SET "Version" = "Version" + 1; END;

CREATE TABLE "MamRegistrationsSearchText" (rowid INTEGER PRIMARY KEY, "DeviceName" TEXT, "UserPrincipalName" TEXT NOT NULL, "NormalizedUserPrincipalName" TEXT NOT NULL, "DisplayName" TEXT NOT NULL);
CREATE TRIGGER "MamRegistrationsSearchText_Added" AFTER INSERT ON "MamRegistrations" BEGIN INSERT INTO "MamRegistrationsSearchText" (rowid, "DeviceName", "UserPrincipalName", "NormalizedUserPrincipalName", "DisplayName") SELECT new.rowid, new."DeviceName", new."UserPrincipalName", u."NormalizedUserPrincipalName", u."DisplayName" FROM "Users" AS u WHERE u."Id" = new."UserId"; END;
CREATE TRIGGER "MamRegistrationsSearchText_Removed" AFTER DELETE ON "MamRegistrations" BEGIN DELETE FROM "MamRegistrationsSearchText" WHERE rowid = old.rowid; END;
CREATE TRIGGER "MamRegistrationsSearchText_Changed" AFTER UPDATE OF "DeviceName", "UserPrincipalName", "UserId" ON "MamRegistrations" WHEN old."DeviceName" IS NOT new."DeviceName" OR old."UserPrincipalName" IS NOT new."UserPrincipalName" OR old."UserId" IS NOT new."UserId" BEGIN UPDATE "MamRegistrationsSearchText" SET ("DeviceName", "UserPrincipalName", "NormalizedUserPrincipalName", "DisplayName") = (SELECT new."DeviceName", new."UserPrincipalName", u."NormalizedUserPrincipalName", u."DisplayName" FROM "Users" AS u WHERE u."Id" = new."UserId") WHERE rowid = new.rowid; END;
CREATE TRIGGER "MamRegistrationsSearchText_UserChanged" AFTER UPDATE OF "NormalizedUserPrincipalName", "DisplayName" ON "Users" WHEN old."NormalizedUserPrincipalName" IS NOT new."NormalizedUserPrincipalName" OR old."DisplayName" IS NOT new."DisplayName" BEGIN UPDATE "MamRegistrationsSearchText" SET "NormalizedUserPrincipalName" = new."NormalizedUserPrincipalName", "DisplayName" = new."DisplayName" WHERE rowid IN (SELECT rowid FROM "MamRegistrations" WHERE "UserId" = new."Id"); END;
CREATE VIRTUAL TABLE "MamRegistrationsSearch" USING fts5("DeviceName", "UserPrincipalName", "NormalizedUserPrincipalName", "DisplayName", content='MamRegistrationsSearchText', content_rowid='rowid', tokenize='trigram');
CREATE TRIGGER "MamRegistrationsSearch_Added" AFTER INSERT ON "MamRegistrationsSearchText" BEGIN INSERT INTO "MamRegistrationsSearch" (rowid, "DeviceName", "UserPrincipalName", "NormalizedUserPrincipalName", "DisplayName") VALUES (new.rowid, new."DeviceName", new."UserPrincipalName", new."NormalizedUserPrincipalName", new."DisplayName"); END;
CREATE TRIGGER "MamRegistrationsSearch_Removed" AFTER DELETE ON "MamRegistrationsSearchText" BEGIN INSERT INTO "MamRegistrationsSearch" ("MamRegistrationsSearch", rowid, "DeviceName", "UserPrincipalName", "NormalizedUserPrincipalName", "DisplayName") VALUES ('delete', old.rowid, old."DeviceName", old."UserPrincipalName", old."NormalizedUserPrincipalName", old."DisplayName"); END;
CREATE TRIGGER "MamRegistrationsSearch_Changed" AFTER UPDATE OF "DeviceName", "UserPrincipalName", "NormalizedUserPrincipalName", "DisplayName" ON "MamRegistrationsSearchText" BEGIN INSERT INTO "MamRegistrationsSearch" ("MamRegistrationsSearch", rowid, "DeviceName", "UserPrincipalName", "NormalizedUserPrincipalName", "DisplayName") VALUES ('delete', old.rowid, old."DeviceName", old."UserPrincipalName", old."NormalizedUserPrincipalName", old."DisplayName"); INSERT INTO "MamRegistrationsSearch" (rowid, "DeviceName", "UserPrincipalName", "NormalizedUserPrincipalName", "DisplayName") VALUES (new.rowid, new."DeviceName", new."UserPrincipalName", new."NormalizedUserPrincipalName", new."DisplayName"); END;
CREATE VIRTUAL TABLE "MamRegistrationsSearchTerms" USING fts5vocab("MamRegistrationsSearch", 'row');
CREATE INDEX "IX_MamRegistrationsSearchText_DeviceName_Ending" ON "MamRegistrationsSearchText" (upper(substr("DeviceName", -2)));
CREATE INDEX "IX_MamRegistrationsSearchText_UserPrincipalName_Ending" ON "MamRegistrationsSearchText" (upper(substr("UserPrincipalName", -2)));
CREATE INDEX "IX_MamRegistrationsSearchText_NormalizedUserPrincipalName_Ending" ON "MamRegistrationsSearchText" (upper(substr("NormalizedUserPrincipalName", -2)));
CREATE INDEX "IX_MamRegistrationsSearchText_DisplayName_Ending" ON "MamRegistrationsSearchText" (upper(substr("DisplayName", -2)));

CREATE TABLE "MamRegistrationCounts" (
    "Outcome" INTEGER NOT NULL, "ThreatLevel" INTEGER NOT NULL, "PolicyNames" TEXT NOT NULL, "Count" INTEGER NOT NULL,
    PRIMARY KEY ("Outcome", "ThreatLevel", "PolicyNames")) WITHOUT ROWID;
CREATE TRIGGER "MamRegistrationCounts_Added" AFTER INSERT ON "MamRegistrations" BEGIN INSERT INTO "MamRegistrationCounts" ("Outcome", "ThreatLevel", "PolicyNames", "Count")
VALUES (new."Outcome", coalesce(new."ThreatLevel", -1), new."PolicyNames", 1)
ON CONFLICT DO UPDATE SET "Count" = "Count" + 1; END;
CREATE TRIGGER "MamRegistrationCounts_Removed" AFTER DELETE ON "MamRegistrations" BEGIN UPDATE "MamRegistrationCounts" SET "Count" = "Count" - 1 WHERE "Outcome" = old."Outcome" AND "ThreatLevel" = coalesce(old."ThreatLevel", -1) AND "PolicyNames" = old."PolicyNames";
DELETE FROM "MamRegistrationCounts" WHERE "Outcome" = old."Outcome" AND "ThreatLevel" = coalesce(old."ThreatLevel", -1) AND "PolicyNames" = old."PolicyNames" AND "Count" = 0; END;
CREATE TRIGGER "MamRegistrationCounts_Changed" AFTER UPDATE OF "Outcome", "ThreatLevel", "PolicyNames" ON "MamRegistrations"
WHEN old."Outcome" IS NOT new."Outcome" OR old."ThreatLevel" IS NOT new."ThreatLevel" OR old."PolicyNames" IS NOT new."PolicyNames"
BEGIN UPDATE "MamRegistrationCounts" SET "Count" = "Count" - 1 WHERE "Outcome" = old."Outcome" AND "ThreatLevel" = coalesce(old."ThreatLevel", -1) AND "PolicyNames" = old."PolicyNames";
DELETE FROM "MamRegistrationCounts" WHERE "Outcome" = old."Outcome" AND "ThreatLevel" = coalesce(old."ThreatLevel", -1) AND "PolicyNames" = old."PolicyNames" AND "Count" = 0; INSERT INTO "MamRegistrationCounts" ("Outcome", "ThreatLevel", "PolicyNames", "Count")
VALUES (new."Outcome", coalesce(new."ThreatLevel", -1), new."PolicyNames", 1)
ON CONFLICT DO UPDATE SET "Count" = "Count" + 1; END;

INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion")
VALUES ('20261202053141_InitialCreate', '10.0.15');

COMMIT;


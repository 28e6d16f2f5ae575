using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Preferences;
using AdminCenter.Core.Roles;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Core.Wipe;

namespace AdminCenter.Tests.Core.Roles;

/// <summary>How a protected action's outcome is compared: its outcome and, when refused for a permission, which one.</summary>
public sealed record MatrixOutcome(ServiceOutcome Outcome, Permission? MissingPermission, string Message)
{
    public static MatrixOutcome Of<T>(ServiceResult<T> result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Outcome, result.MissingPermission, string.Join(" ", result.Problems.Select(p => p.Message)));
    }
}

/// <summary>An API request that reaches a protected action; <c>{id}</c>-style values are filled in by the test host.</summary>
public sealed record MatrixApiCall(string Method, string Route, string? Body = null)
{
    public override string ToString() => $"{Method} {Route}";
}

/// <summary>
/// Who may call an action that is not an admin permission of spec 06's table: the MAM client and Conditional Access
/// endpoints (Managed app client tokens and the roles above it), a connector's partner secret, an admin's own account.
/// </summary>
public enum MatrixCaller
{
    /// <summary>Decided by <see cref="MatrixRow.Needed"/>.</summary>
    Permission,
    ManagedAppClient,
    Partner,
    SignedInAdminSelf,
}

/// <summary>
/// One protected action: the Core service method that makes the change, the permission it needs (spec 06), and the UI
/// routes and API endpoints that reach it. <see cref="Invoke"/> calls the method as <c>actor</c> on a seeded tenant.
/// </summary>
public sealed record MatrixRow(
    string Service,
    string Method,
    Permission? Needed,
    IReadOnlyList<string> UiRoutes,
    IReadOnlyList<MatrixApiCall> Api,
    Func<MatrixTenant, Actor, string, Task<MatrixOutcome>>? Invoke,
    MatrixCaller Caller = MatrixCaller.Permission)
{
    public string Name => $"{Service}.{Method}";

    public override string ToString() => Name;
}

/// <summary>
/// THE permission matrix (spec 06, Enforcement): every protected action, the permission it needs, and where it is reached
/// from. The tests in <see cref="PermissionMatrixTests"/> and its API and page counterparts are generated from it, and a
/// completeness guard fails when a Core change method or a non-GET API endpoint has no row here.
/// </summary>
public static class PermissionMatrix
{
    private const string Policies = "/graph/beta/deviceAppManagement/windowsManagedAppProtections";
    private const string PolicyItem = Policies + "/{id}";
    private const string Connectors = "/graph/{version}/deviceManagement/mobileThreatDefenseConnectors";
    private const string ConnectorItem = Connectors + "/{id}";
    private const string Filters = "/graph/beta/deviceManagement/assignmentFilters";
    private const string FilterItem = Filters + "/{id}";
    private const string AppConfigurations = "/graph/beta/deviceAppManagement/targetedManagedAppConfigurations";
    private const string AppConfigurationItem = AppConfigurations + "/{id}";

    public const string PoliciesRoute = "/apps/app-protection";
    public const string PolicyRoute = "/apps/app-protection/{Id}";
    public const string CreatePolicyRoute = "/apps/app-protection/create/windows";
    public const string SelectiveWipeRoute = "/apps/selective-wipe";
    public const string MtdRoute = "/tenant-admin/connectors/mtd";
    public const string MtdConnectorRoute = "/tenant-admin/connectors/mtd/{ConnectorId}";
    public const string ClassicPoliciesRoute = "/endpoint-security/conditional-access/classic-policies";
    public const string ConditionalAccessRoute = "/endpoint-security/conditional-access";
    public const string UsersRoute = "/users";
    public const string UserRoute = "/users/{UserId}";
    public const string GroupsRoute = "/groups";
    public const string GroupRoute = "/groups/{GroupId}";
    public const string ApiTokensRoute = "/tenant-admin/connectors/api-tokens";
    public const string AdministratorsRoute = "/tenant-admin/administrators";
    public const string AppProtectionStatusRoute = "/apps/monitor/app-protection-status";
    public const string AppConfigurationsRoute = "/apps/app-configuration";
    public const string AppConfigurationRoute = "/apps/app-configuration/{Id}";
    public const string CreateAppConfigurationRoute = "/apps/app-configuration/create/managed-apps";
    public const string AppConfigurationStatusRoute = "/apps/monitor/app-configuration-status";
    public const string FiltersRoute = "/tenant-admin/filters";
    public const string FilterRoute = "/tenant-admin/filters/{Id}";
    public const string CreateFilterRoute = "/tenant-admin/filters/create";
    public const string EditFilterRoute = "/tenant-admin/filters/{Id}/edit";
    public const string RolesRoute = "/tenant-admin/roles";
    public const string RoleRoute = "/tenant-admin/roles/{Name}";
    public const string CreateRoleRoute = "/tenant-admin/roles/create/custom";
    public const string EditRoleRoute = "/tenant-admin/roles/{Name}/edit";

    public static Permission ManagedApps(PermissionAction action) => new(PermissionCategory.ManagedApps, action);

    private static readonly Permission MtdModify = new(PermissionCategory.MobileThreatDefense, PermissionAction.Modify);
    private static readonly Permission OrganizationUpdate = new(PermissionCategory.Organization, PermissionAction.Update);
    private static readonly Permission Wipe = ManagedApps(PermissionAction.Wipe);

    public static Permission FiltersPermission(PermissionAction action) => new(PermissionCategory.Filters, action);

    public static Permission IntuneRoles(PermissionAction action) => new(PermissionCategory.IntuneRoles, action);

    private const string FilterBody = """{"displayName":"Matrix {suffix}","platform":"windowsMobileApplicationManagement","rule":"app.deviceModel -eq \"Surface\"","assignmentFilterManagementType":"apps"}""";

    private static MatrixApiCall[] BothVersions(string method, string route, string? body = null) =>
        [new(method, route.Replace("{version}", "v1.0", StringComparison.Ordinal), body), new(method, route.Replace("{version}", "beta", StringComparison.Ordinal), body)];

    public static IReadOnlyList<MatrixRow> Rows { get; } =
    [
        // Managed apps: app protection policies.
        new(nameof(AppProtectionPolicyService), nameof(AppProtectionPolicyService.CreateAsync), ManagedApps(PermissionAction.Create),
            [PoliciesRoute, CreatePolicyRoute], [new("POST", Policies, """{"displayName":"Matrix {suffix}"}""")],
            async (t, actor, suffix) => MatrixOutcome.Of(await t.Policies.CreateAsync(PolicyTemplates.Blank() with { DisplayName = $"Created {suffix}", Apps = [WindowsPolicyDraft.EdgeAppId] }, actor))),
        new(nameof(AppProtectionPolicyService), nameof(AppProtectionPolicyService.UpdateAsync), ManagedApps(PermissionAction.Update),
            [PolicyRoute], [new("PATCH", PolicyItem, """{"description":"Changed"}""")],
            async (t, actor, _) => MatrixOutcome.Of(await t.Policies.UpdateAsync(t.PolicyId, (await t.Policies.GetAsync(t.PolicyId))!.Draft with { Description = "Changed" }, null, actor))),
        new(nameof(AppProtectionPolicyService), nameof(AppProtectionPolicyService.ReplaceAssignmentsAsync), ManagedApps(PermissionAction.Assign),
            [PolicyRoute], [new("POST", PolicyItem + "/assign", """{"assignments":[]}""")],
            async (t, actor, _) => MatrixOutcome.Of(await t.Policies.ReplaceAssignmentsAsync(t.PolicyId, [], [], null, actor))),
        new(nameof(AppProtectionPolicyService), nameof(AppProtectionPolicyService.SetAppsAsync), ManagedApps(PermissionAction.Update),
            [PolicyRoute], [new("POST", PolicyItem + "/targetApps", """{"apps":[]}""")],
            async (t, actor, _) => MatrixOutcome.Of(await t.Policies.SetAppsAsync(t.PolicyId, [WindowsPolicyDraft.EdgeAppId], null, actor))),
        new(nameof(AppProtectionPolicyService), nameof(AppProtectionPolicyService.DeleteAsync), ManagedApps(PermissionAction.Delete),
            [PolicyRoute], [new("DELETE", PolicyItem)],
            async (t, actor, _) => MatrixOutcome.Of(await t.Policies.DeleteAsync(t.PolicyId, actor))),

        // Managed apps: app configuration policies (the Properties page saves its Assignments section through UpdateAsync).
        new(nameof(AppConfigurationPolicyService), nameof(AppConfigurationPolicyService.CreateAsync), ManagedApps(PermissionAction.Create),
            [AppConfigurationsRoute, CreateAppConfigurationRoute], [new("POST", AppConfigurations, """{"displayName":"Matrix {suffix}"}""")],
            async (t, actor, suffix) => MatrixOutcome.Of(await t.AppConfigurations.CreateAsync(MatrixTenant.AppConfigurationDraft($"Created {suffix}"), actor))),
        new(nameof(AppConfigurationPolicyService), nameof(AppConfigurationPolicyService.UpdateAsync), ManagedApps(PermissionAction.Update),
            [AppConfigurationRoute],
            [
                new("PATCH", AppConfigurationItem, """{"description":"Changed"}"""),
                new("POST", AppConfigurationItem + "/targetApps",
                    """{"apps":[{"mobileAppIdentifier":{"@odata.type":"#microsoft.graph.windowsAppIdentifier","windowsAppId":"com.microsoft.edge"}}]}"""),
            ],
            async (t, actor, _) => MatrixOutcome.Of(await t.AppConfigurations.UpdateAsync(t.AppConfigurationId,
                (await t.AppConfigurations.GetAsync(t.AppConfigurationId))!.Draft with { Description = "Changed" }, null, actor))),
        new(nameof(AppConfigurationPolicyService), nameof(AppConfigurationPolicyService.ReplaceAssignmentsAsync), ManagedApps(PermissionAction.Assign),
            [], [new("POST", AppConfigurationItem + "/assign", """{"assignments":[]}""")],
            async (t, actor, _) => MatrixOutcome.Of(await t.AppConfigurations.ReplaceAssignmentsAsync(t.AppConfigurationId, [], [], null, actor))),
        new(nameof(AppConfigurationPolicyService), nameof(AppConfigurationPolicyService.DeleteAsync), ManagedApps(PermissionAction.Delete),
            [AppConfigurationRoute], [new("DELETE", AppConfigurationItem)],
            async (t, actor, _) => MatrixOutcome.Of(await t.AppConfigurations.DeleteAsync(t.AppConfigurationId, null, actor))),

        // Managed apps: reports that answer Forbidden without Managed apps/Read.
        new(nameof(AppProtectionCoverageQueries), nameof(AppProtectionCoverageQueries.GetUserReportAsync), ManagedApps(PermissionAction.Read),
            [AppProtectionStatusRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Coverage.GetUserReportAsync(actor, t.AliceId))),
        new(nameof(AppProtectionCoverageQueries), nameof(AppProtectionCoverageQueries.ListTargetedNotCheckedInAsync), ManagedApps(PermissionAction.Read),
            [AppProtectionStatusRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Coverage.ListTargetedNotCheckedInAsync(actor, 0, 25))),
        new(nameof(AppProtectionCoverageQueries), nameof(AppProtectionCoverageQueries.GetDeploymentSummaryAsync), ManagedApps(PermissionAction.Read),
            [PolicyRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Coverage.GetDeploymentSummaryAsync(actor, t.PolicyId))),

        // Filters: assignment filters, and the reads that answer Forbidden without Filters/Read.
        new(nameof(AssignmentFilterService), nameof(AssignmentFilterService.CreateAsync), FiltersPermission(PermissionAction.Create),
            [FiltersRoute, CreateFilterRoute], [new("POST", Filters, FilterBody)],
            async (t, actor, suffix) => MatrixOutcome.Of(await t.Filters.CreateAsync(actor, MatrixTenant.FilterDraft($"Created {suffix}")))),
        new(nameof(AssignmentFilterService), nameof(AssignmentFilterService.UpdateAsync), FiltersPermission(PermissionAction.Update),
            [FilterRoute, EditFilterRoute], [new("PATCH", FilterItem, """{"description":"Changed"}""")],
            async (t, actor, _) => MatrixOutcome.Of(await t.Filters.UpdateAsync(actor, t.FilterId, MatrixTenant.FilterDraft("Surface renamed"), null))),
        new(nameof(AssignmentFilterService), nameof(AssignmentFilterService.DeleteAsync), FiltersPermission(PermissionAction.Delete),
            [FilterRoute], [new("DELETE", FilterItem)],
            async (t, actor, _) => MatrixOutcome.Of(await t.Filters.DeleteAsync(actor, t.FilterId))),
        new(nameof(AssignmentFilterService), nameof(AssignmentFilterService.ListAsync), FiltersPermission(PermissionAction.Read),
            [FiltersRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Filters.ListAsync(actor))),
        new(nameof(AssignmentFilterService), nameof(AssignmentFilterService.GetAsync), FiltersPermission(PermissionAction.Read),
            [FilterRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Filters.GetAsync(actor, t.FilterId))),
        // Its only page is the filter wizard's Rules step, which needs Filters/Create or Update itself: no page row of its own.
        new(nameof(AssignmentFilterService), nameof(AssignmentFilterService.PreviewAsync), FiltersPermission(PermissionAction.Read),
            [], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Filters.PreviewAsync(actor, MatrixTenant.FilterRule))),

        // Mobile Threat Defense: connectors, partner secrets, classic Conditional Access policies.
        new(nameof(MtdConnectorService), nameof(MtdConnectorService.CreateAsync), MtdModify,
            [MtdRoute], BothVersions("POST", Connectors, """{"id":"{freePartner}"}"""),
            async (t, actor, _) => MatrixOutcome.Of(await t.Connectors.CreateAsync(PartnerCatalog.WindowsSecurityCenterId, null, actor))),
        new(nameof(MtdConnectorService), nameof(MtdConnectorService.UpdateAsync), MtdModify,
            [MtdConnectorRoute], BothVersions("PATCH", ConnectorItem, """{"iosEnabled":true}"""),
            async (t, actor, _) => MatrixOutcome.Of(await t.Connectors.UpdateAsync(MatrixTenant.Lookout, new MtdConnectorSettings { IosEnabled = true }, null, actor))),
        new(nameof(MtdConnectorService), nameof(MtdConnectorService.DeleteAsync), MtdModify,
            [MtdConnectorRoute], BothVersions("DELETE", ConnectorItem),
            async (t, actor, _) => MatrixOutcome.Of(await t.Connectors.DeleteAsync(MatrixTenant.Lookout, actor))),
        new(nameof(MtdConnectorService), nameof(MtdConnectorService.RegeneratePartnerSecretAsync), MtdModify,
            [MtdConnectorRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Connectors.RegeneratePartnerSecretAsync(MatrixTenant.Lookout, actor))),
        new(nameof(ClassicPolicyService), nameof(ClassicPolicyService.DeleteAsync), MtdModify,
            [ClassicPoliciesRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.ClassicPolicies.DeleteAsync(t.ClassicPolicyId, actor))),

        // Organization: Conditional Access, users, groups, CSV import.
        new(nameof(ConditionalAccessService), nameof(ConditionalAccessService.SavePolicyAsync), OrganizationUpdate,
            [ConditionalAccessRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.ConditionalAccess.SavePolicyAsync(new(ConditionalAccessState.ReportOnly, [t.GroupId], []), 0, actor))),
        new(nameof(UserService), nameof(UserService.CreateUserAsync), OrganizationUpdate,
            [UsersRoute], [],
            async (t, actor, suffix) => MatrixOutcome.Of(await t.Users.CreateUserAsync(new UserInput($"new.{suffix}@contoso.com", "New user"), actor))),
        new(nameof(UserService), nameof(UserService.UpdateUserAsync), OrganizationUpdate,
            [UserRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Users.UpdateUserAsync(t.AliceId, new UserInput(MatrixTenant.Alice, "Alice Renamed"), actor))),
        new(nameof(UserService), nameof(UserService.SetAccountEnabledAsync), OrganizationUpdate,
            [UserRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Users.SetAccountEnabledAsync(t.AliceId, false, actor))),
        new(nameof(UserImportService), nameof(UserImportService.ImportAsync), OrganizationUpdate,
            [UsersRoute], [],
            async (t, actor, suffix) => MatrixOutcome.Of(await t.Import.ImportAsync($"userPrincipalName,displayName,groups\nimported.{suffix}@contoso.com,Imported,Sales\n", actor))),
        new(nameof(GroupService), nameof(GroupService.CreateGroupAsync), OrganizationUpdate,
            [GroupsRoute], [],
            async (t, actor, suffix) => MatrixOutcome.Of(await t.Groups.CreateGroupAsync(new GroupInput($"Group {suffix}", null), [t.AliceId], actor))),
        new(nameof(GroupService), nameof(GroupService.UpdateGroupAsync), OrganizationUpdate,
            [GroupRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Groups.UpdateGroupAsync(t.GroupId, new GroupInput("Sales renamed", "Changed"), actor))),
        new(nameof(GroupService), nameof(GroupService.DeleteGroupAsync), OrganizationUpdate,
            [GroupRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Groups.DeleteGroupAsync(t.GroupId, actor))),
        new(nameof(GroupService), nameof(GroupService.AddMemberAsync), OrganizationUpdate,
            [], BothVersions("POST", "/graph/{version}/groups/{group}/members/$ref", """{"@odata.id":"https://graph.microsoft.com/v1.0/directoryObjects/{user}"}"""),
            async (t, actor, _) => MatrixOutcome.Of(await t.Groups.AddMemberAsync(t.GroupId, t.BobId, actor))),
        new(nameof(GroupService), nameof(GroupService.AddMembersAsync), OrganizationUpdate,
            [GroupRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Groups.AddMembersAsync(t.GroupId, [t.BobId], actor))),
        new(nameof(GroupService), nameof(GroupService.RemoveMemberAsync), OrganizationUpdate,
            [GroupRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Groups.RemoveMemberAsync(t.GroupId, t.AliceId, actor))),

        // Managed apps: wipe requests and the User-Level Wipe list.
        new(nameof(WipeService), nameof(WipeService.CreateManualAsync), Wipe,
            [SelectiveWipeRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Wipes.CreateManualAsync(t.AliceRegistrationId, actor))),
        new(nameof(WipeService), nameof(WipeService.CreateForDeviceAsync), Wipe,
            [], [new("POST", "/graph/beta/users/{upn}/wipeManagedAppRegistrationsByAzureAdDeviceId", """{"azureAdDeviceId":"{device}"}""")],
            async (t, actor, _) => MatrixOutcome.Of(await t.Wipes.CreateForDeviceAsync(MatrixTenant.Alice, MatrixTenant.AliceDevice, actor))),
        new(nameof(WipeService), nameof(WipeService.DeleteAsync), Wipe,
            [SelectiveWipeRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Wipes.DeleteAsync(t.PendingWipeId, actor))),
        new(nameof(WipeService), nameof(WipeService.AddUserLevelWipeAsync), Wipe,
            [SelectiveWipeRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Wipes.AddUserLevelWipeAsync(t.AliceId, actor))),
        new(nameof(WipeService), nameof(WipeService.RemoveUserLevelWipeAsync), Wipe,
            [SelectiveWipeRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Wipes.RemoveUserLevelWipeAsync(t.BobId, actor))),

        // Intune roles: custom roles, API tokens and administrators.
        new(nameof(CustomRoleService), nameof(CustomRoleService.CreateAsync), IntuneRoles(PermissionAction.Create),
            [RolesRoute, CreateRoleRoute], [],
            async (t, actor, suffix) => MatrixOutcome.Of(await t.CustomRoles.CreateAsync(actor, new CustomRoleInput($"Role {suffix}", null, [ManagedApps(PermissionAction.Read)])))),
        new(nameof(CustomRoleService), nameof(CustomRoleService.UpdateAsync), IntuneRoles(PermissionAction.Update),
            [RoleRoute, EditRoleRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.CustomRoles.UpdateAsync(actor, t.CustomRoleId,
                new CustomRoleInput(MatrixTenant.CustomRoleName, "Changed", [ManagedApps(PermissionAction.Read)])))),
        new(nameof(CustomRoleService), nameof(CustomRoleService.DeleteAsync), IntuneRoles(PermissionAction.Delete),
            [RoleRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.CustomRoles.DeleteAsync(actor, t.CustomRoleId))),
        new(nameof(ApiTokenService), nameof(ApiTokenService.CreateAsync), new(PermissionCategory.IntuneRoles, PermissionAction.Create),
            [ApiTokensRoute], [],
            async (t, actor, suffix) => MatrixOutcome.Of(await t.Tokens.CreateAsync(new ApiTokenInput($"Token {suffix}", AdminRoles.ReadOnlyOperator, t.Now.AddDays(30)), actor))),
        new(nameof(ApiTokenService), nameof(ApiTokenService.RevokeAsync), new(PermissionCategory.IntuneRoles, PermissionAction.Delete),
            [ApiTokensRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Tokens.RevokeAsync(t.TokenId, actor))),
        new(nameof(AdministratorService), nameof(AdministratorService.AddAsync), AdministratorRules.AssignPermission,
            [AdministratorsRoute], [],
            async (t, actor, suffix) => MatrixOutcome.Of(await t.Administrators.AddAsync(await t.AdminIdAsync(actor), new($"added.{suffix}@contoso.com", "Added", [AdminRoles.ReadOnlyOperator])))),
        new(nameof(AdministratorService), nameof(AdministratorService.SetRolesAsync), AdministratorRules.AssignPermission,
            [AdministratorsRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Administrators.SetRolesAsync(await t.AdminIdAsync(actor), await t.TargetAdminIdAsync(), [AdminRoles.HelpDeskOperator]))),
        new(nameof(AdministratorService), nameof(AdministratorService.DisableAsync), AdministratorRules.ManagePermission,
            [AdministratorsRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Administrators.DisableAsync(await t.AdminIdAsync(actor), await t.TargetAdminIdAsync()))),
        new(nameof(AdministratorService), nameof(AdministratorService.EnableAsync), AdministratorRules.ManagePermission,
            [AdministratorsRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Administrators.EnableAsync(await t.AdminIdAsync(actor), await t.TargetAdminIdAsync()))),
        new(nameof(AdministratorService), nameof(AdministratorService.UnlockAsync), AdministratorRules.ManagePermission,
            [AdministratorsRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Administrators.UnlockAsync(await t.AdminIdAsync(actor), await t.TargetAdminIdAsync()))),
        new(nameof(AdministratorService), nameof(AdministratorService.ResetPasswordAsync), AdministratorRules.ManagePermission,
            [AdministratorsRoute], [],
            async (t, actor, _) => MatrixOutcome.Of(await t.Administrators.ResetPasswordAsync(await t.AdminIdAsync(actor), await t.TargetAdminIdAsync()))),

        // Not a permission of the table: the MAM client, the partner, an admin's own account.
        new(nameof(AdministratorService), nameof(AdministratorService.ChangePasswordAsync), null, ["/Account/ChangePassword"], [], null, MatrixCaller.SignedInAdminSelf),
        new(nameof(AdminPreferenceService), nameof(AdminPreferenceService.SetAsync), null, [], [], null, MatrixCaller.SignedInAdminSelf),
        new(nameof(MamCheckInService), nameof(MamCheckInService.CheckInAsync), null, [], [new("POST", "/mam/v1/checkIn")], null, MatrixCaller.ManagedAppClient),
        new(nameof(MamCheckInService), nameof(MamCheckInService.RecordWipeResultAsync), null, [], [new("POST", "/mam/v1/wipeResult")], null, MatrixCaller.ManagedAppClient),
        new(nameof(MamCheckInService), nameof(MamCheckInService.SignOutAsync), null, [], [new("POST", "/mam/v1/signOut")], null, MatrixCaller.ManagedAppClient),
        new(nameof(WipeService), nameof(WipeService.CompleteAsync), null, [], [], null, MatrixCaller.ManagedAppClient),
        new(nameof(ConditionalAccessService), nameof(ConditionalAccessService.EvaluateAsync), null, [], [new("POST", "/ca/v1/evaluate")], null, MatrixCaller.ManagedAppClient),
        new(nameof(MtdConnectorService), nameof(MtdConnectorService.RecordHeartbeatAsync), null, [],
            [new("POST", "/partner/v1/connectors/{connectorId}/heartbeat")], null, MatrixCaller.Partner),
        new(nameof(HealthReportIngestion), nameof(HealthReportIngestion.IngestAsync), null, [],
            [new("POST", "/partner/v1/connectors/{connectorId}/healthReports")], null, MatrixCaller.Partner),
        new(nameof(MtdConnectorService), nameof(MtdConnectorService.DeprovisionAsync), null, [], [new("POST", "/partner/v1/connectors/{connectorId}/deprovision")], null, MatrixCaller.Partner),
    ];

    /// <summary>The custom role of the matrix: may read and update Managed apps, nothing else.</summary>
    public static RoleDefinition PolicyEditors { get; } = new("Policy editors", "Reads and edits app protection policies.", IsBuiltIn: false,
        new HashSet<Permission> { ManagedApps(PermissionAction.Read), ManagedApps(PermissionAction.Update) });

    /// <summary>Every built-in role and the custom one.</summary>
    public static IReadOnlyList<RoleDefinition> Roles { get; } = [.. BuiltInRoles.All, PolicyEditors];

    public static RoleDefinition Role(string name) => Roles.Single(role => role.Name == name);

    public static MatrixRow Row(string name) => Rows.Single(row => row.Name == name);

    /// <summary>Whether <paramref name="role"/> may take <paramref name="row"/>'s action (the table's answer the tests hold the code to).</summary>
    public static bool Allows(RoleDefinition role, MatrixRow row) => row.Caller switch
    {
        MatrixCaller.Permission => role.Allows(row.Needed!.Value),
        MatrixCaller.ManagedAppClient => ApiTokenRoles.MamClients.Contains(role.Name),
        _ => false,
    };
}

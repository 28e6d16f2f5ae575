using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Roles;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Core.Wipe;
using AdminCenter.Tests.Core.Identity;
using AdminCenter.Tests.Core.Wipe;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Roles;

/// <summary>
/// A small tenant on its own database where every protected action of <see cref="PermissionMatrix"/> can succeed: a
/// provisioned Lookout connector with its classic policy, users Alice and Bob, the group Sales, a policy, registrations, a
/// pending wipe request, Bob on the User-Level Wipe list, an API token, an app configuration policy, an assignment filter,
/// a custom role nobody holds and a target administrator. Seeded by the system.
/// </summary>
public sealed class MatrixTenant : IAsyncDisposable
{
    public const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    public const string Alice = "alice@contoso.com";
    public const string AliceDevice = "alice-device";
    public const string CustomRoleName = "Matrix readers";
    public const string FilterRule = "app.deviceModel -eq \"Surface Pro 9\"";

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _identity;
    private readonly Dictionary<string, string> _adminIds = new(StringComparer.Ordinal);
    private string? _targetAdminId;

    private MatrixTenant()
    {
        Policies = new(_database, _clock, NullLogger<AppProtectionPolicyService>.Instance);
        Connectors = new(_database, _clock, NullLogger<MtdConnectorService>.Instance);
        ClassicPolicies = new(_database, _clock, NullLogger<ClassicPolicyService>.Instance);
        ConditionalAccess = new(_database, _clock, NullLogger<ConditionalAccessService>.Instance);
        Users = new(_database, _clock, NullLogger<UserService>.Instance);
        Groups = new(_database, _clock, NullLogger<GroupService>.Instance);
        Import = new(_database, _clock, NullLogger<UserImportService>.Instance);
        Wipes = new(_database, _clock, NullLogger<WipeService>.Instance);
        Tokens = new(_database, _database.Settings, _clock, NullLogger<ApiTokenService>.Instance);
        AppConfigurations = new(_database, _clock, NullLogger<AppConfigurationPolicyService>.Instance);
        Coverage = new(_database, _clock);
        Filters = new(_database, _clock);
        CustomRoles = new(_database, new RoleCatalog(_database), _clock);
        _identity = AdministratorTestServices.Build(_database, _clock);
        Administrators = _identity.GetRequiredService<AdministratorService>();
    }

    public AppProtectionPolicyService Policies { get; }
    public MtdConnectorService Connectors { get; }
    public ClassicPolicyService ClassicPolicies { get; }
    public ConditionalAccessService ConditionalAccess { get; }
    public UserService Users { get; }
    public GroupService Groups { get; }
    public UserImportService Import { get; }
    public WipeService Wipes { get; }
    public ApiTokenService Tokens { get; }
    public AppConfigurationPolicyService AppConfigurations { get; }
    public AppProtectionCoverageQueries Coverage { get; }
    public AssignmentFilterService Filters { get; }
    public CustomRoleService CustomRoles { get; }
    public AdministratorService Administrators { get; }

    public DateTime Now => _clock.GetUtcNow().UtcDateTime;
    public string GlobalAdministratorId { get; private set; } = "";
    public string AliceId { get; private set; } = "";
    public string BobId { get; private set; } = "";
    public string GroupId { get; private set; } = "";
    public string PolicyId { get; private set; } = "";
    public string ClassicPolicyId { get; private set; } = "";
    public string AliceRegistrationId { get; private set; } = "";
    public string PendingWipeId { get; private set; } = "";
    public string TokenId { get; private set; } = "";
    public string AppConfigurationId { get; private set; } = "";
    public string FilterId { get; private set; } = "";
    public string CustomRoleId { get; private set; } = "";

    /// <summary>A valid app configuration policy for Edge, with one General setting and no groups (so creating it needs no Assign).</summary>
    public static AppConfigurationDraft AppConfigurationDraft(string name) => new()
    {
        DisplayName = name,
        Apps = [WindowsPolicyDraft.EdgeAppId],
        GeneralSettings = [new AppConfigSetting("com.contoso.matrix", "on")],
    };

    public static AssignmentFilterDraft FilterDraft(string name) => new() { DisplayName = name, Rule = FilterRule };

    public static async Task<MatrixTenant> CreateAsync()
    {
        var tenant = new MatrixTenant();
        await tenant.SeedAsync();
        return tenant;
    }

    private async Task SeedAsync()
    {
        var system = Actor.System;
        Require((await Connectors.CreateAsync(Lookout, null, system)).Succeeded);
        Require((await Connectors.RecordHeartbeatAsync(Lookout, null)).Succeeded);
        ClassicPolicyId = (await ClassicPolicies.ListAsync()).Single().Id;
        AliceId = (await Users.CreateUserAsync(new UserInput(Alice, "Alice"), system)).Value!.Id;
        BobId = (await Users.CreateUserAsync(new UserInput("bob@contoso.com", "Bob"), system)).Value!.Id;
        GroupId = (await Groups.CreateGroupAsync(new GroupInput("Sales", null), [AliceId], system)).Value!.Id;
        PolicyId = (await Policies.CreateAsync(PolicyTemplates.Blank() with
        {
            DisplayName = "Edge",
            Apps = [WindowsPolicyDraft.EdgeAppId],
            IncludedGroupIds = [GroupId],
        }, system)).Value!.Id;
        await using (var db = _database.CreateDbContext())
        {
            var alice = await db.DirectoryUsers.SingleAsync(u => u.Id == AliceId);
            var bob = await db.DirectoryUsers.SingleAsync(u => u.Id == BobId);
            AliceRegistrationId = (await WipeTestData.EnrollAsync(_database, alice, AliceDevice, "ALICE-PC", Now)).Id;
            var bobRegistration = await WipeTestData.EnrollAsync(_database, bob, "bob-device", "BOB-PC", Now);
            PendingWipeId = (await Wipes.CreateManualAsync(bobRegistration.Id, system)).Value!.Id;
        }
        Require((await Wipes.AddUserLevelWipeAsync(BobId, system)).Succeeded);
        TokenId = (await Tokens.CreateAsync(new ApiTokenInput("Automation", AdminRoles.ReadOnlyOperator, Now.AddDays(30)), system)).Value!.Token.Id;
        AppConfigurationId = (await AppConfigurations.CreateAsync(AppConfigurationDraft("Edge settings") with { IncludedGroupIds = [GroupId] }, system)).Value!.Id;
        FilterId = (await Filters.CreateAsync(system, FilterDraft("Surface devices"))).Value!.Id;
        CustomRoleId = (await CustomRoles.CreateAsync(system, new CustomRoleInput(CustomRoleName, "Reads managed apps.",
            [new Permission(PermissionCategory.ManagedApps, PermissionAction.Read)]))).Value!.Id;
    }

    /// <summary>
    /// The administrator account <see cref="AdministratorService"/> checks for <paramref name="actor"/>: its permissions come
    /// from the account's stored roles, so an account holding the actor's built-in roles is added for it.
    /// </summary>
    public async Task<string> AdminIdAsync(Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (_adminIds.TryGetValue(actor.Name, out var known))
        {
            return known;
        }
        var roles = BuiltInRoles.All.Where(role => role.Name != BuiltInRoles.ManagedAppClientName && role.Granted.SetEquals(actor.Permissions)).Select(r => r.Name).Take(1).ToList();
        // A role no administrator can hold yet (custom roles, Managed app client) becomes an account with no role at all.
        var email = $"{Guid.NewGuid():N}@contoso.com";
        var added = await Administrators.AddAsync(GlobalAdministratorId, new(email, "Acting admin", roles.Count == 0 ? [AdminRoles.ReadOnlyOperator] : roles));
        Require(added.Succeeded);
        if (roles.Count == 0)
        {
            await using var scope = _identity.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AdminUser>>();
            var account = (await users.FindByIdAsync(added.Value!.Administrator.Id))!;
            await users.RemoveFromRoleAsync(account, AdminRoles.ReadOnlyOperator);
        }
        return _adminIds[actor.Name] = added.Value!.Administrator.Id;
    }

    /// <summary>The administrator the Administrators actions change: a Read Only Operator.</summary>
    public async Task<string> TargetAdminIdAsync()
    {
        if (_targetAdminId is null)
        {
            var added = await Administrators.AddAsync(GlobalAdministratorId, new("target@contoso.com", "Target", [AdminRoles.ReadOnlyOperator]));
            Require(added.Succeeded);
            _targetAdminId = added.Value!.Administrator.Id;
        }
        return _targetAdminId;
    }

    /// <summary>Creates the accounts the Administrators actions use, before anything is measured.</summary>
    public async Task PrepareAdministratorsAsync(Actor actor)
    {
        // Accounts cost a password hash each: only the Administrators actions seed them.
        GlobalAdministratorId = await AdministratorTestServices.SeedGlobalAdministratorAsync(_identity);
        await AdminIdAsync(actor);
        await TargetAdminIdAsync();
    }

    /// <summary>Rows of every table a protected action writes, and the audit events: unchanged when an action is refused.</summary>
    public async Task<string> FingerprintAsync()
    {
        await using var db = _database.CreateDbContext();
        var counts = new[]
        {
            await db.AuditEvents.CountAsync(),
            await db.WindowsManagedAppProtections.CountAsync(),
            await db.PolicyAssignments.CountAsync(),
            await db.MobileThreatDefenseConnectors.CountAsync(),
            await db.ClassicConditionalAccessPolicies.CountAsync(),
            await db.ConditionalAccessPolicies.CountAsync(),
            await db.DirectoryUsers.CountAsync(u => u.AccountEnabled),
            await db.DirectoryGroups.CountAsync(),
            await db.GroupMemberships.CountAsync(),
            await db.WipeRequests.CountAsync(),
            await db.UserLevelWipes.CountAsync(),
            await db.ApiTokens.CountAsync(t => t.RevokedDateTime == null),
            await db.Users.CountAsync(),
            await db.UserRoles.CountAsync(),
            await db.TargetedManagedAppConfigurations.CountAsync(),
            await db.AppConfigurationAssignments.CountAsync(),
            await db.AssignmentFilters.CountAsync(),
            await db.CustomRoles.CountAsync(),
            await db.Roles.CountAsync(),
        };
        var versions = await db.WindowsManagedAppProtections.Select(p => p.Version).ToListAsync();
        var connectorVersions = await db.MobileThreatDefenseConnectors.Select(c => c.Version).ToListAsync();
        var appConfigurationVersions = await db.TargetedManagedAppConfigurations.Select(p => p.Version).ToListAsync();
        var filterVersions = await db.AssignmentFilters.Select(f => f.Version).ToListAsync();
        var roleTexts = await db.CustomRoles.Select(r => r.Name + ":" + r.Description).ToListAsync();
        var names = await db.DirectoryUsers.Select(u => u.DisplayName).Concat(db.DirectoryGroups.Select(g => g.DisplayName)).ToListAsync();
        var stamps = await db.Users.Select(u => u.SecurityStamp + u.PasswordHash).ToListAsync();
        return string.Join("|", counts.Concat(versions).Concat(connectorVersions).Concat(appConfigurationVersions).Concat(filterVersions))
            + "|" + string.Join(",", names.Concat(roleTexts).Order(StringComparer.Ordinal))
            + "|" + string.Join(",", stamps.Order(StringComparer.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await _identity.DisposeAsync();
        _database.Dispose();
    }

    private static void Require(bool succeeded)
    {
        if (!succeeded)
        {
            throw new InvalidOperationException("The matrix tenant could not be seeded.");
        }
    }
}

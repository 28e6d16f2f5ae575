using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.Audit;
using AdminCenter.Core.Common;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Roles;
using AdminCenter.Tests.Core.Identity;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Roles;

public sealed class CustomRoleServiceTests : IAsyncLifetime, IDisposable
{
    private const string Admin = "admin@contoso.com";
    private static readonly Permission ManagedAppsRead = new(PermissionCategory.ManagedApps, PermissionAction.Read);
    private static readonly Permission ManagedAppsUpdate = new(PermissionCategory.ManagedApps, PermissionAction.Update);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _provider;
    private readonly CustomRoleService _roles;
    private readonly RoleCatalog _catalog;
    private readonly AdministratorService _admins;
    private readonly Actor _global = Actor.WithRoles(ActorKind.Administrator, Admin, [BuiltInRoles.GlobalAdministrator]);
    private string _globalId = "";

    public CustomRoleServiceTests()
    {
        _provider = AdministratorTestServices.Build(_database, _clock);
        _roles = _provider.GetRequiredService<CustomRoleService>();
        _catalog = _provider.GetRequiredService<RoleCatalog>();
        _admins = _provider.GetRequiredService<AdministratorService>();
    }

    public async Task InitializeAsync() => _globalId = await AdministratorTestServices.SeedGlobalAdministratorAsync(_provider);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _provider.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task CreateAsync_ValidRole_CatalogResolvesItsPermissions()
    {
        Assert.Null(_catalog.Find("Policy readers"));

        var result = await _roles.CreateAsync(_global, new(" Policy readers ", "Reads policies", [ManagedAppsRead]));

        Assert.True(result.Succeeded);
        var role = _catalog.Find("policy READERS");
        Assert.NotNull(role);
        Assert.Equal(("Policy readers", false), (role.Name, role.IsBuiltIn));
        Assert.True(role.Allows(ManagedAppsRead));
        Assert.False(role.Allows(ManagedAppsUpdate));
        Assert.Contains("Policy readers", _catalog.AdministratorRoleNames);
        Assert.Contains("Policy readers", _catalog.TokenRoleNames);
    }

    [Fact]
    public async Task CreateAsync_NameTakenInOtherCase_RefusedAsConflictAtName()
    {
        await _roles.CreateAsync(_global, new("Policy readers", "", [ManagedAppsRead]));

        var result = await _roles.CreateAsync(_global, new("POLICY Readers", "", [ManagedAppsRead]));

        Assert.Equal(ServiceOutcome.Conflict, result.Outcome);
        Assert.Equal(CustomRoleRules.NameTakenMessage("POLICY Readers"), result.MessageFor(CustomRoleRules.NameField));
        Assert.Single(await _roles.ListAsync());
    }

    [Theory]
    [InlineData("Global Administrator")]
    [InlineData("read only operator")]
    [InlineData("MANAGED APP CLIENT")]
    public async Task CreateAsync_BuiltInName_Refused(string name)
    {
        var result = await _roles.CreateAsync(_global, new(name, "", [ManagedAppsRead]));

        Assert.Equal(ServiceOutcome.Conflict, result.Outcome);
        Assert.Equal(CustomRoleRules.BuiltInClashMessage(name), result.MessageFor(CustomRoleRules.NameField));
        Assert.Empty(await _roles.ListAsync());
    }

    [Fact]
    public async Task CreateAsync_EmptyFields_MessagePerFieldAndNothingSaved()
    {
        var result = await _roles.CreateAsync(_global, new("  ", "bad\u0001", []));

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.Equal(CustomRoleRules.NameRequiredMessage, result.MessageFor(CustomRoleRules.NameField));
        Assert.Equal(CustomRoleRules.DescriptionCharactersMessage, result.MessageFor(CustomRoleRules.DescriptionField));
        Assert.Equal(CustomRoleRules.PermissionsRequiredMessage, result.MessageFor(CustomRoleRules.PermissionsField));
        Assert.Empty(await _roles.ListAsync());
        Assert.Empty(await AuditAsync());
    }

    [Theory]
    [InlineData(PermissionAction.Create)]
    [InlineData(PermissionAction.Update)]
    [InlineData(PermissionAction.Delete)]
    public async Task Changes_ActorWithoutIntuneRolesPermission_ForbiddenAndNothingRecorded(PermissionAction action)
    {
        var created = (await _roles.CreateAsync(_global, new("Policy readers", "", [ManagedAppsRead]))).Value!;
        var eventsBefore = (await AuditAsync()).Count;
        // Intune Administrator reads roles but may not create, change or delete them.
        var intuneAdmin = Actor.WithRoles(ActorKind.Administrator, "intune@contoso.com", [BuiltInRoles.IntuneAdministrator]);

        var result = action switch
        {
            PermissionAction.Create => await _roles.CreateAsync(intuneAdmin, new("Other", "", [ManagedAppsRead])),
            PermissionAction.Update => await _roles.UpdateAsync(intuneAdmin, created.Id, new("Policy readers", "changed", [ManagedAppsRead])),
            _ => await _roles.DeleteAsync(intuneAdmin, created.Id),
        };

        Assert.Equal(ServiceOutcome.Forbidden, result.Outcome);
        Assert.Equal(new Permission(PermissionCategory.IntuneRoles, action), result.MissingPermission);
        Assert.Equal(eventsBefore, (await AuditAsync()).Count);
        Assert.Equal("", (await _roles.FindAsync("Policy readers"))!.Description);
    }

    [Fact]
    public async Task UpdateAsync_Permissions_CatalogSeesTheChangeAtOnce()
    {
        var created = (await _roles.CreateAsync(_global, new("Policy editors", "", [ManagedAppsRead]))).Value!;
        Assert.False(_catalog.Find("Policy editors")!.Allows(ManagedAppsUpdate));

        var result = await _roles.UpdateAsync(_global, created.Id, new("Policy editors", "", [ManagedAppsRead, ManagedAppsUpdate]));

        Assert.True(result.Succeeded);
        Assert.True(_catalog.Find("Policy editors")!.Allows(ManagedAppsUpdate));
    }

    [Fact]
    public async Task DeleteAsync_AssignedToAdministratorAndToken_RefusedNamingEachHolder()
    {
        var created = (await _roles.CreateAsync(_global, new("Policy readers", "", [ManagedAppsRead]))).Value!;
        Assert.True((await _admins.AddAsync(_globalId, new("reader@contoso.com", "Rita Reader", ["Policy readers"]))).Succeeded);
        var tokens = new ApiTokenService(_database, _database.Settings, _clock, NullLogger<ApiTokenService>.Instance, _catalog);
        Assert.True((await tokens.CreateAsync(new("CI pipeline", "Policy readers", _clock.GetUtcNow().UtcDateTime.AddDays(30)), TestActors.Named(Admin))).Succeeded);

        var result = await _roles.DeleteAsync(_global, created.Id);

        Assert.Equal(ServiceOutcome.Conflict, result.Outcome);
        var message = result.MessageFor(CustomRoleRules.RoleField);
        Assert.Equal(CustomRoleRules.AssignedMessage("Policy readers", ["Rita Reader (reader@contoso.com)"], ["CI pipeline"]), message);
        Assert.Contains("Rita Reader (reader@contoso.com)", message, StringComparison.Ordinal);
        Assert.Contains("CI pipeline", message, StringComparison.Ordinal);
        Assert.NotNull(_catalog.Find("Policy readers"));
    }

    [Fact]
    public async Task DeleteAsync_Unassigned_RemovedFromCatalogAndAdministratorRoles()
    {
        var created = (await _roles.CreateAsync(_global, new("Temporary", "", [ManagedAppsRead]))).Value!;
        Assert.NotNull(_catalog.Find("Temporary"));

        var result = await _roles.DeleteAsync(_global, created.Id);

        Assert.True(result.Succeeded);
        Assert.Null(_catalog.Find("Temporary"));
        Assert.DoesNotContain("Temporary", _catalog.AdministratorRoleNames);
        var refused = await _admins.AddAsync(_globalId, new("late@contoso.com", "Late", ["Temporary"]));
        Assert.Equal(AdministratorRules.UnknownRoleMessage, refused.MessageFor(AdministratorRules.RolesField));
    }

    [Fact]
    public async Task UpdateAsync_RenameWhileAssigned_RefusedNamingHolders()
    {
        var created = (await _roles.CreateAsync(_global, new("Policy readers", "", [ManagedAppsRead]))).Value!;
        await _admins.AddAsync(_globalId, new("reader@contoso.com", "Rita Reader", ["Policy readers"]));

        var result = await _roles.UpdateAsync(_global, created.Id, new("Policy viewers", "", [ManagedAppsRead]));

        Assert.Equal(ServiceOutcome.Conflict, result.Outcome);
        Assert.Contains("Rita Reader (reader@contoso.com)", result.MessageFor(CustomRoleRules.NameField), StringComparison.Ordinal);
        Assert.NotNull(await _roles.FindAsync("Policy readers"));
    }

    [Fact]
    public async Task AdministratorService_CustomRoleWithIntuneRolesAssign_MayAddAdministrators()
    {
        var assign = new Permission(PermissionCategory.IntuneRoles, PermissionAction.Assign);
        var update = new Permission(PermissionCategory.IntuneRoles, PermissionAction.Update);
        await _roles.CreateAsync(_global, new("Admin managers", "", [assign, update]));
        var manager = (await _admins.AddAsync(_globalId, new("manager@contoso.com", "Manager", ["Admin managers"]))).Value!;

        var added = await _admins.AddAsync(manager.Administrator.Id, new("new@contoso.com", "New", [AdminRoles.ReadOnlyOperator]));

        Assert.True(added.Succeeded);
        Assert.Equal(["Admin managers"], manager.Administrator.Roles);
    }

    private async Task<List<AuditEvent>> AuditAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.AuditEvents.AsNoTracking().Where(e => e.TargetType == CustomRoleService.TargetType).ToListAsync();
    }
}

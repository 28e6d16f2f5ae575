using AdminCenter.Core.Audit;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Roles;
using AdminCenter.Tests.Core.Identity;
using AdminCenter.Tests.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Roles;

/// <summary>Roles and Administrators changes: one audit event each (category Roles), none for a refused change.</summary>
public sealed class RoleAuditTests : IAsyncLifetime, IDisposable
{
    private const string Admin = "admin@contoso.com";
    private static readonly Permission Read = new(PermissionCategory.ManagedApps, PermissionAction.Read);
    private static readonly Permission Wipe = new(PermissionCategory.ManagedApps, PermissionAction.Wipe);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly ServiceProvider _provider;
    private readonly CustomRoleService _roles;
    private readonly AdministratorService _admins;
    private readonly Actor _global = Actor.WithRoles(ActorKind.Administrator, Admin, [BuiltInRoles.GlobalAdministrator]);
    private string _globalId = "";

    public RoleAuditTests()
    {
        _provider = AdministratorTestServices.Build(_database, _clock);
        _roles = _provider.GetRequiredService<CustomRoleService>();
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
    public async Task CreateAsync_Role_OneCreateEventWithNameDescriptionPermissions()
    {
        var created = (await _roles.CreateAsync(_global, new("Policy readers", "Reads policies", [Read]))).Value!;

        var audit = Assert.Single(await EventsAsync());
        Assert.Equal(("Create RoleDefinition", AuditActivityType.Create, AuditCategories.Roles, Admin, "Policy readers", created.Id),
            (audit.Activity, audit.ActivityType, audit.Category, audit.InitiatedBy, audit.TargetDisplayName, audit.TargetId));
        Assert.Equal(
            [new("name", null, "Policy readers"), new("description", null, "Reads policies"), new("permissions", null, "Managed apps/Read")],
            audit.ModifiedProperties);
    }

    [Fact]
    public async Task UpdateAsync_Permissions_OneUpdateEventWithOnlyPermissionsBeforeAndAfter()
    {
        var created = (await _roles.CreateAsync(_global, new("Policy readers", "Reads policies", [Read]))).Value!;

        await _roles.UpdateAsync(_global, created.Id, new("Policy readers", "Reads policies", [Read, Wipe]));

        var audit = Assert.Single(await EventsAsync(), e => e.ActivityType == AuditActivityType.Update);
        Assert.Equal("Update RoleDefinition", audit.Activity);
        Assert.Equal([new("permissions", "Managed apps/Read", "Managed apps/Read, Managed apps/Wipe")], audit.ModifiedProperties);
    }

    [Fact]
    public async Task UpdateAsync_NothingChanged_NoEvent()
    {
        var created = (await _roles.CreateAsync(_global, new("Policy readers", "", [Read]))).Value!;

        var result = await _roles.UpdateAsync(_global, created.Id, new("Policy readers", "", [Read]));

        Assert.True(result.Succeeded);
        Assert.Single(await EventsAsync());
    }

    [Fact]
    public async Task DeleteAsync_Role_OneDeleteEventWithOldValues()
    {
        var created = (await _roles.CreateAsync(_global, new("Policy readers", "Reads policies", [Read]))).Value!;

        await _roles.DeleteAsync(_global, created.Id);

        var audit = Assert.Single(await EventsAsync(), e => e.ActivityType == AuditActivityType.Delete);
        Assert.Equal(("Delete RoleDefinition", "Policy readers"), (audit.Activity, audit.TargetDisplayName));
        Assert.Equal(
            [new("name", "Policy readers", null), new("description", "Reads policies", null), new("permissions", "Managed apps/Read", null)],
            audit.ModifiedProperties);
    }

    [Fact]
    public async Task RoleChanges_Refused_NoEvent()
    {
        var created = (await _roles.CreateAsync(_global, new("Policy readers", "", [Read]))).Value!;
        await _admins.AddAsync(_globalId, new("reader@contoso.com", "Reader", ["Policy readers"]));
        var before = await EventsAsync();

        await _roles.CreateAsync(_global, new("Global Administrator", "", [Read]));
        await _roles.UpdateAsync(_global, created.Id, new("Policy readers", "", []));
        await _roles.DeleteAsync(_global, created.Id);
        await _roles.CreateAsync(Actor.WithRoles(ActorKind.Administrator, "ro@contoso.com", [BuiltInRoles.ReadOnlyOperator]), new("Other", "", [Read]));

        Assert.Equal(before.Count, (await EventsAsync()).Count);
    }

    [Fact]
    public async Task AddAsync_Administrator_OneCreateEventWithRolesAndPasswordHidden()
    {
        var added = (await _admins.AddAsync(_globalId, new("reader@contoso.com", "Rita Reader", [AdminRoles.ReadOnlyOperator]))).Value!;

        var audit = Assert.Single(await EventsAsync());
        Assert.Equal(("Create Administrator", AuditActivityType.Create, AuditCategories.Roles, Admin, "reader@contoso.com", added.Administrator.Id),
            (audit.Activity, audit.ActivityType, audit.Category, audit.InitiatedBy, audit.TargetDisplayName, audit.TargetId));
        Assert.Equal(
            [
                new("email", null, "reader@contoso.com"), new("displayName", null, "Rita Reader"), new("roles", null, AdminRoles.ReadOnlyOperator),
                new("password", null, AuditTrail.SecretChanged),
            ],
            audit.ModifiedProperties);
        Assert.DoesNotContain(audit.ModifiedPropertiesJson, added.Password, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetRolesAsync_Administrator_OneUpdateEventWithRolesBeforeAndAfter()
    {
        var id = await AddReaderAsync();

        await _admins.SetRolesAsync(_globalId, id, [AdminRoles.HelpDeskOperator, AdminRoles.ReadOnlyOperator]);

        var audit = Assert.Single(await EventsAsync(), e => e.ActivityType == AuditActivityType.Update);
        Assert.Equal("Update Administrator", audit.Activity);
        Assert.Equal([new("roles", AdminRoles.ReadOnlyOperator, $"{AdminRoles.HelpDeskOperator}, {AdminRoles.ReadOnlyOperator}")], audit.ModifiedProperties);
    }

    [Fact]
    public async Task DisableEnableUnlockReset_Administrator_OneActionEventEach()
    {
        var id = await AddReaderAsync();

        await _admins.DisableAsync(_globalId, id);
        await _admins.EnableAsync(_globalId, id);
        await LockOutAsync(id);
        await _admins.UnlockAsync(_globalId, id);
        await _admins.ResetPasswordAsync(_globalId, id);

        var actions = (await EventsAsync()).Where(e => e.ActivityType == AuditActivityType.Action).ToList();
        Assert.Equal(
            ["Disable Administrator", "Enable Administrator", "Unlock Administrator", "Reset password Administrator"],
            actions.Select(e => e.Activity));
        Assert.All(actions, e => Assert.Equal((AuditCategories.Roles, Admin, id), (e.Category, e.InitiatedBy, e.TargetId)));
        Assert.Equal([new("status", "Enabled", "Disabled")], actions[0].ModifiedProperties);
        Assert.Equal([new("status", "Disabled", "Enabled")], actions[1].ModifiedProperties);
        Assert.Equal([new("status", "Locked", "Enabled")], actions[2].ModifiedProperties);
        Assert.Equal([new("password", null, AuditTrail.SecretChanged)], actions[3].ModifiedProperties);
    }

    [Fact]
    public async Task AdministratorChanges_Refused_NoEvent()
    {
        var readerId = await AddReaderAsync();
        var before = (await EventsAsync()).Count;

        await _admins.AddAsync(_globalId, new("", "", []));
        await _admins.AddAsync(readerId, new("other@contoso.com", "Other", [AdminRoles.ReadOnlyOperator]));
        await _admins.SetRolesAsync(_globalId, _globalId, [AdminRoles.ReadOnlyOperator]);
        await _admins.DisableAsync(_globalId, _globalId);
        await _admins.SetRolesAsync(readerId, readerId, [AdminRoles.GlobalAdministrator]);
        await _admins.ResetPasswordAsync(readerId, _globalId);

        Assert.Equal(before, (await EventsAsync()).Count);
    }

    private async Task<string> AddReaderAsync()
    {
        var added = await _admins.AddAsync(_globalId, new("reader@contoso.com", "Reader", [AdminRoles.ReadOnlyOperator]));
        return added.Value!.Administrator.Id;
    }

    private async Task LockOutAsync(string id)
    {
        await using var scope = _provider.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var user = (await users.FindByIdAsync(id))!;
        await users.SetLockoutEndDateAsync(user, _clock.GetUtcNow().AddMinutes(15));
    }

    private static readonly string InWriteOrderSql = """SELECT * FROM "AuditEvents" ORDER BY """ + TestSql.InWriteOrder;

    private async Task<List<AuditEvent>> EventsAsync()
    {
        await using var db = _database.CreateDbContext();
        // The clock stands still here: the write order comes from the provider (rowid / transaction id).
        return await db.AuditEvents.FromSqlRaw(InWriteOrderSql).AsNoTracking().ToListAsync();
    }
}

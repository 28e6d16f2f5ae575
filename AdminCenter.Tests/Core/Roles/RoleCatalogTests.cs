using AdminCenter.Core.Roles;
using AdminCenter.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Roles;

public sealed class RoleCatalogTests : IDisposable
{
    private static readonly Permission Read = new(PermissionCategory.ManagedApps, PermissionAction.Read);

    private readonly TestDatabase _database = new();
    private readonly RoleCatalog _catalog;

    public RoleCatalogTests() => _catalog = new RoleCatalog(_database);

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData("Global Administrator")]
    [InlineData("help desk operator")]
    [InlineData("Managed app client")]
    public void Find_BuiltInName_ReturnsTheBuiltInDefinition(string name)
    {
        var role = _catalog.Find(name);

        Assert.NotNull(role);
        Assert.True(role.IsBuiltIn);
        Assert.Same(BuiltInRoles.Find(name), role);
    }

    [Fact]
    public void Find_UnknownOrEmpty_ReturnsNull()
    {
        Assert.Null(_catalog.Find("Nobody's role"));
        Assert.Null(_catalog.Find(""));
        Assert.Null(_catalog.Find(null));
    }

    [Fact]
    public void Find_RoleSavedWithoutInvalidate_SeenOnlyAfterInvalidate()
    {
        Assert.Null(_catalog.Find("Auditors"));
        using (var db = _database.CreateDbContext())
        {
            db.CustomRoles.Add(CustomRole.Create("Auditors", "", [new(PermissionCategory.AuditData, PermissionAction.Read)], DateTime.UtcNow));
            db.SaveChanges();
        }

        var cached = _catalog.Find("Auditors");
        _catalog.Invalidate();
        var fresh = _catalog.Find("auditors");

        Assert.Null(cached);
        Assert.NotNull(fresh);
        Assert.True(fresh.Allows(new(PermissionCategory.AuditData, PermissionAction.Read)));
    }

    [Fact]
    public async Task Lists_CustomRoles_FollowBuiltInsInNameOrder()
    {
        var roles = new CustomRoleService(_database, _catalog, new FakeTimeProvider());
        var global = Actor.WithRoles(ActorKind.Administrator, "admin@contoso.com", [BuiltInRoles.GlobalAdministrator]);
        await roles.CreateAsync(global, new("Zeta readers", "", [Read]));
        await roles.CreateAsync(global, new("alpha readers", "", [Read]));

        Assert.Equal([.. BuiltInRoles.All.Select(r => r.Name), "alpha readers", "Zeta readers"], _catalog.TokenRoleNames);
        Assert.Equal("Managed app client", _catalog.TokenRoleNames[7]);
        Assert.DoesNotContain(BuiltInRoles.ManagedAppClientName, _catalog.AdministratorRoleNames);
        Assert.Equal(["alpha readers", "Zeta readers"], _catalog.AdministratorRoleNames.TakeLast(2));
        Assert.Contains("alpha readers", _catalog.Holders(Read));
        Assert.True(_catalog.AnyAllows(["Zeta readers"], Read));
        Assert.False(_catalog.AnyAllows(["Zeta readers"], new(PermissionCategory.ManagedApps, PermissionAction.Update)));
    }

    [Fact]
    public async Task Find_RoleChangedThroughAnotherInstance_SeenAtTheNextLookup()
    {
        var otherInstance = new RoleCatalog(_database);
        var roles = new CustomRoleService(_database, otherInstance, new FakeTimeProvider());
        var global = Actor.WithRoles(ActorKind.Administrator, "admin@contoso.com", [BuiltInRoles.GlobalAdministrator]);
        Assert.Null(_catalog.Find("Policy readers"));

        var created = (await roles.CreateAsync(global, new("Policy readers", "", [Read]))).Value!;
        var afterCreate = _catalog.Find("Policy readers");
        var update = new Permission(PermissionCategory.ManagedApps, PermissionAction.Update);
        await roles.UpdateAsync(global, created.Id, new("Policy readers", "", [Read, update]));
        var afterUpdate = _catalog.Find("Policy readers");
        await roles.DeleteAsync(global, created.Id);
        var afterDelete = _catalog.Find("Policy readers");

        Assert.NotNull(afterCreate);
        Assert.False(afterCreate.Allows(update));
        Assert.NotNull(afterUpdate);
        Assert.True(afterUpdate.Allows(update));
        Assert.Null(afterDelete);
        Assert.DoesNotContain("Policy readers", _catalog.AdministratorRoleNames);
    }

    [Fact]
    public void Normalize_LookalikesStayDistinct_AsciiCaseFolds()
    {
        Assert.Equal(CustomRole.Normalize("Policy READERS"), CustomRole.Normalize(" policy readers "));
        Assert.NotEqual(CustomRole.Normalize("iſaiah"), CustomRole.Normalize("ISAIAH"));
    }
}

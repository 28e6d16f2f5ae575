using System.Security.Claims;
using AdminCenter.Core.Roles;
using AdminCenter.Hosting;
using AdminCenter.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Hosting;

/// <summary>Pages' policies and Core services' actors resolve a custom role through the same catalog.</summary>
public sealed class PermissionAuthorizationTests : IDisposable
{
    private static readonly Permission Read = new(PermissionCategory.ManagedApps, PermissionAction.Read);
    private static readonly Permission Update = new(PermissionCategory.ManagedApps, PermissionAction.Update);

    private readonly TestDatabase _database = new();
    private readonly RoleCatalog _catalog;

    public PermissionAuthorizationTests() => _catalog = new RoleCatalog(_database);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ToActor_TransformedPrincipalWithCustomRole_HasExactlyItsPermissions()
    {
        await CreateRoleAsync("Policy readers", Read);
        var principal = await new RoleCatalogClaimsTransformation(_catalog).TransformAsync(Admin("Policy readers"));

        var actor = principal.ToActor();

        Assert.Equal(("reader@contoso.com", ActorKind.Administrator), (actor.Name, actor.Kind));
        Assert.Equal([Read], actor.Permissions);
        Assert.False(actor.May(Update));
    }

    [Fact]
    public void ToActor_UntransformedPrincipal_ResolvesBuiltInRolesOnly()
    {
        var actor = Admin(BuiltInRoles.ReadOnlyOperatorName, "Policy readers").ToActor();

        Assert.Equal(Permissions.EveryRead.ToHashSet(), actor.Permissions);
    }

    [Theory]
    [InlineData("Policy editors", true)]
    [InlineData("Policy readers", false)]
    [InlineData(BuiltInRoles.ApplicationManagerName, true)]
    [InlineData(BuiltInRoles.HelpDeskOperatorName, false)]
    public async Task ToActor_TransformedPrincipal_MayUpdateOnlyWhenARoleGrantsIt(string role, bool expected)
    {
        await CreateRoleAsync("Policy readers", Read);
        await CreateRoleAsync("Policy editors", Update);

        var principal = await new RoleCatalogClaimsTransformation(_catalog).TransformAsync(Admin(role));

        Assert.Equal(expected, principal.ToActor().May(Update));
    }

    private async Task CreateRoleAsync(string name, Permission permission)
    {
        var roles = new CustomRoleService(_database, _catalog, new FakeTimeProvider());
        var global = Actor.WithRoles(ActorKind.Administrator, "admin@contoso.com", [BuiltInRoles.GlobalAdministrator]);
        Assert.True((await roles.CreateAsync(global, new(name, "", [permission]))).Succeeded);
    }

    private static ClaimsPrincipal Admin(params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "reader@contoso.com"), .. roles.Select(role => new Claim(ClaimTypes.Role, role))],
            "Identity.Application"));
}

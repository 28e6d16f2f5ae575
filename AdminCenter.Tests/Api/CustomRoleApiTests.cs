using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.Roles;
using AdminCenter.Hosting;
using AdminCenter.Tests.TestSupport;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Tests.Api;

/// <summary>An API token holding a custom role acts with exactly that role's permissions.</summary>
public sealed class CustomRoleApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/graph/beta/deviceAppManagement/windowsManagedAppProtections";

    [Fact]
    public void Services_ClaimsTransformation_IsTheRoleCatalogOne()
    {
        using var scope = api.Services.CreateScope();

        Assert.IsType<RoleCatalogClaimsTransformation>(scope.ServiceProvider.GetRequiredService<IClaimsTransformation>());
    }

    [Fact]
    public async Task Token_CustomRoleWithManagedAppsRead_ReadsPoliciesButCreateIs403NamingThePermission()
    {
        var value = await TokenWithCustomRoleAsync("Api policy readers", new Permission(PermissionCategory.ManagedApps, PermissionAction.Read));
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", value);

        using var list = await client.GetAsync(Path);
        using var create = await client.PostAsync(Path, new StringContent(
            """{"@odata.type": "#microsoft.graph.windowsManagedAppProtection", "displayName": "Not allowed"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Contains("Managed apps/Create", await create.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_CustomRoleWithManagedAppsCreate_CreatesAPolicy()
    {
        var value = await TokenWithCustomRoleAsync("Api policy authors", new Permission(PermissionCategory.ManagedApps, PermissionAction.Create));
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", value);

        using var create = await client.PostAsync(Path, new StringContent(
            """{"@odata.type": "#microsoft.graph.windowsManagedAppProtection", "displayName": "Made by a custom role"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
    }

    private async Task<string> TokenWithCustomRoleAsync(string role, Permission permission)
    {
        var global = Actor.WithRoles(ActorKind.Administrator, "admin@contoso.com", [BuiltInRoles.GlobalAdministrator]);
        Assert.True((await api.Services.GetRequiredService<CustomRoleService>().CreateAsync(global, new(role, "", [permission]))).Succeeded);
        var created = await api.Services.GetRequiredService<ApiTokenService>()
            .CreateAsync(new(role + " token", role, api.Clock.GetUtcNow().UtcDateTime.AddDays(30)), TestActors.Named("admin@contoso.com"));
        Assert.True(created.Succeeded);
        return created.Value!.Value;
    }
}

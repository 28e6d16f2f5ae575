using System.Text.Json;
using AdminCenter.Api;
using AdminCenter.Core.Common;
using AdminCenter.Core.Roles;
using AdminCenter.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Tests.Api;

public sealed class ApiResultsTests
{
    [Fact]
    public async Task Error_ServiceRefusedForAPermission_Is403WithGraphsBodyNamingIt()
    {
        var needed = new Permission(PermissionCategory.ManagedApps, PermissionAction.Update);
        using var database = new TestDatabase();
        var catalog = new RoleCatalog(database);
        var roles = new CustomRoleService(database, catalog, TimeProvider.System);
        Assert.True((await roles.CreateAsync(TestActors.System, new CustomRoleInput("Policy editors", null, [needed, new(PermissionCategory.ManagedApps, PermissionAction.Read)]))).Succeeded);
        // The services the app gives every request: the 403 names the roles holding the permission from its role catalog.
        await using var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddSingleton(catalog).BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Response.Body = new MemoryStream();

        await ApiResults.Error(context, ServiceResult<int>.Forbidden(needed)).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("Forbidden", error.GetProperty("code").GetString());
        var message = error.GetProperty("message").GetString();
        Assert.Contains("Managed apps/Update", message, StringComparison.Ordinal);
        Assert.Contains(BuiltInRoles.IntuneAdministratorName, message, StringComparison.Ordinal);
        Assert.Contains("Policy editors", message, StringComparison.Ordinal);
        Assert.DoesNotContain(BuiltInRoles.ReadOnlyOperatorName, message, StringComparison.Ordinal);
    }
}

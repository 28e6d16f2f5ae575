using System.Text.Json;
using AdminCenter.Api;
using AdminCenter.Core.Common;
using AdminCenter.Core.Roles;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Tests.Api;

public sealed class ApiResultsTests
{
    [Fact]
    public async Task Error_ServiceRefusedForAPermission_Is403WithGraphsBodyNamingIt()
    {
        var needed = new Permission(PermissionCategory.ManagedApps, PermissionAction.Update);
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).BuildServiceProvider() };
        context.Response.Body = new MemoryStream();

        await ApiResults.Error(context, ServiceResult<int>.Forbidden(needed)).ExecuteAsync(context);

        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        context.Response.Body.Position = 0;
        using var body = await JsonDocument.ParseAsync(context.Response.Body);
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("Forbidden", error.GetProperty("code").GetString());
        Assert.Contains("Managed apps/Update", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.AppProtection;
using AdminCenter.Tests.TestSupport;

namespace AdminCenter.Tests.Api;

/// <summary>Graph beta's <c>windowsManagedAppProtections/{id}/deploymentSummary</c>: Graph's managedAppPolicyDeploymentSummary shape and counts.</summary>
public sealed class GraphDeploymentSummaryApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/graph/beta/deviceAppManagement/windowsManagedAppProtections";

    [Fact]
    public async Task Get_OneOfTwoTargetedUsersCheckedIn_CountsThatUserOverallAndForEdge()
    {
        var checkedIn = $"summary.{Guid.NewGuid():N}@contoso.com";
        var group = await api.CreateGroupAsync($"Summary {Guid.NewGuid():N}",
            await api.CreateUserAsync(checkedIn), await api.CreateUserAsync($"silent.{Guid.NewGuid():N}@contoso.com"));
        var name = $"Summary policy {Guid.NewGuid():N}";
        var id = await api.CreatePolicyAsync(name, group);
        using var client = api.CreateMamClient();
        var checkIn = await client.PostAsJsonAsync("/mam/v1/checkIn", new
        {
            userPrincipalName = checkedIn,
            appId = WindowsPolicyDraft.EdgeAppId,
            azureAdDeviceId = $"device-{Guid.NewGuid():N}",
            platformVersion = "10.0.22631.4000",
            appVersion = "131.0.2903.70",
            sdkVersion = "1.0.0",
        });
        Assert.Equal(HttpStatusCode.OK, checkIn.StatusCode);

        var response = await client.GetAsync($"{Path}/{id}/deploymentSummary");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal(
            ["@odata.context", "@odata.type", "id", "displayName", "configurationDeployedUserCount", "lastRefreshTime",
             "configurationDeploymentSummaryPerApp", "version"],
            root.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"http://localhost/graph/beta/$metadata#deviceAppManagement/windowsManagedAppProtections('{id}')/deploymentSummary/$entity",
            root.GetProperty("@odata.context").GetString());
        Assert.Equal("#microsoft.graph.managedAppPolicyDeploymentSummary", root.GetProperty("@odata.type").GetString());
        Assert.Equal((id, name, 1, "1"), (root.GetProperty("id").GetString(), root.GetProperty("displayName").GetString(),
            root.GetProperty("configurationDeployedUserCount").GetInt32(), root.GetProperty("version").GetString()));
        Assert.Equal(api.Clock.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            root.GetProperty("lastRefreshTime").GetString());
        var edge = Assert.Single(root.GetProperty("configurationDeploymentSummaryPerApp").EnumerateArray());
        Assert.Equal("#microsoft.graph.managedAppPolicyDeploymentSummaryPerApp", edge.GetProperty("@odata.type").GetString());
        Assert.Equal(("#microsoft.graph.windowsAppIdentifier", WindowsPolicyDraft.EdgeAppId),
            (edge.GetProperty("mobileAppIdentifier").GetProperty("@odata.type").GetString(), edge.GetProperty("mobileAppIdentifier").GetProperty("windowsAppId").GetString()));
        Assert.Equal(1, edge.GetProperty("configurationAppliedUserCount").GetInt32());
    }

    [Fact]
    public async Task Get_UnknownPolicy_Is404InGraphsShape()
    {
        using var client = api.CreateMamClient();

        var response = await client.GetAsync($"{Path}/no-such-policy/deploymentSummary");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Equal("NotFound", error.GetProperty("code").GetString());
        Assert.Contains("no-such-policy", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_TokenWithoutManagedAppsRead_Is403NamingThePermission()
    {
        var group = await api.CreateGroupAsync($"Summary {Guid.NewGuid():N}");
        var id = await api.CreatePolicyAsync($"Summary forbidden {Guid.NewGuid():N}", group);
        var token = await api.Get<ApiTokenService>().CreateAsync(
            new ApiTokenInput($"MAM client {Guid.NewGuid():N}", ApiTokenRoles.ManagedAppClient, api.Clock.GetUtcNow().UtcDateTime.AddDays(30)), TestActors.Named("api-tests"));
        using var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value!.Value);

        var response = await client.GetAsync($"{Path}/{id}/deploymentSummary");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("error");
        Assert.Contains("Managed apps/Read", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace AdminCenter.Tests.Api;

/// <summary>The OpenAPI document (spec 05 §6): every endpoint, for a valid token; nothing for anyone else.</summary>
public sealed class OpenApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Document_WithToken_ListsEveryApiEndpointWithTheBearerScheme()
    {
        using var client = api.CreateMamClient();

        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Console.WriteLine(string.Join("\n", paths));
        Assert.Contains("/mam/v1/checkIn", paths);
        Assert.Contains("/mam/v1/wipeResult", paths);
        Assert.Contains("/mam/v1/signOut", paths);
        Assert.Contains("/ca/v1/evaluate", paths);
        Assert.Contains("/partner/v1/connectors/{connectorId}/healthReports", paths);
        Assert.Contains("/partner/v1/connectors/{connectorId}/heartbeat", paths);
        Assert.Contains("/graph/beta/users/{userPrincipalName}/wipeManagedAppRegistrationsByAzureAdDeviceId", paths);
        Assert.Contains(paths, p => p.EndsWith("/deviceManagement/mobileThreatDefenseConnectors", StringComparison.Ordinal));
        foreach (var policyPath in new[] { "", "/{id}", "/{id}/assign", "/{id}/targetApps", "/{id}/apps", "/{id}/assignments" })
        {
            var path = "/graph/beta/deviceAppManagement/windowsManagedAppProtections" + policyPath;
            Assert.Contains(path, paths);
            Assert.All(document.RootElement.GetProperty("paths").GetProperty(path).EnumerateObject(),
                operation => Assert.Equal("Graph admin API", Assert.Single(operation.Value.GetProperty("tags").EnumerateArray()).GetString()));
        }
        Assert.DoesNotContain("/graph/v1.0/deviceAppManagement/windowsManagedAppProtections", paths);
        Assert.DoesNotContain(paths, p => p.Contains("{**", StringComparison.Ordinal));
        Assert.Equal("bearer", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
    }

    [Fact]
    public async Task Document_WithWrongToken_Is401()
    {
        using var client = api.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        var response = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Document_SignedOutBrowser_IsSentToSignIn()
    {
        using var client = api.CreateClient(new() { AllowAutoRedirect = false });

        var document = await client.GetAsync("/openapi/v1.json");
        var reference = await client.GetAsync("/api-reference");

        Assert.Equal(HttpStatusCode.Redirect, document.StatusCode);
        Assert.Contains("/Account/Login", document.Headers.Location?.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, reference.StatusCode);
    }
}

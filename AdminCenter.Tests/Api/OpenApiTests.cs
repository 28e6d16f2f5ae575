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
    public async Task Document_EveryOperation_HasASummaryGraphErrorsAndForEveryBodyASchemaAndExample()
    {
        using var client = api.CreateMamClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (Name: $"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value)))
            .ToList();
        Assert.True(operations.Count >= 40, $"{operations.Count} operations");
        Assert.All(operations, operation =>
        {
            Assert.False(string.IsNullOrWhiteSpace(operation.Value.TryGetProperty("summary", out var summary) ? summary.GetString() : null), $"{operation.Name} has no summary");
            var responses = operation.Value.GetProperty("responses");
            Assert.True(responses.TryGetProperty("400", out var badRequest), $"{operation.Name} documents no 400");
            Assert.Equal("BadRequest", badRequest.GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("error").GetProperty("code").GetString());
            var takesBody = operation.Name.StartsWith("POST", StringComparison.Ordinal) || operation.Name.StartsWith("PATCH", StringComparison.Ordinal);
            if (takesBody && !operation.Name.EndsWith("/deprovision", StringComparison.Ordinal))
            {
                var body = operation.Value.GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
                Assert.Equal(JsonValueKind.Object, body.GetProperty("example").ValueKind);
            }
        });
        var checkIn = document.RootElement.GetProperty("paths").GetProperty("/mam/v1/checkIn").GetProperty("post");
        var schema = checkIn.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.True(schema.TryGetProperty("$ref", out _) || schema.TryGetProperty("properties", out _), "the check-in body has no schema");
        Assert.Equal("block", checkIn.GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("example").GetProperty("outcome").GetString());
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

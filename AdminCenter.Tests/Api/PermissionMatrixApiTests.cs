using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.Roles;
using AdminCenter.Tests.Core.Roles;
using AdminCenter.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Tests.Api;

/// <summary>
/// Spec 06, Enforcement, through the API: a token of every built-in role × every API endpoint of <see cref="PermissionMatrix"/>
/// gets 403 with Graph's error body naming the missing permission exactly when its role may not take the action, and
/// something else (the change, or a 4xx about the request) otherwise. Custom roles cannot hold tokens yet.
/// </summary>
public sealed class PermissionMatrixApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    // Placeholders of the matrix's routes and bodies: ids that exist nowhere, so an allowed call changes nothing shared.
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["{id}"] = "00000000-0000-0000-0000-000000000000",
        ["{group}"] = "no-such-group",
        ["{user}"] = "no-such-user",
        ["{upn}"] = "nobody@contoso.com",
        ["{device}"] = "no-such-device",
        ["{connectorId}"] = MatrixTenant.Lookout,
        ["{freePartner}"] = "no-such-partner",
    };

    public static TheoryData<string, string, string> ApiCases()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var role in BuiltInRoles.All)
        {
            foreach (var row in PermissionMatrix.Rows.Where(r => r.Caller is MatrixCaller.Permission or MatrixCaller.ManagedAppClient))
            {
                foreach (var call in row.Api)
                {
                    cases.Add(role.Name, row.Name, call.ToString());
                }
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(ApiCases))]
    public async Task Api_RoleTimesEndpoint_403NamingThePermissionExactlyWhenTheRoleLacksIt(string roleName, string actionName, string endpoint)
    {
        var role = PermissionMatrix.Role(roleName);
        var row = PermissionMatrix.Row(actionName);
        var call = row.Api.Single(c => c.ToString() == endpoint);
        using var client = await ClientWithRoleAsync(role.Name);
        using var request = new HttpRequestMessage(new HttpMethod(call.Method), Fill(call.Route));
        request.Content = new StringContent(Fill(call.Body ?? "{}").Replace("{suffix}", Guid.NewGuid().ToString("N"), StringComparison.Ordinal), Encoding.UTF8, "application/json");

        using var response = await client.SendAsync(request);

        if (PermissionMatrix.Allows(role, row))
        {
            Assert.NotEqual(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            return;
        }
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var error = body.RootElement.GetProperty("error");
        Assert.Equal("Forbidden", error.GetProperty("code").GetString());
        if (row.Needed is { } needed)
        {
            Assert.Contains(needed.ToString(), error.GetProperty("message").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Matrix_EveryNonGetApiEndpoint_HasARow()
    {
        var listed = PermissionMatrix.Rows.SelectMany(row => row.Api)
            .Select(call => $"{call.Method} {Template(call.Route)}")
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var endpoints = api.Services.GetServices<EndpointDataSource>().SelectMany(source => source.Endpoints).OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Any(method => !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)) == true)
            .Select(endpoint => (Methods: endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods, Route: "/" + endpoint.RoutePattern.RawText!.TrimStart('/')))
            .Where(endpoint => AdminCenter.Api.ApiFallbacks.Prefixes.Any(prefix => endpoint.Route.StartsWith(prefix + "/", StringComparison.OrdinalIgnoreCase)))
            .SelectMany(endpoint => endpoint.Methods.Where(method => !HttpMethods.IsGet(method)).Select(method => $"{method} {Template(endpoint.Route)}"))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();

        Assert.NotEmpty(endpoints);
        var missing = endpoints.Where(endpoint => !listed.Contains(endpoint)).ToList();
        Assert.True(missing.Count == 0, "No permission matrix row for: " + string.Join(", ", missing));
    }

    // Route parameters compared by position, not name: {id} and {connectorId} are both "{}".
    private static string Template(string route) => System.Text.RegularExpressions.Regex.Replace(route, "{[^}]*}", "{}");

    private static string Fill(string text) => Values.Aggregate(text, (current, pair) => current.Replace(pair.Key, pair.Value, StringComparison.Ordinal));

    private async Task<HttpClient> ClientWithRoleAsync(string role)
    {
        var token = await api.Get<ApiTokenService>().CreateAsync(
            new ApiTokenInput($"{role} {Guid.NewGuid():N}", role, api.Clock.GetUtcNow().UtcDateTime.AddDays(30)), TestActors.System);
        Assert.True(token.Succeeded);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value!.Value);
        return client;
    }
}

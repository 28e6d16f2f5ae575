using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Api;

/// <summary>
/// The tenant the bad-input suite runs against: a user enrolled on a device (so Windows Security Center accepts
/// reports), and partner secrets for Lookout (Not Set Up) and Windows Security Center.
/// </summary>
public sealed class BadInputTenant : IAsyncLifetime, IDisposable
{
    public ApiFactory Api { get; } = new();

    public string LookoutSecret { get; private set; } = "";

    public string WscSecret { get; private set; } = "";

    /// <summary>The Windows app protection policy whose PATCH, assign and targetApps get the malformed bodies.</summary>
    public string PolicyId { get; private set; } = "";

    /// <summary>The assignment filter whose PATCH gets the malformed bodies.</summary>
    public string FilterId { get; private set; } = "";

    /// <summary>The app configuration policy whose PATCH, assign and targetApps get the malformed bodies.</summary>
    public string AppConfigurationId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        WscSecret = await Api.ConnectorWithSecretAsync(PartnerCatalog.WindowsSecurityCenterId);
        LookoutSecret = await Api.ConnectorWithSecretAsync(BadInputCases.Lookout);
        await Api.CreateUserAsync(BadInputCases.User);
        PolicyId = await Api.CreatePolicyAsync(BadInputCases.PolicyName, await Api.CreateGroupAsync("Bad input group"));
        FilterId = (await Api.Get<AdminCenter.Core.Filters.AssignmentFilterService>().CreateAsync(AdminCenter.Core.Roles.Actor.System,
            new AdminCenter.Core.Filters.AssignmentFilterDraft { DisplayName = "Bad input filter", Rule = "app.deviceModel -eq \"x\"" })).Value!.Id;
        var appConfiguration = await Api.Get<AdminCenter.Core.AppConfiguration.AppConfigurationPolicyService>().CreateAsync(
            new AdminCenter.Core.AppConfiguration.AppConfigurationDraft { DisplayName = BadInputCases.AppConfigurationName, Apps = [WindowsPolicyDraft.EdgeAppId] },
            AdminCenter.Core.Roles.Actor.System);
        AppConfigurationId = appConfiguration.Value!.Id;
        using var client = Api.CreateMamClient();
        var checkIn = await client.PostAsync("/mam/v1/checkIn", JsonContent(
            $$"""{"userPrincipalName":"{{BadInputCases.User}}","appId":"{{WindowsPolicyDraft.EdgeAppId}}","azureAdDeviceId":"{{BadInputCases.Device}}"}"""));
        Assert.Equal(HttpStatusCode.OK, checkIn.StatusCode);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose() => Api.Dispose();

    public HttpClient Client(Caller caller) => caller switch
    {
        Caller.LookoutPartner => Api.CreatePartnerClient(LookoutSecret),
        Caller.WscPartner => Api.CreatePartnerClient(WscSecret),
        _ => Api.CreateMamClient(),
    };

    /// <summary>Every table a refused request must leave alone.</summary>
    public Task<RowCounts> CountsAsync() => Api.QueryAsync(async db => new RowCounts(
        await db.MamRegistrations.CountAsync(),
        await db.HealthReports.CountAsync(),
        await db.WipeRequests.CountAsync(),
        await db.SignInLogs.CountAsync(),
        await db.ConnectorStatusChanges.CountAsync(),
        await db.RegistrationOutcomeChanges.CountAsync(),
        string.Join(",", await db.MobileThreatDefenseConnectors.OrderBy(c => c.Id).Select(c => c.Id + ":" + c.PartnerState + ":" + c.LastHeartbeatDateTime).ToListAsync()),
        string.Join(",", (await db.WindowsManagedAppProtections.OrderBy(p => p.Id).Select(p => new { p.Id, p.Version, p.LastModifiedDateTime, Groups = p.Assignments.Count }).ToListAsync())
            .Select(p => $"{p.Id}:{p.Version}:{p.LastModifiedDateTime:O}:{p.Groups}"))
        + ";" + string.Join(",", (await db.TargetedManagedAppConfigurations.OrderBy(p => p.Id).Select(p => new { p.Id, p.Version, Groups = p.Assignments.Count }).ToListAsync())
            .Select(p => $"{p.Id}:{p.Version}:{p.Groups}"))));

    /// <summary>The request path, with the tenant's policy in place of <c>{policyId}</c>.</summary>
    public string Resolve(string path) =>
        path.Replace("{policyId}", PolicyId, StringComparison.Ordinal).Replace("{filterId}", FilterId, StringComparison.Ordinal)
            .Replace("{appConfigurationId}", AppConfigurationId, StringComparison.Ordinal);

    public static ByteArrayContent JsonContent(string json)
    {
        var content = new ByteArrayContent(BadInputCases.Utf8(json));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}

public sealed record RowCounts(int Registrations, int HealthReports, int WipeRequests, int SignIns, int ConnectorChanges, int OutcomeChanges, string Connectors, string Policies);

/// <summary>
/// Every endpoint that reads a body, against the table of malformed bodies in <see cref="BadInputCases"/>: each gets
/// its exact status and Graph's error body naming the property (or, for health reports, a refused item with the
/// reason), never a 5xx, stack trace or .NET type name, and no table changes.
/// </summary>
public sealed class BadInputApiTests(BadInputTenant tenant) : IClassFixture<BadInputTenant>
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var endpoint in BadInputCases.Endpoints)
        {
            foreach (var bad in BadInputCases.For(endpoint))
            {
                data.Add(endpoint.Name, bad.Name);
            }
        }
        return data;
    }

    public static TheoryData<string> EndpointNames() => new(BadInputCases.Endpoints.Select(e => e.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Post_MalformedBody_IsRefusedWithGraphErrorAndChangesNothing(string endpointName, string caseName)
    {
        var endpoint = BadInputCases.Endpoint(endpointName);
        var bad = BadInputCases.For(endpoint).Single(c => c.Name == caseName);
        var before = await tenant.CountsAsync();
        using var content = new ByteArrayContent(bad.Body);
        if (bad.ContentType is not null)
        {
            content.Headers.TryAddWithoutValidation("Content-Type", bad.ContentType);
        }

        using var client = tenant.Client(endpoint.Caller);
        using var request = new HttpRequestMessage(endpoint.Method, tenant.Resolve(endpoint.Path)) { Content = content };
        var response = await client.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(bad.Status == response.StatusCode, $"{endpointName} / {caseName}: expected {(int)bad.Status}, got {(int)response.StatusCode}: {text}");
        AssertNoLeak(text);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(text);
        if (bad.RefusedItem)
        {
            Assert.Equal(0, json.RootElement.GetProperty("accepted").GetInt32());
            var item = Assert.Single(json.RootElement.GetProperty("value").EnumerateArray());
            Assert.Equal("refused", item.GetProperty("status").GetString());
            Assert.Contains(bad.Expect, item.GetProperty("reason").GetString(), StringComparison.Ordinal);
        }
        else
        {
            var code = bad.Status switch
            {
                HttpStatusCode.UnsupportedMediaType => "UnsupportedMediaType",
                HttpStatusCode.Conflict => "Conflict",
                _ => "BadRequest",
            };
            AssertGraphError(json.RootElement, code, bad.Expect);
        }
        Assert.Equal(before, await tenant.CountsAsync());
    }

    [Theory]
    [MemberData(nameof(EndpointNames))]
    public void Cases_EveryEndpoint_HasAtLeast30MalformedBodiesWithDistinctNames(string endpointName)
    {
        var cases = BadInputCases.For(BadInputCases.Endpoint(endpointName));

        Assert.True(cases.Count >= 30, $"{endpointName} has {cases.Count} cases");
        Assert.Equal(cases.Count, cases.Select(c => c.Name).Distinct().Count());
    }

    [Fact]
    public void Endpoints_EveryApiEndpointTakingABody_IsInTheTableAndReadsItThroughTheOneReader()
    {
        var endpoints = tenant.Api.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } route && IsApi(route) && !route.Contains("{**", StringComparison.Ordinal)
                && e.Metadata.GetMetadata<HttpMethodMetadata>() is { } methods
                && methods.HttpMethods.Any(m => m is "POST" or "PUT" or "PATCH"))
            .ToList();

        Assert.NotEmpty(endpoints);
        // The framework's own body binding would bypass the reader's checks: it adds accepts-metadata when used.
        Assert.All(endpoints, e => Assert.Null(e.Metadata.GetMetadata<IAcceptsMetadata>()));
        var routes = BadInputCases.Endpoints.Select(e => e.Route).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.All(endpoints, e => Assert.Contains("/" + e.RoutePattern.RawText!.TrimStart('/'), routes));
    }

    internal static void AssertNoLeak(string body)
    {
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("AdminCenter.", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Microsoft.", body, StringComparison.Ordinal);
    }

    internal static void AssertGraphError(JsonElement root, string code, string expect)
    {
        var error = root.GetProperty("error");
        Assert.Equal(code, error.GetProperty("code").GetString());
        Assert.Contains(expect, error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.GetProperty("innerError").GetProperty("request-id").GetString()));
        Assert.False(string.IsNullOrEmpty(error.GetProperty("innerError").GetProperty("date").GetString()));
    }

    private static bool IsApi(string route)
    {
        var path = "/" + route.TrimStart('/');
        return path.StartsWith("/mam/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/partner/", StringComparison.OrdinalIgnoreCase)
            || path.StartsWith("/ca/", StringComparison.OrdinalIgnoreCase) || path.StartsWith("/graph/", StringComparison.OrdinalIgnoreCase);
    }
}

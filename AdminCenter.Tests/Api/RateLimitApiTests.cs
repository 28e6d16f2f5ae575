using System.Net;
using System.Net.Http.Json;
using AdminCenter.Core.Connectors;
using AdminCenter.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Tests.Api;

/// <summary>Spec 05: a caller over its rate limit gets 429 with Retry-After and Graph's error body; others are unaffected.</summary>
public sealed class RateLimitApiTests : IClassFixture<ApiFactory>
{
    // A third-party partner: its heartbeats are answered 200 (the first provisions it), unlike Windows Security Center's.
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";

    private readonly WebApplicationFactory<Program> _api;

    public RateLimitApiTests(ApiFactory factory)
    {
        // Two requests per caller, refilled hourly: the third within the test is always over the limit.
        _api = factory.WithWebHostBuilder(builder => builder
            .UseSetting("RateLimiting:PermitLimit", "2")
            .UseSetting("RateLimiting:PermitsPerPeriod", "2")
            .UseSetting("RateLimiting:Period", "01:00:00"));
    }

    [Fact]
    public async Task Heartbeat_ThirdRequestWithinTheLimitPeriod_Is429WithRetryAfterAndGraphError()
    {
        var secret = await SecretAsync();
        using var partner = _api.CreateClient();
        partner.DefaultRequestHeaders.Authorization = new("Bearer", secret);

        var first = await partner.PostAsJsonAsync($"/partner/v1/connectors/{Lookout}/heartbeat", new { status = "ok" });
        var second = await partner.PostAsJsonAsync($"/partner/v1/connectors/{Lookout}/heartbeat", new { status = "ok" });
        var third = await partner.PostAsJsonAsync($"/partner/v1/connectors/{Lookout}/heartbeat", new { status = "ok" });

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After names a wait");
        var error = (await MamApiTests.JsonAsync(third)).GetProperty("error");
        Assert.Equal("TooManyRequests", error.GetProperty("code").GetString());
        Assert.StartsWith("Too many requests from this caller; retry after ", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.True(error.GetProperty("innerError").TryGetProperty("request-id", out _));
    }

    [Fact]
    public async Task MamCheckIn_AnotherCallerOverItsLimit_DoesNotLimitThisOne()
    {
        var secret = await SecretAsync();
        using var partner = _api.CreateClient();
        partner.DefaultRequestHeaders.Authorization = new("Bearer", secret);
        for (var i = 0; i < 3; i++)
        {
            await partner.PostAsJsonAsync($"/partner/v1/connectors/{Lookout}/heartbeat", new { status = "ok" });
        }
        using var mam = _api.CreateClient();
        mam.DefaultRequestHeaders.Authorization = new("Bearer", ApiFactory.ApiToken);

        var response = await mam.PostAsJsonAsync("/mam/v1/checkIn", new { userPrincipalName = "nobody@contoso.com", appId = "com.microsoft.edge", azureAdDeviceId = "d" });

        // The MAM token has its own bucket: the answer is the check-in's own (the user is unknown), not 429.
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<string> SecretAsync()
    {
        var connectors = _api.Services.GetRequiredService<MtdConnectorService>();
        if (await connectors.GetAsync(Lookout) is null)
        {
            await connectors.CreateAsync(Lookout, null, TestActors.Named("rate limit test"));
        }
        return (await connectors.RegeneratePartnerSecretAsync(Lookout, TestActors.Named("rate limit test"))).Value!;
    }
}

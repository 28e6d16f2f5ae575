using System.Net;
using AdminCenter.Tests.Api;

namespace AdminCenter.Tests.Hosting;

/// <summary>Security headers on every kind of response, HSTS and HTTPS redirection outside Development, and the sign-in limit.</summary>
public sealed class SecurityHeadersTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    public static TheoryData<string, string, int> Responses => new()
    {
        { "GET", "/healthz", 200 },
        { "GET", "/Account/Login", 200 },
        { "GET", "/apps/appProtection", 302 },
        { "GET", "/mam/v1/checkIn", 401 },
        { "POST", "/graph/beta/notBuiltYet", 401 },
        { "GET", "/_content/MudBlazor/MudBlazor.min.css", 200 },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task AnyResponse_CarriesTheSecurityHeaders(string method, string path, int expectedStatus)
    {
        using var client = api.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(expectedStatus, (int)response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task BodyTooLarge_413_CarriesTheSecurityHeaders()
    {
        using var client = api.CreateMamClient();

        var response = await client.PostAsync("/mam/v1/checkIn", new ByteArrayContent(new byte[2 * 1024 * 1024]) { Headers = { { "Content-Type", "application/json" } } });

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task HttpsRequest_OutsideDevelopment_GetsStrictTransportSecurity()
    {
        using var client = api.CreateClient(new() { BaseAddress = new Uri("https://admincenter.contoso.example/"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=", string.Join(",", response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpRequest_OutsideDevelopmentWithAnHttpsPort_IsRedirectedToHttps()
    {
        using var https = api.WithWebHostBuilder(builder => builder.UseSetting("https_port", "443"));
        using var client = https.CreateClient(new() { BaseAddress = new Uri("http://admincenter.contoso.example/"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/Account/Login");

        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal(new Uri("https://admincenter.contoso.example/Account/Login"), response.Headers.Location);
    }

    [Fact]
    public async Task SignInPost_OverTheLimit_Is429WithRetryAfterAndSaysWhenToRetry()
    {
        using var limited = api.WithWebHostBuilder(builder => builder
            .UseSetting("RateLimiting:SignIn:PermitLimit", "3")
            .UseSetting("RateLimiting:SignIn:PermitsPerPeriod", "1")
            .UseSetting("RateLimiting:SignIn:Period", "01:00:00"));
        using var client = limited.CreateClient(new() { AllowAutoRedirect = false });
        var statuses = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            statuses.Add((await client.PostAsync("/Account/Login", SignInForm())).StatusCode);
        }

        var refused = await client.PostAsync("/Account/Login", SignInForm());
        var page = await client.GetAsync("/Account/Login");

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        Assert.Contains("Too many sign-in attempts", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    private static FormUrlEncodedContent SignInForm() => new(new Dictionary<string, string>
    {
        ["_handler"] = "sign-in",
        ["Input.Email"] = "admin@contoso.onmicrosoft.com",
        ["Input.Password"] = "not-the-password",
    });

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["DENY"], response.Headers.GetValues("X-Frame-Options"));
        Assert.Equal(["strict-origin-when-cross-origin"], response.Headers.GetValues("Referrer-Policy"));
    }
}

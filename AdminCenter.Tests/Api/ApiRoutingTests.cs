using System.Net;
using System.Net.Http.Headers;
using AdminCenter.Core.Connectors;

namespace AdminCenter.Tests.Api;

/// <summary>API paths are API paths: whatever matches no endpoint answers Graph's 401, 404 or 405, never the sign-in page.</summary>
public sealed class ApiRoutingTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";

    public static TheoryData<string, string> UnknownPaths => new()
    {
        { "POST", "/mam/v1/doesNotExist" },
        { "GET", "/mam/v2/checkIn" },
        { "GET", "/mam" },
        { "POST", "/ca/v1/decide" },
        { "GET", "/graph/v1.0/deviceManagement/notBuiltYet" },
        { "DELETE", "/graph/beta/users/someone@contoso.com/notAnAction" },
        { "GET", "/graph" },
        { "PUT", "/partner/v1/somethingElse" },
        { "GET", "/graph/v1.0/deviceAppManagement/windowsManagedAppProtections" },
        { "POST", "/graph/v1.0/deviceAppManagement/windowsManagedAppProtections/some-policy/assign" },
    };

    public static TheoryData<string, string, string> WrongMethods => new()
    {
        { "GET", "/mam/v1/checkIn", "POST" },
        { "PUT", "/mam/v1/signOut", "POST" },
        { "DELETE", "/ca/v1/evaluate", "POST" },
        { "GET", "/graph/beta/users/someone@contoso.com/wipeManagedAppRegistrationsByAzureAdDeviceId", "POST" },
        { "GET", "/graph/beta/deviceAppManagement/windowsManagedAppProtections/some-policy/assign", "POST" },
        { "PUT", "/graph/beta/deviceAppManagement/windowsManagedAppProtections/some-policy/targetApps", "POST" },
        { "DELETE", "/graph/beta/deviceAppManagement/windowsManagedAppProtections/some-policy/apps", "GET" },
    };

    [Theory]
    [MemberData(nameof(UnknownPaths))]
    public async Task UnknownPath_WithoutToken_IsGraph401NotARedirect(string method, string path)
    {
        using var client = api.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", (await MamApiTests.ErrorAsync(response)).GetProperty("code").GetString());
    }

    [Theory]
    [MemberData(nameof(UnknownPaths))]
    public async Task UnknownPath_WithWrongToken_IsGraph401(string method, string path)
    {
        using var client = api.CreateClient(new() { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", (await MamApiTests.ErrorAsync(response)).GetProperty("code").GetString());
    }

    [Theory]
    [MemberData(nameof(UnknownPaths))]
    public async Task UnknownPath_WithToken_IsGraph404(string method, string path)
    {
        using var client = api.CreateMamClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await MamApiTests.ErrorAsync(response);
        Assert.Equal("NotFound", error.GetProperty("code").GetString());
        Assert.Contains(path, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WrongMethods))]
    public async Task KnownPath_WrongMethodWithToken_IsGraph405WithAllow(string method, string path, string allowed)
    {
        using var client = api.CreateMamClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal([allowed], response.Content.Headers.Allow);
        var error = await MamApiTests.ErrorAsync(response);
        Assert.Equal("MethodNotAllowed", error.GetProperty("code").GetString());
        Assert.Contains(allowed, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KnownPath_WrongMethodWithoutToken_IsGraph401()
    {
        using var client = api.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.GetAsync("/mam/v1/checkIn");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", (await MamApiTests.ErrorAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task PartnerPath_UnknownActionWithTheConnectorsSecret_IsGraph404()
    {
        using var client = api.CreatePartnerClient(await api.ConnectorWithSecretAsync(Lookout));

        var response = await client.PostAsync($"/partner/v1/connectors/{Lookout}/doesNotExist", null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFound", (await MamApiTests.ErrorAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task PartnerPath_WrongMethodWithTheConnectorsSecret_IsGraph405()
    {
        using var client = api.CreatePartnerClient(await api.ConnectorWithSecretAsync(Lookout));

        var response = await client.GetAsync($"/partner/v1/connectors/{Lookout}/healthReports");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["POST"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task PartnerPath_UnknownActionWithAnotherConnectorsSecret_IsGraph401()
    {
        using var client = api.CreatePartnerClient(await api.ConnectorWithSecretAsync(PartnerCatalog.WindowsSecurityCenterId));

        var response = await client.PostAsync($"/partner/v1/connectors/{Lookout}/doesNotExist", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task KnownEndpoint_WithoutToken_IsGraph401NotARedirect()
    {
        using var client = api.CreateClient(new() { AllowAutoRedirect = false });

        var response = await client.PostAsync("/graph/beta/users/someone@contoso.com/wipeManagedAppRegistrationsByAzureAdDeviceId", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", (await MamApiTests.ErrorAsync(response)).GetProperty("code").GetString());
    }
}

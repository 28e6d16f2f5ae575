using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Api;

public sealed class MamApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private static int _deviceCounter;

    [Fact]
    public async Task CheckIn_NoToken_Is401WithGraphError()
    {
        var client = api.CreateClient();

        var response = await client.PostAsJsonAsync("/mam/v1/checkIn", new { userPrincipalName = "x@contoso.com", appId = WindowsPolicyDraft.EdgeAppId, azureAdDeviceId = "d" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal("InvalidAuthenticationToken", error.GetProperty("code").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("innerError").GetProperty("request-id").GetString()));
    }

    [Fact]
    public async Task CheckIn_UnknownUser_Is404SayingAnAdminMustAddTheUser()
    {
        var response = await CheckInAsync("nobody@contoso.com", NewDevice());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("nobody@contoso.com", (await ErrorAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"userPrincipalName\": \"a@contoso.com\", \"appId\": \"com.microsoft.edge\", \"azureAdDeviceId\": \"d\", \"colour\": \"red\"}", "colour")]
    [InlineData("{\"userPrincipalName\": 42, \"appId\": \"com.microsoft.edge\", \"azureAdDeviceId\": \"d\"}", "userPrincipalName")]
    [InlineData("{\"appId\": \"com.microsoft.edge\", \"azureAdDeviceId\": \"d\"}", "userPrincipalName")]
    [InlineData("{not json", "JSON")]
    [InlineData("{\"userPrincipalName\": \"a@contoso.com\", \"appId\": \"com.contoso.notes\", \"azureAdDeviceId\": \"d\"}", "appId")]
    public async Task CheckIn_BadBody_Is400NamingTheProblem(string body, string named)
    {
        var client = api.CreateMamClient();

        var response = await client.PostAsync("/mam/v1/checkIn", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal("BadRequest", error.GetProperty("code").GetString());
        Assert.Contains(named, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckIn_BodyOver1MiB_Is413()
    {
        var client = api.CreateMamClient();
        var body = "{\"userPrincipalName\": \"" + new string('a', 1_100_000) + "\"}";

        var response = await client.PostAsync("/mam/v1/checkIn", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("RequestEntityTooLarge", (await ErrorAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task CheckIn_NoPolicyApplies_AllowsWithThatReason()
    {
        var upn = $"free.{Guid.NewGuid():N}@contoso.com";
        await api.CreateUserAsync(upn);

        var response = await CheckInAsync(upn, NewDevice());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await JsonAsync(response);
        Assert.Equal("allow", body.GetProperty("outcome").GetString());
        Assert.Contains("no app protection policy applies", body.GetProperty("reasons")[0].GetProperty("remediation").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1800, body.GetProperty("nextCheckInSeconds").GetInt32());
        Assert.False(body.GetProperty("wipeRequested").GetBoolean());
    }

    [Theory]
    [InlineData("10.0.19045.1000", "block", "minimumRequiredOsVersion")]
    [InlineData("10.0.22621.3000", "allow", null)]
    [InlineData(null, "block", "minimumRequiredOsVersion")]
    public async Task CheckIn_MinOsVersionRule_DecidesByReportedVersion(string? platformVersion, string outcome, string? setting)
    {
        var upn = $"os.{Guid.NewGuid():N}@contoso.com";
        var user = await api.CreateUserAsync(upn);
        var group = await api.CreateGroupAsync($"OS {Guid.NewGuid():N}", user);
        await api.CreatePolicyAsync($"Min OS {Guid.NewGuid():N}", group, new HealthCheckRow(HealthCheckSetting.MinOsVersion, "10.0.22621.2506", HealthCheckAction.Block));

        var body = await JsonAsync(await CheckInAsync(upn, NewDevice(), platformVersion));

        Assert.Equal(outcome, body.GetProperty("outcome").GetString());
        if (setting is not null)
        {
            var reason = body.GetProperty("reasons")[0];
            Assert.Equal(setting, reason.GetProperty("setting").GetString());
            Assert.Equal("block", reason.GetProperty("action").GetString());
            Assert.False(string.IsNullOrEmpty(reason.GetProperty("remediation").GetString()));
        }
        Assert.Single(body.GetProperty("policies").EnumerateArray());
    }

    [Fact]
    public async Task CheckIn_DisabledUserWithWipeRule_IsWipeAndRecorded()
    {
        var upn = $"disabled.{Guid.NewGuid():N}@contoso.com";
        var user = await api.CreateUserAsync(upn, enabled: false);
        var group = await api.CreateGroupAsync($"Disabled {Guid.NewGuid():N}", user);
        await api.CreatePolicyAsync($"Disabled account {Guid.NewGuid():N}", group, new HealthCheckRow(HealthCheckSetting.DisabledAccount, "", HealthCheckAction.Wipe));

        var body = await JsonAsync(await CheckInAsync(upn, NewDevice()));

        Assert.Equal("wipe", body.GetProperty("outcome").GetString());
        Assert.True(body.GetProperty("wipeRequested").GetBoolean());
        Assert.Equal("appActionIfUnableToAuthenticateUser", body.GetProperty("reasons")[0].GetProperty("setting").GetString());
    }

    [Fact]
    public async Task SignOut_EndsTheRegistration()
    {
        var upn = $"leaver.{Guid.NewGuid():N}@contoso.com";
        await api.CreateUserAsync(upn);
        var device = NewDevice();
        await CheckInAsync(upn, device);

        var response = await api.CreateMamClient().PostAsJsonAsync("/mam/v1/signOut", new { userPrincipalName = upn, appId = WindowsPolicyDraft.EdgeAppId, azureAdDeviceId = device });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.False(await api.QueryAsync(db => db.MamRegistrations.AnyAsync(r => r.AzureAdDeviceId == device)));
    }

    [Fact]
    public async Task CheckIn_FirstEnrollment_MovesWindowsSecurityCenterOutOfUnavailable()
    {
        var connectors = api.Get<MtdConnectorService>();
        if (await connectors.GetAsync(PartnerCatalog.WindowsSecurityCenterId) is null)
        {
            await connectors.CreateAsync(PartnerCatalog.WindowsSecurityCenterId, null, TestActors.Named("api-tests"));
        }
        var upn = $"first.{Guid.NewGuid():N}@contoso.com";
        await api.CreateUserAsync(upn);

        await CheckInAsync(upn, NewDevice());

        var connector = await connectors.GetAsync(PartnerCatalog.WindowsSecurityCenterId);
        Assert.Equal(ConnectorPartnerState.Enabled, connector!.State);
        Assert.Contains(connector.History, h => h.PreviousState == ConnectorPartnerState.Unavailable && h.State == ConnectorPartnerState.Enabled);
    }

    internal static string NewDevice() => $"device-{Interlocked.Increment(ref _deviceCounter)}-{Guid.NewGuid():N}";

    private Task<HttpResponseMessage> CheckInAsync(string upn, string device, string? platformVersion = "10.0.22631.4000") =>
        api.CreateMamClient().PostAsJsonAsync("/mam/v1/checkIn", new
        {
            userPrincipalName = upn,
            appId = WindowsPolicyDraft.EdgeAppId,
            azureAdDeviceId = device,
            deviceName = "LAPTOP-1",
            platformVersion,
            appVersion = "131.0.2903.70",
            sdkVersion = "1.0.0",
        });

    internal static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    internal static async Task<JsonElement> ErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (await JsonAsync(response)).GetProperty("error");
    }
}

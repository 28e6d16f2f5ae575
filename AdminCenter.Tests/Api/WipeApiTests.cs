using System.Net;
using System.Net.Http.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Wipe;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Api;

/// <summary>Selective wipe through the real endpoints: request, delivery at check-in, the client's result.</summary>
public sealed class WipeApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Admin = "admin@contoso.onmicrosoft.com";

    [Fact]
    public async Task WipeRoundTrip_AdminRequestThenSucceeded_IsSuccessfulRegistrationRemovedAndUserMayEnrollAgain()
    {
        var (upn, device) = await EnrolledUserAsync("megan");
        var registrationId = await RegistrationIdAsync(device);
        var request = (await api.Get<WipeService>().CreateManualAsync(registrationId, TestActors.Named(Admin))).Value!;

        var checkIn = await MamApiTests.JsonAsync(await CheckInAsync(upn, device));
        var result = await PostWipeResultAsync(registrationId, succeeded: true, "Org data removed from Edge");
        var reEnroll = await MamApiTests.JsonAsync(await CheckInAsync(upn, device));

        Assert.True(checkIn.GetProperty("wipeRequested").GetBoolean());
        Assert.Equal(registrationId, checkIn.GetProperty("registrationId").GetString());
        Assert.Equal(HttpStatusCode.NoContent, result.StatusCode);
        var completed = (await api.Get<WipeService>().GetRequestAsync(request.Id))!;
        Assert.Equal((WipeRequestStatus.Successful, "Org data removed from Edge"), (completed.Status, completed.Message));
        Assert.Equal(api.Clock.GetUtcNow().UtcDateTime, completed.CompletedDateTime);
        Assert.NotNull(completed.DeliveredDateTime);
        Assert.NotEqual(registrationId, reEnroll.GetProperty("registrationId").GetString());
        Assert.False(reEnroll.GetProperty("wipeRequested").GetBoolean());
        Assert.Equal(1, await api.QueryAsync(db => db.MamRegistrations.CountAsync(r => r.AzureAdDeviceId == device)));
    }

    [Fact]
    public async Task WipeResult_Failed_KeepsTheRegistrationAndRequestIsFailedWithMessage()
    {
        var (upn, device) = await EnrolledUserAsync("adele");
        var registrationId = await RegistrationIdAsync(device);
        var request = (await api.Get<WipeService>().CreateManualAsync(registrationId, TestActors.Named(Admin))).Value!;
        await CheckInAsync(upn, device);

        var result = await PostWipeResultAsync(registrationId, succeeded: false, "A file was locked by another process");
        var next = await MamApiTests.JsonAsync(await CheckInAsync(upn, device));

        Assert.Equal(HttpStatusCode.NoContent, result.StatusCode);
        var failed = (await api.Get<WipeService>().GetRequestAsync(request.Id))!;
        Assert.Equal((WipeRequestStatus.Failed, "A file was locked by another process"), (failed.Status, failed.Message));
        Assert.Equal(registrationId, next.GetProperty("registrationId").GetString());
        Assert.False(next.GetProperty("wipeRequested").GetBoolean());
    }

    [Fact]
    public async Task WipeResult_NothingPending_Is409()
    {
        var (_, device) = await EnrolledUserAsync("lee");

        var response = await PostWipeResultAsync(await RegistrationIdAsync(device), succeeded: true, null);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("Conflict", (await MamApiTests.ErrorAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task WipeResult_UnknownRegistration_Is404()
    {
        var response = await PostWipeResultAsync("no-such-registration", succeeded: true, null);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task CheckIn_WipeOutcome_CreatesOneAutomaticRequestDeliveredAtEveryCheckIn()
    {
        var upn = $"disabled.{Guid.NewGuid():N}@contoso.com";
        var user = await api.CreateUserAsync(upn, enabled: false);
        var group = await api.CreateGroupAsync($"Disabled {Guid.NewGuid():N}", user);
        await api.CreatePolicyAsync($"Disabled account {Guid.NewGuid():N}", group, new HealthCheckRow(HealthCheckSetting.DisabledAccount, "", HealthCheckAction.Wipe));
        var device = MamApiTests.NewDevice();

        var first = await MamApiTests.JsonAsync(await CheckInAsync(upn, device));
        var second = await MamApiTests.JsonAsync(await CheckInAsync(upn, device));

        Assert.True(first.GetProperty("wipeRequested").GetBoolean());
        Assert.True(second.GetProperty("wipeRequested").GetBoolean());
        var requests = await api.QueryAsync(db => db.WipeRequests.Where(w => w.AzureAdDeviceId == device).ToListAsync());
        var request = Assert.Single(requests);
        Assert.Equal((WipeRequestOrigin.Automatic, WipeRequestStatus.Pending, WipeService.SystemActor), (request.Origin, request.Status, request.CreatedBy));
    }

    [Fact]
    public async Task CheckIn_UserOnUserLevelWipeList_WipesEveryRegistrationUntilRemoved()
    {
        var upn = $"leaver.{Guid.NewGuid():N}@contoso.com";
        var userId = await api.CreateUserAsync(upn);
        var (laptop, desktop) = (MamApiTests.NewDevice(), MamApiTests.NewDevice());
        await CheckInAsync(upn, laptop);
        await CheckInAsync(upn, desktop);
        await api.Get<WipeService>().AddUserLevelWipeAsync(userId, TestActors.Named(Admin));

        var laptopCheckIn = await MamApiTests.JsonAsync(await CheckInAsync(upn, laptop));
        var desktopCheckIn = await MamApiTests.JsonAsync(await CheckInAsync(upn, desktop));
        await PostWipeResultAsync(laptopCheckIn.GetProperty("registrationId").GetString()!, succeeded: true, null);
        var reEnrolled = await MamApiTests.JsonAsync(await CheckInAsync(upn, laptop));
        await PostWipeResultAsync(reEnrolled.GetProperty("registrationId").GetString()!, succeeded: true, null);
        await api.Get<WipeService>().RemoveUserLevelWipeAsync(userId, TestActors.Named(Admin));
        var afterRemoval = await MamApiTests.JsonAsync(await CheckInAsync(upn, laptop));

        Assert.True(laptopCheckIn.GetProperty("wipeRequested").GetBoolean());
        Assert.True(desktopCheckIn.GetProperty("wipeRequested").GetBoolean());
        Assert.True(reEnrolled.GetProperty("wipeRequested").GetBoolean());
        Assert.False(afterRemoval.GetProperty("wipeRequested").GetBoolean());
        var origins = await api.QueryAsync(db => db.WipeRequests.Where(w => w.UserId == userId).Select(w => w.Origin).Distinct().ToListAsync());
        Assert.Equal([WipeRequestOrigin.UserLevel], origins);
        Assert.Equal(3, await api.QueryAsync(db => db.WipeRequests.CountAsync(w => w.UserId == userId)));
    }

    [Fact]
    public async Task GraphWipeByDevice_KnownDevice_Is204AndNextCheckInReceivesIt()
    {
        var (upn, device) = await EnrolledUserAsync("graph");

        var response = await PostGraphWipeAsync(upn, new { azureAdDeviceId = device });
        var checkIn = await MamApiTests.JsonAsync(await CheckInAsync(upn, device));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(checkIn.GetProperty("wipeRequested").GetBoolean());
        var request = await api.QueryAsync(db => db.WipeRequests.SingleAsync(w => w.AzureAdDeviceId == device));
        Assert.Equal((WipeRequestOrigin.Manual, "API token: Bootstrap"), (request.Origin, request.CreatedBy));
    }

    [Theory]
    [InlineData("nobody@contoso.com", false)]
    [InlineData(null, true)]
    public async Task GraphWipeByDevice_UnknownUserOrDevice_Is404(string? unknownUser, bool unknownDevice)
    {
        var (upn, device) = await EnrolledUserAsync("notfound");

        var response = await PostGraphWipeAsync(unknownUser ?? upn, new { azureAdDeviceId = unknownDevice ? MamApiTests.NewDevice() : device });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFound", (await MamApiTests.ErrorAsync(response)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("{}", "azureAdDeviceId")]
    [InlineData("{\"azureAdDeviceId\": 7}", "azureAdDeviceId")]
    [InlineData("{\"azureAdDeviceId\": \"d\", \"reason\": \"x\"}", "reason")]
    [InlineData("{\"azureAdDeviceId\": \"\"}", "azureAdDeviceId")]
    [InlineData("not json", "JSON")]
    public async Task GraphWipeByDevice_BadBody_Is400NamingTheProblem(string body, string named)
    {
        var response = await api.CreateMamClient().PostAsync($"/graph/beta/users/{Uri.EscapeDataString("a@contoso.com")}/wipeManagedAppRegistrationsByAzureAdDeviceId",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(named, (await MamApiTests.ErrorAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphWipeByDevice_NoToken_Is401()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/graph/beta/users/a%40contoso.com/wipeManagedAppRegistrationsByAzureAdDeviceId",
            new { azureAdDeviceId = "d" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<(string Upn, string Device)> EnrolledUserAsync(string name)
    {
        var upn = $"{name}.{Guid.NewGuid():N}@contoso.com";
        await api.CreateUserAsync(upn);
        var device = MamApiTests.NewDevice();
        var response = await CheckInAsync(upn, device);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (upn, device);
    }

    private Task<string> RegistrationIdAsync(string device) =>
        api.QueryAsync(db => db.MamRegistrations.Where(r => r.AzureAdDeviceId == device).Select(r => r.Id).SingleAsync());

    private Task<HttpResponseMessage> CheckInAsync(string upn, string device) =>
        api.CreateMamClient().PostAsJsonAsync("/mam/v1/checkIn", new
        {
            userPrincipalName = upn,
            appId = WindowsPolicyDraft.EdgeAppId,
            azureAdDeviceId = device,
            deviceName = "LAPTOP-1",
            platformVersion = "10.0.22631.4000",
            appVersion = "131.0.2903.70",
            sdkVersion = "1.0.0",
        });

    private Task<HttpResponseMessage> PostWipeResultAsync(string registrationId, bool succeeded, string? message) =>
        api.CreateMamClient().PostAsJsonAsync("/mam/v1/wipeResult", new { registrationId, succeeded, message });

    private Task<HttpResponseMessage> PostGraphWipeAsync(string upn, object body) =>
        api.CreateMamClient().PostAsJsonAsync($"/graph/beta/users/{Uri.EscapeDataString(upn)}/wipeManagedAppRegistrationsByAzureAdDeviceId", body);
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.E2E.Tests;

/// <summary>Selective wipe end to end: the admin asks in the UI, the MAM client receives it at check-in and reports back.</summary>
public sealed class SelectiveWipeTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "pages");

    [Fact]
    public Task SelectiveWipe_AdminRequestsThenClientWipes_RequestShowsSuccessful() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var upn = $"wipe.{suffix}@contoso.com";
        var displayName = $"Wipe Tester {suffix}";
        var device = $"device-{suffix}";
        var deviceName = $"WIPE-LAPTOP-{suffix}";
        var user = await Server.Services.GetRequiredService<UserService>().CreateUserAsync(new UserInput(upn, displayName), actor: TestActors.System);
        Assert.True(user.Succeeded);
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        var enrollment = await CheckInAsync(http, upn, device, deviceName);
        Assert.False(enrollment.GetProperty("wipeRequested").GetBoolean());
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        var wipe = new SelectiveWipePage(page);
        await wipe.OpenThroughNavigationAsync();

        await wipe.CreateWipeRequestAsync(suffix, displayName, deviceName);
        await Expect(wipe.Row(deviceName)).ToContainTextAsync("Pending");
        await Expect(wipe.Row(deviceName).GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToBeVisibleAsync();
        var checkIn = await CheckInAsync(http, upn, device, deviceName);
        Assert.True(checkIn.GetProperty("wipeRequested").GetBoolean());
        await wipe.RefreshAsync();
        await Expect(wipe.Row(deviceName)).ToContainTextAsync("Sent to the app");
        var result = await PostAsync(http, "mam/v1/wipeResult", new
        {
            registrationId = checkIn.GetProperty("registrationId").GetString(),
            succeeded = true,
            message = "Org data removed from Microsoft Edge",
        });
        Assert.True(result.IsSuccessStatusCode, await result.Content.ReadAsStringAsync());
        await wipe.RefreshAsync();

        var row = wipe.Row(deviceName);
        await Expect(row).ToContainTextAsync("Successful");
        await Expect(row).ToContainTextAsync("Org data removed from Microsoft Edge");
        await Expect(row).ToContainTextAsync(upn);
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToHaveCountAsync(0);
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, "apps-selective-wipe.png"), FullPage = true });
        var reEnrolled = await CheckInAsync(http, upn, device, deviceName);
        Assert.NotEqual(checkIn.GetProperty("registrationId").GetString(), reEnrolled.GetProperty("registrationId").GetString());
        Assert.False(reEnrolled.GetProperty("wipeRequested").GetBoolean());
    });

    private static async Task<JsonElement> CheckInAsync(HttpClient http, string upn, string device, string deviceName)
    {
        var response = await PostAsync(http, "mam/v1/checkIn", new
        {
            userPrincipalName = upn,
            appId = WindowsPolicyDraft.EdgeAppId,
            azureAdDeviceId = device,
            deviceName,
            deviceModel = "Surface Laptop 5",
            deviceManufacturer = "Microsoft",
            platformVersion = "10.0.22631.4460",
            appVersion = "131.0.2903.70",
            sdkVersion = "1.0.0",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminCenterServerFixture.ApiToken);
        return http.SendAsync(request);
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.E2E.Tests;

/// <summary>
/// Conditional Access end to end: an unhealthy device checks in through the real endpoint, the admin turns the policy
/// On for the user's group by clicking, and a sign-in is blocked with the remediation, as the sign-in logs show.
/// </summary>
public sealed class ConditionalAccessTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    private const string Remediation = "Update Windows to version 10.0.22621.2506 or later";
    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "pages");

    [Fact]
    public Task ConditionalAccessOn_UnhealthyDevice_SignInBlockedWithRemediationAndLogged() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var upn = $"nestor.{suffix}@contoso.com";
        var device = $"device-{suffix}";
        var groupName = $"CA pilot {suffix}";
        await SeedUserGroupAndMinOsPolicyAsync(upn, groupName, suffix);
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        var checkIn = await PostAsync(http, "mam/v1/checkIn", new
        {
            userPrincipalName = upn,
            appId = WindowsPolicyDraft.EdgeAppId,
            azureAdDeviceId = device,
            deviceName = $"NESTOR-PC-{suffix}",
            platformVersion = "10.0.19045.5011",
            appVersion = "131.0.2903.70",
        });
        Assert.Contains("\"outcome\":\"block\"", await checkIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        var conditionalAccess = new ConditionalAccessPage(page);
        await conditionalAccess.OpenThroughNavigationAsync();
        try
        {
            await conditionalAccess.ChooseStateAsync("On");
            await conditionalAccess.AddIncludedGroupAsync(groupName);
            await conditionalAccess.SaveAsync();
            await ShootAsync(page, "endpoint-security-02-conditional-access");

            var decision = await EvaluateAsync(http, upn, device);
            Assert.Equal("block", decision.GetProperty("result").GetString());
            Assert.False(decision.GetProperty("reportOnly").GetBoolean());
            Assert.Contains(Remediation, decision.GetProperty("remediation").EnumerateArray().Select(r => r.GetString()));

            var logs = new SignInLogsPage(page);
            await logs.OpenThroughNavigationAsync();
            await logs.SearchAsync(suffix);
            await Expect(logs.Rows).ToHaveCountAsync(1);
            await Expect(logs.Row(upn)).ToContainTextAsync("Blocked");
            await Expect(logs.Row(upn)).ToContainTextAsync($"NESTOR-PC-{suffix}");
            await Expect(logs.Row(upn)).ToContainTextAsync("Microsoft Edge");
            await Expect(logs.Row(upn)).ToContainTextAsync(Remediation);
            await logs.ChooseResultAsync("Granted");
            await Expect(logs.Rows).ToHaveCountAsync(0);
            await logs.ChooseResultAsync("Blocked");
            await Expect(logs.Rows).ToHaveCountAsync(1);
            await ShootAsync(page, "endpoint-security-03-sign-in-logs");
        }
        finally
        {
            // The e2e server is shared by every test: leave Conditional Access off, as the tenant starts.
            await conditionalAccess.OpenThroughNavigationAsync();
            await conditionalAccess.TurnOffAsync(groupName);
        }
        await Expect(conditionalAccess.State).ToHaveValueAsync("Off");
        var afterwards = await EvaluateAsync(http, upn, device);
        Assert.Equal("grant", afterwards.GetProperty("result").GetString());
    });

    [Fact]
    public Task EndpointSecurity_AreaPage_ListsItsBladesInTheAdminCentersOrder() => RunAsync(async page =>
    {
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        var shell = await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);

        await shell.NavigateAsync("Endpoint security");

        await Expect(shell.Heading("Endpoint security")).ToBeVisibleAsync();
        var main = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        var areas = await main.GetByRole(AriaRole.Link).AllInnerTextsAsync();
        var names = areas.Select(a => a.Trim()).ToList();
        Assert.True(names.IndexOf("Apps") < names.IndexOf("Endpoint security") && names.IndexOf("Endpoint security") < names.IndexOf("Users"), string.Join(", ", names));
        var blade = page.GetByRole(AriaRole.Navigation, new() { Name = "Endpoint security menu" });
        Assert.Equal(["Conditional Access", "Sign-in logs"], (await blade.GetByRole(AriaRole.Link).AllInnerTextsAsync()).Select(t => t.Trim()));
        await ShootAsync(page, "endpoint-security-01-area");
    });

    private async Task SeedUserGroupAndMinOsPolicyAsync(string upn, string groupName, string suffix)
    {
        var services = Server.Services;
        var user = await services.GetRequiredService<UserService>().CreateUserAsync(new UserInput(upn, $"Nestor {suffix}"), actor: TestActors.System);
        Assert.True(user.Succeeded);
        var group = await services.GetRequiredService<GroupService>().CreateGroupAsync(new GroupInput(groupName, null), [user.Value!.Id], actor: TestActors.System);
        Assert.True(group.Succeeded);
        var policy = PolicyTemplates.Blank() with
        {
            DisplayName = $"Edge min OS {suffix}",
            Apps = [WindowsPolicyDraft.EdgeAppId],
            HealthChecks = [new HealthCheckRow(HealthCheckSetting.MinOsVersion, "10.0.22621.2506", HealthCheckAction.Block)],
            IncludedGroupIds = [group.Value!.Id],
        };
        Assert.True((await services.GetRequiredService<AppProtectionPolicyService>().CreateAsync(policy, TestActors.Named("e2e"))).Succeeded);
    }

    private static async Task<JsonElement> EvaluateAsync(HttpClient http, string upn, string device)
    {
        var response = await PostAsync(http, "ca/v1/evaluate", new
        {
            userPrincipalName = upn,
            azureAdDeviceId = device,
            clientAppId = WindowsPolicyDraft.EdgeAppId,
            resource = "SharePoint Online",
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminCenterServerFixture.ApiToken);
        var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return response;
    }

    private static async Task ShootAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }
}

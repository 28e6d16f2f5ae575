using System.Net.Http.Headers;
using System.Net.Http.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Filters;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.E2E.Tests;

/// <summary>
/// Spec 07 end to end: an admin creates an Edge app configuration policy through the wizard, a MAM client checks in
/// through the real API, and App configuration status shows what the app was given, tokens replaced for the user.
/// </summary>
public sealed class AppConfigurationPolicyTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    [Fact]
    public Task CreateWizard_HomepageAndTokenSetting_CheckInDeliversThemAndStatusShowsThem() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var upn = $"megan.{suffix}@contoso.com";
        var groupName = $"Edge configured {suffix}";
        var policyName = $"Edge home page {suffix}";
        var filterName = $"Surface devices {suffix}";
        await SeedUserAndGroupAsync(upn, $"Megan {suffix}", groupName);
        await SeedFilterAsync(filterName);
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        var policies = new AppConfigurationPages(page);

        await policies.OpenListThroughNavigationAsync();
        await policies.SaveScreenshotsAsync("40-app-configuration-list");
        await policies.StartManagedAppsPolicyAsync();
        await Expect(page.GetByLabel("Device enrollment type", new() { Exact = true })).ToHaveValueAsync("Managed apps");
        await policies.FillBasicsAsync(policyName);
        await policies.SaveScreenshotsAsync("41-app-configuration-basics");
        await policies.NextAsync("Settings");
        await policies.AddEdgeSettingAsync("HomepageLocation");
        await policies.SetEdgeTextAsync("HomepageLocation", "contoso.sharepoint.com");
        await Expect(policies.Setting("HomepageLocation")).ToContainTextAsync("must be an absolute http or https URL");
        await Expect(policies.Button("Next")).ToBeDisabledAsync();
        await policies.SetEdgeTextAsync("HomepageLocation", "https://contoso.sharepoint.com");
        await Expect(policies.Setting("HomepageLocation")).Not.ToContainTextAsync("must be an absolute");
        await policies.AddEdgeSettingAsync("DownloadRestrictions");
        await policies.AddGeneralSettingAsync("com.contoso.signInName", "{{userprincipalname}}");
        await Expect(policies.Button("Next")).ToBeEnabledAsync();
        await Expect(page.GetByLabel("Add Edge configuration setting", new() { Exact = true })).ToHaveValueAsync("");
        await policies.SaveScreenshotsAsync("42-app-configuration-settings");
        await policies.NextAsync("Assignments");
        await policies.AddGroupAsync("Add included groups", groupName);
        await Expect(page.Locator(".included-groups")).ToContainTextAsync(groupName);
        await policies.ChooseFilterAsync(groupName, filterName);
        await Expect(page.GetByLabel($"Filter mode for {groupName}", new() { Exact = true })).ToContainTextAsync("Include");
        await policies.SaveScreenshotsAsync("43-app-configuration-assignments");
        await policies.NextAsync("Review + create");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Assignments", Exact = true })).ToContainTextAsync($"{groupName} (filter {filterName}, Include)");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Settings", Exact = true })).ToContainTextAsync("HomepageLocation: https://contoso.sharepoint.com");
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Settings", Exact = true })).ToContainTextAsync("DownloadRestrictions: No special restrictions");
        await policies.SaveScreenshotsAsync("44-app-configuration-review");
        await policies.Button("Create").ClickAsync();
        await Expect(policies.Row(policyName)).ToContainTextAsync("Yes");
        await policies.OpenPolicyAsync(policyName);
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Assignments", Exact = true })).ToContainTextAsync($"{groupName} (filter {filterName}, Include)");
        await policies.SaveScreenshotsAsync("45-app-configuration-properties");
        await page.GetByRole(AriaRole.Link, new() { Name = "Edit Settings", Exact = true }).ClickAsync();
        await policies.WaitForInteractiveAsync();
        await Expect(policies.Button("Review + save")).ToBeVisibleAsync();
        await policies.SetEdgeTextAsync("HomepageLocation", "https://intranet.contoso.com");
        await Expect(policies.Button("Review + save")).ToBeEnabledAsync();
        await policies.SaveScreenshotsAsync("45b-app-configuration-edit-settings");
        await policies.Button("Review + save").ClickAsync();
        await Expect(policies.Heading("Review + save")).ToBeVisibleAsync();
        await policies.Button("Save").ClickAsync();
        await Expect(policies.Heading("Properties")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Settings", Exact = true })).ToContainTextAsync("HomepageLocation: https://intranet.contoso.com");

        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Post, "mam/v1/checkIn")
        {
            Content = JsonContent.Create(new
            {
                userPrincipalName = upn,
                appId = WindowsPolicyDraft.EdgeAppId,
                azureAdDeviceId = $"device-{suffix}",
                deviceName = $"MEGAN-LAPTOP-{suffix}",
                // The filter on the included group lets Surface devices through.
                deviceManufacturer = "Microsoft Corporation",
                platformVersion = "10.0.22631.4460",
                appVersion = "131.0.2903.70",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminCenterServerFixture.ApiToken);
        var checkIn = await http.SendAsync(request);
        var answer = await checkIn.Content.ReadAsStringAsync();
        Assert.True(checkIn.IsSuccessStatusCode, answer);
        Assert.Contains($"\"value\":\"{upn}\"", answer, StringComparison.Ordinal);

        await policies.OpenStatusThroughNavigationAsync();
        await policies.SearchStatusAsync(suffix);
        await Expect(policies.StatusRows).ToHaveCountAsync(1);
        var row = policies.StatusRows.First;
        await Expect(row).ToContainTextAsync(policyName);
        await Expect(row).ToContainTextAsync("HomepageLocation = https://intranet.contoso.com");
        await Expect(row).ToContainTextAsync($"com.contoso.signInName = {upn}");
        await Expect(row).ToContainTextAsync($"MEGAN-LAPTOP-{suffix}");
        await policies.SaveScreenshotsAsync("46-app-configuration-status");
        var (fileName, csv) = await policies.ExportAsync();
        Assert.Matches(@"^app-configuration-status-\d{8}T\d{6}Z\.csv$", fileName);
        var records = CsvRecordReader.Read(csv).ToList();
        Assert.Equal(["User", "Email", "App", "Device name", "Entra device ID", "Policies", "Settings delivered", "Conflicts", "Last check-in"], records[0].Fields);
        Assert.Contains(records.Skip(1), r => r.Fields[1] == upn && r.Fields[6].Contains($"com.contoso.signInName = {upn}", StringComparison.Ordinal));
    });

    private async Task SeedFilterAsync(string name)
    {
        var filter = await Server.Services.GetRequiredService<AssignmentFilterService>().CreateAsync(TestActors.GlobalAdministrator,
            new AssignmentFilterDraft { DisplayName = name, Rule = "app.deviceManufacturer -eq \"Microsoft Corporation\"" });
        Assert.True(filter.Succeeded);
    }

    private async Task SeedUserAndGroupAsync(string upn, string displayName, string groupName)
    {
        var services = Server.Services;
        var user = await services.GetRequiredService<UserService>().CreateUserAsync(new UserInput(upn, displayName), TestActors.GlobalAdministrator);
        Assert.True(user.Succeeded);
        var group = await services.GetRequiredService<GroupService>().CreateGroupAsync(new GroupInput(groupName, null), [user.Value!.Id], TestActors.GlobalAdministrator);
        Assert.True(group.Succeeded);
    }
}

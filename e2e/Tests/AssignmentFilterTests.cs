using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.E2E.Tests;

/// <summary>Spec 07: a filter on an included group lets a policy reach a Surface and not another manufacturer's device.</summary>
public sealed class AssignmentFilterTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    private const string SurfaceRule = "app.deviceManufacturer -eq \"Microsoft Corporation\"";

    [Fact]
    public Task SurfaceFilter_OnAnIncludedGroup_PolicyReachesOnlyTheSurface() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var surfaceUser = $"Surface user {suffix}";
        var dellUser = $"Dell user {suffix}";
        var groupName = $"Filtered {suffix}";
        var policyName = $"Edge level 3 {suffix}";
        var filterName = $"Surface devices {suffix}";
        var (surfaceUpn, dellUpn) = await SeedAsync(suffix, surfaceUser, dellUser, groupName, policyName);
        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        await CheckInAsync(http, surfaceUpn, $"surface-{suffix}", "Microsoft Corporation", "Surface Laptop 5");
        await CheckInAsync(http, dellUpn, $"dell-{suffix}", "Dell Inc.", "Latitude 7440");

        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        var filters = new FiltersPage(page);
        await filters.OpenThroughNavigationAsync();
        await filters.StartManagedAppsFilterAsync();
        await filters.FillBasicsAsync(filterName, "Microsoft hardware");
        await filters.NextAsync("Rules");
        await filters.WriteRuleAsync(SurfaceRule);
        await Expect(page.Locator(".filter-row").First.GetByLabel("Value")).ToHaveValueAsync("Microsoft Corporation");
        await filters.PreviewAsync();
        await Expect(filters.PreviewCount).ToContainTextAsync("current registrations match this rule");
        await Expect(filters.PreviewRows.Filter(new() { HasText = surfaceUpn })).ToHaveCountAsync(1);
        await Expect(filters.PreviewRows.Filter(new() { HasText = dellUpn })).ToHaveCountAsync(0);
        await filters.SaveScreenshotsAsync("70-filter-rules");
        await filters.NextAsync("Review + create");
        await filters.CreateAsync(filterName);
        await filters.OpenThroughNavigationAsync();
        await Expect(filters.Row(filterName)).ToContainTextAsync("Windows");
        await filters.SaveScreenshotsAsync("71-filters-list");

        var policies = new AppProtectionPages(page);
        await policies.OpenThroughNavigationAsync();
        await policies.OpenPolicyAsync(policyName);
        await policies.EditSectionAsync("Assignments");
        await policies.AddGroupAsync("Add included groups", groupName);
        await policies.ChooseAsync($"Filter for {groupName}", filterName);
        await Expect(page.GetByLabel($"Filter mode for {groupName}", new() { Exact = true })).ToContainTextAsync("Include");
        await policies.SaveScreenshotsAsync("72-assignments-with-filter");
        await policies.ReviewAndSaveAsync();
        await Expect(policies.Summary("Assignments")).ToContainTextAsync($"{groupName} (filter {filterName}, Include)");

        var surface = await CheckInAsync(http, surfaceUpn, $"surface-{suffix}", "Microsoft Corporation", "Surface Laptop 5");
        var dell = await CheckInAsync(http, dellUpn, $"dell-{suffix}", "Dell Inc.", "Latitude 7440");
        Assert.Contains(policyName, PolicyNames(surface));
        Assert.DoesNotContain(policyName, PolicyNames(dell));

        var status = new AppProtectionStatusPage(page);
        await status.OpenThroughNavigationAsync();
        await status.SearchAsync(suffix);
        await Expect(status.Row(surfaceUser)).ToContainTextAsync(policyName);
        await Expect(status.Row(dellUser)).Not.ToContainTextAsync(policyName);

        var users = new UsersPage(page);
        await users.OpenThroughNavigationAsync();
        await users.SearchAsync(suffix);
        await users.OpenUserAsync(dellUser);
        await users.OpenTabAsync("What if");
        await page.GetByLabel("Device manufacturer", new() { Exact = true }).FillAsync("Dell Inc.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Evaluate" }).ClickAsync();
        var result = page.GetByTestId("what-if-result");
        await Expect(result).ToContainTextAsync($"Filter \"{filterName}\" (Include) does not match: app.deviceManufacturer is Dell Inc.");
        await page.GetByLabel("Device manufacturer", new() { Exact = true }).FillAsync("Microsoft Corporation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Evaluate" }).ClickAsync();
        await Expect(result).ToContainTextAsync($"Policies: {policyName}");
    });

    private static IReadOnlyList<string> PolicyNames(JsonElement checkIn) =>
        [.. checkIn.GetProperty("policies").EnumerateArray().Select(p => p.GetProperty("displayName").GetString() ?? "")];

    private async Task<(string SurfaceUpn, string DellUpn)> SeedAsync(string suffix, string surfaceUser, string dellUser, string groupName, string policyName)
    {
        var services = Server.Services;
        var users = services.GetRequiredService<UserService>();
        var surfaceUpn = $"surface.{suffix}@contoso.com";
        var dellUpn = $"dell.{suffix}@contoso.com";
        var surface = (await users.CreateUserAsync(new UserInput(surfaceUpn, surfaceUser), TestActors.GlobalAdministrator)).Value!;
        var dell = (await users.CreateUserAsync(new UserInput(dellUpn, dellUser), TestActors.GlobalAdministrator)).Value!;
        await services.GetRequiredService<GroupService>().CreateGroupAsync(new GroupInput(groupName, null), [surface.Id, dell.Id], TestActors.GlobalAdministrator);
        var policy = PolicyTemplates.Create(PolicyTemplateLevel.Level3High) with { DisplayName = policyName };
        Assert.True((await services.GetRequiredService<AppProtectionPolicyService>().CreateAsync(policy, TestActors.Named("e2e"))).Succeeded);
        return (surfaceUpn, dellUpn);
    }

    private static async Task<JsonElement> CheckInAsync(HttpClient http, string upn, string device, string manufacturer, string model)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "mam/v1/checkIn")
        {
            Content = JsonContent.Create(new
            {
                userPrincipalName = upn,
                appId = WindowsPolicyDraft.EdgeAppId,
                azureAdDeviceId = device,
                deviceName = device.ToUpperInvariant(),
                deviceManufacturer = manufacturer,
                deviceModel = model,
                platformVersion = "10.0.22631.4460",
                appVersion = "131.0.2903.70",
                sdkVersion = "1.2.0",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminCenterServerFixture.ApiToken);
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}

using System.Net.Http.Headers;
using System.Net.Http.Json;
using AdminCenter.Core.AppProtection;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.E2E.Tests;

/// <summary>
/// Report parity (spec 07): the status report's added columns at 1400 px, the User report with a targeted user who never
/// checked in and one who did, the tenant-wide "Targeted but not checked in" list, and a policy's Deployment status.
/// Screenshots (light and dark) go to TestResults/pages.
/// </summary>
public sealed class AppProtectionUserReportTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    private static readonly string[] ParityColumns = ["SDK version", "Device manufacturer", "Device model", "Platform", "Management type"];

    /// <summary>WCAG AA contrast and named controls, as the accessibility tour checks every page's first view.</summary>
    private static readonly List<string> AxeRules =
    [
        "color-contrast", "label", "button-name", "link-name", "aria-input-field-name", "aria-toggle-field-name",
        "aria-valid-attr-value", "aria-required-children", "nested-interactive",
    ];

    [Fact]
    public Task UserReport_TargetedUsers_ShowsNotCheckedInAndCheckedInAndThePolicyDeployment() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (policyId, policyName) = await SeedAsync(suffix);
        // "Aaron" sorts first, so the shared database's other silent users cannot push him off the list's first page.
        var silent = $"Aaron Silent {suffix}";
        var active = $"Abby Active {suffix}";
        await page.SetViewportSizeAsync(1400, 900);
        await SignInAsync(page);
        var status = new AppProtectionStatusPage(page);
        await status.OpenThroughNavigationAsync();
        await status.SearchAsync(suffix);
        await Expect(status.Rows).ToHaveCountAsync(1);
        try
        {
            await status.SetColumnsAsync(true, ParityColumns);
            var cells = (await status.ReadRowsAsync())[0];
            Assert.Contains("Surface Laptop 5", cells);
            Assert.Contains("Microsoft Corporation", cells);
            Assert.Contains("1.4.0", cells);
            Assert.Contains("Windows", cells);
            Assert.Contains("Unmanaged", cells);
            await status.SaveScreenshotsAsync("40-app-protection-status-parity-columns-1400");
        }
        finally
        {
            // The e2e database is shared: leave the admin with the default columns.
            await status.SetColumnsAsync(false, ParityColumns);
        }

        await status.OpenUserReportAsync();
        await status.PickReportUserAsync($"Aaron Silent {suffix}", silent);

        var silentRow = status.UserReportRows.Filter(new() { HasText = "Microsoft Edge" });
        await Expect(silentRow).ToHaveCountAsync(1);
        await Expect(silentRow).ToContainTextAsync("Not checked in");
        await Expect(silentRow).ToContainTextAsync(policyName);
        await Expect(silentRow).ToContainTextAsync("Never");
        await status.SaveScreenshotsAsync("41-user-report-not-checked-in");
        await AssertAccessibleAsync(status, page, "user report");

        await status.PickReportUserAsync($"Abby Active {suffix}", active);
        var activeRow = status.UserReportRows.Filter(new() { HasText = $"ABBY-LAPTOP-{suffix}" });
        await Expect(activeRow).ToContainTextAsync("Checked in");
        await Expect(activeRow).Not.ToContainTextAsync("Not checked in");
        await Expect(activeRow).ToContainTextAsync(policyName);

        await status.SetTargetedNotCheckedInAsync(true);
        await Expect(status.TargetedNotCheckedInRows.Filter(new() { HasText = silent })).ToContainTextAsync(policyName);
        await Expect(status.TargetedNotCheckedInRows.Filter(new() { HasText = active })).ToHaveCountAsync(0);
        await status.SaveScreenshotsAsync("42-user-report-targeted-not-checked-in");
        await AssertAccessibleAsync(status, page, "targeted but not checked in");

        var policies = new AppProtectionPages(page);
        await policies.GotoPolicyAsync(policyId, policyName);
        await Expect(policies.DeploymentFact("Users targeted")).ToHaveTextAsync("2");
        await Expect(policies.DeploymentFact("Users checked in with it applied")).ToHaveTextAsync("1");
        await Expect(policies.DeploymentFact("Microsoft Edge")).ToHaveTextAsync("1 user checked in with it applied");
        await policies.SaveScreenshotsAsync("43-policy-deployment-status");
        await AssertAccessibleAsync(policies, page, "deployment status");
    });

    /// <summary>Two users in a group a policy targets; only Abby checks in, through the real check-in API.</summary>
    private async Task<(string PolicyId, string PolicyName)> SeedAsync(string suffix)
    {
        var services = Server.Services;
        var users = services.GetRequiredService<UserService>();
        var silent = (await users.CreateUserAsync(new UserInput($"aaron.{suffix}@contoso.com", $"Aaron Silent {suffix}"), TestActors.GlobalAdministrator)).Value!;
        var active = (await users.CreateUserAsync(new UserInput($"abby.{suffix}@contoso.com", $"Abby Active {suffix}"), TestActors.GlobalAdministrator)).Value!;
        var group = (await services.GetRequiredService<GroupService>()
            .CreateGroupAsync(new GroupInput($"Report parity {suffix}", "User report e2e"), [silent.Id, active.Id], TestActors.GlobalAdministrator)).Value!;
        var name = $"Edge report {suffix}";
        var policy = await services.GetRequiredService<AppProtectionPolicyService>().CreateAsync(
            PolicyTemplates.Blank() with { DisplayName = name, Apps = [WindowsPolicyDraft.EdgeAppId], IncludedGroupIds = [group.Id] },
            TestActors.Named(AdminCenterServerFixture.AdminEmail));
        Assert.True(policy.Succeeded);

        using var http = new HttpClient { BaseAddress = Server.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "mam/v1/checkIn")
        {
            Content = JsonContent.Create(new
            {
                userPrincipalName = active.UserPrincipalName,
                appId = WindowsPolicyDraft.EdgeAppId,
                azureAdDeviceId = Guid.NewGuid().ToString(),
                deviceName = $"ABBY-LAPTOP-{suffix}",
                deviceModel = "Surface Laptop 5",
                deviceManufacturer = "Microsoft Corporation",
                platformVersion = "10.0.22631.4460",
                appVersion = "131.0.2903.70",
                sdkVersion = "1.4.0",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminCenterServerFixture.ApiToken);
        var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (policy.Value!.Id, name);
    }

    /// <summary>Axe's contrast and naming rules pass in the light and the dark theme; the page is left in the light one.</summary>
    private static async Task AssertAccessibleAsync(AdminPage shell, IPage page, string view)
    {
        var violations = new List<string>();
        foreach (var dark in new[] { false, true })
        {
            if (dark)
            {
                await shell.ThemeToggle(toDark: true).ClickAsync();
                await Expect(shell.ThemeToggle(toDark: false)).ToBeVisibleAsync();
            }
            // Off the theme button, whose tooltip (and a closing list) fades: axe would measure half-transparent text.
            await page.Mouse.MoveAsync(700, 880);
            await Expect(page.Locator(".mud-popover-open")).ToHaveCountAsync(0);
            var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "rule", Values = AxeRules } });
            violations.AddRange(result.Violations.SelectMany(v => v.Nodes.Select(n => $"{(dark ? "dark" : "light")}: {v.Id}: {n.Html}")));
        }
        await shell.ThemeToggle(toDark: false).ClickAsync();
        await Expect(shell.ThemeToggle(toDark: true)).ToBeVisibleAsync();
        Assert.True(violations.Count == 0, $"Accessibility of the {view}:\n" + string.Join("\n", violations));
    }
}

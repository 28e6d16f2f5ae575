using System.Globalization;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.E2E.Tests;

public sealed class AppProtectionStatusTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "pages");

    [Fact]
    public Task AdminWalk_FilterByOutcomeThenExport_CsvHoldsTheSameRows() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var alice = await SeedAsync(suffix);
        await SignInAsync(page);
        var status = new AppProtectionStatusPage(page);

        await status.OpenThroughNavigationAsync();
        await status.SearchAsync(suffix);
        await Expect(status.Rows).ToHaveCountAsync(5);
        await Expect(status.Pager).ToContainTextAsync("1-5 of 5");
        await status.ChooseAsync("Outcome", "Blocked", "Wiped");

        await Expect(status.Rows).ToHaveCountAsync(3);
        await Expect(status.Pager).ToContainTextAsync("1-3 of 3");
        var table = await status.ReadRowsAsync();
        Assert.All(table, row => Assert.True(row[4] is "Blocked" or "Wiped", $"Outcome {row[4]}"));
        Assert.Equal([$"ALICE-LAPTOP-{suffix}", $"BOB-PC-{suffix}", $"ALICE-DESKTOP-{suffix}"], table.Select(row => row[1]));
        await ShootAsync(page, "30-app-protection-status");
        await page.Locator(".status-table .mud-table-container").EvaluateAsync("table => table.scrollLeft = table.scrollWidth");
        await ShootAsync(page, "30b-app-protection-status-scrolled");

        var (fileName, csv) = await status.ExportAsync();

        Assert.Matches(@"^app-protection-status-\d{8}T\d{6}Z\.csv$", fileName);
        var records = CsvRecordReader.Read(csv).ToList();
        Assert.Equal(
            ["User", "Email", "App", "App version", "Device name", "Device type", "Entra device ID", "Platform version", "Policy name(s)",
             "Threat level", "Outcome", "Last sync", "SDK version", "Device manufacturer", "Device model", "Platform", "Management type"],
            records[0].Fields);
        var exported = records.Skip(1).ToList();
        Assert.Equal(table.Count, exported.Count);
        for (var i = 0; i < table.Count; i++)
        {
            // The page opens with User, Device name, Policy name(s), Threat level, Outcome and Last sync of the export's columns.
            Assert.Equal(table[i].Take(5), AppProtectionStatusPage.ShownExportFields.Select(field => exported[i].Fields[field]));
            var synced = DateTime.ParseExact(exported[i].Fields[11], "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            Assert.Equal(table[i][5], synced.ToString("MMM d, yyyy, h:mm tt", CultureInfo.InvariantCulture) + " UTC");
        }

        await status.OpenUserAsync(alice);
        await status.OpenTabAsync("App protection");
        await Expect(page.Locator(".registration")).ToHaveCountAsync(3);
        var laptop = page.Locator(".registration").Filter(new() { HasText = $"ALICE-LAPTOP-{suffix}" });
        await Expect(laptop.GetByTestId("threat-level")).ToContainTextAsync("High");
        await Expect(laptop.GetByTestId("threat-level")).ToContainTextAsync("by Windows Security Center");
        await Expect(laptop.Locator(".reasons-table tbody tr")).ToHaveCountAsync(1);
        await Expect(laptop.Locator(".reasons-table tbody tr")).ToContainTextAsync("Min OS version");
        await Expect(laptop.Locator(".reasons-table tbody tr")).ToContainTextAsync("Block access");
        await ShootAsync(page, "31-user-app-protection");
        await status.OpenTabAsync("History");
        await Expect(page.Locator(".outcome-history-table tbody tr").Filter(new() { HasText = $"ALICE-LAPTOP-{suffix}" })).ToContainTextAsync("Blocked");
        await ShootAsync(page, "31b-user-history");

        await status.NavigateAsync("Home");
        await Expect(page.GetByLabel("App protection registrations")).ToContainTextAsync("Blocked");
        await Expect(page.GetByLabel("Devices by threat level")).ToContainTextAsync("Not reported");
        await Expect(page.GetByLabel("Mobile Threat Defense connectors")).ToBeVisibleAsync();
        await ShootAsync(page, "32-home-status-tiles");
    });

    [Fact]
    public Task Search_MoreThanTenThousandMatches_PagerSaysMoreThanAndNextPageStillWorks() => RunAsync(async page =>
    {
        // A broad search counts its matches only up to 10,000 past the page's start.
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await SeedManyAsync(suffix, AppProtectionStatusQueries.SearchCountLimit + 60);
        await SignInAsync(page);
        var status = new AppProtectionStatusPage(page);
        await status.OpenThroughNavigationAsync();

        await status.SearchAsync(suffix);

        await Expect(status.Pager).ToContainTextAsync("1-50 of more than 10000");
        await Expect(status.Rows).ToHaveCountAsync(50);
        await Expect(status.Row($"BULK-{suffix}-00000")).ToBeVisibleAsync();
        await Expect(status.PagerButton("Last page")).ToBeDisabledAsync();
        await ShootAsync(page, "30c-app-protection-status-broad-search");
        await status.PagerButton("Next page").ClickAsync();
        await Expect(status.Pager).ToContainTextAsync("51-100 of more than 10050");
        await Expect(status.Row($"BULK-{suffix}-00050")).ToBeVisibleAsync();
    });

    [Fact]
    public Task SearchThenRowLink_ClickedBeforeTheSearchApplies_StaysOnTheUserPage() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var alice = await SeedAsync(suffix);
        await SignInAsync(page);
        var status = new AppProtectionStatusPage(page);
        await status.OpenThroughNavigationAsync();
        await status.SearchAsync(suffix);
        await Expect(status.Rows).ToHaveCountAsync(5);

        // Change the search and click a row's link at once: the page applies the search (and writes its address) after
        // the browser has already left for the user; that late write must not bring the admin back.
        await status.SearchBox.PressAsync("Backspace");
        await status.OpenUserAsync(alice);
        await status.OpenTabAsync("App protection");
        await Expect(page.Locator(".registration")).ToHaveCountAsync(3);

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/users/[^?]+$"));
        await Expect(status.Heading(alice)).ToBeVisibleAsync();
    });

    [Fact]
    public Task Tabs_ArrowKeysHomeAndEnd_SelectAndFocusTheNextTabAsMudTabsDo() => RunAsync(async page =>
    {
        await SignInAsync(page);
        var status = new AppProtectionStatusPage(page);
        await status.OpenThroughNavigationAsync();
        await status.Tab("Registrations").FocusAsync();

        await status.PressOnFocusedTabAsync("ArrowRight");
        await status.ExpectSelectedTabAsync("User report");
        await Expect(status.UserReportPicker).ToBeVisibleAsync();
        await status.PressOnFocusedTabAsync("Home");
        await status.ExpectSelectedTabAsync("Registrations");
        await status.PressOnFocusedTabAsync("End");
        await status.ExpectSelectedTabAsync("User report");
        await status.PressOnFocusedTabAsync("ArrowLeft");

        await status.ExpectSelectedTabAsync("Registrations");
        await Expect(status.SearchBox).ToBeVisibleAsync();
    });

    [Fact]
    public Task Export_SignedOut_SendsToSignInInsteadOfData() => RunAsync(async page =>
    {
        var response = await page.APIRequest.GetAsync("apps/monitor/app-protection-status/export.csv");

        Assert.Contains("/Account/Login", response.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("Entra device ID", await response.TextAsync(), StringComparison.Ordinal);
    });

    /// <summary>
    /// Three users in a group, a policy assigned to it, and five registrations whose outcomes the real evaluation works
    /// out: written through the server's own services and database factory (the check-in API is not there yet). Names
    /// carry <paramref name="suffix"/> so the shared database's other rows stay out of the search.
    /// </summary>
    private async Task<string> SeedAsync(string suffix)
    {
        var services = Server.Services;
        var users = services.GetRequiredService<UserService>();
        var alice = (await users.CreateUserAsync(new UserInput($"alice.{suffix}@contoso.com", $"Alice {suffix}"), actor: TestActors.System)).Value!;
        var bob = (await users.CreateUserAsync(new UserInput($"bob.{suffix}@contoso.com", $"Bob {suffix}"), actor: TestActors.System)).Value!;
        var carol = (await users.CreateUserAsync(new UserInput($"carol.{suffix}@contoso.com", $"Carol {suffix}"), actor: TestActors.System)).Value!;
        var group = (await services.GetRequiredService<GroupService>()
            .CreateGroupAsync(new GroupInput($"Status {suffix}", "App protection status e2e"), [alice.Id, bob.Id, carol.Id], actor: TestActors.System)).Value!;
        IReadOnlyList<HealthCheckRow> rows =
        [
            new(HealthCheckSetting.OfflineGracePeriod, "720", HealthCheckAction.Block),
            new(HealthCheckSetting.OfflineGracePeriod, "90", HealthCheckAction.Wipe),
            new(HealthCheckSetting.MinAppVersion, "120.0", HealthCheckAction.Wipe),
            new(HealthCheckSetting.MinOsVersion, "10.0.22631", HealthCheckAction.Block),
            new(HealthCheckSetting.MaxOsVersion, "10.0.26100", HealthCheckAction.Warn),
        ];
        var policy = await services.GetRequiredService<AppProtectionPolicyService>().CreateAsync(new WindowsPolicyDraft
        {
            DisplayName = $"Edge status {suffix}",
            Apps = [WindowsPolicyDraft.EdgeAppId],
            DataProtection = HealthChecks.Apply(new WindowsAppProtectionSettings(), rows),
            HealthChecks = rows,
            IncludedGroupIds = [group.Id],
        }, TestActors.Named(AdminCenterServerFixture.AdminEmail));
        Assert.True(policy.Succeeded);

        var now = DateTime.UtcNow;
        await using (var db = await services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>().CreateDbContextAsync())
        {
            db.MamRegistrations.AddRange(
                Registration(alice, $"ALICE-LAPTOP-{suffix}", now.AddMinutes(-2), "10.0.22621.1702", "130.0.2849.46", DeviceThreatLevel.High),
                Registration(bob, $"BOB-PC-{suffix}", now.AddMinutes(-20), "10.0.22631.2506", "110.0.1587.41", DeviceThreatLevel.Medium),
                Registration(alice, $"ALICE-DESKTOP-{suffix}", now.AddMinutes(-45), "10.0.19045.3693", "130.0.2849.46", null),
                Registration(alice, $"ALICE-TABLET-{suffix}", now.AddMinutes(-60), "10.0.22631.2506", "130.0.2849.46", DeviceThreatLevel.Secured),
                Registration(carol, $"CAROL-PC-{suffix}", now.AddMinutes(-90), "10.0.26200.100", "130.0.2849.46", DeviceThreatLevel.Low));
            await db.SaveChangesAsync();
        }
        await EvaluateAsync();
        var outcomes = (await services.GetRequiredService<AppProtectionStatusQueries>().QueryAsync(new AppProtectionStatusFilter { Search = suffix }, 0, 50))
            .Items.Select(r => (r.DeviceName, r.Outcome));
        Assert.Equal(
            [
                ($"ALICE-LAPTOP-{suffix}", EvaluationOutcome.Block), ($"BOB-PC-{suffix}", EvaluationOutcome.Wipe),
                ($"ALICE-DESKTOP-{suffix}", EvaluationOutcome.Block), ($"ALICE-TABLET-{suffix}", EvaluationOutcome.Allow),
                ($"CAROL-PC-{suffix}", EvaluationOutcome.Warn),
            ],
            outcomes);
        return alice.DisplayName;
    }

    /// <summary>One user with <paramref name="count"/> registrations, newest first by their number, in one insert.</summary>
    private async Task SeedManyAsync(string suffix, int count)
    {
        var services = Server.Services;
        var user = (await services.GetRequiredService<UserService>()
            .CreateUserAsync(new UserInput($"bulk.{suffix}@contoso.com", $"Bulk {suffix}"), actor: TestActors.System)).Value!;
        var now = DateTime.UtcNow;
        await using var db = await services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>().CreateDbContextAsync();
        db.MamRegistrations.AddRange(Enumerable.Range(0, count).Select(i =>
            Registration(user, $"BULK-{suffix}-{i:D5}", now.AddSeconds(-i), "10.0.22631.2506", "130.0.2849.46", null)));
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Saving users, the group and the policy queued background re-evaluations; one that began before the policy existed
    /// could still write stale outcomes. Once a pass has finished after our writes, none of those is left, and the pass
    /// run here settles every registration against the current policies.
    /// </summary>
    private async Task EvaluateAsync()
    {
        var requests = Server.Services.GetRequiredService<ReevaluationRequests>();
        var completed = requests.CompletedPasses;
        requests.Request();
        Assert.True(SpinWait.SpinUntil(() => requests.CompletedPasses > completed, TimeSpan.FromSeconds(15)), "No re-evaluation pass finished.");
        await Server.Services.GetRequiredService<RegistrationReevaluator>().ReevaluateAllAsync();
    }

    private static MamRegistration Registration(
        UserDetails user, string deviceName, DateTime lastSync, string osVersion, string appVersion, DeviceThreatLevel? level)
    {
        var registration = MamRegistration.Enroll(user.Id, user.UserPrincipalName, WindowsPolicyDraft.EdgeAppId, Guid.NewGuid().ToString(), lastSync.AddDays(-7));
        registration.CheckIn(new MamDeviceInfo(deviceName, "Surface Laptop 5", "Microsoft Corporation", osVersion, appVersion, "1.2.0"), lastSync);
        if (level is { } reported)
        {
            registration.SeedHealthState(reported, lastSync.AddMinutes(-1), PartnerCatalog.WindowsSecurityCenterId);
        }
        return registration;
    }

    private static async Task ShootAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }
}

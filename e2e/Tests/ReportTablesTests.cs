using AdminCenter.Core.AppProtection;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Core.Wipe;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.E2E.Tests;

/// <summary>
/// The report tables as an admin meets them at 1400×900: what is in view without scrolling, the column chooser
/// remembered across reloads, filters and paging in the address, names instead of ids. Screenshots of each table at
/// 1400×900 and 1024×768, light and dark, go to TestResults/pages.
/// </summary>
public sealed class ReportTablesTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "pages");
    private static readonly (string Name, string Path, string Title)[] TablePages =
    [
        ("app-protection-status", "apps/monitor/app-protection-status", "Apps | Monitor"),
        ("sign-in-logs", "endpoint-security/sign-in-logs", "Endpoint security | Sign-in logs"),
        ("wipe-requests", "apps/selective-wipe", "Apps | App selective wipe"),
    ];

    private static readonly (int Width, int Height)[] Sizes = [(1400, 900), (1024, 768)];
    private static readonly string[] WipeColumns = ["User", "Device name", "App", "Status", "Created", "Completed", "Message"];
    private static readonly string[] DefaultColumns = ["User", "Device name", "Threat level", "Outcome", "Policy name(s)", "Last sync"];

    [Fact]
    public Task StatusReport_At1400_ShowsTheSixColumnsAnAdminLooksForFirstInView() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await SeedRegistrationsAsync(suffix, 3);
        await page.SetViewportSizeAsync(1400, 900);
        await SignInAsync(page);
        var status = new AppProtectionStatusPage(page);

        await status.OpenThroughNavigationAsync();

        foreach (var title in DefaultColumns)
        {
            await Expect(status.ColumnHeader(title)).ToBeInViewportAsync(new() { Ratio = 1 });
        }
        await Expect(status.ColumnHeader("Entra device ID")).ToHaveCountAsync(0);
        await status.TypeSearchAsync(suffix);
        await Expect(status.SearchBox).ToHaveValueAsync(suffix);
        await Expect(status.Rows).ToHaveCountAsync(3);
        await Expect(status.Pager).ToBeInViewportAsync();
    });

    [Fact]
    public Task ColumnChooser_ShowEmail_RememberedAfterReload() => RunAsync(async page =>
    {
        await page.SetViewportSizeAsync(1400, 900);
        await SignInAsync(page);
        var status = new AppProtectionStatusPage(page);
        await status.OpenThroughNavigationAsync();
        await Expect(status.ColumnHeader("Email")).ToHaveCountAsync(0);
        try
        {
            await status.SetColumnAsync("Email", visible: true);

            await status.ReloadAsync();

            await Expect(status.ColumnHeader("Email")).ToBeVisibleAsync();
            await Expect(status.ColumnHeader("User")).ToBeVisibleAsync();
        }
        finally
        {
            // The e2e database is shared: leave the admin with the default columns.
            await status.SetColumnAsync("Email", visible: false);
        }
        await status.ReloadAsync();
        await Expect(status.ColumnHeader("Email")).ToHaveCountAsync(0);
    });

    [Fact]
    public Task StatusReport_SearchThenPageTwo_SurvivesReloadAndBack() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await SeedRegistrationsAsync(suffix, 55);
        await SignInAsync(page);
        var status = new AppProtectionStatusPage(page);
        await status.OpenThroughNavigationAsync();
        await status.TypeSearchAsync(suffix);
        await Expect(status.Pager).ToContainTextAsync("1-50 of 55");

        await status.NextPageAsync();
        await Expect(status.Pager).ToContainTextAsync("51-55 of 55");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"search={suffix}&page=2$"));
        await status.ReloadAsync();

        await Expect(status.Pager).ToContainTextAsync("51-55 of 55");
        await Expect(status.SearchBox).ToHaveValueAsync(suffix);
        await Expect(status.Rows).ToHaveCountAsync(5);
        await status.NavigateAsync("Home");
        await Expect(status.Heading("Home")).ToBeVisibleAsync();
        await page.GoBackAsync();
        await status.WaitForInteractiveAsync();
        await Expect(status.Pager).ToContainTextAsync("51-55 of 55");
        await Expect(status.SearchBox).ToHaveValueAsync(suffix);
    });

    [Fact]
    public Task SignInLogs_SignInFromARegisteredDevice_ShowsDeviceAndAppByNameOnOneLine() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var registrations = await SeedRegistrationsAsync(suffix, 1);
        var (upn, deviceId, deviceName) = registrations[0];
        var evaluated = await Server.Services.GetRequiredService<ConditionalAccessService>()
            .EvaluateAsync(new SignInRequest(upn, deviceId, "com.google.chrome", "Outlook"));
        Assert.True(evaluated.Succeeded);
        await page.SetViewportSizeAsync(1400, 900);
        await SignInAsync(page);
        var logs = new SignInLogsPage(page);
        await logs.OpenThroughNavigationAsync();

        await logs.SearchAsync(suffix);

        var row = logs.Row(upn);
        await Expect(SignInLogsPage.Cell(row, "Device")).ToHaveTextAsync(deviceName);
        await Expect(SignInLogsPage.Cell(row, "Device").Locator("[title]")).ToHaveAttributeAsync("title", $"Entra device ID: {deviceId}");
        await Expect(SignInLogsPage.Cell(row, "App")).ToHaveTextAsync("Google Chrome");
        await Expect(row).Not.ToContainTextAsync(deviceId);
        var box = await row.BoundingBoxAsync();
        Assert.True(box!.Height < 48, $"A sign-in row is {box.Height} px tall; it should be one line.");
    });

    [Fact]
    public Task WipeRequests_At1400_ShowEveryColumnAndTheWholeStatus() => RunAsync(async page =>
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        await SeedRegistrationsAsync(suffix, 1);
        var registrationId = await RegistrationIdAsync(suffix);
        Assert.True((await Server.Services.GetRequiredService<WipeService>().CreateManualAsync(registrationId, TestActors.Named(AdminCenterServerFixture.AdminEmail))).Succeeded);
        var (upn, deviceId, _) = (await SeedRegistrationsAsync(suffix + "s", 1))[0];
        Assert.True((await Server.Services.GetRequiredService<ConditionalAccessService>()
            .EvaluateAsync(new SignInRequest(upn, deviceId, "com.google.chrome", "Outlook"))).Succeeded);
        await page.SetViewportSizeAsync(1400, 900);
        await SignInAsync(page);
        var wipe = new SelectiveWipePage(page);

        await wipe.OpenThroughNavigationAsync();

        foreach (var title in WipeColumns)
        {
            await Expect(wipe.ColumnHeader(title)).ToBeInViewportAsync(new() { Ratio = 1 });
        }
        var row = wipe.Row($"PC-{suffix}-00");
        await Expect(row.Locator("[data-status='pending']")).ToHaveTextAsync("Pending");
        var chip = await row.Locator("[data-status='pending']").EvaluateAsync<bool>("chip => chip.scrollWidth <= chip.clientWidth");
        Assert.True(chip, "The status chip's text is cut.");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = "Delete" })).ToBeInViewportAsync(new() { Ratio = 1 });
        await ShootTablesAsync(page, suffix);
    });

    /// <summary>Each table at both sizes in both themes, for a person to look at.</summary>
    private static async Task ShootTablesAsync(IPage page, string suffix)
    {
        var shell = new AdminPage(page);
        foreach (var theme in new[] { "light", "dark" })
        {
            if (theme == "dark")
            {
                await page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" })).ToBeVisibleAsync();
            }
            foreach (var (width, height) in Sizes)
            {
                await page.SetViewportSizeAsync(width, height);
                foreach (var (name, path, title) in TablePages)
                {
                    // Navigation inside the circuit keeps the theme, which a reload would reset.
                    await page.EvaluateAsync("path => Blazor.navigateTo(path)", "/" + path);
                    await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(path + "$"));
                    await shell.WaitForInteractiveAsync();
                    await Expect(shell.Heading(title)).ToBeVisibleAsync();
                    await Expect(page.Locator("table tbody tr").First).ToBeVisibleAsync();
                    Directory.CreateDirectory(ScreenshotDirectory);
                    await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, $"tables-{name}-{width}x{height}-{theme}.png") });
                }
            }
        }
    }

    /// <summary>
    /// One user and <paramref name="count"/> registrations named PC-{suffix}-00..., written through the server's own
    /// services; names carry <paramref name="suffix"/> so the shared database's other rows stay out of the search.
    /// </summary>
    private async Task<IReadOnlyList<(string Upn, string DeviceId, string DeviceName)>> SeedRegistrationsAsync(string suffix, int count)
    {
        var user = (await Server.Services.GetRequiredService<UserService>()
            .CreateUserAsync(new UserInput($"tables.{suffix}@contoso.com", $"Tables {suffix}"), actor: TestActors.System)).Value!;
        var now = DateTime.UtcNow;
        var seeded = new List<(string, string, string)>();
        await using var db = await Server.Services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>().CreateDbContextAsync();
        for (var i = 0; i < count; i++)
        {
            var deviceId = Guid.NewGuid().ToString();
            var deviceName = $"PC-{suffix}-{i:D2}";
            var registration = MamRegistration.Enroll(user.Id, user.UserPrincipalName, WindowsPolicyDraft.EdgeAppId, deviceId, now.AddDays(-3));
            registration.CheckIn(new MamDeviceInfo(deviceName, "Surface Laptop 5", "Microsoft Corporation", "10.0.22631.2506", "130.0.2849.46", "1.2.0"),
                now.AddMinutes(-i));
            db.MamRegistrations.Add(registration);
            seeded.Add((user.UserPrincipalName, deviceId, deviceName));
        }
        await db.SaveChangesAsync();
        return seeded;
    }

    private async Task<string> RegistrationIdAsync(string suffix)
    {
        await using var db = await Server.Services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>().CreateDbContextAsync();
        var deviceName = $"PC-{suffix}-00";
        return await db.MamRegistrations.Where(r => r.DeviceName == deviceName).Select(r => r.Id).SingleAsync();
    }
}

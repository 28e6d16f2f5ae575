using AdminCenter.Core.Demo;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;

namespace AdminCenter.E2E.Tests;

/// <summary>A server started with <c>Demo:Seed=true</c> greets the admin with a living tenant.</summary>
[Collection(DemoTenantE2EGroup.Name)]
public sealed class DemoTenantTests(DemoServerFixture server, BrowserFixture browser)
{
    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "pages");

    [Fact]
    public Task DemoTenant_AfterStart_HomeTilesAndStatusReportShowTheTenant() => RunAsync(async page =>
    {
        var shell = await new SignInPage(page).SignInAsync(DemoServerFixture.AdminEmail, DemoServerFixture.AdminPassword);

        await Expect(shell.Heading("Home")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("App protection registrations")).ToContainTextAsync(DemoTenantSeeder.RegistrationCount.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByLabel("App protection registrations")).ToContainTextAsync("Blocked");
        await Expect(page.GetByLabel("Devices by threat level")).Not.ToContainTextAsync("No devices yet");
        await Expect(page.GetByLabel("Mobile Threat Defense connectors")).ToContainTextAsync("Enabled");
        await ShootAsync(page, "demo-01-home");

        var status = new AppProtectionStatusPage(page);
        await status.OpenThroughNavigationAsync();
        await Expect(status.Rows.First).ToBeVisibleAsync();
        Assert.True(await status.Rows.CountAsync() > 10, "the status report lists the demo registrations");
        await Expect(status.Rows.Filter(new() { HasText = DemoTenantSeeder.Level1PolicyName }).First).ToBeVisibleAsync();
        await ShootAsync(page, "demo-02-app-protection-status");
    });

    private async Task RunAsync(Func<IPage, Task> scenario)
    {
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new() { Width = 1440, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                consoleErrors.Add(message.Text);
            }
        };
        await page.GotoAsync("Account/Login");

        try
        {
            await scenario(page);
            Assert.True(consoleErrors.Count == 0, "Browser console errors:\n" + string.Join("\n", consoleErrors));
            await Expect(page.Locator("#components-reconnect-modal[open], .components-reconnect-show")).ToHaveCountAsync(0);
        }
        catch
        {
            await ShootAsync(page, "demo-failure");
            throw;
        }
    }

    private static async Task ShootAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }
}

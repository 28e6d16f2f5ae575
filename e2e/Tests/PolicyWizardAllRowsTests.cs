using System.Diagnostics;
using System.Globalization;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;
using Xunit.Abstractions;

namespace AdminCenter.E2E.Tests;

/// <summary>
/// The wizard with every health-check row filled: each row is added by clicking, the policy is created, and the time
/// each step takes to appear after Next is written to TestResults/wizard-step-timings.txt (a measurement, not a limit).
/// </summary>
public sealed class PolicyWizardAllRowsTests(AdminCenterServerFixture server, BrowserFixture browser, ITestOutputHelper output)
    : E2ETest(server, browser)
{
    private static readonly string[] LastSteps = ["Scope tags", "Assignments", "Review + create"];
    private static readonly string[] StepsBackwards = ["Assignments", "Scope tags", "Health checks", "Data protection", "Apps", "Basics"];
    private static readonly string[] StepsForwards = ["Apps", "Data protection", "Health checks", "Scope tags", "Assignments", "Review + create"];

    private static readonly string PagesDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "pages");

    [Fact]
    public Task CreatePolicy_EveryHealthCheckRowFilled_SavesAllFifteenRows() => RunAsync(async page =>
    {
        var name = $"Edge every check {Guid.NewGuid().ToString("N")[..6]}";
        // Tall enough for all fifteen rows, so the screenshots need no full-page capture: that resizes the viewport,
        // MudBlazor answers the resize with a re-render, and on a busy machine the next click (Next) was lost in it.
        await page.SetViewportSizeAsync(1440, 2000);
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        var wizard = new AppProtectionPages(page);
        await wizard.OpenThroughNavigationAsync();
        await wizard.StartWindowsPolicyAsync();
        await wizard.ChooseAsync("Start from a template", "Level 3 high data protection");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await wizard.NextAsync("Apps");
        await wizard.NextAsync("Data protection");
        await wizard.NextAsync("Health checks");

        // Each new row pushes the Add button down: wait for the row before the next click, or a slow link makes the click
        // land where the button was.
        var rows = page.Locator(".health-row");
        var count = await rows.CountAsync();
        for (var i = 0; i < 5; i++)
        {
            await wizard.Button("Add app condition").ClickAsync();
            await Expect(rows).ToHaveCountAsync(++count);
        }
        for (var i = 0; i < 4; i++)
        {
            await wizard.Button("Add device condition").ClickAsync();
            await Expect(rows).ToHaveCountAsync(++count);
        }
        await FillAsync(page, "MinAppVersion", 0, "130.0");
        await FillAsync(page, "MinAppVersion", 1, "120.0");
        await FillAsync(page, "MinAppVersion", 2, "110.0");
        await FillAsync(page, "MinSdkVersion", 0, "2.0");
        await FillAsync(page, "MinSdkVersion", 1, "1.0");
        await FillAsync(page, "MinOsVersion", 1, "10.0.22631");
        await FillAsync(page, "MinOsVersion", 2, "10.0.19045");
        await FillAsync(page, "MaxOsVersion", 1, "10.0.26200");
        await FillAsync(page, "MaxOsVersion", 2, "10.0.26300");
        await Expect(page.Locator(".health-row")).ToHaveCountAsync(15);
        await Expect(page.Locator(".health-problem")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Directory.CreateDirectory(PagesDirectory).FullName, "30-wizard-health-checks-all-rows.png") });

        var timings = new List<string>();
        foreach (var step in LastSteps)
        {
            timings.Add(await TimeNextAsync(wizard, step));
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(PagesDirectory, "31-wizard-review.png") });
        foreach (var step in StepsBackwards)
        {
            timings.Add(await TimePreviousAsync(wizard, step));
        }
        foreach (var step in StepsForwards)
        {
            timings.Add(await TimeNextAsync(wizard, step));
        }
        await wizard.Button("Create").ClickAsync();

        await Expect(wizard.Row(name)).ToContainTextAsync("No");
        await wizard.OpenPolicyAsync(name);
        await Expect(wizard.Summary("Health checks").Locator("dd")).ToHaveCountAsync(15);
        File.WriteAllLines(Path.Combine(AppContext.BaseDirectory, "TestResults", "wizard-step-timings.txt"), timings);
        foreach (var line in timings)
        {
            output.WriteLine(line);
        }
    });

    private static Task FillAsync(IPage page, string setting, int nth, string value) =>
        page.Locator($".health-row[data-setting='{setting}']").Nth(nth).GetByLabel("Value").FillAsync(value);

    private static async Task<string> TimeNextAsync(AppProtectionPages wizard, string step)
    {
        var stopwatch = Stopwatch.StartNew();
        await wizard.NextAsync(step);
        return Format("Next", step, stopwatch.Elapsed);
    }

    private static async Task<string> TimePreviousAsync(AppProtectionPages wizard, string step)
    {
        var stopwatch = Stopwatch.StartNew();
        await wizard.Button("Previous").ClickAsync();
        await Expect(wizard.Heading(step)).ToBeVisibleAsync();
        return Format("Previous", step, stopwatch.Elapsed);
    }

    private static string Format(string button, string step, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{button} -> {step}: {elapsed.TotalMilliseconds:F0} ms");
}

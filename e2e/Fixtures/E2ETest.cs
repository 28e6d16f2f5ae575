using System.Runtime.CompilerServices;

namespace AdminCenter.E2E.Fixtures;

/// <summary>
/// Base of every browser test: a fresh browser context per test, a guard that the browser console stays free of
/// errors and Blazor never shows its reconnect UI, and a screenshot when a test fails.
/// </summary>
[Collection(AdminCenterE2EGroup.Name)]
public abstract class E2ETest(AdminCenterServerFixture server, BrowserFixture browser)
{
    protected AdminCenterServerFixture Server { get; } = server;

    protected async Task RunAsync(Func<IPage, Task> scenario, [CallerMemberName] string testName = "")
    {
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new() { Width = 1440, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !IsExpectedConsoleError(message))
            {
                consoleErrors.Add(message.Text);
            }
        };

        try
        {
            await scenario(page);
            Assert.True(consoleErrors.Count == 0, "Browser console errors:\n" + string.Join("\n", consoleErrors));
            await Expect(page.Locator("#components-reconnect-modal[open], .components-reconnect-show")).ToHaveCountAsync(0);
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        }
        catch
        {
            await SaveScreenshotAsync(page, testName);
            throw;
        }
    }

    /// <summary>A console error the test itself provokes (for example the 404 of an unknown address).</summary>
    protected virtual bool IsExpectedConsoleError(IConsoleMessage message) => false;

    private static async Task SaveScreenshotAsync(IPage page, string testName)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, $"{testName}-{DateTime.UtcNow:yyyyMMddHHmmss}.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        Console.WriteLine($"Failure screenshot: {path}");
    }
}

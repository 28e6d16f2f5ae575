using System.Runtime.CompilerServices;
using AdminCenter.E2E.Pages;

namespace AdminCenter.E2E.Fixtures;

/// <summary>
/// Base of every browser test: a fresh browser context per test, a guard that the browser console stays free of
/// errors and of Content-Security-Policy violations, Blazor never shows its reconnect UI, and a screenshot when a test fails.
/// </summary>
[Collection(AdminCenterE2EGroup.Name)]
public abstract class E2ETest(AdminCenterServerFixture server, BrowserFixture browser)
{
    protected AdminCenterServerFixture Server { get; } = server;

    protected BrowserFixture Browsers { get; } = browser;

    /// <summary>Signs in as the fixture's Global Administrator through the sign-in page.</summary>
    protected static async Task SignInAsync(IPage page)
    {
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
    }

    protected async Task RunAsync(Func<IPage, Task> scenario, [CallerMemberName] string testName = "")
    {
        await using var context = await Browsers.Browser.NewContextAsync(new()
        {
            BaseURL = Server.BaseAddress.ToString(),
            ViewportSize = new() { Width = 1440, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(15_000);
        var cspViolations = await RecordContentSecurityPolicyViolationsAsync(context);
        await FocusRecorder.InstallAsync(context);
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
            Assert.True(cspViolations.IsEmpty, "Content-Security-Policy violations:\n" + string.Join("\n", cspViolations));
            await Expect(page.Locator("#components-reconnect-modal[open], .components-reconnect-show")).ToHaveCountAsync(0);
            await Expect(page.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        }
        catch (Exception failure)
        {
            await SaveScreenshotAsync(page, testName);
            var focusEvents = await FocusRecorder.ReadAsync(page);
            if (focusEvents.Length == 0)
            {
                throw;
            }
            throw new Xunit.Sdk.XunitException($"{failure.Message}\n\nThe page's last focus and input events:\n{focusEvents}", failure);
        }
    }

    /// <summary>
    /// Every page of the context reports the browser's <c>securitypolicyviolation</c> events back to the test: the app's
    /// strict CSP must hold on every page a test visits, not only where a violation happens to reach the console.
    /// </summary>
    protected static async Task<System.Collections.Concurrent.ConcurrentQueue<string>> RecordContentSecurityPolicyViolationsAsync(IBrowserContext context)
    {
        var violations = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await context.ExposeBindingAsync("__reportCspViolation", (BindingSource source, string violation) =>
        {
            violations.Enqueue($"{source.Page?.Url}: {violation}");
        });
        await context.AddInitScriptAsync("""
            window.cspViolations = [];
            document.addEventListener('securitypolicyviolation', e => {
                const violation = e.effectiveDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber;
                window.cspViolations.push(violation);
                window.__reportCspViolation(violation);
            });
            """);
        return violations;
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

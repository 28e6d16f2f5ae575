using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;

namespace AdminCenter.E2E.Tests;

/// <summary>Browser-side security: the CSP violation guard every test relies on really sees violations; forms need antiforgery.</summary>
public sealed class SecurityTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    [Fact]
    public async Task ContentSecurityPolicy_InjectedInlineScript_IsBlockedAndReportedToTheGuard()
    {
        await using var context = await Browsers.Browser.NewContextAsync(new() { BaseURL = Server.BaseAddress.ToString() });
        var violations = await RecordContentSecurityPolicyViolationsAsync(context);
        var page = await context.NewPageAsync();
        await new SignInPage(page).GotoAsync();

        await page.EvaluateAsync("() => { const s = document.createElement('script'); s.textContent = 'window.inlineScriptRan = true'; document.body.appendChild(s); }");

        await page.WaitForFunctionAsync("() => window.cspViolations.length > 0");
        Assert.Null(await page.EvaluateAsync<bool?>("() => window.inlineScriptRan"));
        Assert.Contains(violations, v => v.Contains("script-src", StringComparison.Ordinal));
    }

    [Fact]
    public Task SignOut_PostWithoutAntiforgeryToken_IsRefusedAndTheAdminStaysSignedIn() => RunAsync(async page =>
    {
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        var home = await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);

        var forged = await page.APIRequest.PostAsync("Account/Logout", new() { MaxRedirects = 0 });
        await home.ReloadAsync();

        Assert.Equal(400, forged.Status);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = AdminCenterServerFixture.AdminEmail })).ToBeVisibleAsync();
    });
}

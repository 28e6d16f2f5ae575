using AdminCenter.Core.Identity;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.E2E.Tests;

public sealed class SignInTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    [Fact]
    public Task SignIn_WrongPassword_ShowsGenericMessage() => RunAsync(async page =>
    {
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();

        await signIn.SubmitAsync(AdminCenterServerFixture.AdminEmail, "not-the-password-at-all");

        await Expect(signIn.Alert).ToHaveTextAsync("Your account or password is incorrect.");
    });

    [Fact]
    public Task SignIn_FiveFailures_LocksTheAccount() => RunAsync(async page =>
    {
        const string email = "lockout.test@contoso.onmicrosoft.com";
        const string password = "Lockout-correct-password";
        await CreateAdminAsync(email, password, AdminRoles.IntuneAdministrator);
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();

        for (var attempt = 0; attempt < 5; attempt++)
        {
            await signIn.SubmitAsync(email, "wrong-password-" + attempt);
            await Expect(signIn.Alert).ToBeVisibleAsync();
        }
        await signIn.SubmitAsync(email, password);

        await Expect(signIn.Alert).ToContainTextAsync("locked");
    });

    [Fact]
    public Task SignedOutVisit_AnyPage_LandsOnSignIn() => RunAsync(async page =>
    {
        await page.GotoAsync("tenant-admin/connectors/mtd");

        await Expect(new SignInPage(page).Heading).ToBeVisibleAsync();
        Assert.Contains("/Account/Login", page.Url, StringComparison.Ordinal);
    });

    [Fact]
    public Task ReadOnlyOperator_MobileThreatDefense_SeesNoAddButton() => RunAsync(async page =>
    {
        const string email = "reader@contoso.onmicrosoft.com";
        const string password = "Reader-correct-password";
        await CreateAdminAsync(email, password, AdminRoles.ReadOnlyOperator);
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await signIn.SignInAsync(email, password);
        var mtd = new MobileThreatDefensePage(page);

        await mtd.OpenThroughNavigationAsync();

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Refresh" })).ToBeVisibleAsync();
    });

    private async Task CreateAdminAsync(string email, string password, string role)
    {
        await using var scope = Server.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }
        var user = new AdminUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = email };
        Assert.True((await users.CreateAsync(user, password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
    }
}

using AdminCenter.Components.Layout;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;

namespace AdminCenter.E2E.Tests;

/// <summary>The shell around every page: sign-in return, theme, narrow-screen layout, unknown addresses.</summary>
public sealed class ShellTests(AdminCenterServerFixture server, BrowserFixture browser) : E2ETest(server, browser)
{
    [Fact]
    public Task SignIn_SignedOutDeepLink_LandsOnTheRequestedPage() => RunAsync(async page =>
    {
        await page.GotoAsync(AdminNavigation.AppProtectionStatus.Href + "?search=deep-link");
        var signIn = new SignInPage(page);
        await Expect(signIn.Heading).ToBeVisibleAsync();

        var shell = await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);

        await Expect(page).ToHaveURLAsync(new Uri(Server.BaseAddress, AdminNavigation.AppProtectionStatus.Href + "?search=deep-link").ToString());
        await Expect(shell.Heading("Apps | Monitor")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Search")).ToHaveValueAsync("deep-link");
    });

    [Theory]
    [InlineData("//evil.example/apps")]
    [InlineData("/\\evil.example/apps")]
    [InlineData("https://evil.example/apps")]
    public Task SignIn_ReturnUrlToAnotherSite_LandsOnHome(string returnUrl) => RunAsync(async page =>
    {
        await page.GotoAsync("Account/Login?ReturnUrl=" + Uri.EscapeDataString(returnUrl));
        var signIn = new SignInPage(page);
        await Expect(signIn.Heading).ToBeVisibleAsync();

        var shell = await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);

        await Expect(shell.Heading("Home")).ToBeVisibleAsync();
        Assert.Equal(Server.BaseAddress.Authority, new Uri(page.Url).Authority);
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);
    });

    [Fact]
    public Task Theme_DarkThenReload_StaysDark() => RunAsync(async page =>
    {
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        var shell = await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        var lightBackground = await BodyBackgroundAsync(page);

        await shell.ThemeToggle(toDark: true).ClickAsync();
        await Expect(shell.ThemeToggle(toDark: false)).ToBeVisibleAsync();
        await shell.ReloadAsync();

        await Expect(shell.ThemeToggle(toDark: false)).ToBeVisibleAsync();
        Assert.NotEqual(lightBackground, await BodyBackgroundAsync(page));
        await shell.ThemeToggle(toDark: false).ClickAsync();
        await Expect(shell.ThemeToggle(toDark: true)).ToBeVisibleAsync();
        await shell.ReloadAsync();
        await Expect(shell.ThemeToggle(toDark: true)).ToBeVisibleAsync();
        Assert.Equal(lightBackground, await BodyBackgroundAsync(page));
    });

    [Fact]
    public Task Layout_At1024_CollapsesNavigationToIconsAndBladeMenuToAButton() => RunAsync(async page =>
    {
        const string title = "Apps | App protection policies";
        await page.SetViewportSizeAsync(1024, 768);
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        var shell = await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        await page.GotoAsync(AdminNavigation.AppProtectionPolicies.Href);
        await shell.WaitForInteractiveAsync();

        await Expect(shell.NavigationToggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(shell.NavigationDrawer).ToHaveCSSAsync("width", "56px");
        await page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true }).HoverAsync();
        await Expect(shell.Tooltip("Users")).ToBeVisibleAsync();
        await Expect(shell.BladeMenuList(title)).ToBeHiddenAsync();
        await shell.BladeMenuButton(title).ClickAsync();
        await page.GetByRole(AriaRole.Menuitem, new() { Name = "App selective wipe" }).ClickAsync();
        await shell.WaitForInteractiveAsync();
        await Expect(shell.Heading("Apps | App selective wipe")).ToBeVisibleAsync();

        await page.SetViewportSizeAsync(1400, 900);
        await Expect(shell.NavigationToggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(shell.BladeMenuList("Apps | App selective wipe")).ToBeVisibleAsync();
        await Expect(shell.BladeMenuButton("Apps | App selective wipe")).ToBeHiddenAsync();
        await Expect(shell.NavigationDrawer).ToHaveCSSAsync("width", "240px");
    });

    [Fact]
    public Task Layout_Below960_NavigationOpensOverThePageAndClosesBesideIt() => RunAsync(async page =>
    {
        await page.SetViewportSizeAsync(800, 700);
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        var shell = await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);
        await Expect(shell.NavigationToggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true })).Not.ToBeInViewportAsync();

        await shell.NavigationToggle.ClickAsync();

        await Expect(shell.NavigationToggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(shell.NavigationOverlay).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true })).ToBeInViewportAsync();
        await shell.NavigationOverlay.ClickAsync(new() { Position = new() { X = 500, Y = 300 } });
        await Expect(shell.NavigationToggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(shell.NavigationOverlay).ToHaveCountAsync(0);

        // Following a link in the open navigation closes it: the new page is not hidden behind it.
        await shell.NavigationToggle.ClickAsync();
        await shell.NavigateAsync("Users");
        await Expect(shell.NavigationToggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(shell.NavigationOverlay).ToHaveCountAsync(0);

        await page.SetViewportSizeAsync(1400, 900);
        await Expect(shell.NavigationToggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(shell.NavigationDrawer).ToHaveCSSAsync("width", "240px");
    });

    [Fact]
    public Task AccountMenu_MouseAndKeyboard_OpensItsItemsAndCloses() => RunAsync(async page =>
    {
        const string email = AdminCenterServerFixture.AdminEmail;
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        var shell = await signIn.SignInAsync(email, AdminCenterServerFixture.AdminPassword);
        await Expect(shell.AccountButton(email)).ToHaveAttributeAsync("aria-haspopup", "menu");
        await Expect(shell.AccountButton(email)).ToHaveAttributeAsync("aria-expanded", "false");

        await shell.AccountButton(email).ClickAsync();

        await Expect(shell.AccountMenuItem("My account")).ToBeVisibleAsync();
        await Expect(shell.AccountMenuItem("Sign out")).ToBeVisibleAsync();
        await Expect(shell.AccountButton(email)).ToHaveAttributeAsync("aria-expanded", "true");
        await shell.Heading("Home").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Menu)).ToHaveCountAsync(0);
        await Expect(shell.AccountButton(email)).ToHaveAttributeAsync("aria-expanded", "false");

        // Keyboard: Enter opens with the first item focused, arrows move, Escape closes back onto the button.
        await shell.AccountButton(email).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(shell.AccountMenuItem("My account")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(shell.AccountMenuItem("Sign out")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(page.GetByRole(AriaRole.Menu)).ToHaveCountAsync(0);
        await Expect(shell.AccountButton(email)).ToBeFocusedAsync();

        await shell.AccountButton(email).ClickAsync();
        await shell.AccountMenuItem("My account").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(Server.BaseAddress, "Account/ChangePassword").ToString());
    });

    [Fact]
    public Task AccountMenu_KeyboardFirst_FocusesTheFirstItem() => RunAsync(async page =>
    {
        const string email = AdminCenterServerFixture.AdminEmail;
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        var shell = await signIn.SignInAsync(email, AdminCenterServerFixture.AdminPassword);

        // The first use of the menu (its MudMenu is created then) by keyboard behaves as every later one.
        await shell.AccountButton(email).FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(shell.AccountMenuItem("My account")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(shell.AccountMenuItem("Sign out")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(signIn.Heading).ToBeVisibleAsync();
    });

    [Fact]
    public Task NotFound_UnknownAddress_ShowsTheInAppPageWithALinkHome() => RunAsync(async page =>
    {
        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        var shell = await signIn.SignInAsync(AdminCenterServerFixture.AdminEmail, AdminCenterServerFixture.AdminPassword);

        var response = await page.GotoAsync(UnknownAddress);
        await shell.WaitForInteractiveAsync();

        Assert.Equal(404, response!.Status);
        await Expect(shell.Heading("Page not found")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Go to Home" }).ClickAsync();
        await Expect(shell.Heading("Home")).ToBeVisibleAsync();
    });

    private const string UnknownAddress = "/apps/no-such-blade";

    /// <summary>The browser reports the unknown address's 404 as a console error: that one is the point of the test.</summary>
    protected override bool IsExpectedConsoleError(IConsoleMessage message) =>
        message.Location.Contains(UnknownAddress, StringComparison.Ordinal) && message.Text.Contains("404", StringComparison.Ordinal);

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}

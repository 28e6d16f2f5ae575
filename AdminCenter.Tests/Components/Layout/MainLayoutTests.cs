using AdminCenter.Components.Layout;
using AdminCenter.Hosting;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AdminCenter.Tests.Components.Layout;

/// <summary>The layout's navigation, drawer, theme switch and account menu, drawn as plain markup with MudBlazor's classes.</summary>
public sealed class MainLayoutTests : MudTestContext
{
    private readonly FakeBrowserWidth viewport;

    public MainLayoutTests()
    {
        Services.AddSingleton(Options.Create(new TenantOptions { Name = "Contoso" }));
        viewport = new(JSInterop, Breakpoint.Lg);
        Services.AddSingleton<AntiforgeryStateProvider>(new FixedAntiforgery());
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Theory]
    [InlineData("", "Home")]
    [InlineData("?tab=1", "Home")]
    [InlineData("apps", "Apps")]
    [InlineData("apps/", "Apps")]
    [InlineData("Apps/app-protection/123?x=1#top", "Apps")]
    [InlineData("endpoint-security/conditional-access", "Endpoint security")]
    [InlineData("users/42", "Users")]
    [InlineData("tenant-admin/roles", "Tenant administration")]
    [InlineData("appsx", null)]
    [InlineData("Account/ChangePassword", null)]
    public void ActiveArea_Path_MatchesAsNavLinkDoes(string relativePath, string? expected)
    {
        var area = NavItemMarkup.ActiveArea(AdminNavigation.Areas, relativePath);

        Assert.Equal(expected, area?.Title);
    }

    [Fact]
    public void NavMenu_Navigate_MovesTheActiveLinkToTheArea()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = Render<NavMenu>();
        Assert.Equal(["Home"], ActiveLinks(cut));

        navigation.NavigateTo("/apps/app-protection");

        cut.WaitForAssertion(() => Assert.Equal(["Apps"], ActiveLinks(cut)));
        var apps = cut.Find("a.mud-nav-link.active");
        Assert.Equal("page", apps.GetAttribute("aria-current"));
        Assert.Equal("/apps", apps.GetAttribute("href"));
        Assert.All(cut.FindAll("a.mud-nav-link:not(.active)"), link => Assert.False(link.HasAttribute("aria-current")));
    }

    [Fact]
    public void NavMenu_Render_LinksEveryAreaByNameWithItsIcon()
    {
        var cut = Render<NavMenu>();

        var links = cut.FindAll("nav[aria-label='Main navigation'] .mud-nav-item > a.mud-nav-link");
        Assert.Equal(AdminNavigation.Areas.Select(a => a.Title), links.Select(a => a.TextContent.Trim()));
        Assert.Equal(AdminNavigation.Areas.Select(a => a.Href), links.Select(a => a.GetAttribute("href")));
        Assert.All(links, link => Assert.NotNull(link.QuerySelector("svg.mud-nav-link-icon[aria-hidden='true']")));
        Assert.All(links, link => Assert.False(link.HasAttribute("title")));
    }

    [Fact]
    public void NavMenu_Collapsed_WrapsEachLinkInATooltip()
    {
        var cut = Render<NavMenu>(parameters => parameters.Add(m => m.Collapsed, true));

        Assert.Equal(AdminNavigation.Areas.Count, cut.FindComponents<MudTooltip>().Count);
        Assert.Equal(AdminNavigation.Areas.Select(a => a.Title), cut.FindAll(".mud-tooltip-root.d-block > .mud-nav-item > a.mud-nav-link").Select(a => a.TextContent.Trim()));

        cut.Render(parameters => parameters.Add(m => m.Collapsed, false));

        Assert.Empty(cut.FindComponents<MudTooltip>());
        Assert.Equal(AdminNavigation.Areas.Count, cut.FindAll("nav > .mud-nav-item > a.mud-nav-link").Count);
    }

    [Fact]
    public void SharedThemeProvider_BothModes_RendersWhatMudThemeProviderRenders()
    {
        var light = Render<MudThemeProvider>(parameters => parameters.Add(p => p.Theme, AdminCenterTheme.Theme));
        var dark = Render<MudThemeProvider>(parameters => parameters.Add(p => p.Theme, AdminCenterTheme.Theme).Add(p => p.IsDarkMode, true));

        var cut = Render<SharedThemeProvider>(parameters => parameters.Add(p => p.Theme, AdminCenterTheme.Theme));
        Assert.Equal(light.Markup, cut.Markup);
        Assert.Contains("--mud-native-html-color-scheme: light;", cut.Markup, StringComparison.Ordinal);

        cut.Render(parameters => parameters.Add(p => p.IsDarkMode, true));
        Assert.Equal(dark.Markup, cut.Markup);
        Assert.Contains("--mud-native-html-color-scheme: dark;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void SharedThemeProvider_TwoTabs_HoldOneFallbackTheme()
    {
        var first = Render<SharedThemeProvider>(parameters => parameters.Add(p => p.Theme, AdminCenterTheme.Theme));
        var second = Render<SharedThemeProvider>(parameters => parameters.Add(p => p.Theme, AdminCenterTheme.Theme));

        // Fails when a MudBlazor update renames the field: each tab would then hold its own fallback theme again.
        Assert.Same(SharedThemeProvider.SharedFallbackTheme, SharedThemeProvider.FallbackTheme(first.Instance));
        Assert.Same(SharedThemeProvider.SharedFallbackTheme, SharedThemeProvider.FallbackTheme(second.Instance));
    }

    [Fact]
    public void MainLayout_SystemThemeChanges_AreNotWatched()
    {
        RenderLayout();

        // The theme is the admin's saved choice; a system listener per tab would also switch it without saving it.
        Assert.DoesNotContain(JSInterop.Invocations, call => call.Identifier == "mudThemeProvider.watchDarkMode");
    }

    [Fact]
    public void MainLayout_ThemeSwitch_SavesTheChoiceAndShowsTheDarkPalette()
    {
        var cut = RenderLayout();
        var toDark = cut.Find("button[aria-label='Switch to dark theme']");
        Assert.Equal("Switch to dark theme", toDark.GetAttribute("title"));

        toDark.Click();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("button[aria-label='Switch to light theme'][title='Switch to light theme']")));
        Assert.Contains("--mud-native-html-color-scheme: dark;", cut.Markup, StringComparison.Ordinal);
        var saved = Assert.Single(JSInterop.Invocations["adminCenter.setTheme"]);
        Assert.Equal([ThemePreference.CookieName, ThemePreference.Dark], saved.Arguments);
    }

    [Fact]
    public void MainLayout_MenuButton_CollapsesTheDrawerToIconsWithTooltips()
    {
        var cut = RenderLayout();
        Assert.Equal("true", Toggle(cut).GetAttribute("aria-expanded"));
        Assert.Empty(cut.FindComponents<MudTooltip>());

        Toggle(cut).Click();

        cut.WaitForAssertion(() => Assert.Equal("false", Toggle(cut).GetAttribute("aria-expanded")));
        Assert.Equal(AdminNavigation.Areas.Count, cut.FindComponents<MudTooltip>().Count);
        Assert.Contains("mud-drawer--closed", cut.Find("aside.app-nav").ClassList);
        Assert.Contains("mud-drawer-mini", cut.Find("aside.app-nav").ClassList);
        Assert.Contains("mud-drawer-close-mini-md-left", cut.Find(".mud-layout").ClassList);

        Toggle(cut).Click();

        cut.WaitForAssertion(() => Assert.Equal("true", Toggle(cut).GetAttribute("aria-expanded")));
        Assert.Empty(cut.FindComponents<MudTooltip>());
        Assert.Contains("mud-drawer-open-mini-md-left", cut.Find(".mud-layout").ClassList);
    }

    [Fact]
    public void MainLayout_Started_WatchesTheWidthClassNotMudBlazorsViewportService()
    {
        var cut = RenderLayout();

        cut.WaitForAssertion(() => Assert.Single(JSInterop.Invocations["adminCenter.watchWidth"]));
        // MudBlazor's resize listener sends an options object: serializer metadata every open tab would keep.
        Assert.DoesNotContain(JSInterop.Invocations, call => call.Identifier.StartsWith("mudResizeListener", StringComparison.Ordinal));
        Assert.Equal("true", Toggle(cut).GetAttribute("aria-expanded"));
    }

    [Fact]
    public async Task MainLayout_Disposed_StopsWatchingTheWidth()
    {
        var cut = RenderLayout();
        cut.WaitForAssertion(() => Assert.Single(JSInterop.Invocations["adminCenter.watchWidth"]));

        await DisposeComponentsAsync();

        Assert.Single(JSInterop.Invocations["adminCenter.unwatchWidth"]);
    }

    [Fact]
    public async Task MainLayout_ViewportNarrowerThan1280_CollapsesAndWiderOpensAgain()
    {
        var cut = RenderLayout();

        await cut.InvokeAsync(() => viewport.ResizeAsync(Breakpoint.Md));

        cut.WaitForAssertion(() => Assert.Equal("false", Toggle(cut).GetAttribute("aria-expanded")));
        Assert.Equal(["mud-drawer", "mud-drawer-fixed", "mud-drawer-pos-left", "mud-drawer--closed", "mud-drawer-md", "mud-drawer-clipped-always",
            "mud-elevation-0", "mud-drawer-mini", "app-nav"], cut.Find("aside.app-nav").ClassList);
        Assert.Equal(AdminNavigation.Areas.Count, cut.FindComponents<MudTooltip>().Count);

        await cut.InvokeAsync(() => viewport.ResizeAsync(Breakpoint.Xl));

        cut.WaitForAssertion(() => Assert.Equal("true", Toggle(cut).GetAttribute("aria-expanded")));
        Assert.Contains("mud-drawer--open", cut.Find("aside.app-nav").ClassList);
    }

    [Fact]
    public async Task MainLayout_BelowMdOpened_LiesOverThePageUntilTheOverlayOrALinkClosesIt()
    {
        var cut = RenderLayout();
        await cut.InvokeAsync(() => viewport.ResizeAsync(Breakpoint.Sm));
        cut.WaitForAssertion(() => Assert.Contains("mud-drawer-temporary", cut.Find("aside.app-nav").ClassList));
        Assert.Empty(cut.FindAll(".mud-drawer-overlay"));

        Toggle(cut).Click();

        cut.WaitForAssertion(() => Assert.Equal("true", Toggle(cut).GetAttribute("aria-expanded")));
        Assert.Contains("mud-drawer-open-temporary-left", cut.Find(".mud-layout").ClassList);
        cut.Find(".mud-drawer-overlay").Click();
        cut.WaitForAssertion(() => Assert.Equal("false", Toggle(cut).GetAttribute("aria-expanded")));
        Assert.Empty(cut.FindAll(".mud-drawer-overlay"));

        Toggle(cut).Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find(".mud-drawer-overlay")));
        await cut.InvokeAsync(() => Services.GetRequiredService<NavigationManager>().NavigateTo("/users"));

        cut.WaitForAssertion(() => Assert.Equal("false", Toggle(cut).GetAttribute("aria-expanded")));
        Assert.Empty(cut.FindAll(".mud-drawer-overlay"));
    }

    [Fact]
    public void MainLayout_AccountButton_HandsTheClickToTheMenuWithItsItems()
    {
        var cut = RenderLayout();
        var account = cut.Find(".account-menu button");
        Assert.Equal(AdminName, account.TextContent.Trim());
        Assert.Equal("menu", account.GetAttribute("aria-haspopup"));
        Assert.Equal("false", account.GetAttribute("aria-expanded"));

        account.Click(new MouseEventArgs { Detail = 1 });

        cut.WaitForAssertion(() => Assert.Single(cut.FindComponents<MudMenu>()));
        var handOver = Assert.Single(JSInterop.Invocations["adminCenter.openMenu"]);
        Assert.Equal([".account-menu .mud-menu-button-activator", false], handOver.Arguments);
        // What adminCenter.openMenu does in the browser: the click reaches the menu's own button.
        cut.Find(".account-menu button.mud-menu-button-activator").Click();
        cut.WaitForAssertion(() => Assert.Equal(["My account", "Sign out"], cut.FindAll("[role='menu'] [role='menuitem']").Select(i => i.TextContent.Trim())));
        Assert.Equal("true", cut.Find(".account-menu button").GetAttribute("aria-expanded"));
        Assert.Equal(AdminName, cut.Find(".account-menu button").TextContent.Trim());
        Assert.Equal("/Account/ChangePassword", cut.Find("[role='menuitem'][href]").GetAttribute("href"));
    }

    [Fact]
    public void MainLayout_AccountButtonByKeyboard_AsksTheMenuToFocusItsFirstItem()
    {
        var cut = RenderLayout();

        cut.Find(".account-menu button").Click(new MouseEventArgs { Detail = 0 });

        cut.WaitForAssertion(() => Assert.Single(JSInterop.Invocations["adminCenter.openMenu"]));
        Assert.Equal([".account-menu .mud-menu-button-activator", true], JSInterop.Invocations["adminCenter.openMenu"][0].Arguments);
    }

    [Fact]
    public void MainLayout_SignOut_PostsTheFormWithItsAntiforgeryToken()
    {
        var cut = RenderLayout();
        var form = cut.Find("form#sign-out-form");
        Assert.Equal("post", form.GetAttribute("method"));
        Assert.Equal("Account/Logout", form.GetAttribute("action"));
        Assert.Equal(FixedAntiforgery.Token, form.QuerySelector("input[type='hidden'][name='__RequestVerificationToken']")?.GetAttribute("value"));

        cut.Find(".account-menu button").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindComponents<MudMenu>()));
        cut.Find(".account-menu button.mud-menu-button-activator").Click();
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[role='menuitem']:not([href])")));
        cut.Find("[role='menuitem']:not([href])").Click();

        cut.WaitForAssertion(() => Assert.Equal(["sign-out-form"], Assert.Single(JSInterop.Invocations["adminCenter.submitForm"]).Arguments));
    }

    [Fact]
    public void MainLayout_SignedOut_ShowsNoAccountMenu()
    {
        Authorization.SetNotAuthorized();

        var cut = RenderLayout();

        Assert.Empty(cut.FindAll(".account-menu"));
        Assert.Empty(cut.FindAll("#sign-out-form"));
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(parameters => parameters.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p>Body</p>"))));

    private static AngleSharp.Dom.IElement Toggle(IRenderedComponent<MainLayout> cut) => cut.Find("button[aria-label='Show or hide navigation']");

    private sealed class FixedAntiforgery : AntiforgeryStateProvider
    {
        public const string Token = "form-token";

        public override AntiforgeryRequestToken GetAntiforgeryToken() => new(Token, "__RequestVerificationToken");
    }

    private static string[] ActiveLinks(IRenderedComponent<NavMenu> cut) =>
        [.. cut.FindAll("a.mud-nav-link.active").Select(a => a.TextContent.Trim())];
}

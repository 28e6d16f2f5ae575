using AdminCenter.Components.Layout;
using AdminCenter.Hosting;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AdminCenter.Tests.Components.Layout;

/// <summary>The layout's navigation and theme switch, drawn as plain markup with MudBlazor's classes.</summary>
public sealed class MainLayoutTests : MudTestContext
{
    public MainLayoutTests()
    {
        Services.AddSingleton(Options.Create(new TenantOptions { Name = "Contoso" }));
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
    public void MainLayout_ThemeSwitch_SavesTheChoiceAndShowsTheDarkPalette()
    {
        var cut = Render<MainLayout>(parameters => parameters.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p>Body</p>"))));
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
        var cut = Render<MainLayout>(parameters => parameters.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p>Body</p>"))));
        var toggle = cut.Find("button[aria-label='Show or hide navigation']");
        var wasOpen = toggle.GetAttribute("aria-expanded") == "true";

        toggle.Click();

        cut.WaitForAssertion(() => Assert.Equal(wasOpen ? "false" : "true", cut.Find("button[aria-label='Show or hide navigation']").GetAttribute("aria-expanded")));
        Assert.Equal(wasOpen ? AdminNavigation.Areas.Count : 0, cut.FindComponents<MudTooltip>().Count);
    }

    private static string[] ActiveLinks(IRenderedComponent<NavMenu> cut) =>
        [.. cut.FindAll("a.mud-nav-link.active").Select(a => a.TextContent.Trim())];
}

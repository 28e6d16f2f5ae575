using AdminCenter.Components.Layout;
using AdminCenter.Components.Pages;
using AdminCenter.Tests.TestSupport;
using Bunit;

namespace AdminCenter.Tests.Components.Layout;

public sealed class BladePageTests : MudTestContext
{
    [Fact]
    public void BladePage_WithMenu_NamesTheNarrowScreenMenuButtonAndTheSideMenuAlike()
    {
        var cut = Render<BladePage>(parameters => parameters
            .Add(p => p.Title, "Apps | App protection policies")
            .Add(p => p.Menu, AdminNavigation.AppsBlade));

        var button = cut.Find(".blade-menu-button button");
        var menu = cut.Find("nav.blade-menu");
        Assert.Equal("Apps | App protection policies menu", button.GetAttribute("aria-label"));
        Assert.Equal("Apps | App protection policies menu", menu.GetAttribute("aria-label"));
        Assert.Equal(AdminNavigation.AppsBlade.Select(e => e.Title), menu.QuerySelectorAll("a").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public void BladePage_EntityHeading_HeadsWithTheNameAndEndsTheTrailWithIt()
    {
        var cut = Render<BladePage>(parameters => parameters
            .Add(p => p.Title, "Users | All users")
            .Add(p => p.TitleHref, "/users")
            .Add(p => p.Heading, "Megan Bowen")
            .Add(p => p.Trail, [new NavEntry("Megan Bowen", "/users/1")]));

        Assert.Equal("Megan Bowen", cut.Find("h1").TextContent.Trim());
        var crumbs = cut.FindAll(".mud-breadcrumb-item").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["Home", "Users | All users", "Megan Bowen"], crumbs);
        Assert.Empty(cut.FindAll(".blade-menu-button"));
    }

    [Fact]
    public void NotFound_Render_SaysSoAndLinksHome()
    {
        var cut = Render<NotFound>();

        Assert.Equal("Page not found", cut.Find("h1").TextContent.Trim());
        var home = cut.Find("a[href='/']");
        Assert.Contains("Go to Home", home.TextContent, StringComparison.Ordinal);
    }
}

using AdminCenter.Components.Layout;
using MudBlazor;

namespace AdminCenter.Tests.Components.Layout;

/// <summary>The left navigation's open state and MudDrawer's classes for it, as the layout's viewport observer and MudDrawer (Mini, Md) set them.</summary>
public sealed class NavigationDrawerTests
{
    [Theory]
    [InlineData(Breakpoint.Xs, false, true)]
    [InlineData(Breakpoint.Sm, false, true)]
    [InlineData(Breakpoint.Md, false, false)]
    [InlineData(Breakpoint.Lg, true, false)]
    [InlineData(Breakpoint.Xxl, true, false)]
    public void Resize_FirstWidth_OpensFromLgAndLiesOverThePageBelowMd(Breakpoint width, bool open, bool temporary)
    {
        var drawer = new NavigationDrawer();

        drawer.Resize(width, immediate: true);

        Assert.Equal(open, drawer.Open);
        Assert.Equal(temporary, drawer.Temporary);
        Assert.False(drawer.OverlayVisible);
    }

    [Theory]
    [InlineData(Breakpoint.Lg, Breakpoint.Md, false)]
    [InlineData(Breakpoint.Lg, Breakpoint.Sm, false)]
    [InlineData(Breakpoint.Md, Breakpoint.Lg, true)]
    [InlineData(Breakpoint.Sm, Breakpoint.Xl, true)]
    [InlineData(Breakpoint.Xs, Breakpoint.Md, true)]
    [InlineData(Breakpoint.Lg, Breakpoint.Xl, true)]
    public void Resize_CrossingAWidth_OpensOrClosesAsTheLayoutAndMudDrawerDid(Breakpoint from, Breakpoint to, bool open)
    {
        var drawer = new NavigationDrawer();
        drawer.Resize(from, immediate: true);

        drawer.Resize(to, immediate: false);

        Assert.Equal(open, drawer.Open);
    }

    [Fact]
    public void Resize_NarrowingBelowMdWhileOpen_ClosesIt()
    {
        var drawer = new NavigationDrawer();
        drawer.Resize(Breakpoint.Md, immediate: true);
        drawer.Toggle();

        var changed = drawer.Resize(Breakpoint.Sm, immediate: false);

        Assert.True(changed);
        Assert.False(drawer.Open);
        Assert.True(drawer.Temporary);
    }

    [Fact]
    public void Resize_SameClass_ChangesNothing()
    {
        var drawer = new NavigationDrawer();
        drawer.Resize(Breakpoint.Md, immediate: true);
        drawer.Toggle();

        Assert.False(drawer.Resize(Breakpoint.Md, immediate: false));
        Assert.True(drawer.Open);
    }

    [Fact]
    public void Classes_Wide_AreMudDrawersMiniClasses()
    {
        var drawer = new NavigationDrawer();
        drawer.Resize(Breakpoint.Lg, immediate: true);

        Assert.Equal("mud-drawer-open-mini-md-left mud-drawer-left-clipped-always", drawer.LayoutClass);
        Assert.Equal("mud-drawer mud-drawer-fixed mud-drawer-pos-left mud-drawer--open mud-drawer--initial mud-drawer-md mud-drawer-clipped-always mud-elevation-0 mud-drawer-mini app-nav", drawer.DrawerClass);

        drawer.Toggle();

        Assert.Equal("mud-drawer-close-mini-md-left mud-drawer-left-clipped-always", drawer.LayoutClass);
        Assert.Equal("mud-drawer mud-drawer-fixed mud-drawer-pos-left mud-drawer--closed mud-drawer-md mud-drawer-clipped-always mud-elevation-0 mud-drawer-mini app-nav", drawer.DrawerClass);
    }

    [Fact]
    public void Classes_BelowMdOpen_AreTemporaryWithTheOverlay()
    {
        var drawer = new NavigationDrawer();
        drawer.Resize(Breakpoint.Sm, immediate: true);
        Assert.Equal("mud-drawer-close-temporary-left mud-drawer-left-clipped-always", drawer.LayoutClass);

        drawer.Toggle();

        Assert.Equal("mud-drawer-open-temporary-left mud-drawer-left-clipped-always", drawer.LayoutClass);
        Assert.Equal("mud-drawer mud-drawer-fixed mud-drawer-pos-left mud-drawer--open mud-drawer-md mud-drawer-clipped-always mud-elevation-0 mud-drawer-temporary app-nav", drawer.DrawerClass);
        Assert.True(drawer.OverlayVisible);
        Assert.Equal("mud-overlay mud-drawer-overlay mud-overlay-drawer mud-drawer-pos-left mud-drawer-overlay--open mud-drawer-overlay-temporary "
            + "mud-drawer-overlay-md mud-skip-overlay-positioning mud-skip-overlay-section", drawer.OverlayClass);
        Assert.True(drawer.Close());
        Assert.False(drawer.OverlayVisible);
    }
}

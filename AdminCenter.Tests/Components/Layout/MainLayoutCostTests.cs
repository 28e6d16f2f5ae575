using AdminCenter.Components.Layout;
using AdminCenter.Components.Pages;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Hosting;
using AdminCenter.Tests.Core.Mam;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AdminCenter.Tests.Components.Layout;

/// <summary>
/// What the layout and Home cost each open tab: every component instance lives in the circuit's memory for as long as
/// the tab is open, so value-only parts are plain elements with MudBlazor's classes (BENCHMARKS.md, "Serving cost per
/// open tab").
/// </summary>
public sealed class MainLayoutCostTests : MudTestContext
{
    // The four Mud providers with their sections and cascades, MudLayout (the side panes' drawers need it) and the nav
    // menu: the drawer, main content and the unused account menu are plain markup.
    private const int LayoutBudget = 11;

    // Below 1280 px the collapsed drawer wraps each area in a MudTooltip (with its child container, popover and the
    // provider's render of it: 4 components).
    private static readonly int CollapsedLayoutBudget = LayoutBudget + 4 * AdminNavigation.Areas.Count;

    // PageTitle and its section; the tiles, their icons, chips and links are plain markup.
    private const int HomeBudget = 4;

    private readonly FakeBrowserWidth viewport;

    public MainLayoutCostTests()
    {
        Services.AddSingleton(Options.Create(new TenantOptions { Name = "Contoso" }));
        viewport = new(JSInterop, Breakpoint.Lg);
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void MainLayout_Render_StaysUnderTheComponentBudget()
    {
        var cut = RenderLayout();

        Assert.Equal("true", cut.Find("button[aria-label='Show or hide navigation']").GetAttribute("aria-expanded"));
        Assert.InRange(cut.FindComponents<IComponent>().Count, 1, LayoutBudget);
    }

    [Fact]
    public async Task MainLayout_Collapsed_AddsOnlyTheTooltips()
    {
        var cut = RenderLayout();

        await cut.InvokeAsync(() => viewport.ResizeAsync(Breakpoint.Md));

        cut.WaitForAssertion(() => Assert.Equal(AdminNavigation.Areas.Count, cut.FindComponents<MudTooltip>().Count));
        Assert.InRange(cut.FindComponents<IComponent>().Count, 1, CollapsedLayoutBudget);
    }

    [Fact]
    public void MainLayout_Render_DrawerMainContentAndUnusedAccountMenuAreMarkup()
    {
        var cut = RenderLayout();

        Assert.Empty(cut.FindComponents<MudDrawer>());
        Assert.Empty(cut.FindComponents<MudMainContent>());
        Assert.Empty(cut.FindComponents<MudOverlay>());
        Assert.Empty(cut.FindComponents<MudMenu>());
        Assert.Empty(cut.FindComponents<MudButton>());
        Assert.Empty(cut.FindComponents<Microsoft.AspNetCore.Components.Authorization.AuthorizeView>());
        Assert.NotNull(cut.Find("aside.mud-drawer.app-nav > .mud-drawer-content > nav[aria-label='Main navigation']"));
        Assert.NotNull(cut.Find(".mud-layout > .mud-main-content > .page-body > p"));
    }

    [Fact]
    public void MainLayout_AccountMenuUsed_AddsMudMenuOnce()
    {
        var cut = RenderLayout();
        var before = cut.FindComponents<IComponent>().Count;

        cut.Find(".account-menu button").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindComponents<MudMenu>()));
        Assert.InRange(cut.FindComponents<IComponent>().Count - before, 1, 8);
    }

    [Fact]
    public void MainLayout_MoreAreas_AddNoComponents()
    {
        var cut = RenderLayout();

        // One component draws the whole menu, whatever the number of areas.
        Assert.Equal(AdminNavigation.Areas.Count, cut.FindAll("nav[aria-label='Main navigation'] a.mud-nav-link").Count);
        Assert.Single(cut.FindComponents<NavMenu>());
        Assert.Empty(cut.FindComponents<MudBlazor.MudNavLink>());
    }

    [Fact]
    public async Task HomePage_WithData_StaysUnderTheComponentBudget()
    {
        var seed = new StatusSeed(Database, Clock.GetUtcNow().UtcDateTime);
        var alice = await seed.UserAsync("alice@contoso.com", "Alice Smith");
        await seed.RegistrationAsync(alice, "PC-01", 1, EvaluationOutcome.Allow, DeviceThreatLevel.High, "");
        await seed.RegistrationAsync(alice, "PC-02", 2, EvaluationOutcome.Block, DeviceThreatLevel.Secured, "");

        var cut = Render<HomePage>();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-linear")));
        Assert.Equal(3, cut.FindAll(".mud-card.tile").Count);
        Assert.Equal(2, cut.FindAll("[data-outcome]").Count);
        Assert.InRange(cut.FindComponents<IComponent>().Count, 1, HomeBudget);
    }

    private IRenderedComponent<MainLayout> RenderLayout() =>
        Render<MainLayout>(parameters => parameters.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p>Body</p>"))));
}

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

namespace AdminCenter.Tests.Components.Layout;

/// <summary>
/// What the layout and Home cost each open tab: every component instance lives in the circuit's memory for as long as
/// the tab is open, so value-only parts are plain elements with MudBlazor's classes (BENCHMARKS.md, "Serving cost per
/// open tab").
/// </summary>
public sealed class MainLayoutCostTests : MudTestContext
{
    // The four Mud providers (and their cascades), the layout, drawer, main content, account menu and the nav menu
    // (23); bUnit's viewport is narrow, so the drawer is collapsed and each area adds its tooltip (4 components).
    private const int LayoutBudget = 50;

    // PageTitle and its section; the tiles, their icons, chips and links are plain markup.
    private const int HomeBudget = 4;

    public MainLayoutCostTests()
    {
        Services.AddSingleton(Options.Create(new TenantOptions { Name = "Contoso" }));
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    [Fact]
    public void MainLayout_Render_StaysUnderTheComponentBudget()
    {
        var cut = Render<MainLayout>(parameters => parameters.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p>Body</p>"))));

        Assert.InRange(cut.FindComponents<IComponent>().Count, 1, LayoutBudget);
    }

    [Fact]
    public void MainLayout_MoreAreas_AddNoComponents()
    {
        var cut = Render<MainLayout>(parameters => parameters.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p>Body</p>"))));

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
}

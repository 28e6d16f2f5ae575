using AdminCenter.Components.Pages.Apps.Monitor;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Roles;
using AdminCenter.Tests.Core.Mam;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace AdminCenter.Tests.Components.Apps.Monitor;

/// <summary>
/// What a status-report row costs each open tab: every component instance lives in the circuit's memory for as long as
/// the tab is open, so rows are plain elements with MudBlazor's classes (BENCHMARKS.md, "Serving cost per open tab").
/// </summary>
public sealed class AppProtectionStatusRowCostTests : MudTestContext
{
    private readonly StatusSeed _seed;

    public AppProtectionStatusRowCostTests()
    {
        _seed = new StatusSeed(Database, Clock.GetUtcNow().UtcDateTime);
        Authorization.SetRoles(BuiltInRoles.GlobalAdministratorName);
    }

    [Fact]
    public async Task StatusPage_MoreRows_AddsNoComponent()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        await SeedAsync(alice, 0, 10);
        var tenRows = ComponentsFor(rows: 10);

        await SeedAsync(alice, 10, 40);
        var fiftyRows = ComponentsFor(rows: 50);

        // ReportTable draws each row, its cells, link and chips as elements of its own render tree.
        Assert.Equal(tenRows, fiftyRows);
    }

    [Fact]
    public async Task StatusPage_FiftyRows_StaysUnderTheComponentBudget()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        await SeedAsync(alice, 0, 50);

        var components = ComponentsFor(rows: 50);

        // Filters, tabs, the table with its header and pager, and the page chrome: a fixed cost; rows add none.
        Assert.True(components <= PageChromeBudget, $"{components} components: " + string.Join(", ", lastTypes));
    }

    [Fact]
    public async Task StatusPage_NamesWithMarkupCharacters_ShowAsTextInTheSameCells()
    {
        // Rows are one piece of markup (StatusRowMarkup): every value must be encoded, never parsed as HTML.
        var eve = await _seed.UserAsync("eve@contoso.com", "<b>Eve</b> & \"Co\"");
        await _seed.RegistrationAsync(eve, "<img src=x onerror=alert(1)>", 5, EvaluationOutcome.Wipe, DeviceThreatLevel.Medium, "Edge <level 2>");

        var cut = Render<AppProtectionStatusPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".status-table tbody tr")));
        var row = cut.Find(".status-table tbody tr");
        Assert.Empty(row.QuerySelectorAll("b, img"));
        Assert.Equal(["<b>Eve</b> & \"Co\"", "<img src=x onerror=alert(1)>", "Edge <level 2>", "Medium", "Wiped"],
            row.QuerySelectorAll("td").Take(5).Select(td => td.TextContent.Trim()));
        Assert.Equal($"/users/{eve.Id}", row.QuerySelector("a.mud-link")!.GetAttribute("href"));
        Assert.Equal("eve@contoso.com", row.QuerySelector("a.mud-link")!.GetAttribute("title"));
        Assert.Equal("User", row.QuerySelector("td")!.GetAttribute("data-label"));
        Assert.Contains("mud-chip-filled", row.QuerySelector("[data-outcome='wipe']")!.ClassName, StringComparison.Ordinal);
        Assert.Contains("mud-chip-color-warning", row.QuerySelector("[data-threat-level='medium']")!.ClassName, StringComparison.Ordinal);
    }

    // 57 since the tabs are the shared TabStrip (one component) rather than markup copied into this page.
    private const int PageChromeBudget = 57;
    private List<string> lastTypes = [];

    private async Task SeedAsync(AdminCenter.Core.UsersAndGroups.DirectoryUser user, int from, int count)
    {
        var outcomes = Enum.GetValues<EvaluationOutcome>();
        var levels = Enum.GetValues<DeviceThreatLevel>();
        for (var i = from; i < from + count; i++)
        {
            // Every kind of cell: chips of each colour, a threat level or none, policy names or none.
            await _seed.RegistrationAsync(user, $"PC-{i:D2}", minutesAgo: i, outcomes[i % outcomes.Length],
                i % 3 == 0 ? null : levels[i % levels.Length], i % 2 == 0 ? "" : "Edge level 2");
        }
    }

    private int ComponentsFor(int rows)
    {
        var cut = Render<AppProtectionStatusPage>();
        cut.WaitForAssertion(() => Assert.Equal(rows, cut.FindAll(".status-table tbody tr").Count));
        lastTypes = cut.FindComponents<IComponent>().GroupBy(c => c.Instance.GetType().Name).Select(g => $"{g.Key} {g.Count()}").ToList();
        return cut.FindComponents<IComponent>().Count;
    }
}

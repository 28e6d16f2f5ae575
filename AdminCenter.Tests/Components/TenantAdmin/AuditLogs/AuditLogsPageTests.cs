using AdminCenter.Components.Pages.TenantAdmin.AuditLogs;
using AdminCenter.Core.Audit;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Tests.Components.TenantAdmin.AuditLogs;

public sealed class AuditLogsPageTests : MudTestContext
{
    private const string LookoutId = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private const string Other = "other@contoso.onmicrosoft.com";

    public AuditLogsPageTests() => Services.AddSingleton<AuditEventQueries>();

    [Fact]
    public async Task Render_DefaultRange_ListsOnlyTheLastSevenDaysNewestFirst()
    {
        await Connectors.CreateAsync(LookoutId, null, TestActors.Named(AdminName));
        Clock.Advance(TimeSpan.FromDays(8));
        await Connectors.RegeneratePartnerSecretAsync(LookoutId, TestActors.Named(Other));

        var cut = Render<AuditLogsPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".audit-table tbody tr.audit-row")));
        var row = cut.Find(".audit-table tbody tr.audit-row").TextContent;
        Assert.Contains("Regenerate partner secret MobileThreatDefenseConnector", row, StringComparison.Ordinal);
        Assert.Contains(Other, row, StringComparison.Ordinal);
        Assert.Contains("Export to CSV", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitiatedByFilter_ChosenAdmin_ListsOnlyTheirEventsAndTheExportCarriesIt()
    {
        await Connectors.CreateAsync(LookoutId, null, TestActors.Named(AdminName));
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Connectors.RegeneratePartnerSecretAsync(LookoutId, TestActors.Named(Other));
        var popovers = RenderPopoverProvider();
        var cut = Render<AuditLogsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".audit-table tbody tr.audit-row").Count));

        cut.FindAll(".mud-select").First(s => s.TextContent.Contains("Initiated by", StringComparison.Ordinal)).QuerySelector(".mud-input-control")!.MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll("div.mud-list-item").First(i => i.TextContent.Trim() == Other).Click());

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".audit-table tbody tr.audit-row")));
        Assert.Contains(Other, cut.Find(".audit-table tbody tr.audit-row").TextContent, StringComparison.Ordinal);
        var export = cut.FindAll("a").Single(a => a.TextContent.Contains("Export to CSV", StringComparison.Ordinal)).GetAttribute("href")!;
        Assert.Contains($"initiatedBy={Other}", Uri.UnescapeDataString(export), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RowClick_UpdateEvent_OpensDetailsWithModifiedPropertiesTable()
    {
        var created = (await Connectors.CreateAsync(LookoutId, null, TestActors.Named(AdminName))).Value!;
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Connectors.UpdateAsync(LookoutId, created.Settings with { PartnerUnresponsivenessThresholdInDays = 14 }, created.Version, TestActors.Named(Other));
        var cut = Render<AuditLogsPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".audit-table tbody tr.audit-row").Count));

        cut.FindAll(".audit-table tbody tr.audit-row")[0].Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".modified-properties tbody tr")));
        Assert.Equal(["Property", "Old value", "New value"], cut.FindAll(".modified-properties th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["partnerUnresponsivenessThresholdInDays", "7", "14"], cut.FindAll(".modified-properties tbody td").Select(td => td.TextContent.Trim()));
        Assert.Contains("Update MobileThreatDefenseConnector", cut.Find(".pane-header").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_MoreEvents_AddNoComponent()
    {
        await Connectors.CreateAsync(LookoutId, null, TestActors.Named(AdminName));
        await RegenerateSecretAsync(times: 1);
        var twoRows = ComponentsWithRows(2);

        await RegenerateSecretAsync(times: 10);
        var twelveRows = ComponentsWithRows(12);

        // Every open tab keeps its components in memory: a row (its cells, click and Enter) must add none.
        Assert.Equal(twoRows, twelveRows);
    }

    [Fact]
    public async Task Rows_InitiatorWithMarkupCharacters_ShowsAsTextInTheSameCells()
    {
        const string initiator = "<b>Eve</b> & \"Co\" <img src=x onerror=alert(1)>";
        await Connectors.CreateAsync(LookoutId, null, TestActors.Named(initiator));

        var cut = Render<AuditLogsPage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".audit-table tbody tr.audit-row")));
        var row = cut.Find(".audit-table tbody tr.audit-row");
        Assert.Empty(row.QuerySelectorAll("b, img"));
        Assert.Equal(["Date (UTC)", "Activity", "Category", "Initiated by", "Target", "Result"],
            row.QuerySelectorAll("td").Select(td => td.GetAttribute("data-label")));
        Assert.Equal(initiator, row.QuerySelectorAll("td")[3].TextContent);
        Assert.Equal("Success", row.QuerySelectorAll("td")[5].TextContent);
        Assert.Contains("audit-date", row.QuerySelector("td")!.ClassName, StringComparison.Ordinal);
    }

    private async Task RegenerateSecretAsync(int times)
    {
        for (var i = 0; i < times; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(1));
            await Connectors.RegeneratePartnerSecretAsync(LookoutId, TestActors.Named(Other));
        }
    }

    private int ComponentsWithRows(int rows)
    {
        var cut = Render<AuditLogsPage>();
        cut.WaitForAssertion(() => Assert.Equal(rows, cut.FindAll(".audit-table tbody tr.audit-row").Count));
        return cut.FindComponents<IComponent>().Count;
    }
}

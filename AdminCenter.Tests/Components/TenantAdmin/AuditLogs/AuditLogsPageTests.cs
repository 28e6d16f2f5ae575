using AdminCenter.Components.Pages.TenantAdmin.AuditLogs;
using AdminCenter.Core.Audit;
using AdminCenter.Tests.TestSupport;
using Bunit;
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
}

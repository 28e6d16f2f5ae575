using AdminCenter.Components.Pages.TenantAdmin.TenantStatus;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.TenantStatus;
using AdminCenter.Hosting;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminCenter.Tests.Components.TenantAdmin.TenantStatus;

public sealed class TenantStatusPageTests : MudTestContext
{
    private const string LookoutId = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private const string ZimperiumId = "08a8455c-48dd-45ff-ad82-7211355354f3";

    public TenantStatusPageTests()
    {
        Services.AddSingleton<TenantStatusService>();
        Services.AddSingleton(Options.Create(new TenantOptions { Name = "Fabrikam" }));
    }

    [Fact]
    public void Render_Tabs_AreTenantDetailsThenConnectorStatusWithDetailsOpen()
    {
        var cut = Render<TenantStatusPage>();

        cut.WaitForAssertion(() => Assert.Equal(["Tenant details", "Connector status"], cut.FindAll("[role='tab']").Select(t => t.TextContent.Trim())));
        Assert.Equal("true", cut.FindAll("[role='tab']")[0].GetAttribute("aria-selected"));
        Assert.Equal("Tenant status", cut.Find("h1").TextContent.Trim());
        cut.WaitForAssertion(() => Assert.Contains("Fabrikam", cut.Find(".tenant-details").TextContent, StringComparison.Ordinal));
        Assert.Contains("SQLite", cut.Find(".tenant-details").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectorStatus_ThreeConnectors_ListsLeastHealthyFirstWithReasons()
    {
        await Connectors.CreateAsync(LookoutId, null, TestActors.Named(AdminName));
        await Connectors.CreateAsync(ZimperiumId, null, TestActors.Named(AdminName));
        await Connectors.RecordHeartbeatAsync(ZimperiumId, null);
        Clock.Advance(TimeSpan.FromHours(2));

        var cut = Render<TenantStatusPage>();
        cut.WaitForAssertion(() => cut.FindAll("[role='tab']")[1].Click());

        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll(".connector-status-table tbody tr").Count));
        var rows = cut.FindAll(".connector-status-table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("Lookout for Work", rows[0], StringComparison.Ordinal);
        Assert.Contains("Waiting for the partner to set it up", rows[0], StringComparison.Ordinal);
        Assert.Contains("Zimperium", rows[1], StringComparison.Ordinal);
        Assert.Contains("2 hours ago", rows[1], StringComparison.Ordinal);
        Assert.Contains("Nov 25, 2026, 8:00 AM UTC", rows[1], StringComparison.Ordinal);
        Assert.Contains("Windows Security Center", rows[2], StringComparison.Ordinal);
        Assert.Contains("Not Enabled", rows[2], StringComparison.Ordinal);
        Assert.EndsWith(AdminCenter.Components.Layout.AdminNavigation.ConnectorPage(ZimperiumId),
            cut.FindAll(".connector-status-table tbody tr")[1].QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TabQueryConnectorStatus_OpensTheSecondTab()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo(navigation.GetUriWithQueryParameter("tab", "connector-status"));

        var cut = Render<TenantStatusPage>();

        cut.WaitForAssertion(() => Assert.Equal("true", cut.FindAll("[role='tab']")[1].GetAttribute("aria-selected")));
        cut.WaitForAssertion(() => Assert.Contains(ConnectorHealth.NotEnabled.ToDisplayName(), cut.Find(".connector-status-table").TextContent, StringComparison.Ordinal));
    }
}

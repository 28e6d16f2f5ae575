using AdminCenter.Components.Pages.TenantAdmin.ConnectorsAndTokens.MobileThreatDefense;
using AdminCenter.Core.Connectors;
using AdminCenter.Tests.TestSupport;
using Bunit;
using MudBlazor;

namespace AdminCenter.Tests.Components.TenantAdmin.ConnectorsAndTokens;

public sealed class AddConnectorPaneTests : MudTestContext
{
    [Fact]
    public async Task MobileThreatDefensePage_PartnerAlreadyConnected_IsNotOffered()
    {
        await Connectors.CreateAsync(PartnerCatalog.WindowsSecurityCenterId, null, TestActors.Named(AdminName));
        var popovers = RenderPopoverProvider();
        var cut = Render<MobileThreatDefensePage>();
        cut.WaitForAssertion(() => cut.Find("table"));

        cut.FindAll("button").First(b => b.TextContent.Trim() == "Add").Click();
        cut.WaitForAssertion(() => cut.Find(".mud-select"));
        cut.Find("div.mud-input-control").MouseDown();

        popovers.WaitForAssertion(() =>
        {
            var offered = popovers.FindAll("div.mud-list-item").Select(i => i.TextContent.Trim()).ToList();
            Assert.Equal(PartnerCatalog.All.Count - 1, offered.Count);
            Assert.DoesNotContain("Windows Security Center", offered);
            Assert.Contains("Lookout for Work", offered);
        });
    }

    [Fact]
    public void SelectPartner_WindowsSecurityCenter_ShowsOnlyAppProtectionGroupSwitchedOn()
    {
        var (cut, popovers) = RenderPane();

        SelectPartner(cut, popovers, "Windows Security Center");

        var headings = cut.FindAll(".settings-heading").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["App protection policy evaluation", "Shared settings"], headings);
        var toggle = (AngleSharp.Html.Dom.IHtmlInputElement)cut.Find(".toggle-row input[type='checkbox']");
        Assert.Single(cut.FindAll(".toggle-row input[type='checkbox']"));
        Assert.True(toggle.IsChecked);
        Assert.Contains("Connect Windows devices to Windows Security Center for app protection policy evaluation", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void SelectPartner_PartnerWithoutAppProtection_HidesThatGroup()
    {
        var (cut, popovers) = RenderPane();

        SelectPartner(cut, popovers, "Pradeo");

        var headings = cut.FindAll(".settings-heading").Select(h => h.TextContent.Trim()).ToList();
        Assert.Equal(["Compliance policy evaluation", "Shared settings"], headings);
        Assert.Contains("Connect Android devices version 4.4 and above to Pradeo", cut.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("Enable Certificate Sync", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_ValidPartner_SavesConnectorAndReportsIt()
    {
        MtdConnectorDetails? created = null;
        var (cut, popovers) = RenderPane(onCreated: details => created = details);
        SelectPartner(cut, popovers, "Lookout for Work");

        cut.FindAll("button").First(b => b.TextContent.Trim() == "Create").Click();

        cut.WaitForAssertion(() => Assert.NotNull(created));
        var saved = await Connectors.GetAsync("2c7790de-8b02-4814-85cf-e0c59380dee8");
        Assert.NotNull(saved);
        Assert.Equal(ConnectorPartnerState.NotSetUp, saved.State);
        Assert.Equal(AdminName, saved.LastModifiedBy);
    }

    [Fact]
    public async Task Create_ThresholdZeroThenBlur_ShowsMessageAtFieldAndSaysWhyCreateIsDisabled()
    {
        var (cut, popovers) = RenderPane();
        SelectPartner(cut, popovers, "Lookout for Work");

        cut.Find(".threshold-field input").Input("0");
        cut.Find(".threshold-field input").Blur();

        cut.WaitForAssertion(() => Assert.Contains(ConnectorValidator.ThresholdMessage, cut.Find(".threshold-field").TextContent, StringComparison.Ordinal));
        Assert.True(cut.FindAll("button").First(b => b.TextContent.Trim() == "Create").HasAttribute("disabled"));
        Assert.Contains(ConnectorValidator.ThresholdMessage, cut.Find("[data-testid='disabled-reason']").TextContent, StringComparison.Ordinal);
        Assert.Empty(await Connectors.ListAsync());
    }

    private (IRenderedComponent<AddConnectorPane> Pane, IRenderedComponent<MudPopoverProvider> Popovers) RenderPane(Action<MtdConnectorDetails>? onCreated = null)
    {
        var popovers = RenderPopoverProvider();
        var cut = Render<AddConnectorPane>(parameters => parameters
            .Add(p => p.Partners, PartnerCatalog.All)
            .Add(p => p.Actor, TestActors.Admin(AdminName))
            .Add(p => p.OnCreated, details => onCreated?.Invoke(details)));
        return (cut, popovers);
    }

    private static void SelectPartner(IRenderedComponent<AddConnectorPane> cut, IRenderedComponent<MudPopoverProvider> popovers, string partner)
    {
        cut.Find("div.mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll("div.mud-list-item").First(i => i.TextContent.Trim() == partner).Click());
        cut.WaitForAssertion(() => Assert.Contains("Shared settings", cut.Markup, StringComparison.Ordinal));
    }
}

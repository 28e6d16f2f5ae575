using AdminCenter.Components.Pages.TenantAdmin.ConnectorsAndTokens.MobileThreatDefense;
using AdminCenter.Core.Connectors;
using AdminCenter.Tests.TestSupport;
using Bunit;

namespace AdminCenter.Tests.Components.TenantAdmin.ConnectorsAndTokens;

public sealed class MobileThreatDefenseConnectorPageTests : MudTestContext
{
    private const string LookoutId = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private const string ZimperiumId = "08a8455c-48dd-45ff-ad82-7211355354f3";

    [Fact]
    public async Task Render_NewWindowsSecurityCenter_ShowsUnavailableWithCauseAndNever()
    {
        await Connectors.CreateAsync(PartnerCatalog.WindowsSecurityCenterId, null, TestActors.Named(AdminName));

        var cut = RenderConnectorPage(PartnerCatalog.WindowsSecurityCenterId);

        cut.WaitForAssertion(() => Assert.Contains(
            "Unavailable since Nov 25, 2026, 8:00 AM UTC: " + ConnectorStatusMachine.WaitingForAppProtectionCause,
            cut.Find("[data-testid='status-line']").TextContent.Replace("\n", " ", StringComparison.Ordinal), StringComparison.Ordinal));
        Assert.Contains("Never", cut.Find(".facts").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("91")]
    [InlineData("0")]
    [InlineData("abc")]
    public async Task Threshold_InvalidThenBlur_KeepsMessageAtFieldAndSaysWhySaveIsDisabled(string typed)
    {
        await Connectors.CreateAsync(LookoutId, null, TestActors.Named(AdminName));
        var cut = RenderConnectorPage(LookoutId);
        cut.WaitForAssertion(() => cut.Find(".threshold-field input"));

        cut.Find(".threshold-field input").Input(typed);
        cut.Find(".threshold-field input").Blur();

        cut.WaitForAssertion(() => Assert.Contains(ConnectorValidator.ThresholdMessage, cut.Find(".threshold-field").TextContent, StringComparison.Ordinal));
        Assert.Equal(typed, cut.Find(".threshold-field input").GetAttribute("value"));
        Assert.True(SaveButton(cut).HasAttribute("disabled"));
        Assert.Contains(ConnectorValidator.ThresholdMessage, cut.Find("[data-testid='disabled-reason']").TextContent, StringComparison.Ordinal);
        Assert.Equal(7, (await Connectors.GetAsync(LookoutId))!.Settings.PartnerUnresponsivenessThresholdInDays);

        cut.Find(".threshold-field input").Input("30");
        cut.Find(".threshold-field input").Blur();

        cut.WaitForAssertion(() => Assert.DoesNotContain(ConnectorValidator.ThresholdMessage, cut.Find(".threshold-field").TextContent, StringComparison.Ordinal));
        Assert.False(SaveButton(cut).HasAttribute("disabled"));
    }

    [Fact]
    public async Task Render_ClassicPolicyDeleted_WarnsAndSaysWhoseDataEvaluationUses()
    {
        await Connectors.CreateAsync(LookoutId, null, TestActors.Named(AdminName));
        await Connectors.RecordHeartbeatAsync(LookoutId, null);
        var classicPolicies = new AdminCenter.Core.ConditionalAccess.ClassicPolicyService(Database, TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AdminCenter.Core.ConditionalAccess.ClassicPolicyService>.Instance);
        await classicPolicies.DeleteAsync((await classicPolicies.ListAsync())[0].Id, TestActors.Named(AdminName));

        var cut = RenderConnectorPage(LookoutId);

        cut.WaitForAssertion(() => Assert.Equal(ClassicConditionalAccessPolicy.DeletedWarning,
            cut.Find("[data-testid='classic-policy-deleted']").TextContent.Trim()));
        Assert.Equal(
            [
                "Android devices: no partner's reports are used for app protection evaluation. Turn on Android app protection evaluation here to use this connector's.",
                "iOS/iPadOS devices: no partner's reports are used for app protection evaluation. Turn on iOS/iPadOS app protection evaluation here to use this connector's.",
            ],
            cut.FindAll("[data-testid='evaluation-data-use'] li").Select(li => li.TextContent.Trim()));
    }

    [Theory]
    [InlineData(LookoutId, true)]
    [InlineData(PartnerCatalog.WindowsSecurityCenterId, false)]
    public async Task Delete_Asked_SaysTheClassicPolicyGoesOnlyForThirdParties(string connectorId, bool mentioned)
    {
        await Connectors.CreateAsync(connectorId, null, TestActors.Named(AdminName));
        var dialogs = Render<MudBlazor.MudDialogProvider>();
        var cut = RenderConnectorPage(connectorId);

        cut.WaitForAssertion(() => cut.FindAll("button").First(b => b.TextContent.Trim() == "Delete").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("This cannot be undone.", dialogs.Markup, StringComparison.Ordinal));
        Assert.Equal(mentioned, dialogs.Markup.Contains("Its classic Conditional Access policy is deleted with it.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Render_Connector_DrawsItsFormHistoryAndButtonsAsMarkup()
    {
        await Connectors.CreateAsync(LookoutId, null, TestActors.Named(AdminName));

        var cut = RenderConnectorPage(LookoutId);

        cut.WaitForAssertion(() => cut.Find(".history-table tbody tr"));
        // The blade, the settings editor, the partner secret and the history table: what every open tab keeps.
        Assert.InRange(cut.FindComponents<Microsoft.AspNetCore.Components.IComponent>().Count, 1, 8);
        Assert.Empty(cut.FindComponents<MudBlazor.MudSwitch<bool>>());
        Assert.Empty(cut.FindComponents<MudBlazor.MudTextField<string>>());
        Assert.Empty(cut.FindComponents<MudBlazor.MudButton>());
        Assert.Equal("Number of days until partner is unresponsive", cut.Find($"label[for='{cut.Find(".threshold-field input").Id}']").TextContent.Trim());
        Assert.All(cut.FindAll(".toggle-row input"), toggle => Assert.Equal("switch", toggle.GetAttribute("role")));
    }

    [Fact]
    public async Task Toggle_SwitchedOn_ShowsItOnAndSavesIt()
    {
        await Connectors.CreateAsync(LookoutId, null, TestActors.Named(AdminName));
        var cut = RenderConnectorPage(LookoutId);
        cut.WaitForAssertion(() => cut.Find(".toggle-row"));
        var row = cut.FindAll(".toggle-row").First(r => r.TextContent.Contains("for app protection policy evaluation", StringComparison.Ordinal));
        Assert.Equal("false", row.QuerySelector("input")!.GetAttribute("aria-checked"));

        row.QuerySelector("input")!.Change(true);

        cut.WaitForAssertion(() => Assert.Equal("true", cut.FindAll(".toggle-row")
            .First(r => r.TextContent.Contains("for app protection policy evaluation", StringComparison.Ordinal)).QuerySelector("input")!.GetAttribute("aria-checked")));
        SaveButton(cut).Click();
        cut.WaitForAssertion(() => Assert.True(Connectors.GetAsync(LookoutId).GetAwaiter().GetResult()!.Settings.AndroidMobileApplicationManagementEnabled));
    }

    private static AngleSharp.Dom.IElement SaveButton(IRenderedComponent<MobileThreatDefenseConnectorPage> cut) =>
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Save");

    [Fact]
    public async Task Save_ValidThreshold_PersistsIt()
    {
        await Connectors.CreateAsync(LookoutId, null, TestActors.Named(AdminName));
        var cut = RenderConnectorPage(LookoutId);
        cut.WaitForAssertion(() => cut.Find(".threshold-field input"));

        cut.Find(".threshold-field input").Input("30");
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Save").Click();

        cut.WaitForAssertion(() => Assert.Equal(30, Connectors.GetAsync(LookoutId).GetAwaiter().GetResult()!.Settings.PartnerUnresponsivenessThresholdInDays));
    }

    [Fact]
    public async Task Save_AppProtectionPlatformHeldByAnotherPartner_NamesThatPartnerAtTheToggle()
    {
        await Connectors.CreateAsync(ZimperiumId, new MtdConnectorSettings { AndroidMobileApplicationManagementEnabled = true }, TestActors.Named(AdminName));
        await Connectors.CreateAsync(LookoutId, null, TestActors.Named(AdminName));
        var cut = RenderConnectorPage(LookoutId);
        cut.WaitForAssertion(() => cut.Find(".toggle-row"));

        var androidAppProtection = cut.FindAll(".toggle-row").First(r => r.TextContent.Contains("for app protection policy evaluation", StringComparison.Ordinal));
        androidAppProtection.QuerySelector("input")!.Change(true);
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Save").Click();

        cut.WaitForAssertion(() => Assert.Contains("Zimperium already evaluates app protection policies for Android devices",
            cut.FindAll(".toggle-row").First(r => r.TextContent.Contains("Android devices of version 4.4", StringComparison.Ordinal)).TextContent, StringComparison.Ordinal));
        Assert.False((await Connectors.GetAsync(LookoutId))!.Settings.AndroidMobileApplicationManagementEnabled);
    }

    [Fact]
    public async Task Save_ConnectorChangedByAnotherAdminMeanwhile_RefusesAndKeepsTheirChange()
    {
        await Connectors.CreateAsync(LookoutId, null, TestActors.Named(AdminName));
        var cut = RenderConnectorPage(LookoutId);
        cut.WaitForAssertion(() => cut.Find(".threshold-field input"));
        await Connectors.UpdateAsync(LookoutId, new MtdConnectorSettings { PartnerUnresponsivenessThresholdInDays = 14 }, null, TestActors.Named("other.admin@contoso.onmicrosoft.com"));

        cut.Find(".threshold-field input").Input("30");
        cut.FindAll("button").First(b => b.TextContent.Trim() == "Save").Click();

        cut.WaitForAssertion(() => Assert.Contains("This connector was changed by other.admin@contoso.onmicrosoft.com", cut.Markup, StringComparison.Ordinal));
        Assert.Equal(14, (await Connectors.GetAsync(LookoutId))!.Settings.PartnerUnresponsivenessThresholdInDays);
    }

    [Fact]
    public async Task Render_ReadOnlyRole_DisablesTogglesAndHidesSaveAndDelete()
    {
        await Connectors.CreateAsync(LookoutId, null, TestActors.Named(AdminName));
        SignInAsReader();

        var cut = RenderConnectorPage(LookoutId);

        cut.WaitForAssertion(() => Assert.Contains("Your role can view this connector but not change it.", cut.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Save" or "Delete");
        Assert.All(cut.FindAll(".toggle-row input"), input => Assert.True(input.HasAttribute("disabled")));
    }

    [Fact]
    public void Render_UnknownConnector_SaysItDoesNotExist()
    {
        var cut = RenderConnectorPage(LookoutId);

        cut.WaitForAssertion(() => Assert.Contains("There is no connector for this partner.", cut.Markup, StringComparison.Ordinal));
    }

    private IRenderedComponent<MobileThreatDefenseConnectorPage> RenderConnectorPage(string connectorId)
    {
        RenderPopoverProvider();
        return Render<MobileThreatDefenseConnectorPage>(parameters => parameters.Add(p => p.ConnectorId, connectorId));
    }
}

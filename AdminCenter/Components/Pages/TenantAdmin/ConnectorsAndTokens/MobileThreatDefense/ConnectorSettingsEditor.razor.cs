using System.Globalization;
using AdminCenter.Components.Forms;
using AdminCenter.Core.Common;
using AdminCenter.Core.Connectors;
using Microsoft.AspNetCore.Components;

namespace AdminCenter.Components.Pages.TenantAdmin.ConnectorsAndTokens.MobileThreatDefense;

/// <summary>A connector's settings: the toggles its partner offers and the shared threshold, each checked by the Core rule.</summary>
public partial class ConnectorSettingsEditor
{
    private static readonly ToggleGroup[] Groups = [ToggleGroup.ComplianceEvaluation, ToggleGroup.AppProtectionEvaluation];
    private readonly TextFieldState threshold;

    public ConnectorSettingsEditor()
    {
        threshold = new(ConnectorToggles.ThresholdLabel, SetThresholdAsync)
        {
            HelperText = "Whole days, from 1 to 90",
            InputMode = "numeric",
            Validation = text => ConnectorValidator.CheckThreshold(text, out _),
        };
    }

    [Parameter, EditorRequired]
    public MtdPartner Partner { get; set; } = default!;

    [Parameter, EditorRequired]
    public MtdConnectorSettings Settings { get; set; } = default!;

    [Parameter]
    public EventCallback<MtdConnectorSettings> SettingsChanged { get; set; }

    /// <summary>The threshold rule's message for what is typed (null when fine): the page disables Save and says why.</summary>
    [Parameter]
    public EventCallback<string?> ThresholdProblemChanged { get; set; }

    [Parameter]
    public IReadOnlyList<ValidationProblem> Problems { get; set; } = [];

    [Parameter]
    public bool ReadOnly { get; set; }

    // The text is this editor's own from the first render on; the page re-creates the editor (@key) to reset it.
    protected override void OnInitialized() =>
        threshold.Sync(Settings.PartnerUnresponsivenessThresholdInDays.ToString(CultureInfo.InvariantCulture));

    protected override void OnParametersSet() => threshold.Disabled = ReadOnly;

    private Task SetToggle(ConnectorToggle toggle, bool value) => SettingsChanged.InvokeAsync(Settings.With(toggle, value));

    private async Task SetThresholdAsync(string? text)
    {
        var problem = ConnectorValidator.CheckThreshold(text, out var days);
        await ThresholdProblemChanged.InvokeAsync(problem);
        if (int.TryParse(text?.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            await SettingsChanged.InvokeAsync(Settings with { PartnerUnresponsivenessThresholdInDays = days });
        }
    }
}

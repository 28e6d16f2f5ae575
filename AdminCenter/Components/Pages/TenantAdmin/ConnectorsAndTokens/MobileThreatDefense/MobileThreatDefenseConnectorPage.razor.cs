using System.Collections.Frozen;
using AdminCenter.Components.Display;
using AdminCenter.Components.Forms;
using AdminCenter.Components.Layout;
using AdminCenter.Core.Common;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Roles;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AdminCenter.Components.Pages.TenantAdmin.ConnectorsAndTokens.MobileThreatDefense;

/// <summary>A Mobile Threat Defense connector's page: its status, settings, partner secret and status history.</summary>
public partial class MobileThreatDefenseConnectorPage
{
    private static readonly ButtonLook DeleteLook = new(Variant.Text, Color.Error, Icons.Material.Filled.Delete);
    private static readonly ReportColumn[] HistoryColumns = [new("Status"), new("Since"), new("Cause")];

    // A chip per sync health, shared by every open tab.
    private static readonly FrozenDictionary<ConnectorSyncHealth, MarkupString> SyncHealthChips =
        ChipMarkup.PerValue<ConnectorSyncHealth>(health =>
            ChipMarkup.Render(health.ToDisplayName(), Variant.Text, DisplayFormat.HealthColor(health), "", "data-sync-health", health.ToString()));

    private MtdConnectorDetails? connector;
    private MtdConnectorSettings settings = new();
    private IReadOnlyList<ValidationProblem> problems = [];
    private string? conflict;
    private string? thresholdProblem;
    private int editorVersion;
    private bool notFound;
    private bool busy;
    private bool canModify;
    private Actor actor = null!;

    [Parameter]
    public string ConnectorId { get; set; } = "";

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    /// <summary>Why Save is disabled, shown beside it; null when it can be clicked.</summary>
    private string? SaveDisabledReason =>
        busy ? "Saving…"
        : thresholdProblem is not null ? $"Save is unavailable until this is fixed: {thresholdProblem}"
        : settings == connector?.Settings ? "Save is available once you change a setting."
        : null;

    private string PartnerName => PartnerCatalog.TryFind(ConnectorId, out var partner) ? partner.Name : "Connector";

    protected override async Task OnParametersSetAsync()
    {
        actor = await AuthenticationState.CurrentActorAsync();
        canModify = actor.May(MtdConnectorService.ModifyPermission);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        connector = await Connectors.GetAsync(ConnectorId);
        notFound = connector is null;
        settings = connector?.Settings ?? new();
        ResetEditor();
    }

    private void Discard()
    {
        settings = connector!.Settings;
        ResetEditor();
    }

    private void ResetEditor()
    {
        problems = [];
        thresholdProblem = null;
        editorVersion++;
    }

    private async Task SaveAsync()
    {
        if (!canModify)
        {
            return;
        }
        busy = true;
        try
        {
            var result = await Connectors.UpdateAsync(ConnectorId, settings, connector!.Version, actor);
            switch (result.Outcome)
            {
                case ServiceOutcome.Succeeded:
                    connector = result.Value;
                    settings = connector!.Settings;
                    ResetEditor();
                    conflict = null;
                    Snackbar.Add($"Saved the {connector.Partner.Name} connector.", Severity.Success);
                    break;
                case ServiceOutcome.NotFound:
                    notFound = true;
                    break;
                case ServiceOutcome.Conflict:
                    conflict = result.Problems[0].Message;
                    break;
                case ServiceOutcome.Forbidden:
                    Snackbar.Add(result.Problems[0].Message, Severity.Error);
                    break;
                default:
                    problems = result.Problems;
                    break;
            }
        }
        finally
        {
            busy = false;
        }
    }

    private async Task DeleteAsync()
    {
        if (!canModify)
        {
            return;
        }
        var name = connector!.Partner.Name;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Delete the {name} connector?",
            $"{name}'s data will no longer be used by app protection policies or accepted from the partner, and devices it protected are no longer evaluated with it." +
            (connector.Partner.HasClassicConditionalAccessPolicy ? " Its classic Conditional Access policy is deleted with it." : "") + " This cannot be undone.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }
        busy = true;
        var result = await Connectors.DeleteAsync(ConnectorId, actor);
        busy = false;
        if (result.Outcome == ServiceOutcome.Forbidden)
        {
            Snackbar.Add(result.Problems[0].Message, Severity.Error);
            return;
        }
        Snackbar.Add($"Deleted the {name} connector.", Severity.Success);
        Navigation.NavigateTo(AdminNavigation.MobileThreatDefense.Href);
    }
}

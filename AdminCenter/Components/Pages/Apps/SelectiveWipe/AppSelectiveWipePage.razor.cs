using AdminCenter.Components.Display;
using AdminCenter.Core.Wipe;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace AdminCenter.Components.Pages.Apps.SelectiveWipe;

public partial class AppSelectiveWipePage
{
    private const int PageSize = 50;
    private const string NoWrap = "white-space: nowrap";

    private static readonly Dictionary<string, object> TableLabel = new() { ["aria-label"] = "Wipe requests" };

    private MudTable<WipeRequestRow>? table;
    private bool canModify;
    private bool paneOpen;
    private bool busy;
    private string actor = "";

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthenticationState).User;
        actor = user.Identity?.Name ?? "";
        canModify = await Access.CanModifyAppProtectionAsync(user);
    }

    private static string StatusNote(WipeRequestRow row) => row.Status switch
    {
        WipeRequestStatus.Pending when row.DeliveredDateTime is not null => "Sent to the app",
        WipeRequestStatus.Pending => "Waiting for check-in",
        _ => WipeLabels.Origin(row.Origin),
    };

    private static string StatusTitle(WipeRequestRow row) =>
        $"{WipeLabels.Origin(row.Origin)}, requested by {row.CreatedBy}"
        + (row.DeliveredDateTime is { } delivered ? $"; sent to the app {DisplayFormat.Time(delivered)}" : "");

    private async Task<TableData<WipeRequestRow>> LoadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        var page = await Wipes.ListRequestsAsync(state.Page * state.PageSize, state.PageSize, cancellationToken);
        return new TableData<WipeRequestRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private Task ReloadAsync() => table?.ReloadServerData() ?? Task.CompletedTask;

    private async Task OnCreatedAsync(WipeRequestRow created)
    {
        paneOpen = false;
        Snackbar.Add($"Created a wipe request for {created.DeviceName ?? created.AzureAdDeviceId} ({created.UserPrincipalName}).", Severity.Success);
        await ReloadAsync();
    }

    private async Task DeleteAsync(WipeRequestRow row)
    {
        var device = row.DeviceName ?? row.AzureAdDeviceId;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Delete wipe request?",
            $"The pending wipe of {WipeLabels.App(row.AppId)} on {device} for {row.UserPrincipalName} is deleted; the app keeps its org data.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }
        busy = true;
        try
        {
            // Asked again on the server: the page may be stale, or the role may have changed.
            if (!await Access.CanModifyAppProtectionAsync((await AuthenticationState).User))
            {
                Snackbar.Add("Your role may not delete wipe requests.", Severity.Error);
                return;
            }
            var result = await Wipes.DeleteAsync(row.Id, actor);
            if (result.Succeeded)
            {
                Snackbar.Add($"Deleted the wipe request for {device}.", Severity.Success);
            }
            else
            {
                Snackbar.Add(string.Join(" ", result.Problems.Select(p => p.Message)), Severity.Warning);
            }
            await ReloadAsync();
        }
        finally
        {
            busy = false;
        }
    }
}

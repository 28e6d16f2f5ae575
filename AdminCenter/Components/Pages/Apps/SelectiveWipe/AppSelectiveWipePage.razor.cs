using AdminCenter.Components.Display;
using AdminCenter.Core.Common;
using AdminCenter.Core.Roles;
using AdminCenter.Core.Wipe;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace AdminCenter.Components.Pages.Apps.SelectiveWipe;

public partial class AppSelectiveWipePage
{
    private const int PageSize = 50;
    public const string Path = "/apps/selective-wipe";

    // One shared list of headers; ReportTable draws the rows without a component each (BENCHMARKS.md, "Serving cost per open tab").
    private static readonly IReadOnlyList<ReportColumn> TableColumns = [new("User"), new("Device name"), new("App"), new("Status"), new("Created"), new("Completed"), new("Message"), new("Actions", TitleHidden: true)];

    private const int RequestsTab = 0;
    private static readonly string[] TabTitles = ["Wipe requests", "User-Level Wipe"];

    private ReportTable<WipeRequestRow>? table;
    private int activeTab = RequestsTab;
    private PageAddress? address;
    private WipeRequestStatus? status;
    private int pageIndex;
    private bool canModify;
    private bool paneOpen;
    private bool busy;
    private Actor actor = null!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "status")]
    public string? StatusQuery { get; set; }

    /// <summary>1-based, as an admin reads it in the address.</summary>
    [SupplyParameterFromQuery(Name = "page")]
    public int? PageQuery { get; set; }

    private string EmptyText => status is { } only
        ? $"No {WipeLabels.Status(only).ToLowerInvariant()} wipe requests."
        : "No wipe requests. Create one with Create wipe request; a Wipe outcome creates one automatically.";

    protected override async Task OnInitializedAsync()
    {
        address = new PageAddress(Navigation, JS);
        ApplyAddress();
        actor = await AuthenticationState.CurrentActorAsync();
        canModify = actor.May(WipeService.WipePermission);
    }

    /// <summary>Back, Forward or a link to this page with another status or page: show what the address says.</summary>
    protected override async Task OnParametersSetAsync()
    {
        if (table is null || address is null || address.IsOwnEcho())
        {
            return;
        }
        var page = ApplyAddress();
        if (table.Page != page)
        {
            table.NavigateTo(page);
        }
        else
        {
            await table.ReloadServerData();
        }
    }

    private int ApplyAddress()
    {
        status = WipeLabels.Statuses.Select(s => (WipeRequestStatus?)s)
            .FirstOrDefault(s => string.Equals(StatusKey(s!.Value), StatusQuery, StringComparison.OrdinalIgnoreCase));
        pageIndex = Math.Max(0, (PageQuery ?? 1) - 1);
        return pageIndex;
    }

    // The requests' table leaves the page with its tab; it comes back with the filter and page the address holds.
    private void TabChanged(int tab)
    {
        activeTab = tab;
        table = null;
    }

    private static string StatusKey(WipeRequestStatus value) => value.ToString().ToLowerInvariant();

    private string PageUrl(int page)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (status is { } value)
        {
            query.Add(new("status", StatusKey(value)));
        }
        if (page > 0)
        {
            query.Add(new("page", (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return QueryHelpers.AddQueryString(Path, query);
    }

    private async Task<TableData<WipeRequestRow>> LoadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        var addressWrite = address?.ReplaceAsync(PageUrl(state.Page)) ?? Task.CompletedTask;
        var page = await Wipes.ListRequestsAsync(status, state.Page * state.PageSize, state.PageSize, cancellationToken);
        await addressWrite;
        return new TableData<WipeRequestRow> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private async Task StatusChangedAsync(WipeRequestStatus? value)
    {
        status = value;
        await (table?.ReloadFromFirstPageAsync() ?? Task.CompletedTask);
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
            // The service asks again: the page may be stale, or the role may have changed.
            var result = await Wipes.DeleteAsync(row.Id, actor);
            if (result.Succeeded)
            {
                Snackbar.Add($"Deleted the wipe request for {device}.", Severity.Success);
            }
            else
            {
                Snackbar.Add(string.Join(" ", result.Problems.Select(p => p.Message)),
                    result.Outcome == ServiceOutcome.Forbidden ? Severity.Error : Severity.Warning);
            }
            await ReloadAsync();
        }
        finally
        {
            busy = false;
        }
    }
}

using AdminCenter.Components.Display;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Preferences;
using AdminCenter.Core.Roles;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace AdminCenter.Components.Pages.Apps.Monitor;

public partial class AppProtectionStatusPage
{
    public const string Path = "/apps/monitor/app-protection-status";

    private const int PageSize = 50;
    private const int RegistrationsTab = 0;
    private const int UserReportTab = 1;

    /// <summary>The User report tab's value of the <c>view</c> query parameter, for links straight to it.</summary>
    public const string UserReportView = "user-report";

    private static readonly Permission ReadPermission = new(PermissionCategory.ManagedApps, PermissionAction.Read);

    // One header per column, shared by every circuit.
    private static readonly Dictionary<AppProtectionStatusColumn, ReportColumn> Headers = AppProtectionStatusColumns.All.ToDictionary(
        column => column, column => new ReportColumn(AppProtectionStatusColumns.Title(column), SortOf(column)?.ToString(), $"col-{column}"));

    // MudButton's classes (text, primary, medium): the header's actions are its markup, not components.
    private const string ToolbarButtonClass = "mud-button-root mud-button mud-button-text mud-button-text-primary mud-button-text-size-medium mud-ripple";

    private static readonly MarkupString ColumnsIcon = IconMarkup.For(Icons.Material.Filled.ViewColumn);
    private static readonly MarkupString DownloadIcon = IconMarkup.For(Icons.Material.Filled.Download);
    private static readonly MarkupString RefreshIcon = IconMarkup.For(Icons.Material.Filled.Refresh);

    private ReportTable<AppProtectionStatusRow>? table;
    private readonly LazyMenu columnMenu = new(".column-chooser .mud-menu-button-activator");
    private PageAddress? address;
    private string? adminId;
    private IReadOnlySet<AppProtectionStatusColumn> visible = AppProtectionStatusColumns.Default;
    private IReadOnlyList<string> policyNames = [];
    private string? search;
    private IReadOnlyCollection<EvaluationOutcome> outcomes = [];
    private IReadOnlyCollection<ReportedThreatLevel> threatLevels = [];
    private string? policy;
    private AppProtectionStatusSort sort = AppProtectionStatusSort.LastSync;
    private bool descending = true;
    private int pageIndex;
    private int activeTab;
    private Permission? forbidden;
    private TableData<AppProtectionStatusRow> lastPage = new() { Items = [], TotalItems = 0 };

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "view")]
    public string? ViewQuery { get; set; }

    [SupplyParameterFromQuery(Name = "search")]
    public string? SearchQuery { get; set; }

    [SupplyParameterFromQuery(Name = "outcome")]
    public string[]? OutcomeQuery { get; set; }

    [SupplyParameterFromQuery(Name = "threatLevel")]
    public string[]? ThreatLevelQuery { get; set; }

    [SupplyParameterFromQuery(Name = "policy")]
    public string? PolicyQuery { get; set; }

    [SupplyParameterFromQuery(Name = "sort")]
    public string? SortQuery { get; set; }

    [SupplyParameterFromQuery(Name = "order")]
    public string? OrderQuery { get; set; }

    /// <summary>1-based, as an admin reads it in the address.</summary>
    [SupplyParameterFromQuery(Name = "page")]
    public int? PageQuery { get; set; }

    private AppProtectionStatusFilter Filter => new()
    {
        Search = search,
        Outcomes = outcomes,
        ThreatLevels = threatLevels,
        Policy = policy,
        Sort = sort,
        Descending = descending,
    };

    private IEnumerable<AppProtectionStatusColumn> VisibleColumns => AppProtectionStatusColumns.All.Where(visible.Contains);

    private IReadOnlyList<ReportColumn> TableColumns => [.. VisibleColumns.Select(column => Headers[column])];

    private string ExportUrl => MonitoringEndpoints.ExportUrl(Filter);

    // A policy named in the address stays choosable even when it was renamed or deleted since.
    private IEnumerable<string> PolicyChoices => policy is null || policyNames.Contains(policy) ? policyNames : [.. policyNames, policy];

    private bool Filtered => !string.IsNullOrWhiteSpace(search) || outcomes.Count > 0 || threatLevels.Count > 0 || policy is not null;

    private string EmptyText => Filtered
        ? "No registrations match the search and filters."
        : "No registrations yet. A registration appears when Microsoft Edge first checks in with a user's work account.";

    protected override async Task OnInitializedAsync()
    {
        if (!(await AuthenticationState.CurrentActorAsync()).May(ReadPermission))
        {
            forbidden = ReadPermission;
            return;
        }
        activeTab = TabOf(ViewQuery);
        address = new PageAddress(Navigation, JS);
        ApplyAddress();
        adminId = AdminPreferenceService.AdminIdOf((await AuthenticationState).User);
        if (adminId is not null)
        {
            visible = AppProtectionStatusColumns.Parse(await Preferences.GetAsync(adminId, AppProtectionStatusColumns.PreferenceKey));
        }
        policyNames = await Status.ListPolicyNamesAsync();
    }

    /// <summary>Back, Forward or a link to this page with other filters: show what the address says.</summary>
    protected override async Task OnParametersSetAsync()
    {
        // Before the first table exists the filters were read in OnInitializedAsync already.
        if (address is null || (table is null && activeTab == RegistrationsTab) || address.IsOwnEcho())
        {
            return;
        }
        var tab = TabOf(ViewQuery);
        if (tab != activeTab)
        {
            activeTab = tab;
            if (tab == RegistrationsTab)
            {
                // The table the tab renders anew starts from these.
                ApplyAddress();
            }
            return;
        }
        if (tab != RegistrationsTab || table is null)
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

    protected override Task OnAfterRenderAsync(bool firstRender) => columnMenu.HandOverAsync(JS);

    private static readonly string[] TabTitles = ["Registrations", "User report"];

    private static int TabOf(string? view) => string.Equals(view, UserReportView, StringComparison.Ordinal) ? UserReportTab : RegistrationsTab;

    /// <summary>The User report keeps its tab in the address (reload and Back return to it); the registrations write their own.</summary>
    private async Task TabChangedAsync(int index)
    {
        activeTab = index;
        if (index == UserReportTab && address is not null)
        {
            await address.ReplaceAsync($"{Path}?view={UserReportView}");
        }
    }

    /// <summary>Reads the filters from the query parameters and returns the 0-based page they name.</summary>
    private int ApplyAddress()
    {
        var filter = MonitoringEndpoints.PageFilter(SearchQuery, OutcomeQuery, ThreatLevelQuery, PolicyQuery, SortQuery, OrderQuery);
        (search, outcomes, threatLevels, policy, sort, descending) =
            (filter.Search, filter.Outcomes, filter.ThreatLevels, filter.Policy, filter.Sort, filter.Descending);
        pageIndex = Math.Max(0, (PageQuery ?? 1) - 1);
        return pageIndex;
    }

    private async Task<TableData<AppProtectionStatusRow>> LoadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        var (newSort, newDescending) = SortOf(state);
        var sortChanged = (newSort, newDescending) != (sort, descending);
        (sort, descending) = (newSort, newDescending);
        if (sortChanged)
        {
            // The Export link carries the order too.
            StateHasChanged();
        }
        var addressWrite = address?.ReplaceAsync(PageUrl(state.Page)) ?? Task.CompletedTask;
        try
        {
            var page = await Status.QueryAsync(Filter, state.Page * state.PageSize, state.PageSize, cancellationToken);
            lastPage = new ReportTableData<AppProtectionStatusRow> { Items = page.Items, TotalItems = page.TotalCount, TotalIsLowerBound = page.TotalIsLowerBound };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer load replaced this one (the table cancels it); that load brings the rows.
        }
        await addressWrite;
        return lastPage;
    }

    private string PageUrl(int page)
    {
        var query = MonitoringEndpoints.Query(Filter, withDefaultOrder: false);
        if (page > 0)
        {
            query.Add(new("page", (page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return QueryHelpers.AddQueryString(Path, query);
    }

    private static (AppProtectionStatusSort Sort, bool Descending) SortOf(TableState state) =>
        state.SortDirection == SortDirection.None || !Enum.TryParse<AppProtectionStatusSort>(state.SortLabel, out var column)
            ? (AppProtectionStatusSort.LastSync, true)
            : (column, state.SortDirection == SortDirection.Descending);

    private static AppProtectionStatusSort? SortOf(AppProtectionStatusColumn column) => column switch
    {
        AppProtectionStatusColumn.User => AppProtectionStatusSort.User,
        AppProtectionStatusColumn.Email => AppProtectionStatusSort.Email,
        AppProtectionStatusColumn.App => AppProtectionStatusSort.App,
        AppProtectionStatusColumn.DeviceName => AppProtectionStatusSort.DeviceName,
        AppProtectionStatusColumn.ThreatLevel => AppProtectionStatusSort.ThreatLevel,
        AppProtectionStatusColumn.Outcome => AppProtectionStatusSort.Outcome,
        AppProtectionStatusColumn.LastSync => AppProtectionStatusSort.LastSync,
        _ => null,
    };

    private async Task ToggleColumnAsync(AppProtectionStatusColumn column, bool show)
    {
        visible = AppProtectionStatusColumns.Toggle(visible, column, show);
        if (adminId is not null)
        {
            await Preferences.SetAsync(adminId, AppProtectionStatusColumns.PreferenceKey, AppProtectionStatusColumns.Format(visible));
        }
    }

    // The field keeps what the admin typed; the page only reads it (and the address, a round trip later, is never
    // applied back: PageAddress.IsOwnEcho), so a slow reload cannot overwrite newer keystrokes.
    private async Task SearchAsync(string? text)
    {
        // Leaving the field (for example by clicking a row's link) repeats the last value: reloading then would write
        // the address again while the browser is already on its way to the link, and pull the admin back here.
        if (string.Equals(text ?? "", search ?? "", StringComparison.Ordinal))
        {
            return;
        }
        search = text;
        await ReloadFromFirstPageAsync();
    }

    private async Task OutcomesChangedAsync(IEnumerable<EvaluationOutcome>? selected)
    {
        outcomes = [.. selected ?? []];
        await ReloadFromFirstPageAsync();
    }

    private async Task ThreatLevelsChangedAsync(IEnumerable<ReportedThreatLevel>? selected)
    {
        threatLevels = [.. selected ?? []];
        await ReloadFromFirstPageAsync();
    }

    private async Task PolicyChangedAsync(string? name)
    {
        policy = name;
        await ReloadFromFirstPageAsync();
    }

    private Task ReloadAsync() => table?.ReloadServerData() ?? Task.CompletedTask;

    private Task ReloadFromFirstPageAsync() => table?.ReloadFromFirstPageAsync() ?? Task.CompletedTask;
}

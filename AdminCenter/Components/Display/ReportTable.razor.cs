using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace AdminCenter.Components.Display;

/// <summary>
/// One column of a <see cref="ReportTable{T}"/>: its header, the sort label it sorts by (none: not sortable), its class,
/// and whether the header is for screen readers only (an actions column).
/// </summary>
public sealed record ReportColumn(string Title, string? SortLabel = null, string CssClass = "", bool TitleHidden = false)
{
    /// <summary>The header cell's classes, built once: a page's columns are static, so every open tab shares the string.</summary>
    public string HeaderClass { get; } = CssClass.Length == 0 ? "mud-table-cell" : $"mud-table-cell {CssClass}";
}

/// <summary>A page of a <see cref="ReportTable{T}"/> whose total may be a lower bound: more than it match (a broad search).</summary>
public sealed class ReportTableData<T> : TableData<T>
{
    /// <summary>More than <see cref="TableData{T}.TotalItems"/> match; the pager says so and has no last page.</summary>
    public bool TotalIsLowerBound { get; init; }
}

/// <summary>
/// A server-paged report table with MudTable's look and behaviour (sort labels that cycle ascending/descending and keep
/// the page, a pager with first/previous/next/last, a loading bar, an empty row) at the cost of one component per table.
/// </summary>
/// <remarks>
/// Every open tab is a circuit the server keeps in memory, and a component costs it 3-5 KB whatever it draws (two
/// render-tree buffers and MudBlazor's parameter state). MudTable made a MudTr per row, a component per sort label and
/// its icon, four icon buttons in its pager and a hidden sort select for small screens: about 80 components for a page of
/// 50 rows. Here the rows are the caller's cells inside plain <c>tr</c>s of this component's render tree.
/// </remarks>
public partial class ReportTable<T> : IDisposable
{
    private static readonly string FirstPageIcon = IconMarkup.Html(Icons.Material.Filled.FirstPage);
    private static readonly string PreviousPageIcon = IconMarkup.Html(Icons.Material.Filled.NavigateBefore);
    private static readonly string NextPageIcon = IconMarkup.Html(Icons.Material.Filled.NavigateNext);
    private static readonly string LastPageIcon = IconMarkup.Html(Icons.Material.Filled.LastPage);
    private static readonly string FirstButtonClass = PagerClass("first");
    private static readonly string PreviousButtonClass = PagerClass("before");
    private static readonly string NextButtonClass = PagerClass("next");
    private static readonly string LastButtonClass = PagerClass("last");
    private static readonly string[] SortIcons =
    [
        IconMarkup.Html(Icons.Material.Filled.ArrowUpward, "mud-table-sort-label-icon mud-direction-none"),
        IconMarkup.Html(Icons.Material.Filled.ArrowUpward, "mud-table-sort-label-icon mud-direction-asc"),
        IconMarkup.Html(Icons.Material.Filled.ArrowUpward, "mud-table-sort-label-icon mud-direction-desc"),
    ];

    private IReadOnlyList<T> items = [];
    private int totalItems;
    private bool totalIsLowerBound;
    private int page;
    private int? lastPageParameter;
    private string? sortLabel;
    private SortDirection sortDirection = SortDirection.None;
    private bool sortInitialized;
    private bool loading;
    private bool loaded;
    private bool loadFailed;
    private CancellationTokenSource? pendingLoad;

    [Inject]
    private ILogger<ReportTable<T>> Logger { get; set; } = default!;

    /// <summary>The table's accessible name.</summary>
    [Parameter, EditorRequired]
    public string Label { get; set; } = "";

    [Parameter, EditorRequired]
    public IReadOnlyList<ReportColumn> Columns { get; set; } = [];

    /// <summary>The cells (<c>td</c>s) of one row.</summary>
    [Parameter, EditorRequired]
    public RenderFragment<T> RowTemplate { get; set; } = default!;

    /// <summary>Loads one page; the token is cancelled when a newer load replaces this one.</summary>
    [Parameter, EditorRequired]
    public Func<TableState, CancellationToken, Task<TableData<T>>> ServerData { get; set; } = default!;

    [Parameter]
    public RenderFragment? NoRecordsContent { get; set; }

    /// <summary>A click on a row (or Enter on it: a clickable row takes focus).</summary>
    [Parameter]
    public EventCallback<T> OnRowClick { get; set; }

    /// <summary>Classes for every row, besides MudTable's own.</summary>
    [Parameter]
    public string? RowClass { get; set; }

    [Parameter]
    public int RowsPerPage { get; set; } = 50;

    /// <summary>The 0-based page to show; read when it changes, as MudTable's.</summary>
    [Parameter]
    public int CurrentPage { get; set; }

    [Parameter]
    public EventCallback<int> CurrentPageChanged { get; set; }

    /// <summary>The sort the first load asks for (MudTableSortLabel's InitialDirection); later the header decides.</summary>
    [Parameter]
    public string? InitialSortLabel { get; set; }

    [Parameter]
    public SortDirection InitialSortDirection { get; set; } = SortDirection.None;

    [Parameter]
    public string? Class { get; set; }

    [Parameter]
    public string? ContainerStyle { get; set; }

    /// <summary>The page shown now, 0-based.</summary>
    public int Page => page;

    // Built when the parameters change, not per render (per row): a render's strings stay in the tab's render buffers.
    private string tableClass = "";

    private string rowClassName = "mud-table-row";

    private Task RowKeyAsync(KeyboardEventArgs key, T item) => key.Key == "Enter" ? OnRowClick.InvokeAsync(item) : Task.CompletedTask;

    private int LastPage => Math.Max(0, (totalItems - 1) / RowsPerPage);

    private bool CanGoBack => page > 0;

    private bool CanGoForward => page < LastPage;

    // The last page of a total that is only a lower bound is not known.
    private bool CanGoToLast => CanGoForward && !totalIsLowerBound;

    // MudTablePager's default "{first_item}-{last_item} of {all_items}"; "of more than" where counting stopped.
    private string PageInformation => totalItems == 0
        ? "0-0 of 0"
        : string.Create(
            CultureInfo.CurrentCulture,
            $"{(page * RowsPerPage) + 1}-{Math.Min(totalItems, (page + 1) * RowsPerPage)} of {(totalIsLowerBound ? "more than " : "")}{totalItems}");

    protected override void OnParametersSet()
    {
        tableClass = $"mud-table mud-xs-table mud-table-dense mud-table-hover mud-table-outlined mud-table-sticky-header {Class}";
        rowClassName = RowClass is null ? "mud-table-row" : $"mud-table-row {RowClass}";
        if (!sortInitialized)
        {
            (sortLabel, sortDirection, sortInitialized) = (InitialSortLabel, InitialSortDirection, true);
        }
        if (lastPageParameter != CurrentPage)
        {
            var first = lastPageParameter is null;
            lastPageParameter = CurrentPage;
            if (first)
            {
                page = CurrentPage;
            }
            else if (CurrentPage != page)
            {
                NavigateTo(CurrentPage);
            }
        }
    }

    protected override Task OnAfterRenderAsync(bool firstRender) => firstRender ? ReloadServerData() : Task.CompletedTask;

    /// <summary>Loads the current page again (filters changed, or Refresh).</summary>
    public async Task ReloadServerData()
    {
        pendingLoad?.Cancel();
        var cancellation = pendingLoad = new CancellationTokenSource();
        loading = true;
        StateHasChanged();
        var state = new TableState { Page = page, PageSize = RowsPerPage, SortLabel = sortLabel, SortDirection = sortDirection };
        TableData<T>? data;
        try
        {
            data = await ServerData(state, cancellation.Token);
        }
        catch (Exception exception) when (!cancellation.IsCancellationRequested)
        {
            // A read that fails (the database unreachable, a query over its time limit) costs the admin this table's rows,
            // not the whole tab: the circuit would end on an unhandled exception. The pager keeps the last total.
            ReportTableLog.LoadFailed(Logger, exception, Label);
            data = null;
        }
        if (cancellation.IsCancellationRequested)
        {
            // A newer load replaced this one and brings its own rows.
            return;
        }
        loadFailed = data is null;
        items = data is null ? [] : [.. data.Items ?? []];
        totalItems = data?.TotalItems ?? totalItems;
        totalIsLowerBound = data is null ? totalIsLowerBound : data is ReportTableData<T> { TotalIsLowerBound: true };
        (loading, loaded) = (false, true);
        pendingLoad = null;
        cancellation.Dispose();
        if (page > LastPage)
        {
            // Fewer rows than before (a filter or a deletion): show the last page there is, as MudTable does.
            NavigateTo(LastPage);
            return;
        }
        StateHasChanged();
    }

    /// <summary>Moves to the 0-based <paramref name="target"/> page and loads it.</summary>
    public void NavigateTo(int target)
    {
        page = Math.Max(0, target);
        _ = InvokeAsync(LoadAfterNavigationAsync);
    }

    // Navigation is fire and forget (as MudTable's NavigateTo): a failure still reaches the circuit's error handling.
    private async Task LoadAfterNavigationAsync()
    {
        try
        {
            await CurrentPageChanged.InvokeAsync(page);
            await ReloadServerData();
        }
        catch (Exception exception)
        {
            await DispatchExceptionAsync(exception);
        }
    }

    /// <summary>New filters start at page 1: moving the table there loads it; on page 1 already, reload it.</summary>
    public Task ReloadFromFirstPageAsync()
    {
        if (page > 0)
        {
            NavigateTo(0);
            return Task.CompletedTask;
        }
        return ReloadServerData();
    }

    // MudTableSortLabel's cycle without AllowUnsorted: a new column starts ascending, the same one toggles; the page stays.
    private Task SortByAsync(string label)
    {
        sortDirection = label == sortLabel && sortDirection == SortDirection.Ascending ? SortDirection.Descending : SortDirection.Ascending;
        sortLabel = label;
        return ReloadServerData();
    }

    private Task SortByKeyAsync(KeyboardEventArgs key, string label) =>
        key.Key is "Enter" or " " ? SortByAsync(label) : Task.CompletedTask;

    private string? AriaSort(ReportColumn column) =>
        column.SortLabel is null || column.SortLabel != sortLabel ? null
        : sortDirection switch { SortDirection.Ascending => "ascending", SortDirection.Descending => "descending", _ => null };

    private string SortIcon(string label) => SortIcons[label != sortLabel ? 0 : sortDirection switch
    {
        SortDirection.Ascending => 1,
        SortDirection.Descending => 2,
        _ => 0,
    }];

    /// <summary>A load still running when the tab closes or the page leaves is cancelled.</summary>
    public void Dispose()
    {
        pendingLoad?.Cancel();
        pendingLoad?.Dispose();
        pendingLoad = null;
        GC.SuppressFinalize(this);
    }

    private static string PagerButtonClass(string which) => which switch
    {
        "first" => FirstButtonClass,
        "before" => PreviousButtonClass,
        "next" => NextButtonClass,
        _ => LastButtonClass,
    };

    private static string PagerClass(string which) =>
        $"mud-button-root mud-icon-button mud-ripple mud-ripple-icon mud-flip-x-rtl mud-table-pagination-{which}-button";
}

internal static partial class ReportTableLog
{
    [LoggerMessage(Level = LogLevel.Error, Message = "The rows of the table \"{Label}\" could not be loaded; the table says so and Refresh tries again")]
    public static partial void LoadFailed(ILogger logger, Exception exception, string label);
}

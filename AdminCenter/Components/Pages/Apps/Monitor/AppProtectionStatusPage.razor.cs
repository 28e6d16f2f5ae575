using AdminCenter.Components.Display;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Hosting;
using MudBlazor;

namespace AdminCenter.Components.Pages.Apps.Monitor;

public partial class AppProtectionStatusPage
{
    private const int PageSize = 50;
    private const string NoWrap = "white-space: nowrap";

    private static readonly Dictionary<string, object?> TableLabel = new() { ["aria-label"] = "App protection status" };

    private MudTable<AppProtectionStatusRow>? table;
    private IReadOnlyList<string> policyNames = [];
    private string? search;
    private IReadOnlyCollection<EvaluationOutcome> outcomes = [];
    private IReadOnlyCollection<ReportedThreatLevel> threatLevels = [];
    private string? policy;
    private AppProtectionStatusSort sort = AppProtectionStatusSort.LastSync;
    private bool descending = true;
    private TableData<AppProtectionStatusRow> lastPage = new() { Items = [], TotalItems = 0 };

    private AppProtectionStatusFilter Filter => new()
    {
        Search = search,
        Outcomes = outcomes,
        ThreatLevels = threatLevels,
        Policy = policy,
        Sort = sort,
        Descending = descending,
    };

    private string ExportUrl => MonitoringEndpoints.ExportUrl(Filter);

    private bool Filtered => !string.IsNullOrWhiteSpace(search) || outcomes.Count > 0 || threatLevels.Count > 0 || policy is not null;

    private string EmptyText => Filtered
        ? "No registrations match the search and filters."
        : "No registrations yet. A registration appears when Microsoft Edge first checks in with a user's work account.";

    protected override async Task OnInitializedAsync() => policyNames = await Status.ListPolicyNamesAsync();

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
        try
        {
            var page = await Status.QueryAsync(Filter, state.Page * state.PageSize, state.PageSize, cancellationToken);
            lastPage = new TableData<AppProtectionStatusRow> { Items = page.Items, TotalItems = page.TotalCount };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer load replaced this one (the table cancels it); that load brings the rows.
        }
        return lastPage;
    }

    private static (AppProtectionStatusSort Sort, bool Descending) SortOf(TableState state) =>
        state.SortDirection == SortDirection.None || !Enum.TryParse<AppProtectionStatusSort>(state.SortLabel, out var column)
            ? (AppProtectionStatusSort.LastSync, true)
            : (column, state.SortDirection == SortDirection.Descending);

    private async Task SearchAsync(string? text)
    {
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

    private Task ReloadFromFirstPageAsync() => table.ReloadFromFirstPageAsync();
}

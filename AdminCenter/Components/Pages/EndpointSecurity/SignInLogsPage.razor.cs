using AdminCenter.Components.Display;
using AdminCenter.Core.ConditionalAccess;
using MudBlazor;

namespace AdminCenter.Components.Pages.EndpointSecurity;

public partial class SignInLogsPage
{
    private const int PageSize = 50;
    private const string NoWrap = "white-space: nowrap";

    private static readonly Dictionary<string, object?> TableLabel = new() { ["aria-label"] = "Sign-in logs" };

    private MudTable<SignInLogRow>? table;
    private string? user;
    private SignInResult? result;
    private DateRange? dates;
    private TableData<SignInLogRow> lastPage = new() { Items = [], TotalItems = 0 };

    private SignInLogFilter Filter => new()
    {
        User = user,
        Result = result,
        // The picker gives local-less dates; the page reads them as whole UTC days.
        FromUtc = dates?.Start is { } start ? DateTime.SpecifyKind(start.Date, DateTimeKind.Utc) : null,
        ToUtc = dates?.End is { } end ? DateTime.SpecifyKind(end.Date.AddDays(1), DateTimeKind.Utc) : null,
    };

    private bool Filtered => !string.IsNullOrWhiteSpace(user) || result is not null || dates?.Start is not null || dates?.End is not null;

    private string EmptyText => Filtered
        ? "No sign-ins match the search and filters."
        : "No sign-ins yet. A sign-in appears here each time Conditional Access evaluates one.";

    private static Color ResultColor(SignInResult value) => value switch
    {
        SignInResult.Granted => Color.Success,
        SignInResult.Blocked => Color.Error,
        _ => Color.Warning,
    };

    private static string ResultKey(SignInResult value) => value switch
    {
        SignInResult.Granted => "granted",
        SignInResult.Blocked => "blocked",
        _ => "report-only-blocked",
    };

    private async Task<TableData<SignInLogRow>> LoadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        try
        {
            var page = await ConditionalAccess.ListSignInsAsync(Filter, state.Page * state.PageSize, state.PageSize, cancellationToken);
            lastPage = new TableData<SignInLogRow> { Items = page.Items, TotalItems = page.TotalCount };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer load replaced this one (the table cancels it); that load brings the rows.
        }
        return lastPage;
    }

    private async Task UserChangedAsync(string? text)
    {
        user = text;
        await ReloadFromFirstPageAsync();
    }

    private async Task ResultChangedAsync(SignInResult? value)
    {
        result = value;
        await ReloadFromFirstPageAsync();
    }

    private async Task DatesChangedAsync(DateRange? range)
    {
        dates = range;
        await ReloadFromFirstPageAsync();
    }

    private Task ReloadAsync() => table?.ReloadServerData() ?? Task.CompletedTask;

    private Task ReloadFromFirstPageAsync() => table.ReloadFromFirstPageAsync();
}

using System.Globalization;
using AdminCenter.Components.Display;
using AdminCenter.Core.ConditionalAccess;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using MudBlazor;

namespace AdminCenter.Components.Pages.EndpointSecurity;

public partial class SignInLogsPage
{
    public const string Path = "/endpoint-security/sign-in-logs";

    private const int PageSize = 50;
    private const string DayFormat = "yyyy-MM-dd";

    // One shared list of headers; ReportTable draws the rows without a component each (BENCHMARKS.md, "Serving cost per open tab").
    private static readonly IReadOnlyList<ReportColumn> TableColumns = [new("Time"), new("User"), new("Device"), new("App"), new("Result"), new("Reasons")];

    private ReportTable<SignInLogRow>? table;
    private PageAddress? address;
    private string? user;
    private SignInResult? result;
    private DateRange? dates;
    private int pageIndex;
    private SignInLogRow? selected;
    private TableData<SignInLogRow> lastPage = new() { Items = [], TotalItems = 0 };

    [SupplyParameterFromQuery(Name = "user")]
    public string? UserQuery { get; set; }

    [SupplyParameterFromQuery(Name = "result")]
    public string? ResultQuery { get; set; }

    [SupplyParameterFromQuery(Name = "from")]
    public string? FromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "to")]
    public string? ToQuery { get; set; }

    /// <summary>1-based, as an admin reads it in the address.</summary>
    [SupplyParameterFromQuery(Name = "page")]
    public int? PageQuery { get; set; }

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
        _ => "reportOnlyBlocked",
    };

    private static SignInResult? ResultOf(string? key) =>
        ConditionalAccessLabels.Results.Select(r => (SignInResult?)r).FirstOrDefault(r => string.Equals(ResultKey(r!.Value), key, StringComparison.OrdinalIgnoreCase));

    /// <summary>The device by name; the Entra device id (cut short, whole on hover) when no registration names it.</summary>
    private static string DeviceLabel(SignInLogRow row) => row.DeviceName ?? row.AzureAdDeviceId;

    private static string ReasonsText(SignInLogRow row) => string.Join(" ", row.Reasons.Concat(row.Remediation.Select(r => $"Remediation: {r}")));

    protected override void OnInitialized()
    {
        address = new PageAddress(Navigation, JS);
        ApplyAddress();
    }

    /// <summary>Back, Forward or a link to this page with other filters: show what the address says.</summary>
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
        user = string.IsNullOrWhiteSpace(UserQuery) ? null : UserQuery;
        result = ResultOf(ResultQuery);
        var from = Day(FromQuery);
        var to = Day(ToQuery);
        dates = from is null && to is null ? null : new DateRange(from, to);
        pageIndex = Math.Max(0, (PageQuery ?? 1) - 1);
        return pageIndex;
    }

    private static DateTime? Day(string? text) =>
        DateTime.TryParseExact(text, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private string PageUrl(int page)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrWhiteSpace(user))
        {
            query.Add(new("user", user.Trim()));
        }
        if (result is { } value)
        {
            query.Add(new("result", ResultKey(value)));
        }
        if (dates?.Start is { } start)
        {
            query.Add(new("from", start.ToString(DayFormat, CultureInfo.InvariantCulture)));
        }
        if (dates?.End is { } end)
        {
            query.Add(new("to", end.ToString(DayFormat, CultureInfo.InvariantCulture)));
        }
        if (page > 0)
        {
            query.Add(new("page", (page + 1).ToString(CultureInfo.InvariantCulture)));
        }
        return QueryHelpers.AddQueryString(Path, query);
    }

    private async Task<TableData<SignInLogRow>> LoadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        var addressWrite = address?.ReplaceAsync(PageUrl(state.Page)) ?? Task.CompletedTask;
        try
        {
            var page = await ConditionalAccess.ListSignInsAsync(Filter, state.Page * state.PageSize, state.PageSize, cancellationToken);
            lastPage = new TableData<SignInLogRow> { Items = page.Items, TotalItems = page.TotalCount };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer load replaced this one (the table cancels it); that load brings the rows.
        }
        await addressWrite;
        return lastPage;
    }

    // The field keeps what the admin typed; the page only reads it (and the address, a round trip later, is never
    // applied back: PageAddress.IsOwnEcho), so a slow reload cannot overwrite newer keystrokes.
    private async Task UserChangedAsync(string? text)
    {
        // Leaving the field (for example by clicking a row's link) repeats the last value: reloading then would write
        // the address again while the browser is already on its way to the link, and pull the admin back here.
        if (string.Equals(text ?? "", user ?? "", StringComparison.Ordinal))
        {
            return;
        }
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

    private Task ReloadFromFirstPageAsync() => (table?.ReloadFromFirstPageAsync() ?? Task.CompletedTask);
}

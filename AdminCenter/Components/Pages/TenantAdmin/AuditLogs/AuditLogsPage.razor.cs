using AdminCenter.Components.Display;
using AdminCenter.Core.Audit;
using AdminCenter.Hosting;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AdminCenter.Components.Pages.TenantAdmin.AuditLogs;

/// <summary>Tenant administration > Audit logs (spec 06): every change, filtered, paged on the server, one event's details in a pane.</summary>
public partial class AuditLogsPage
{
    private const int PageSize = 50;
    private static readonly TimeSpan DefaultRange = TimeSpan.FromDays(7);
    // One shared list of headers; ReportTable draws the rows without a component each (BENCHMARKS.md, "Serving cost per open tab").
    private static readonly IReadOnlyList<ReportColumn> TableColumns =
        [new("Date (UTC)", CssClass: "audit-date"), new("Activity"), new("Category"), new("Initiated by"), new("Target"), new("Result")];

    private ReportTable<AuditEvent>? table;
    private DateRange dateRange = new();
    private string? category;
    private string? initiatedBy;
    private string? activity;
    private IReadOnlyList<string> initiators = [];
    private IReadOnlyList<string> activities = [];
    private AuditEvent? selected;
    private IReadOnlyList<AuditModifiedProperty> selectedProperties = [];

    [Inject]
    private AuditEventQueries Audit { get; set; } = default!;

    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    // The picker's days are UTC days: from the start of the first to the end of the last.
    private AuditEventFilter Filter => new()
    {
        From = dateRange.Start?.Date is { } start ? DateTime.SpecifyKind(start, DateTimeKind.Utc) : null,
        To = dateRange.End?.Date is { } end ? DateTime.SpecifyKind(end.AddDays(1).AddTicks(-1), DateTimeKind.Utc) : null,
        Category = category,
        InitiatedBy = initiatedBy,
        Activity = activity,
    };

    private string ExportUrl => AuditLogEndpoints.ExportUrl(Filter);

    private string EmptyText => category is null && initiatedBy is null && activity is null
        ? "No changes were recorded in this date range."
        : "No events match the filters in this date range.";

    protected override async Task OnInitializedAsync()
    {
        var today = Clock.GetUtcNow().UtcDateTime.Date;
        dateRange = new DateRange(today - DefaultRange + TimeSpan.FromDays(1), today);
        (initiators, activities) = await Audit.ListChoicesAsync();
    }

    private async Task<TableData<AuditEvent>> LoadPageAsync(TableState state, CancellationToken cancellationToken)
    {
        try
        {
            var page = await Audit.ListAsync(Filter, state.Page * state.PageSize, state.PageSize, cancellationToken);
            return new TableData<AuditEvent> { Items = page.Items, TotalItems = page.TotalCount };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A newer load replaced this one; it brings the rows.
            return new TableData<AuditEvent> { Items = [], TotalItems = 0 };
        }
    }

    private Task DateRangeChangedAsync(DateRange? range)
    {
        dateRange = range ?? new DateRange();
        return (table?.ReloadFromFirstPageAsync() ?? Task.CompletedTask);
    }

    private Task CategoryChangedAsync(string? value)
    {
        category = value;
        return (table?.ReloadFromFirstPageAsync() ?? Task.CompletedTask);
    }

    private Task InitiatedByChangedAsync(string? value)
    {
        initiatedBy = value;
        return (table?.ReloadFromFirstPageAsync() ?? Task.CompletedTask);
    }

    private Task ActivityChangedAsync(string? value)
    {
        activity = value;
        return (table?.ReloadFromFirstPageAsync() ?? Task.CompletedTask);
    }

    private async Task ReloadAsync()
    {
        (initiators, activities) = await Audit.ListChoicesAsync();
        await (table?.ReloadServerData() ?? Task.CompletedTask);
    }

    private void OpenDetails(AuditEvent item)
    {
        selected = item;
        selectedProperties = item.ModifiedProperties ?? [];
    }

    private void CloseDetails() => selected = null;

    private void DrawerOpenChanged(bool open)
    {
        if (!open)
        {
            selected = null;
        }
    }
}

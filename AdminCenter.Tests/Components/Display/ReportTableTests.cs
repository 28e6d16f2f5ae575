using AdminCenter.Components.Display;
using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace AdminCenter.Tests.Components.Display;

/// <summary>The report table's own behaviour, against a list of numbers as its server.</summary>
public sealed class ReportTableTests : BunitContext
{
    private static readonly ReportColumn[] Columns = [new("Number", SortLabel: "number"), new("Name")];

    // Every load the table asked for, oldest first.
    private readonly List<TableState> loads = [];

    public ReportTableTests()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
    }

    [Fact]
    public void SortLabel_ClickedTwice_AsksAscendingThenDescendingAndSaysSoToScreenReaders()
    {
        var table = RenderTable(Numbers(10));
        var header = table.Find("th[scope=col]");
        Assert.False(header.HasAttribute("aria-sort"));

        table.Find(".mud-table-sort-label").Click();
        table.WaitForAssertion(() => Assert.Equal("ascending", table.Find("th[scope=col]").GetAttribute("aria-sort")));
        Assert.Equal(("number", SortDirection.Ascending), (loads[^1].SortLabel, loads[^1].SortDirection));

        table.Find(".mud-table-sort-label").Click();
        table.WaitForAssertion(() => Assert.Equal("descending", table.Find("th[scope=col]").GetAttribute("aria-sort")));
        Assert.Equal(SortDirection.Descending, loads[^1].SortDirection);
        Assert.Equal("10", FirstCell(table));
    }

    [Fact]
    public void SortLabel_EnterOrSpace_SortsLikeAClick()
    {
        var table = RenderTable(Numbers(10));

        table.Find(".mud-table-sort-label").KeyDown(new KeyboardEventArgs { Key = "Enter" });
        table.WaitForAssertion(() => Assert.Equal(SortDirection.Ascending, loads[^1].SortDirection));
        table.Find(".mud-table-sort-label").KeyDown(new KeyboardEventArgs { Key = " " });

        table.WaitForAssertion(() => Assert.Equal(SortDirection.Descending, loads[^1].SortDirection));
    }

    [Fact]
    public void Pager_NextAndLast_LoadThosePagesAndSayWhichRowsShow()
    {
        var table = RenderTable(Numbers(120));
        table.WaitForAssertion(() => Assert.Equal("1-50 of 120", PageInformation(table)));
        Assert.True(table.Find("button[aria-label='Previous page']").HasAttribute("disabled"));

        table.Find("button[aria-label='Next page']").Click();
        table.WaitForAssertion(() => Assert.Equal("51-100 of 120", PageInformation(table)));
        Assert.Equal("51", FirstCell(table));

        table.Find("button[aria-label='Last page']").Click();
        table.WaitForAssertion(() => Assert.Equal("101-120 of 120", PageInformation(table)));
        Assert.True(table.Find("button[aria-label='Next page']").HasAttribute("disabled"));
        Assert.Equal(20, table.FindAll("tbody tr").Count);
    }

    [Fact]
    public void Pager_TotalIsALowerBound_SaysMoreThanAndHasNoLastPage()
    {
        // 1,000 rows, of which the server counts only up to 100 past the page's start (a broad search).
        var table = RenderTable(state =>
        {
            var page = Numbers(1000)(state);
            var bound = (state.Page * state.PageSize) + 100;
            return new ReportTableData<int> { Items = page.Items, TotalItems = Math.Min(bound, 1000), TotalIsLowerBound = bound < 1000 };
        });
        table.WaitForAssertion(() => Assert.Equal("1-50 of more than 100", PageInformation(table)));
        Assert.True(table.Find("button[aria-label='Last page']").HasAttribute("disabled"));
        Assert.False(table.Find("button[aria-label='Next page']").HasAttribute("disabled"));

        table.Find("button[aria-label='Next page']").Click();
        table.WaitForAssertion(() => Assert.Equal("51-100 of more than 150", PageInformation(table)));
        Assert.Equal("51", FirstCell(table));
    }

    [Fact]
    public void Row_EnterOrClick_OpensThatRowOnly()
    {
        var opened = new List<int>();
        var table = RenderTable(Numbers(3), onRowClick: opened.Add);
        table.WaitForAssertion(() => Assert.Equal(3, table.FindAll("tbody tr[tabindex='0']").Count));

        table.FindAll("tbody tr")[1].KeyDown(new KeyboardEventArgs { Key = "Enter" });
        table.FindAll("tbody tr")[2].KeyDown(new KeyboardEventArgs { Key = "a" });
        table.FindAll("tbody tr")[2].Click();

        Assert.Equal([2, 3], opened);
    }

    [Fact]
    public void Rows_WithoutRowClick_TakeNoFocus()
    {
        var table = RenderTable(Numbers(3));

        table.WaitForAssertion(() => Assert.Equal(3, table.FindAll("tbody tr").Count));
        Assert.Empty(table.FindAll("tbody tr[tabindex]"));
    }

    [Fact]
    public void ServerData_Throws_ShowsWhatToDoAndStopsTheLoadingBar()
    {
        var table = RenderTable(_ => throw new TimeoutException("The database took too long."));

        table.WaitForAssertion(() => Assert.Contains("could not be loaded", table.Find("[role=alert]").TextContent, StringComparison.Ordinal));
        Assert.Empty(table.FindAll("[role=progressbar]"));
        Assert.Equal("false", table.Find("table").GetAttribute("aria-busy"));
        Assert.DoesNotContain("TimeoutException", table.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerData_FailsThenSucceeds_ShowsTheRowsAndNoAlert()
    {
        var fail = true;
        var table = RenderTable(state => fail ? throw new InvalidOperationException("unreachable") : Numbers(5)(state));
        table.WaitForAssertion(() => Assert.Single(table.FindAll("[role=alert]")));

        fail = false;
        table.InvokeAsync(() => table.Instance.ReloadServerData());

        table.WaitForAssertion(() => Assert.Equal(5, table.FindAll("tbody tr").Count));
        Assert.Empty(table.FindAll("[role=alert]"));
    }

    [Fact]
    public void ReloadServerData_WhileAnOlderLoadRuns_CancelsItAndShowsOnlyTheNewerRows()
    {
        var slow = new TaskCompletionSource<TableData<int>>();
        var calls = 0;
        CancellationToken firstToken = default;
        var table = Render<ReportTable<int>>(p => p
            .Add(t => t.Label, "Numbers")
            .Add(t => t.Columns, Columns)
            .Add(t => t.RowTemplate, n => $"<td>{n}</td><td>n{n}</td>")
            .Add(t => t.ServerData, (state, token) =>
            {
                if (++calls == 1)
                {
                    firstToken = token;
                    return slow.Task;
                }
                return Task.FromResult(new TableData<int> { Items = [42], TotalItems = 1 });
            }));
        table.WaitForAssertion(() => Assert.Equal(1, calls));

        table.InvokeAsync(() => table.Instance.ReloadServerData());
        table.WaitForAssertion(() => Assert.Equal("42", FirstCell(table)));
        Assert.True(firstToken.IsCancellationRequested);
        slow.SetResult(new TableData<int> { Items = [7, 8], TotalItems = 2 });

        table.WaitForAssertion(() => Assert.Equal("1-1 of 1", PageInformation(table)));
        Assert.Single(table.FindAll("tbody tr"));
    }

    [Fact]
    public void ServerData_NoRows_ShowsTheEmptyContent()
    {
        var table = Render<ReportTable<int>>(p => p
            .Add(t => t.Label, "Numbers")
            .Add(t => t.Columns, Columns)
            .Add(t => t.RowTemplate, n => $"<td>{n}</td>")
            .Add(t => t.NoRecordsContent, "No numbers yet.")
            .Add(t => t.ServerData, (_, _) => Task.FromResult(new TableData<int> { Items = [], TotalItems = 0 })));

        table.WaitForAssertion(() => Assert.Equal("No numbers yet.", table.Find(".mud-table-empty-row").TextContent.Trim()));
        Assert.Equal("0-0 of 0", PageInformation(table));
    }

    private IRenderedComponent<ReportTable<int>> RenderTable(Func<TableState, TableData<int>> server, Action<int>? onRowClick = null) =>
        Render<ReportTable<int>>(p =>
        {
            p.Add(t => t.Label, "Numbers")
                .Add(t => t.Columns, Columns)
                .Add(t => t.RowTemplate, n => $"<td>{n}</td><td>n{n}</td>")
                .Add(t => t.ServerData, (state, _) =>
                {
                    loads.Add(state);
                    return Task.FromResult(server(state));
                });
            if (onRowClick is not null)
            {
                p.Add(t => t.OnRowClick, onRowClick);
            }
        });

    // 1..count, sorted by the table's state and cut to its page.
    private static Func<TableState, TableData<int>> Numbers(int count) => state =>
    {
        var all = Enumerable.Range(1, count);
        var sorted = state.SortDirection == SortDirection.Descending ? all.Reverse() : all;
        return new TableData<int> { Items = [.. sorted.Skip(state.Page * state.PageSize).Take(state.PageSize)], TotalItems = count };
    };

    private static string PageInformation(IRenderedComponent<ReportTable<int>> table) =>
        table.Find(".mud-table-page-number-information").TextContent;

    private static string FirstCell(IRenderedComponent<ReportTable<int>> table) =>
        table.Find("tbody tr td").TextContent;
}

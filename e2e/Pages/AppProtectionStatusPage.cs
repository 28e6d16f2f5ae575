namespace AdminCenter.E2E.Pages;

/// <summary>Apps > Monitor > App protection status: the report, its search and filters, and its CSV export.</summary>
public sealed class AppProtectionStatusPage(IPage page) : AdminPage(page)
{
    private ILocator Table => Page.GetByRole(AriaRole.Table, new() { Name = "App protection status" });

    /// <summary>The report's data rows (the empty-state row is not one).</summary>
    /// <summary>The CSV fields of the first five columns the table shows by default (the export holds every column).</summary>
    public static IReadOnlyList<int> ShownExportFields { get; } = [0, 4, 8, 9, 10];

    public ILocator Rows => Table.Locator("tbody tr").Filter(new() { Has = Page.Locator("td a") });

    public ILocator Row(string text) => Rows.Filter(new() { HasText = text });

    public ILocator Pager => Page.Locator(".mud-table-pagination");

    /// <summary>One of the pager's buttons: First page, Previous page, Next page, Last page.</summary>
    public ILocator PagerButton(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator SearchBox => Page.GetByLabel("Search", new() { Exact = true });

    public ILocator ColumnHeader(string title) => Table.GetByRole(AriaRole.Columnheader, new() { Name = title, Exact = true });

    public ILocator ColumnCheckbox(string title) => Page.GetByRole(AriaRole.Checkbox, new() { Name = title, Exact = true });

    /// <summary>Opens Columns, shows or hides <paramref name="title"/>, and closes the menu again.</summary>
    public async Task SetColumnAsync(string title, bool visible)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Columns", Exact = true }).ClickAsync();
        var checkbox = ColumnCheckbox(title);
        if (await checkbox.IsCheckedAsync() != visible)
        {
            await checkbox.ClickAsync();
        }
        await Expect(checkbox).ToBeCheckedAsync(new() { Checked = visible });
        await CloseColumnsAsync(checkbox);
        await Expect(ColumnHeader(title)).ToHaveCountAsync(visible ? 1 : 0);
    }

    // A click beside the menu (on the page title) closes it, as for an admin; closed before anything else is clicked,
    // since a click on Columns while the menu is still open would close it instead of opening it.
    private async Task CloseColumnsAsync(ILocator anyCheckbox)
    {
        var title = await Heading("Apps | Monitor").BoundingBoxAsync();
        await Page.Mouse.ClickAsync(title!.X + (title.Width / 2), title.Y + (title.Height / 2));
        await Expect(anyCheckbox).ToBeHiddenAsync();
    }

    /// <summary>Opens Columns once, shows or hides every one of <paramref name="titles"/>, and closes the menu again.</summary>
    public async Task SetColumnsAsync(bool visible, params string[] titles)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Columns", Exact = true }).ClickAsync();
        foreach (var title in titles)
        {
            var checkbox = ColumnCheckbox(title);
            if (await checkbox.IsCheckedAsync() != visible)
            {
                await checkbox.ClickAsync();
            }
            await Expect(checkbox).ToBeCheckedAsync(new() { Checked = visible });
        }
        await CloseColumnsAsync(ColumnCheckbox(titles[0]));
        foreach (var title in titles)
        {
            await Expect(ColumnHeader(title)).ToHaveCountAsync(visible ? 1 : 0);
        }
    }

    /// <summary>Types like an admin, one key at a time.</summary>
    public Task TypeSearchAsync(string text) => SearchBox.PressSequentiallyAsync(text, new() { Delay = 20 });

    public Task NextPageAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();

    public async Task OpenThroughNavigationAsync()
    {
        await NavigateAsync("Apps");
        await NavigateAsync("App protection status");
        await Expect(Heading("Apps | Monitor")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "App protection status", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>Filters the report; the database is shared by every e2e test, so tests search for their own rows.</summary>
    /// <summary>Fills the search and waits until the page has applied it (it writes the search into its address).</summary>
    public async Task SearchAsync(string text)
    {
        await Page.GetByLabel("Search", new() { Exact = true }).FillAsync(text);
        await Expect(Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("[?&]search=" + System.Text.RegularExpressions.Regex.Escape(Uri.EscapeDataString(text))));
    }

    /// <summary>Ticks <paramref name="options"/> in the multi-select labelled <paramref name="label"/>, then closes its list.</summary>
    public async Task ChooseAsync(string label, params string[] options)
    {
        await Page.GetByLabel(label, new() { Exact = true }).ClickAsync();
        foreach (var option in options)
        {
            var item = Page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true });
            await item.ClickAsync();
            await Expect(item).ToHaveAttributeAsync("aria-selected", "true");
        }
        // A multi-select stays open while ticking; a click beside it (on the page title) closes it, as for an admin.
        var title = await Heading("Apps | Monitor").BoundingBoxAsync();
        await Page.Mouse.ClickAsync(title!.X + (title.Width / 2), title.Y + (title.Height / 2));
        await Expect(Page.GetByRole(AriaRole.Option, new() { Name = options[0], Exact = true })).ToHaveCountAsync(0);
    }

    /// <summary>The visible cells of every row, in order.</summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> ReadRowsAsync()
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var row in await Rows.AllAsync())
        {
            rows.Add([.. (await row.Locator("td").AllInnerTextsAsync()).Select(text => text.Trim())]);
        }
        return rows;
    }

    /// <summary>Clicks Export and returns the downloaded file's name and text.</summary>
    public async Task<(string FileName, string Text)> ExportAsync()
    {
        var download = await Page.RunAndWaitForDownloadAsync(() =>
            Page.GetByRole(AriaRole.Link, new() { Name = "Export to CSV" }).ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await File.ReadAllTextAsync(path));
    }

    /// <summary>The User report tab's table of one user's apps.</summary>
    public ILocator UserReportRows => Page.GetByRole(AriaRole.Table, new() { Name = "User report", Exact = true }).Locator("tbody tr");

    /// <summary>The "Targeted but not checked in" list's rows.</summary>
    public ILocator TargetedNotCheckedInRows =>
        Page.GetByRole(AriaRole.Table, new() { Name = "Targeted but not checked in", Exact = true }).Locator("tbody tr");

    /// <summary>Presses <paramref name="key"/> on the tab that has the focus now (a tab list keeps it on the selected tab).</summary>
    public async Task PressOnFocusedTabAsync(string key)
    {
        await Page.Locator("[role=tab]:focus").PressAsync(key);
    }

    /// <summary>Expects <paramref name="name"/> to be the selected tab, with the keyboard's focus on it.</summary>
    public async Task ExpectSelectedTabAsync(string name)
    {
        await Expect(Tab(name)).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(Tab(name)).ToBeFocusedAsync();
    }

    /// <summary>The User report's user picker.</summary>
    public ILocator UserReportPicker => Page.GetByLabel("User", new() { Exact = true });

    public async Task OpenUserReportAsync()
    {
        await Tab("User report").ClickAsync();
        await Expect(Tab("User report")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(UserReportPicker).ToBeVisibleAsync();
    }

    /// <summary>Types part of the user's name into the User report's picker and picks them from the suggestions.</summary>
    public async Task PickReportUserAsync(string search, string displayName)
    {
        var picker = UserReportPicker;
        await picker.FillAsync(search);
        await Page.GetByRole(AriaRole.Option).Filter(new() { HasText = displayName }).ClickAsync();
        await Expect(picker).ToHaveValueAsync(displayName);
    }

    /// <summary>Turns the tenant-wide "Targeted but not checked in" filter on or off.</summary>
    public async Task SetTargetedNotCheckedInAsync(bool on)
    {
        var filter = Page.GetByRole(AriaRole.Checkbox, new() { Name = "Targeted but not checked in", Exact = true });
        if (await filter.IsCheckedAsync() != on)
        {
            await filter.ClickAsync();
        }
        await Expect(filter).ToBeCheckedAsync(new() { Checked = on });
    }

    public async Task OpenUserAsync(string displayName)
    {
        await Rows.GetByRole(AriaRole.Link, new() { Name = displayName, Exact = true }).First.ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Heading(displayName)).ToBeVisibleAsync();
    }
}

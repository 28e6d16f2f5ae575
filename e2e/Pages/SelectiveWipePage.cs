namespace AdminCenter.E2E.Pages;

/// <summary>Apps > App selective wipe: the wipe requests table, the Create wipe request pane and the User-Level Wipe list.</summary>
public sealed class SelectiveWipePage(IPage page) : AdminPage(page)
{
    private ILocator Pane => Page.Locator(".side-pane");

    private ILocator Table => Page.GetByRole(AriaRole.Table, new() { Name = "Wipe requests" });

    public ILocator Row(string text) => Table.Locator("tbody tr").Filter(new() { HasText = text });

    public ILocator ColumnHeader(string title) => Table.GetByRole(AriaRole.Columnheader, new() { Name = title, Exact = true });

    public async Task OpenThroughNavigationAsync()
    {
        await NavigateAsync("Apps");
        await NavigateAsync("App selective wipe");
        await Expect(Heading("Apps | App selective wipe")).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Wipe requests", Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>Create wipe request: picks the user found by <paramref name="search"/>, then the device, then Create.</summary>
    public async Task CreateWipeRequestAsync(string search, string userDisplayName, string deviceName)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create wipe request", Exact = true }).ClickAsync();
        await Expect(Pane.GetByRole(AriaRole.Heading, new() { Name = "Create wipe request" })).ToBeVisibleAsync();
        await Pane.GetByLabel("User", new() { Exact = true }).FillAsync(search);
        await Page.GetByRole(AriaRole.Option).Filter(new() { HasText = userDisplayName }).ClickAsync();
        await Expect(Pane.GetByLabel("User", new() { Exact = true })).ToHaveValueAsync(userDisplayName);
        await Pane.GetByLabel("Device", new() { Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Option).Filter(new() { HasText = deviceName }).ClickAsync();
        await Pane.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await UsersPage.WaitForPaneClosedAsync(Pane);
    }

    public Task RefreshAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Refresh", Exact = true }).ClickAsync();
}

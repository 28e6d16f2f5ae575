namespace AdminCenter.E2E.Pages;

/// <summary>Users > All users: the list, the New user and Bulk import users panes, and a user's page.</summary>
public sealed class UsersPage(IPage page) : AdminPage(page)
{
    public ILocator Pane => Page.Locator(".side-pane");

    public ILocator Rows => Page.Locator(".users-table tbody tr");

    public ILocator Row(string text) => Rows.Filter(new() { HasText = text });

    public ILocator ImportSummary => Pane.Locator(".import-summary");

    public ILocator ImportRows => Pane.Locator(".import-report tbody tr");

    public async Task OpenThroughNavigationAsync()
    {
        await NavigateAsync("Users");
        await Expect(Heading("Users | All users")).ToBeVisibleAsync();
    }

    public async Task OpenNewUserPaneAsync()
    {
        await Button("New user").ClickAsync();
        await Expect(Pane.GetByRole(AriaRole.Heading, new() { Name = "New user" })).ToBeVisibleAsync();
    }

    public async Task FillNewUserAsync(string userPrincipalName, string displayName)
    {
        await Pane.GetByLabel("User principal name", new() { Exact = true }).FillAsync(userPrincipalName);
        await Pane.GetByLabel("Display name", new() { Exact = true }).FillAsync(displayName);
    }

    public async Task CreateUserAsync(string userPrincipalName, string displayName)
    {
        await OpenNewUserPaneAsync();
        await FillNewUserAsync(userPrincipalName, displayName);
        await Pane.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(Pane.GetByRole(AriaRole.Heading, new() { Name = "New user" })).ToHaveCountAsync(0);
        await WaitForPaneClosedAsync(Pane);
    }

    /// <summary>Filters the list; the database is shared by every e2e test, so tests search for their own users.</summary>
    public async Task SearchAsync(string text)
    {
        await Page.GetByLabel("Search", new() { Exact = true }).FillAsync(text);
    }

    public async Task OpenImportPaneAsync()
    {
        await Button("Import").ClickAsync();
        await Expect(Pane.GetByRole(AriaRole.Heading, new() { Name = "Bulk import users" })).ToBeVisibleAsync();
    }

    public async Task ImportAsync(string csv)
    {
        await Pane.GetByLabel("CSV", new() { Exact = true }).FillAsync(csv);
        await Pane.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(ImportSummary).ToBeVisibleAsync();
    }

    public ILocator SearchBox => Page.GetByLabel("Search", new() { Exact = true });

    public ILocator PaneField(string label) => Pane.GetByLabel(label, new() { Exact = true });

    public ILocator PaneHeading(string name) => Pane.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true });

    /// <summary>Escape with focus in the pane closes it, as its Cancel does.</summary>
    public async Task PressEscapeInPaneAsync(string paneHeading)
    {
        await Page.Keyboard.PressAsync("Escape");
        await Expect(PaneHeading(paneHeading)).ToHaveCountAsync(0);
        await WaitForPaneClosedAsync(Pane);
    }

    /// <summary>A field of the What if section on a user's page.</summary>
    public ILocator WhatIfField(string label) => Page.Locator(".what-if").GetByLabel(label, new() { Exact = true });

    public ILocator WhatIfResult => Page.GetByTestId("what-if-result");

    public async Task ClosePaneAsync()
    {
        await Pane.GetByRole(AriaRole.Button, new() { Name = "Close", Exact = true }).First.ClickAsync();
        await Expect(Pane.GetByRole(AriaRole.Heading)).ToHaveCountAsync(0);
        await WaitForPaneClosedAsync(Pane);
    }

    public async Task OpenUserAsync(string displayName)
    {
        await Row(displayName).GetByRole(AriaRole.Link, new() { Name = displayName, Exact = true }).ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Heading(displayName)).ToBeVisibleAsync();
    }

    /// <summary>The pane slides out after closing; wait until it is gone so it does not cover the list.</summary>
    internal static Task WaitForPaneClosedAsync(ILocator pane) => Expect(pane).Not.ToBeInViewportAsync();

    private ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
}

/// <summary>Groups > All groups: the list, the New group pane and a group's page with its members.</summary>
public sealed class GroupsPage(IPage page) : AdminPage(page)
{
    public ILocator Pane => Page.Locator(".side-pane");

    public ILocator Row(string text) => Page.Locator(".groups-table tbody tr").Filter(new() { HasText = text });

    public ILocator MemberRows => Page.Locator(".members-table tbody tr");

    public ILocator MemberRow(string text) => MemberRows.Filter(new() { HasText = text });

    public async Task OpenThroughNavigationAsync()
    {
        await NavigateAsync("Groups");
        await Expect(Heading("Groups | All groups")).ToBeVisibleAsync();
    }

    public async Task OpenNewGroupPaneAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "New group", Exact = true }).ClickAsync();
        await Expect(Pane.GetByRole(AriaRole.Heading, new() { Name = "New group" })).ToBeVisibleAsync();
    }

    public async Task FillNewGroupAsync(string name, string description)
    {
        await Pane.GetByLabel("Group name", new() { Exact = true }).FillAsync(name);
        await Pane.GetByLabel("Group description", new() { Exact = true }).FillAsync(description);
    }

    /// <summary>Types into a user picker and picks the suggestion showing <paramref name="userPrincipalName"/>.</summary>
    public async Task PickUserAsync(string pickerLabel, string search, string userPrincipalName)
    {
        await Page.GetByLabel(pickerLabel, new() { Exact = true }).FillAsync(search);
        await Page.GetByRole(AriaRole.Option).Filter(new() { HasText = userPrincipalName }).ClickAsync();
        await Expect(Page.Locator(".picked-users").GetByRole(AriaRole.Listitem, new() { Name = userPrincipalName })).ToBeVisibleAsync();
    }

    public async Task CreateAsync()
    {
        await Pane.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(Pane.GetByRole(AriaRole.Heading, new() { Name = "New group" })).ToHaveCountAsync(0);
        await UsersPage.WaitForPaneClosedAsync(Pane);
    }

    public async Task SearchAsync(string text) => await Page.GetByLabel("Search", new() { Exact = true }).FillAsync(text);

    public async Task OpenGroupAsync(string name)
    {
        await Row(name).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Heading(name)).ToBeVisibleAsync();
    }
}

namespace AdminCenter.E2E.Pages;

/// <summary>Endpoint security > Conditional Access: the policy's state and groups.</summary>
public sealed class ConditionalAccessPage(IPage page) : AdminPage(page)
{
    public const string Title = "Endpoint security | Conditional Access";

    public ILocator State => Page.GetByLabel("State", new() { Exact = true });

    private ILocator SaveButton => Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true });

    public ILocator IncludedGroups => Page.Locator(".included-groups tbody");

    public async Task OpenThroughNavigationAsync()
    {
        await NavigateAsync("Endpoint security");
        await Expect(Heading("Endpoint security")).ToBeVisibleAsync();
        await NavigateAsync("Conditional Access");
        await Expect(Heading(Title)).ToBeVisibleAsync();
    }

    public async Task ChooseStateAsync(string state)
    {
        await State.ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = state, Exact = true }).ClickAsync();
        await Expect(State).ToHaveValueAsync(state);
    }

    public async Task AddIncludedGroupAsync(string groupName)
    {
        await Page.GetByLabel("Add included groups").FillAsync(groupName);
        await Page.GetByRole(AriaRole.Option, new() { Name = groupName }).ClickAsync();
        await Expect(IncludedGroups).ToContainTextAsync(groupName);
    }

    /// <summary>Sets the state to Off and removes <paramref name="groupName"/> if it is included, saving only when that changed something.</summary>
    public async Task TurnOffAsync(string groupName)
    {
        await ChooseStateAsync("Off");
        var remove = Page.GetByRole(AriaRole.Button, new() { Name = $"Remove {groupName}", Exact = true });
        if (await remove.CountAsync() > 0)
        {
            await remove.ClickAsync();
            await Expect(remove).ToHaveCountAsync(0);
        }
        if (await SaveButton.IsEnabledAsync())
        {
            await SaveAsync();
        }
    }

    /// <summary>Saves and waits until the page shows the saved policy (Save greys out again).</summary>
    public async Task SaveAsync()
    {
        var state = await State.InputValueAsync();
        await SaveButton.ClickAsync();
        await Expect(Page.GetByText($"Saved the Conditional Access policy: {state}.")).ToBeVisibleAsync();
        await Expect(SaveButton).ToBeDisabledAsync();
    }
}

/// <summary>Endpoint security > Sign-in logs: every evaluated sign-in, with search and a Result filter.</summary>
public sealed class SignInLogsPage(IPage page) : AdminPage(page)
{
    public const string Title = "Endpoint security | Sign-in logs";

    private ILocator Table => Page.GetByRole(AriaRole.Table, new() { Name = "Sign-in logs" });

    /// <summary>The log's data rows (the empty-state row is not one).</summary>
    public ILocator Rows => Table.Locator("tbody tr").Filter(new() { Has = Page.Locator(".result-chip") });

    public ILocator Row(string text) => Rows.Filter(new() { HasText = text });

    /// <summary>The cell of <paramref name="row"/> under <paramref name="column"/> (Time, User, Device, App, Result, Reasons).</summary>
    public static ILocator Cell(ILocator row, string column) => row.Locator($"td[data-label='{column}']");

    public async Task OpenThroughNavigationAsync()
    {
        await NavigateAsync("Endpoint security");
        await NavigateAsync("Sign-in logs");
        await Expect(Heading(Title)).ToBeVisibleAsync();
    }

    /// <summary>The database is shared by every e2e test, so tests search for their own users.</summary>
    public Task SearchAsync(string text) => Page.GetByLabel("Search by user", new() { Exact = true }).FillAsync(text);

    public async Task ChooseResultAsync(string result)
    {
        await Page.GetByLabel("Result", new() { Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = result, Exact = true }).ClickAsync();
    }
}

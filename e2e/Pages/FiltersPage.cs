namespace AdminCenter.E2E.Pages;

/// <summary>Tenant administration > Filters: the list, the Create > Managed apps wizard and a filter's page.</summary>
public sealed class FiltersPage(IPage page) : AdminPage(page)
{
    public ILocator Row(string filterName) => Page.GetByRole(AriaRole.Row).Filter(new() { HasText = filterName });

    public ILocator PreviewCount => Page.GetByTestId("filter-preview-count");

    public ILocator PreviewRows => Page.Locator(".filter-preview tbody tr");

    public ILocator RuleText => Page.GetByLabel("Rule syntax", new() { Exact = true });

    public async Task OpenThroughNavigationAsync()
    {
        await NavigateAsync("Tenant administration");
        await NavigateAsync("Filters");
        await Expect(Heading("Tenant administration | Filters")).ToBeVisibleAsync();
    }

    public async Task StartManagedAppsFilterAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Menuitem, new() { Name = "Managed apps" }).ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Heading("Create filter")).ToBeVisibleAsync();
    }

    public async Task FillBasicsAsync(string name, string description)
    {
        await TypeIntoEmptyAsync(Page.GetByLabel("Filter name", new() { Exact = true }), name);
        await TypeIntoEmptyAsync(Page.GetByLabel("Description", new() { Exact = true }), description);
        await Expect(Page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true })).ToBeEnabledAsync();
    }

    public async Task NextAsync(string expectedStep)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Next", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = expectedStep, Exact = true })).ToBeVisibleAsync();
    }

    /// <summary>Writes the rule as text; the builder's rows follow it.</summary>
    public async Task WriteRuleAsync(string rule)
    {
        await RuleText.FillAsync(rule);
        await RuleText.BlurAsync();
        await Expect(Page.Locator(".filter-row").First.GetByLabel("Value")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex(".+"));
    }

    public Task PreviewAsync() => Page.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true }).ClickAsync();

    public async Task CreateAsync(string name)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Heading(name)).ToBeVisibleAsync();
    }
}

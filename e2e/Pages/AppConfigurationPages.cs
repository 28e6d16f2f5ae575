namespace AdminCenter.E2E.Pages;

/// <summary>Apps > App configuration policies (list, Create > Managed apps wizard, Properties) and Apps > Monitor > App configuration status.</summary>
public sealed class AppConfigurationPages(IPage page) : AdminPage(page)
{
    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator Row(string text) => Page.GetByRole(AriaRole.Row).Filter(new() { HasText = text });

    /// <summary>One Edge configuration setting of the Settings step, by its Edge policy name.</summary>
    public ILocator Setting(string name) => Page.GetByRole(AriaRole.Group, new() { Name = $"{name} setting", Exact = true });

    public ILocator StatusRows => Page.Locator(".app-configuration-status tbody tr").Filter(new() { Has = Page.Locator("td a") });

    public async Task OpenListThroughNavigationAsync()
    {
        await NavigateAsync("Apps");
        await NavigateAsync("App configuration policies");
        await Expect(Heading("App configuration policies")).ToBeVisibleAsync();
    }

    public async Task StartManagedAppsPolicyAsync()
    {
        await Button("Create").ClickAsync();
        await Page.GetByRole(AriaRole.Menuitem, new() { Name = "Managed apps" }).ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Heading("Create app configuration policy")).ToBeVisibleAsync();
    }

    public async Task FillBasicsAsync(string name)
    {
        await Page.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await Page.GetByRole(AriaRole.Checkbox, new() { Name = "Microsoft Edge (Windows)" }).CheckAsync();
    }

    public async Task NextAsync(string expectedStep)
    {
        await Button("Next").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = expectedStep, Exact = true })).ToBeVisibleAsync();
    }

    public async Task AddEdgeSettingAsync(string name)
    {
        await Page.GetByLabel("Add Edge configuration setting", new() { Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Option).Filter(new() { HasText = name }).First.ClickAsync();
        await Expect(Setting(name)).ToBeVisibleAsync();
    }

    /// <summary>Types a text value of an Edge setting and leaves the field, as an admin tabbing on does.</summary>
    public async Task SetEdgeTextAsync(string name, string value)
    {
        var field = Setting(name).GetByLabel(name, new() { Exact = true });
        await field.FillAsync(value);
        await field.PressAsync("Tab");
    }

    public async Task AddGeneralSettingAsync(string name, string value)
    {
        await Button("Add general setting").ClickAsync();
        var row = Page.Locator("[role=group][aria-label^='General setting ']").Last;
        await row.GetByLabel("Name", new() { Exact = true }).FillAsync(name);
        await row.GetByLabel("Value", new() { Exact = true }).FillAsync(value);
        await row.GetByLabel("Value", new() { Exact = true }).PressAsync("Tab");
    }

    /// <summary>Picks the assignment filter of an included group (the group row's "Filter for ..." select).</summary>
    public async Task ChooseFilterAsync(string groupName, string filterName)
    {
        await Page.GetByLabel($"Filter for {groupName}", new() { Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = filterName, Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Option, new() { Name = filterName, Exact = true })).ToHaveCountAsync(0);
    }

    public async Task OpenPolicyAsync(string policyName)
    {
        await Row(policyName).GetByRole(AriaRole.Link, new() { Name = policyName }).ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Heading(policyName)).ToBeVisibleAsync();
    }

    public async Task OpenStatusThroughNavigationAsync()
    {
        await NavigateAsync("Apps");
        await NavigateAsync("App configuration status");
        await Expect(Heading("App configuration status")).ToBeVisibleAsync();
    }

    public Task SearchStatusAsync(string text) => Page.GetByLabel("Search", new() { Exact = true }).FillAsync(text);

    public async Task<(string FileName, string Text)> ExportAsync()
    {
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.GetByRole(AriaRole.Link, new() { Name = "Export to CSV" }).ClickAsync());
        return (download.SuggestedFilename, await File.ReadAllTextAsync(await download.PathAsync()));
    }
}

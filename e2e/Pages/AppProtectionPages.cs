namespace AdminCenter.E2E.Pages;

/// <summary>Apps > App protection policies: the list, the Create policy wizard and a policy's Properties.</summary>
public sealed class AppProtectionPages(IPage page) : AdminPage(page)
{
    public ILocator Row(string policyName) => Page.GetByRole(AriaRole.Row).Filter(new() { HasText = policyName });

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public async Task OpenThroughNavigationAsync()
    {
        await NavigateAsync("Apps");
        await NavigateAsync("App protection policies");
        await Expect(Heading("Apps | App protection policies")).ToBeVisibleAsync();
    }

    public async Task StartWindowsPolicyAsync()
    {
        await Button("Create policy").ClickAsync();
        await Page.GetByRole(AriaRole.Menuitem, new() { Name = "Windows" }).ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Heading("Create policy")).ToBeVisibleAsync();
    }

    /// <summary>Opens a MudSelect by its label and picks an option by its visible text.</summary>
    public async Task ChooseAsync(string label, string option)
    {
        await Page.GetByLabel(label, new() { Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true })).ToHaveCountAsync(0);
    }

    public async Task NextAsync(string expectedStep)
    {
        await Button("Next").ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = expectedStep, Exact = true })).ToBeVisibleAsync();
    }

    public async Task OpenPolicyAsync(string policyName)
    {
        await Row(policyName).GetByRole(AriaRole.Link, new() { Name = policyName }).ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Heading(policyName)).ToBeVisibleAsync();
    }

    public async Task EditSectionAsync(string section)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = $"Edit {section}" }).ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Button("Review + save")).ToBeVisibleAsync();
    }

    /// <summary>Review + save, then Save; done when the Properties view is back (the save has landed).</summary>
    public async Task ReviewAndSaveAsync()
    {
        await Button("Review + save").ClickAsync();
        await Expect(Heading("Review + save")).ToBeVisibleAsync();
        await Button("Save").ClickAsync();
        await Expect(Heading("Properties")).ToBeVisibleAsync();
    }

    public ILocator NameField => Page.GetByLabel("Name", new() { Exact = true });

    public ILocator DescriptionField => Page.GetByLabel("Description", new() { Exact = true });

    /// <summary>Leaves the wizard through the breadcrumb, as an admin going back to the list does.</summary>
    public Task ClickListBreadcrumbAsync() =>
        Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Apps | App protection policies", Exact = true }).ClickAsync();

    public Task ClickDialogButtonAsync(string name) => Dialog.GetByRole(AriaRole.Button, new() { Name = name, Exact = true }).ClickAsync();

    public ILocator Summary(string section) => Page.GetByRole(AriaRole.Region, new() { Name = section, Exact = true });

    /// <summary>Opens a policy's Properties by its address, as a bookmark or a link from a report does.</summary>
    public async Task GotoPolicyAsync(string id, string policyName)
    {
        await Page.GotoAsync($"apps/app-protection/{Uri.EscapeDataString(id)}");
        await WaitForInteractiveAsync();
        await Expect(Heading(policyName)).ToBeVisibleAsync();
    }

    /// <summary>The value beside <paramref name="term"/> in the policy's Deployment status.</summary>
    public ILocator DeploymentFact(string term) =>
        Summary("Deployment status").Locator("dt")
            .Filter(new() { HasTextRegex = new System.Text.RegularExpressions.Regex($"^{System.Text.RegularExpressions.Regex.Escape(term)}$") })
            .Locator("xpath=following-sibling::dd[1]");
}

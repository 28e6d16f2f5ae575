namespace AdminCenter.E2E.Pages;

/// <summary>Tenant administration > Tenant status: the Tenant details and Connector status tabs.</summary>
public sealed class TenantStatusPage(IPage page) : AdminPage(page)
{
    public ILocator Tabs => Page.GetByRole(AriaRole.Tab);

    public ILocator ConnectorRows => Page.GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Cell) });

    public ILocator ConnectorRow(string name) => ConnectorRows.Filter(new() { Has = Page.GetByRole(AriaRole.Link, new() { Name = name, Exact = true }) });

    public async Task OpenThroughNavigationAsync()
    {
        await NavigateAsync("Tenant administration");
        await NavigateAsync("Tenant status");
        await Expect(Heading("Tenant status")).ToBeVisibleAsync();
    }

    /// <summary>Follows the connector's name to its page.</summary>
    public async Task OpenConnectorAsync(string name)
    {
        await ConnectorRow(name).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Heading(name)).ToBeVisibleAsync();
    }
}

namespace AdminCenter.E2E.Pages;

/// <summary>Tenant administration > Connectors and tokens > Mobile Threat Defense, and a connector's own page.</summary>
public sealed class MobileThreatDefensePage(IPage page) : AdminPage(page)
{
    private const string PartnerDropdownLabel = "Select the Mobile Threat Defense connector to setup";
    private const string ThresholdLabel = "Number of days until partner is unresponsive";

    public ILocator Row(string partner) => Page.GetByRole(AriaRole.Row).Filter(new() { HasText = partner });

    public ILocator Pane => Page.Locator(".side-pane");

    /// <summary>Walks the left navigation and blade menus, as an admin does.</summary>
    public async Task OpenThroughNavigationAsync()
    {
        await NavigateAsync("Tenant administration");
        await NavigateAsync("Connectors and tokens");
        await NavigateAsync("Mobile Threat Defense");
        await Expect(Heading("Mobile Threat Defense")).ToBeVisibleAsync();
    }

    public async Task OpenAddPaneAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Add Connector" })).ToBeVisibleAsync();
    }

    public async Task SelectPartnerAsync(string partner)
    {
        await Pane.GetByLabel(PartnerDropdownLabel).ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = partner, Exact = true }).ClickAsync();
    }

    public ILocator PartnerOptions => Page.GetByRole(AriaRole.Option);

    public async Task AddConnectorAsync(string partner)
    {
        await OpenAddPaneAsync();
        await SelectPartnerAsync(partner);
        await Pane.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(Row(partner)).ToBeVisibleAsync();
    }

    public async Task OpenConnectorAsync(string partner)
    {
        await Row(partner).GetByRole(AriaRole.Link, new() { Name = partner }).ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Heading(partner)).ToBeVisibleAsync();
    }

    public Task SetThresholdAsync(int days) => Page.GetByLabel(ThresholdLabel).FillAsync(days.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Types into the threshold as an admin does, key by key, then tabs away.</summary>
    public async Task TypeThresholdAndTabAwayAsync(string text)
    {
        var field = Page.GetByLabel(ThresholdLabel);
        await field.ClearAsync();
        await field.PressSequentiallyAsync(text, new() { Delay = 20 });
        await field.PressAsync("Tab");
    }

    public ILocator ThresholdField => Page.GetByLabel(ThresholdLabel);

    public ILocator SaveButton => Page.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true });

    public Task SaveAsync() => SaveButton.ClickAsync();

    /// <summary>Escape inside the Add Connector pane closes it, as Cancel does.</summary>
    public async Task PressEscapeInPaneAsync()
    {
        // The pane puts focus in its dropdown once it is live; Escape from there.
        await Expect(Pane.GetByLabel(PartnerDropdownLabel)).ToBeFocusedAsync();
        await Page.Keyboard.PressAsync("Escape");
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Add Connector" })).ToHaveCountAsync(0);
    }

    public ILocator ThresholdError => Page.Locator(".threshold-field").GetByText("must be a whole number from 1 to 90");

    /// <summary>A row of the connector page's status history whose cause mentions <paramref name="cause"/>.</summary>
    public ILocator HistoryRow(string cause) => Page.GetByRole(AriaRole.Row).Filter(new() { HasText = cause });

    /// <summary>The connector page's sentences on whose reports each platform's app protection evaluation uses.</summary>
    public ILocator DataUse => Page.GetByRole(AriaRole.Region, new() { Name = "Whose data app protection evaluation uses" });

    /// <summary>The warning a connector shows once its classic Conditional Access policy was deleted.</summary>
    public ILocator ClassicPolicyWarning => Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "classic Conditional Access policy" });

    /// <summary>Regenerate on the connector page, as an admin does, and read the secret shown once.</summary>
    public async Task<string> RegenerateSecretAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Regenerate" }).ClickAsync();
        var dialog = Page.GetByRole(AriaRole.Dialog);
        if (await dialog.CountAsync() > 0)
        {
            await dialog.GetByRole(AriaRole.Button, new() { Name = "Regenerate" }).ClickAsync();
        }
        var field = Page.GetByLabel("Partner secret");
        await Expect(field).Not.ToHaveValueAsync("");
        return await field.InputValueAsync();
    }

    public async Task DeleteConnectorAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Heading("Mobile Threat Defense")).ToBeVisibleAsync();
    }
}

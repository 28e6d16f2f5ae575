namespace AdminCenter.E2E.Pages;

/// <summary>Tenant administration > Audit logs: the filtered event list and an event's details pane.</summary>
public sealed class AuditLogsPage(IPage page) : AdminPage(page)
{
    public ILocator Rows => Page.GetByRole(AriaRole.Table, new() { Name = "Audit events" }).GetByRole(AriaRole.Row).Filter(new() { Has = Page.GetByRole(AriaRole.Cell) });

    public ILocator Row(string text) => Rows.Filter(new() { HasText = text });

    public ILocator Details => Page.GetByLabel("Audit event details");

    public ILocator ModifiedProperties => Page.GetByRole(AriaRole.Table, new() { Name = "Modified properties" });

    public ILocator ExportLink => Page.GetByRole(AriaRole.Link, new() { Name = "Export to CSV" });

    public async Task OpenThroughNavigationAsync()
    {
        await NavigateAsync("Tenant administration");
        await NavigateAsync("Audit logs");
        await Expect(Heading("Audit logs")).ToBeVisibleAsync();
    }

    public async Task OpenDetailsAsync(string rowText)
    {
        await Row(rowText).First.ClickAsync();
        await Expect(ModifiedProperties.Or(Details.GetByText("No properties were recorded"))).ToBeVisibleAsync();
    }

    /// <summary>Moves the keyboard's focus onto the row holding <paramref name="rowText"/> as Tab would (from the row above it).</summary>
    public async Task FocusRowByKeyboardAsync(string rowText)
    {
        var row = Row(rowText).First;
        await row.FocusAsync();
        await Page.Keyboard.PressAsync("Shift+Tab");
        await Page.Keyboard.PressAsync("Tab");
        await Expect(row).ToBeFocusedAsync();
    }

    /// <summary>The outline style the focused element is drawn with ("none" when it shows no focus).</summary>
    public Task<string> FocusedOutlineStyleAsync() =>
        Page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");

    public ILocator CloseButton => Details.GetByRole(AriaRole.Button, new() { Name = "Close" });

    public Task CloseDetailsAsync() => CloseButton.ClickAsync();
}

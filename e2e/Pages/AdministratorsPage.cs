namespace AdminCenter.E2E.Pages;

/// <summary>Tenant administration > Administrators, its Add administrator and Manage panes.</summary>
public sealed class AdministratorsPage(IPage page) : AdminPage(page)
{
    private ILocator Pane => Page.Locator(".side-pane");

    public ILocator Row(string email) => Page.GetByRole(AriaRole.Row).Filter(new() { HasText = email });

    public ILocator AddButton => Page.GetByRole(AriaRole.Button, new() { Name = "Add administrator" });

    public ILocator PaneAlert => Pane.GetByRole(AriaRole.Alert);

    /// <summary>Whether every column fits the table's width (nothing hidden behind a horizontal scroll).</summary>
    public Task<bool> AllColumnsFitAsync() =>
        Page.Locator(".administrators-table .mud-table-container").EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth");

    /// <summary>Waits until the side pane has slid out of view (after Done or Escape).</summary>
    public Task WaitForPaneClosedAsync() => Expect(Pane).Not.ToBeInViewportAsync();

    public ILocator ColumnHeader(string name) => Page.GetByRole(AriaRole.Columnheader, new() { Name = name, Exact = true });

    public async Task OpenThroughNavigationAsync()
    {
        await NavigateAsync("Tenant administration");
        await NavigateAsync("Administrators");
        await Expect(Heading("Administrators")).ToBeVisibleAsync();
    }

    /// <summary>Adds an administrator and returns the one-time password the pane shows once, read back from the clipboard.</summary>
    public async Task<string> AddAndCopyPasswordAsync(string email, string displayName, string role)
    {
        await AddButton.ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Add administrator" })).ToBeVisibleAsync();
        await Pane.GetByLabel("Email").FillAsync(email);
        await Pane.GetByLabel("Display name").FillAsync(displayName);
        await Pane.GetByLabel("Roles").ClickAsync();
        var option = Page.GetByRole(AriaRole.Option, new() { Name = role, Exact = true });
        await option.ClickAsync();
        await Expect(option).ToHaveAttributeAsync("aria-selected", "true");
        // A multi-select stays open while ticking; a click beside it (on the pane's heading) closes it, as for an admin.
        var heading = await Pane.GetByRole(AriaRole.Heading, new() { Name = "Add administrator" }).BoundingBoxAsync();
        await Page.Mouse.ClickAsync(heading!.X + (heading.Width / 2), heading.Y + (heading.Height / 2));
        await Expect(option).ToHaveCountAsync(0);
        await Pane.GetByRole(AriaRole.Button, new() { Name = "Add", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Copy the one-time password" })).ToBeVisibleAsync();
        var shown = await Pane.GetByLabel("One-time password").InputValueAsync();
        await Pane.GetByRole(AriaRole.Button, new() { Name = "Copy password" }).ClickAsync();
        await Expect(Page.GetByText("Password copied to the clipboard.")).ToBeVisibleAsync();
        var copied = await Page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(shown, copied);
        await Pane.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(Row(email)).ToContainTextAsync(role);
        return copied;
    }

    public async Task OpenManageAsync(string displayName)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Manage {displayName}", Exact = true }).ClickAsync();
        await Expect(Pane.GetByRole(AriaRole.Button, new() { Name = "Reset password" })).ToBeVisibleAsync();
    }

    public Task DisableAsync() => Pane.GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();

    public Task CloseManageAsync() => Pane.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
}

/// <summary>Change password: My account, and the page an admin with a one-time password is sent to.</summary>
public sealed class ChangePasswordPage(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Name = "Change password" });

    public async Task ChangeAsync(string current, string newPassword, string confirmation)
    {
        await page.GetByLabel("Current password").FillAsync(current);
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync(newPassword);
        await page.GetByLabel("Confirm new password").FillAsync(confirmation);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
    }
}

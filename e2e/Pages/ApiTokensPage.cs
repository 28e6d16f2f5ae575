namespace AdminCenter.E2E.Pages;

/// <summary>Tenant administration > Connectors and tokens > API tokens, and its Create token pane.</summary>
public sealed class ApiTokensPage(IPage page) : AdminPage(page)
{
    private ILocator Pane => Page.Locator(".side-pane");

    public ILocator Row(string name) => Page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });

    public async Task OpenThroughNavigationAsync()
    {
        await NavigateAsync("Tenant administration");
        await NavigateAsync("Connectors and tokens");
        await NavigateAsync("API tokens");
        await Expect(Heading("API tokens")).ToBeVisibleAsync();
    }

    /// <summary>Creates a token through the pane and returns the value it shows once, read back from the clipboard.</summary>
    public async Task<string> CreateAndCopyAsync(string name, string role, string expires)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Create token" })).ToBeVisibleAsync();
        await Pane.GetByLabel("Name").FillAsync(name);
        await Pane.GetByLabel("Role").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = role, Exact = true }).ClickAsync();
        await Pane.GetByLabel("Expires").ClickAsync();
        await Page.GetByRole(AriaRole.Option, new() { Name = expires, Exact = true }).ClickAsync();
        await Pane.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Copy your token" })).ToBeVisibleAsync();
        var shown = await Pane.GetByLabel("Token value").InputValueAsync();
        await Pane.GetByRole(AriaRole.Button, new() { Name = "Copy token" }).ClickAsync();
        await Expect(Page.GetByText("Token copied to the clipboard.")).ToBeVisibleAsync();
        var copied = await Page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal(shown, copied);
        await Pane.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();
        await Expect(Row(name)).ToBeVisibleAsync();
        return copied;
    }

    public ILocator NameProblem => Pane.GetByText("Name is required.");

    public async Task SubmitEmptyCreateAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        await Pane.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
    }

    public async Task RevokeAsync(string name)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = $"Revoke {name}" }).ClickAsync();
        await Page.GetByRole(AriaRole.Button, new() { Name = "Revoke", Exact = true }).ClickAsync();
        await Expect(Row(name)).ToContainTextAsync("Revoked");
    }
}

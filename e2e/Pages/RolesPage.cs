namespace AdminCenter.E2E.Pages;

/// <summary>Tenant administration > Roles, and a role's read-only page.</summary>
public sealed class RolesPage(IPage page) : AdminPage(page)
{
    public ILocator Row(string role) => Page.GetByRole(AriaRole.Row).Filter(new() { HasText = role });

    public ILocator Rows => Page.Locator(".roles-table tbody").GetByRole(AriaRole.Row);

    public ILocator PermissionRow(string category) => Page.Locator(".role-permissions").GetByRole(AriaRole.Row).Filter(new() { HasText = category });

    public async Task OpenThroughNavigationAsync()
    {
        await NavigateAsync("Tenant administration");
        await NavigateAsync("Roles");
        await Expect(Heading("All roles")).ToBeVisibleAsync();
    }

    public async Task SearchAsync(string text)
    {
        await Page.GetByLabel("Search by role name or description").FillAsync(text);
        await Page.GetByLabel("Search by role name or description").PressAsync("Tab");
    }

    public async Task OpenRoleAsync(string role)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = role, Exact = true }).ClickAsync();
        await Expect(Heading(role)).ToBeVisibleAsync();
    }
}

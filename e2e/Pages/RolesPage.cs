namespace AdminCenter.E2E.Pages;

/// <summary>Tenant administration > Roles: the list, a role's page, and the custom role wizard (Create and Edit).</summary>
public sealed class RolesPage(IPage page) : AdminPage(page)
{
    public ILocator Row(string role) => Page.GetByRole(AriaRole.Row).Filter(new() { HasText = role });

    public ILocator Rows => Page.Locator(".roles-table tbody").GetByRole(AriaRole.Row);

    public ILocator BuiltInRows => Rows.Filter(new() { HasText = "Built-in" });

    public ILocator PermissionRow(string category) => Page.Locator(".role-permissions").GetByRole(AriaRole.Row).Filter(new() { HasText = category });

    public ILocator Button(string name) => Page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    public ILocator CreateButton => Page.GetByRole(AriaRole.Link, new() { Name = "Create", Exact = true });

    /// <summary>Why a change of the role was refused (not a snackbar's confirmation).</summary>
    public ILocator Refusal => Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "while it is assigned" });

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

    public async Task StartCreateAsync()
    {
        await CreateButton.ClickAsync();
        await WaitForInteractiveAsync();
        await Expect(Heading("Create custom role")).ToBeVisibleAsync();
    }

    /// <summary>Basics: types the name and description as an admin does, then tabs away.</summary>
    public async Task FillBasicsAsync(string name, string description)
    {
        await TypeIntoEmptyAsync(Page.GetByLabel("Name", new() { Exact = true }), name);
        await TypeIntoEmptyAsync(Page.GetByLabel("Description", new() { Exact = true }), description);
        await Page.Keyboard.PressAsync("Tab");
    }

    /// <summary>Answers Yes or No for one permission, e.g. ("Managed apps/Read", true).</summary>
    public async Task SetPermissionAsync(string permission, bool granted)
    {
        var answer = Page.GetByRole(AriaRole.Radiogroup, new() { Name = permission, Exact = true })
            .GetByRole(AriaRole.Radio, new() { Name = granted ? "Yes" : "No", Exact = true });
        await answer.CheckAsync();
        await Expect(answer).ToBeCheckedAsync();
    }

    public async Task NextAsync(string expectedStep)
    {
        await Button("Next").ClickAsync();
        await Expect(Heading(expectedStep)).ToBeVisibleAsync();
    }

    public async Task CreateAsync(string role)
    {
        await Button("Create").ClickAsync();
        await Expect(Heading(role)).ToBeVisibleAsync();
        await Expect(Button("Delete")).ToBeVisibleAsync();
    }

    /// <summary>Delete on a custom role's page, confirmed in the dialog.</summary>
    public async Task DeleteAsync()
    {
        await Button("Delete").ClickAsync();
        await Page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
    }
}

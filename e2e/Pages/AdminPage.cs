namespace AdminCenter.E2E.Pages;

/// <summary>What every signed-in page shares: the shell's navigation, the account menu, the circuit marker.</summary>
public class AdminPage(IPage page)
{
    protected IPage Page { get; } = page;

    /// <summary>Blazor ignores clicks until its circuit is live; the layout marks that moment.</summary>
    public Task WaitForInteractiveAsync() =>
        Expect(Page.Locator("[data-interactive='true']")).ToHaveCountAsync(1);

    public async Task NavigateAsync(string linkName)
    {
        await Page.GetByRole(AriaRole.Link, new() { Name = linkName, Exact = true }).First.ClickAsync();
        await WaitForInteractiveAsync();
    }

    public async Task ReloadAsync()
    {
        await Page.ReloadAsync();
        await WaitForInteractiveAsync();
    }

    public ILocator Heading(string name) => Page.GetByRole(AriaRole.Heading, new() { Name = name, Exact = true });

    public ILocator Tab(string name) => Page.GetByRole(AriaRole.Tab, new() { Name = name, Exact = true });

    /// <summary>Selects a tab of the page (the user page's Overview, App protection, History, What if).</summary>
    public async Task OpenTabAsync(string name)
    {
        await Tab(name).ClickAsync();
        await Expect(Tab(name)).ToHaveAttributeAsync("aria-selected", "true");
    }

    /// <summary>The left navigation drawer (open: icons and names; collapsed: icons only).</summary>
    public ILocator NavigationDrawer => Page.Locator(".app-nav");

    /// <summary>A tooltip shown on hover, e.g. an area's name beside its icon in the collapsed navigation.</summary>
    public ILocator Tooltip(string text) => Page.Locator(".mud-tooltip").Filter(new() { HasText = text });

    public ILocator NavigationToggle => Page.GetByRole(AriaRole.Button, new() { Name = "Show or hide navigation" });

    /// <summary>The blade menu as a side list (1280 px and wider) or as a menu button (narrower), e.g. "Apps | App protection policies menu".</summary>
    public ILocator BladeMenuList(string title) => Page.GetByRole(AriaRole.Navigation, new() { Name = $"{title} menu", Exact = true });

    public ILocator BladeMenuButton(string title) => Page.GetByRole(AriaRole.Button, new() { Name = $"{title} menu", Exact = true });

    public ILocator ThemeToggle(bool toDark) =>
        Page.GetByRole(AriaRole.Button, new() { Name = toDark ? "Switch to dark theme" : "Switch to light theme", Exact = true });

    public async Task SignOutAsync()
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = AdminCenterE2EDefaults.AdminEmail }).ClickAsync();
        await Page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }
}

internal static class AdminCenterE2EDefaults
{
    public const string AdminEmail = Fixtures.AdminCenterServerFixture.AdminEmail;
}

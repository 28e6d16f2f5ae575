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

    /// <summary>Types key by key at 20 ms, as a fast admin does, into a field that has just appeared.</summary>
    public static Task TypeAsync(ILocator field, string text) => field.PressSequentiallyAsync(text, new() { Delay = 20 });

    /// <summary><see cref="TypeAsync"/> into an empty field, then checks that every keystroke landed in it.</summary>
    public static async Task TypeIntoEmptyAsync(ILocator field, string text)
    {
        await TypeAsync(field, text);
        await Expect(field).ToHaveValueAsync(text);
    }

    /// <summary>Why the primary button beside it is disabled.</summary>
    public ILocator DisabledReason => Page.GetByTestId("disabled-reason");

    /// <summary>The page's "Discard changes?" confirmation, when leaving a form with changes.</summary>
    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);

    /// <summary>The form with its messages in the light and the dark theme, for a person to look at.</summary>
    public async Task SaveScreenshotsAsync(string name)
    {
        var directory = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "pages")).FullName;
        await Page.ScreenshotAsync(new() { Path = Path.Combine(directory, $"{name}-light.png") });
        var toDark = Page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark theme" });
        // A pane's or dialog's overlay covers the app bar: send the click to the theme button itself.
        await toDark.DispatchEventAsync("click");
        var toLight = Page.GetByRole(AriaRole.Button, new() { Name = "Switch to light theme" });
        await Expect(toLight).ToBeVisibleAsync();
        await Page.ScreenshotAsync(new() { Path = Path.Combine(directory, $"{name}-dark.png") });
        await toLight.DispatchEventAsync("click");
        await Expect(toDark).ToBeVisibleAsync();
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

    public Task SignOutAsync() => SignOutAsync(AdminCenterE2EDefaults.AdminEmail);

    /// <summary>The app bar's account button, named by the signed-in admin.</summary>
    public ILocator AccountButton(string email) => Page.GetByRole(AriaRole.Button, new() { Name = email, Exact = true });

    /// <summary>An item of the open account menu ("My account", "Sign out").</summary>
    public ILocator AccountMenuItem(string name) => Page.GetByRole(AriaRole.Menu).GetByRole(AriaRole.Menuitem, new() { Name = name, Exact = true });

    /// <summary>The dark layer beside the navigation when it lies over the page (below 960 px).</summary>
    public ILocator NavigationOverlay => Page.Locator(".mud-drawer-overlay");

    /// <summary>Types <paramref name="groupName"/> into an assignment's group picker and picks it from the list.</summary>
    public async Task AddGroupAsync(string pickerLabel, string groupName)
    {
        await Page.GetByLabel(pickerLabel).FillAsync(groupName);
        // Pick once the list shows the search's answer, as an admin does: on a busy server an option clicked while the
        // list was being replaced by that answer was lost.
        await Expect(Page.GetByRole(AriaRole.Option, new() { Name = groupName })).ToBeVisibleAsync();
        await Expect(Page.GetByRole(AriaRole.Option).Filter(new() { HasNotText = groupName })).ToHaveCountAsync(0);
        await Page.GetByRole(AriaRole.Option, new() { Name = groupName }).ClickAsync();
    }

    /// <summary>Signs out the admin whose account button is named <paramref name="email"/>.</summary>
    public async Task SignOutAsync(string email)
    {
        await Page.GetByRole(AriaRole.Button, new() { Name = email, Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" }).ClickAsync();
        await Expect(Page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
    }
}

internal static class AdminCenterE2EDefaults
{
    public const string AdminEmail = Fixtures.AdminCenterServerFixture.AdminEmail;
}

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

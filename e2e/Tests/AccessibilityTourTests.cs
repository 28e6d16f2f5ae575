using System.Text;
using AdminCenter.Components.Layout;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Demo;
using AdminCenter.E2E.Fixtures;
using AdminCenter.E2E.Pages;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Xunit.Abstractions;

namespace AdminCenter.E2E.Tests;

/// <summary>
/// Walks every page of the demo tenant in both themes: axe's contrast, label, name and ARIA rules on each (WCAG AA),
/// and a screenshot of each at 1400×900 and 1024×768 under <c>TestResults/tour</c> for review.
/// </summary>
[Collection(DemoTenantE2EGroup.Name)]
public sealed class AccessibilityTourTests(DemoServerFixture server, BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly string ScreenshotDirectory = Path.Combine(AppContext.BaseDirectory, "TestResults", "tour");

    /// <summary>WCAG AA contrast, every control named, valid ARIA.</summary>
    private static readonly List<string> Rules =
    [
        "color-contrast", "label", "button-name", "link-name", "select-name", "input-button-name", "image-alt",
        "aria-allowed-attr", "aria-required-attr", "aria-required-children", "aria-required-parent", "aria-roles",
        "aria-valid-attr", "aria-valid-attr-value", "aria-hidden-focus", "aria-command-name", "aria-input-field-name",
        "aria-toggle-field-name", "aria-progressbar-name", "aria-tooltip-name", "nested-interactive",
    ];

    private const string UnknownAddress = "/no-such-page";

    private readonly List<string> _violations = [];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task EveryPage_Theme_MeetsContrastAndNamingRules(bool dark)
    {
        var theme = dark ? "dark" : "light";
        await using var context = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = server.BaseAddress.ToString(),
            ViewportSize = new() { Width = 1400, Height = 900 },
            Locale = "en-US",
        });
        context.SetDefaultTimeout(20_000);
        // The theme cookie the toggle writes: every page below must come up in this theme straight away.
        await context.AddCookiesAsync([new() { Name = ThemePreference.CookieName, Value = ThemePreference.ToCookieValue(dark), Url = server.BaseAddress.ToString() }]);
        var page = await context.NewPageAsync();
        var consoleErrors = new List<string>();
        page.Console += (_, message) =>
        {
            // The unknown address's 404 is expected; the browser reports it as a console error.
            if (message.Type == "error" && !message.Location.Contains(UnknownAddress, StringComparison.Ordinal))
            {
                consoleErrors.Add(message.Text);
            }
        };

        var signIn = new SignInPage(page);
        await signIn.GotoAsync();
        await CheckAsync(page, theme, "sign-in");
        var shell = await signIn.SignInAsync(DemoServerFixture.AdminEmail, DemoServerFixture.AdminPassword);
        await Expect(shell.ThemeToggle(toDark: !dark)).ToBeVisibleAsync();

        await VisitAsync(page, shell, theme, "home", "/", "Home");
        await VisitAsync(page, shell, theme, "tenant-admin", "/tenant-admin", "Tenant administration");
        await VisitAsync(page, shell, theme, "tenant-status", AdminNavigation.TenantStatus.Href, "Tenant status");
        await VisitAsync(page, shell, theme, "tenant-status-connectors", AdminNavigation.TenantStatus.Href + "?tab=connector-status", "Tenant status");
        await VisitAsync(page, shell, theme, "mtd-list", AdminNavigation.MobileThreatDefense.Href, "Mobile Threat Defense");
        await CheckAddConnectorPaneAsync(page, theme);
        await VisitAsync(page, shell, theme, "mtd-connector", AdminNavigation.ConnectorPage(PartnerCatalog.WindowsSecurityCenterId), "Windows Security Center");
        await VisitAsync(page, shell, theme, "api-tokens", AdminNavigation.ApiTokens.Href, "API tokens");
        await CheckCreateTokenPaneAsync(page, theme);
        await VisitAsync(page, shell, theme, "roles", AdminNavigation.Roles.Href, "Tenant administration | Roles");
        await VisitAsync(page, shell, theme, "role-create", "/tenant-admin/roles/create/custom", "Create custom role");
        await VisitAsync(page, shell, theme, "role", AdminNavigation.RolePage("Intune Administrator"), "Intune Administrator");
        await VisitAsync(page, shell, theme, "administrators", AdminNavigation.Administrators.Href, "Tenant administration | Administrators");
        await VisitAsync(page, shell, theme, "audit-logs", AdminNavigation.AuditLogs.Href, "Audit logs");
        await VisitAsync(page, shell, theme, "filters", AdminNavigation.Filters.Href, "Tenant administration | Filters");
        await VisitAsync(page, shell, theme, "filter-create", AdminNavigation.CreateFilter, "Create filter");

        var policies = new AppProtectionPages(page);
        await VisitAsync(page, shell, theme, "policies", AdminNavigation.AppProtectionPolicies.Href, "Apps | App protection policies");
        await policies.OpenPolicyAsync(DemoTenantSeeder.Level1PolicyName);
        await CheckAsync(page, theme, "policy-properties");
        await CheckWizardAsync(page, shell, policies, theme);

        await VisitAsync(page, shell, theme, "app-protection-status", AdminNavigation.AppProtectionStatus.Href, "Apps | Monitor");
        await VisitAsync(page, shell, theme, "app-configuration", AdminNavigation.AppConfigurationPolicies.Href, "Apps | App configuration policies");
        await VisitAsync(page, shell, theme, "app-configuration-create", AdminNavigation.CreateAppConfigurationPolicy, "Create app configuration policy");
        await VisitAsync(page, shell, theme, "app-configuration-status", AdminNavigation.AppConfigurationStatus.Href, "Apps | Monitor");
        await VisitAsync(page, shell, theme, "selective-wipe", AdminNavigation.AppSelectiveWipe.Href, "Apps | App selective wipe");
        await VisitAsync(page, shell, theme, "conditional-access", AdminNavigation.ConditionalAccess.Href, ConditionalAccessPage.Title);
        await VisitAsync(page, shell, theme, "classic-policies", AdminNavigation.ClassicPolicies.Href, "Classic policies");
        await VisitAsync(page, shell, theme, "sign-in-logs", AdminNavigation.SignInLogs.Href, SignInLogsPage.Title);

        var users = new UsersPage(page);
        await VisitAsync(page, shell, theme, "users", AdminNavigation.AllUsers.Href, "Users | All users");
        await users.SearchAsync("Megan");
        await users.OpenUserAsync("Megan Bowen");
        foreach (var tab in new[] { "Overview", "App protection", "History", "What if" })
        {
            await users.OpenTabAsync(tab);
            await CheckAsync(page, theme, "user-" + tab.ToLowerInvariant().Replace(' ', '-'));
        }

        var groups = new GroupsPage(page);
        await VisitAsync(page, shell, theme, "groups", AdminNavigation.AllGroups.Href, "Groups | All groups");
        await groups.OpenGroupAsync(DemoDirectory.Executives);
        await CheckAsync(page, theme, "group");

        await page.GotoAsync(UnknownAddress);
        await shell.WaitForInteractiveAsync();
        await Expect(shell.Heading("Page not found")).ToBeVisibleAsync();
        await CheckAsync(page, theme, "not-found");

        Assert.True(consoleErrors.Count == 0, "Browser console errors:\n" + string.Join("\n", consoleErrors));
        Assert.True(_violations.Count == 0, $"axe found {_violations.Count} violations in the {theme} theme:\n" + string.Join("\n", _violations));
    }

    private async Task VisitAsync(IPage page, AdminPage shell, string theme, string name, string href, string heading)
    {
        await page.GotoAsync(href);
        await shell.WaitForInteractiveAsync();
        await Expect(shell.Heading(heading)).ToBeVisibleAsync();
        await CheckAsync(page, theme, name);
    }

    /// <summary>The Add Connector pane with its partner list open: the list must open at its field, inside the pane.</summary>
    private async Task CheckAddConnectorPaneAsync(IPage page, string theme)
    {
        var mtd = new MobileThreatDefensePage(page);
        await mtd.OpenAddPaneAsync();
        var field = mtd.Pane.GetByLabel("Select the Mobile Threat Defense connector to setup");
        await field.ClickAsync();
        var list = page.Locator(".mud-popover-open").Filter(new() { Has = page.GetByRole(AriaRole.Option) });
        await Expect(list).ToBeVisibleAsync();
        // Axe would measure the list's fade-in (half-transparent text) otherwise.
        await Expect(list).ToHaveCSSAsync("opacity", "1");
        var fieldBox = await field.BoundingBoxAsync();
        var listBox = await list.BoundingBoxAsync();
        Assert.NotNull(fieldBox);
        Assert.NotNull(listBox);
        Assert.True(Math.Abs(listBox.X - fieldBox.X) < 24 && listBox.Y >= fieldBox.Y - 4 && listBox.Y < fieldBox.Y + fieldBox.Height + 80,
            $"the partner list opens at ({listBox.X}, {listBox.Y}), its field is at ({fieldBox.X}, {fieldBox.Y})");
        await CheckAsync(page, theme, "add-connector-pane-open-list");
        await page.Keyboard.PressAsync("Escape");
        await Expect(list).ToHaveCountAsync(0);
        await mtd.Pane.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Add Connector" })).ToHaveCountAsync(0);
    }

    /// <summary>The Create token pane, with the messages its fields show when Create is selected empty.</summary>
    private async Task CheckCreateTokenPaneAsync(IPage page, string theme)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Create token" }).ClickAsync();
        var pane = page.Locator(".side-pane");
        await pane.GetByRole(AriaRole.Button, new() { Name = "Create", Exact = true }).ClickAsync();
        await Expect(pane.GetByText("Name is required.")).ToBeVisibleAsync();
        await CheckAsync(page, theme, "create-token-pane");
        await pane.GetByRole(AriaRole.Button, new() { Name = "Cancel", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Create token" })).ToHaveCountAsync(0);
    }

    /// <summary>Every step of the Create policy wizard, without creating the policy.</summary>
    private async Task CheckWizardAsync(IPage page, AdminPage shell, AppProtectionPages policies, string theme)
    {
        await page.GotoAsync(AdminNavigation.CreateWindowsPolicy);
        await shell.WaitForInteractiveAsync();
        await Expect(shell.Heading("Create policy")).ToBeVisibleAsync();
        await CheckAsync(page, theme, "wizard-1-basics");
        await policies.ChooseAsync("Start from a template", "Level 2 enhanced data protection");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync($"Accessibility tour {theme} {Guid.NewGuid():N}");
        var step = 2;
        foreach (var next in new[] { "Apps", "Data protection", "Health checks", "Scope tags", "Assignments", "Review + create" })
        {
            await policies.NextAsync(next);
            await CheckAsync(page, theme, $"wizard-{step++}-{next.ToLowerInvariant().Replace(" + ", "-").Replace(' ', '-')}");
        }
    }

    /// <summary>Runs axe over the page as it is now, records one result line, and saves both screenshots.</summary>
    private async Task CheckAsync(IPage page, string theme, string name)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "rule", Values = Rules } });
        var nodes = result.Violations.Sum(v => v.Nodes.Length);
        output.WriteLine($"axe {theme,-5} {name,-32} {(nodes == 0 ? "pass" : $"{nodes} violations")} ({result.Passes.Length} rules passed)");
        foreach (var violation in result.Violations)
        {
            foreach (var node in violation.Nodes)
            {
                var line = new StringBuilder($"  {theme} {name}: {violation.Id}: {node.Target}");
                line.Append(" — ").Append(node.Any.Concat(node.All).Concat(node.None).FirstOrDefault()?.Message);
                line.Append(" — ").Append(node.Html.Length > 160 ? node.Html[..160] : node.Html);
                _violations.Add(line.ToString());
                output.WriteLine(line.ToString());
            }
        }

        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, $"{name}-{theme}-1400.png"), FullPage = true });
        var shell = new AdminPage(page);
        var signedIn = await shell.NavigationDrawer.CountAsync() > 0;
        await page.SetViewportSizeAsync(1024, 768);
        if (signedIn)
        {
            // Below 1280 px the navigation collapses to its icons once the layout hears of the new width.
            await Expect(shell.NavigationDrawer).ToHaveCSSAsync("width", "56px");
        }
        await page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotDirectory, $"{name}-{theme}-1024.png"), FullPage = true });
        await page.SetViewportSizeAsync(1400, 900);
        if (signedIn)
        {
            await Expect(shell.NavigationDrawer).ToHaveCSSAsync("width", "240px");
        }
    }
}

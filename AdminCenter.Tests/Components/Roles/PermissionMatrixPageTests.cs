using AdminCenter.Components.Pages.Apps.AppConfiguration;
using AdminCenter.Components.Pages.Apps.AppProtection;
using AdminCenter.Components.Pages.Apps.Monitor;
using AdminCenter.Components.Pages.Apps.SelectiveWipe;
using AdminCenter.Components.Pages.EndpointSecurity;
using AdminCenter.Components.Pages.Groups;
using AdminCenter.Components.Pages.TenantAdmin.Administrators;
using AdminCenter.Components.Pages.TenantAdmin.AuditLogs;
using AdminCenter.Components.Pages.TenantAdmin.ConnectorsAndTokens.ApiTokens;
using AdminCenter.Components.Pages.TenantAdmin.ConnectorsAndTokens.MobileThreatDefense;
using AdminCenter.Components.Pages.TenantAdmin.Filters;
using AdminCenter.Components.Pages.TenantAdmin.Roles;
using AdminCenter.Components.Pages.TenantAdmin.TenantStatus;
using AdminCenter.Components.Pages.Users;
using AdminCenter.Core.Audit;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Roles;
using AdminCenter.Core.TenantStatus;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Core.Wipe;
using AdminCenter.Hosting;
using AdminCenter.Tests.Core.Roles;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminCenter.Tests.Components.Roles;

/// <summary>
/// Spec 06, Enforcement, through the pages: an admin of every built-in role opening every page's
/// route directly sees "You don't have permission to view this page" exactly when the role lacks the page's permission,
/// and the page otherwise. The page table also holds the routes of <see cref="PermissionMatrix"/>'s actions.
/// </summary>
public sealed class PermissionMatrixPageTests : MudTestContext
{
    private static Permission Read(PermissionCategory category) => new(category, PermissionAction.Read);

    /// <summary>Every routable page, its component and the permission a direct URL needs (null: every signed-in admin).</summary>
    public static IReadOnlyList<(string Route, Type Page, Permission? Needed)> Pages { get; } =
    [
        (PermissionMatrix.PoliciesRoute, typeof(AppProtectionPoliciesPage), Read(PermissionCategory.ManagedApps)),
        (PermissionMatrix.PolicyRoute, typeof(PolicyPropertiesPage), Read(PermissionCategory.ManagedApps)),
        (PermissionMatrix.CreatePolicyRoute, typeof(CreateWindowsPolicyPage), PermissionMatrix.ManagedApps(PermissionAction.Create)),
        (PermissionMatrix.AppProtectionStatusRoute, typeof(AppProtectionStatusPage), Read(PermissionCategory.ManagedApps)),
        (PermissionMatrix.AppConfigurationsRoute, typeof(AppConfigurationPoliciesPage), Read(PermissionCategory.ManagedApps)),
        (PermissionMatrix.AppConfigurationRoute, typeof(AppConfigurationPropertiesPage), Read(PermissionCategory.ManagedApps)),
        (PermissionMatrix.CreateAppConfigurationRoute, typeof(CreateAppConfigurationPage), PermissionMatrix.ManagedApps(PermissionAction.Create)),
        (PermissionMatrix.AppConfigurationStatusRoute, typeof(AppConfigurationStatusPage), Read(PermissionCategory.ManagedApps)),
        (PermissionMatrix.SelectiveWipeRoute, typeof(AppSelectiveWipePage), Read(PermissionCategory.ManagedApps)),
        (PermissionMatrix.MtdRoute, typeof(MobileThreatDefensePage), Read(PermissionCategory.MobileThreatDefense)),
        (PermissionMatrix.MtdConnectorRoute, typeof(MobileThreatDefenseConnectorPage), Read(PermissionCategory.MobileThreatDefense)),
        (PermissionMatrix.ClassicPoliciesRoute, typeof(ClassicPoliciesPage), Read(PermissionCategory.MobileThreatDefense)),
        (PermissionMatrix.ConditionalAccessRoute, typeof(ConditionalAccessPage), Read(PermissionCategory.Organization)),
        ("/endpoint-security/sign-in-logs", typeof(SignInLogsPage), Read(PermissionCategory.AuditData)),
        (PermissionMatrix.UsersRoute, typeof(AllUsersPage), Read(PermissionCategory.Organization)),
        (PermissionMatrix.UserRoute, typeof(UserPage), Read(PermissionCategory.Organization)),
        (PermissionMatrix.GroupsRoute, typeof(AllGroupsPage), Read(PermissionCategory.Organization)),
        (PermissionMatrix.GroupRoute, typeof(GroupPage), Read(PermissionCategory.Organization)),
        ("/tenant-admin/tenant-status", typeof(TenantStatusPage), Read(PermissionCategory.Organization)),
        ("/tenant-admin/audit-logs", typeof(AuditLogsPage), Read(PermissionCategory.AuditData)),
        (PermissionMatrix.ApiTokensRoute, typeof(ApiTokensPage), Read(PermissionCategory.IntuneRoles)),
        (PermissionMatrix.AdministratorsRoute, typeof(AdministratorsPage), Read(PermissionCategory.IntuneRoles)),
        (PermissionMatrix.RolesRoute, typeof(RolesPage), Read(PermissionCategory.IntuneRoles)),
        (PermissionMatrix.RoleRoute, typeof(RolePage), Read(PermissionCategory.IntuneRoles)),
        (PermissionMatrix.CreateRoleRoute, typeof(RoleWizardPage), PermissionMatrix.IntuneRoles(PermissionAction.Create)),
        (PermissionMatrix.EditRoleRoute, typeof(RoleWizardPage), PermissionMatrix.IntuneRoles(PermissionAction.Update)),
        (PermissionMatrix.FiltersRoute, typeof(FiltersPage), Read(PermissionCategory.Filters)),
        (PermissionMatrix.FilterRoute, typeof(FilterPage), Read(PermissionCategory.Filters)),
        (PermissionMatrix.CreateFilterRoute, typeof(FilterWizardPage), PermissionMatrix.FiltersPermission(PermissionAction.Create)),
        (PermissionMatrix.EditFilterRoute, typeof(FilterWizardPage), PermissionMatrix.FiltersPermission(PermissionAction.Update)),
        // Hubs, the admin's own account and the error pages show nothing that needs a permission.
        ("/", typeof(AdminCenter.Components.Pages.HomePage), null),
        ("/apps", typeof(AdminCenter.Components.Pages.Apps.AppsPage), null),
        ("/endpoint-security", typeof(EndpointSecurityPage), null),
        ("/tenant-admin", typeof(AdminCenter.Components.Pages.TenantAdmin.TenantAdministrationPage), null),
        ("/tenant-admin/connectors", typeof(AdminCenter.Components.Pages.TenantAdmin.ConnectorsAndTokens.ConnectorsAndTokensPage), null),
        ("/not-found", typeof(AdminCenter.Components.Pages.NotFound), null),
        ("/Error", typeof(AdminCenter.Components.Pages.Error), null),
        ("/Account/Login", typeof(AdminCenter.Components.Account.Pages.Login), null),
        ("/Account/ChangePassword", typeof(AdminCenter.Components.Account.Pages.ChangePassword), null),
    ];

    public PermissionMatrixPageTests()
    {
        Services.AddSingleton<ConditionalAccessService>();
        Services.AddSingleton<AdminCenter.Core.AppConfiguration.AppConfigurationPolicyService>();
        Services.AddSingleton<AdminCenter.Core.AppConfiguration.AppConfigurationStatusQueries>();
        Services.AddSingleton<ClassicPolicyService>();
        Services.AddSingleton<WipeService>();
        Services.AddSingleton<UserImportService>();
        Services.AddSingleton<AuditEventQueries>();
        Services.AddSingleton<TenantStatusService>();
        Services.AddSingleton(Options.Create(new TenantOptions { Name = "Contoso" }));
        Services.AddDataProtection();
        Services.AddScoped(_ => Database.CreateDbContext());
        Services.AddIdentityCore<AdminUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<AdminCenter.Core.Persistence.AdminCenterDbContext>();
        Services.AddSingleton<AdministratorService>();
    }

    // Built-in roles: a page learns its admin's permissions from the role claims (CurrentActor), which resolve custom roles
    // only once custom roles are stored; the custom role is held to the matrix through the services meanwhile.
    public static TheoryData<string, string> PageCases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var role in BuiltInRoles.All)
        {
            foreach (var (route, _, needed) in Pages.Where(page => page.Needed is not null))
            {
                cases.Add(role.Name, route);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(PageCases))]
    public void Page_RoleTimesDirectUrl_NoPermissionExactlyWhenTheRoleLacksThePagesPermission(string roleName, string route)
    {
        var role = PermissionMatrix.Role(roleName);
        var (_, page, needed) = Pages.Single(p => p.Route == route);
        SignInAs(role);
        RenderPopoverProvider();

        var cut = Render(builder =>
        {
            builder.OpenComponent(0, page);
            builder.AddMultipleAttributes(1, RouteParameters(route).Select(parameter => KeyValuePair.Create(parameter, (object)"no-such-item")));
            builder.CloseComponent();
        });

        if (role.Allows(needed!.Value))
        {
            cut.WaitForAssertion(() => Assert.NotEmpty(cut.Find(".blade-content").Children));
            Assert.Empty(cut.FindAll("[data-testid=no-permission]"));
        }
        else
        {
            cut.WaitForAssertion(() => Assert.Contains(needed.Value.ToString(), cut.Find("[data-testid=no-permission]").TextContent, StringComparison.Ordinal));
            Assert.Contains("You don't have permission to view this page", cut.Markup, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Pages_EveryRoutableComponentAndEveryMatrixRoute_IsInThePageTable()
    {
        var routed = typeof(AdminCenter.Components.Display.NoPermission).Assembly.GetTypes()
            .SelectMany(type => type.GetCustomAttributes(typeof(RouteAttribute), inherit: false).Cast<RouteAttribute>().Select(route => (route.Template, type)))
            .ToList();
        var table = Pages.Select(page => (page.Route, page.Page)).ToList();

        Assert.Equal(routed.OrderBy(r => r.Template, StringComparer.Ordinal), table.OrderBy(r => r.Route, StringComparer.Ordinal));
        var matrixRoutes = PermissionMatrix.Rows.SelectMany(row => row.UiRoutes).Distinct().ToList();
        Assert.All(matrixRoutes, route => Assert.Contains(route, table.Select(page => page.Route)));
    }

    [Theory]
    [MemberData(nameof(ActionCases))]
    public void MatrixRow_ReachedFromAPage_ThatPageOpensForEveryRoleThatMayTakeTheAction(string actionName)
    {
        // An action a role may take must not sit behind a page the role may not open.
        var row = PermissionMatrix.Row(actionName);
        foreach (var role in PermissionMatrix.Roles.Where(role => PermissionMatrix.Allows(role, row)))
        {
            foreach (var route in row.UiRoutes.Where(route => Pages.Any(page => page.Route == route && page.Needed is not null)))
            {
                var needed = Pages.Single(page => page.Route == route).Needed!.Value;
                Assert.True(role.Allows(needed) || route == PermissionMatrix.PoliciesRoute, $"{role.Name} may {row.Name} but not open {route} ({needed})");
            }
        }
    }

    public static TheoryData<string> ActionCases() => [.. PermissionMatrix.Rows.Where(row => row.UiRoutes.Count > 0).Select(row => row.Name)];

    private static IEnumerable<string> RouteParameters(string route) =>
        System.Text.RegularExpressions.Regex.Matches(route, "{([^}]*)}").Select(match => match.Groups[1].Value);
}

using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.Preferences;
using AdminCenter.Core.Roles;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Core.WhatIf;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;

namespace AdminCenter.Tests.TestSupport;

/// <summary>
/// bUnit base for MudBlazor pages: loose JS interop, Mud services without transitions, the real Core services on a
/// private in-memory database, a fixed clock, and a signed-in Global Administrator.
/// </summary>
public abstract class MudTestContext : BunitContext
{
    public const string AdminName = "admin@contoso.onmicrosoft.com";

    // bUnit waits 1 s by default; with every test class running in parallel on 2 cores a render can take longer.
    static MudTestContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected MudTestContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        Clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero));
        Services.AddSingleton<IDbContextFactory<AdminCenterDbContext>>(Database);
        Services.AddSingleton(Database.Settings);
        Services.AddSingleton<TimeProvider>(Clock);
        Services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        Services.AddSingleton<MtdConnectorService>();
        Services.AddSingleton<AppProtectionPolicyService>();
        Services.AddSingleton<AdminCenter.Core.Filters.AssignmentFilterService>();
        Services.AddSingleton<GroupService>();
        Services.AddSingleton<UserService>();
        Services.AddSingleton<AppProtectionStatusQueries>();
        Services.AddSingleton<AppProtectionCoverageQueries>();
        Services.AddSingleton<WhatIfService>();
        Services.AddSingleton<AdminPreferenceService>();
        Services.AddSingleton<AdminCenter.Core.ApiTokens.ApiTokenService>();
        Services.AddSingleton<AdminCenter.Core.Roles.RoleCatalog>();
        Services.AddSingleton<AdminCenter.Core.Roles.CustomRoleService>();
        Authorization = AddAuthorization();
        // Everything but managing roles, administrators and API tokens, as most pages' tests expect.
        SignInAs(BuiltInRoles.IntuneAdministrator, AdminName);
    }

    protected TestDatabase Database { get; } = new();

    /// <summary>The addresses a table page asked the browser to show (PageAddress), oldest first.</summary>
    protected IReadOnlyList<string> AddressWrites() =>
        [.. JSInterop.Invocations[AdminCenter.Components.Display.PageAddress.ReplaceFunction].Select(call => (string)call.Arguments[1]!)];

    protected FakeTimeProvider Clock { get; }

    protected MtdConnectorService Connectors => Services.GetRequiredService<MtdConnectorService>();

    protected AppProtectionPolicyService Policies => Services.GetRequiredService<AppProtectionPolicyService>();

    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Signs in a role that may only read connectors.</summary>
    protected void SignInAsReader() => SignInAs(BuiltInRoles.ReadOnlyOperator, "reader@contoso.onmicrosoft.com");

    /// <summary>Signs in an admin holding <paramref name="role"/> only (its role claim is what the pages' Actor reads).</summary>
    protected void SignInAs(RoleDefinition role, string name = AdminName)
    {
        ArgumentNullException.ThrowIfNull(role);
        Authorization.SetAuthorized(name);
        Authorization.SetRoles(role.Name);
    }

    /// <summary>Popovers (select lists, menus) render here, not inside the component under test.</summary>
    protected IRenderedComponent<MudPopoverProvider> RenderPopoverProvider() => Render<MudPopoverProvider>();

    // xUnit v2 disposes test classes synchronously, but MudBlazor's services are only IAsyncDisposable.
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DisposeAsync().AsTask().GetAwaiter().GetResult();
            Database.Dispose();
            return;
        }
        base.Dispose(disposing);
    }
}

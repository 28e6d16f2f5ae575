using AdminCenter.Api;
using AdminCenter.Components;
using AdminCenter.Components.Account;
using AdminCenter.Core;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using MudBlazor;
using MudBlazor.Services;

namespace AdminCenter.Hosting;

internal static class WebHostingExtensions
{
    /// <summary>Registers the web layer: components, MudBlazor, Identity sign-in, authorization, health checks.</summary>
    public static IServiceCollection AddAdminCenterWeb(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 4000;
        });
        services.Configure<TenantOptions>(configuration.GetSection(TenantOptions.SectionName));

        services.AddSignIn();
        services.AddAdminCenterApi(configuration);
        services.AddScoped<AdminAccess>();
        services.AddDataProtectionKeysBesideDatabase(configuration, environment);
        services.AddHealthChecks().AddDbContextCheck<AdminCenterDbContext>("database");
        return services;
    }

    /// <summary>The request pipeline: security headers, static assets, health, pages and account endpoints.</summary>
    public static WebApplication UseAdminCenterWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
        }
        app.UseInAppNotFoundPage();
        app.UseApiErrorHandling();
        app.UseRateLimiter();
        app.UseSecurityHeaders();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapMonitoringEndpoints();
        app.MapAdminCenterApi();
        return app;
    }

    private static void AddSignIn(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.AccessDeniedPath = "/Account/Login";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
        });

        services.AddIdentityCore<AdminUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                // OWASP ASVS: length over composition rules.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.User.RequireUniqueEmail = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AdminCenterDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicies.ModifyMobileThreatDefense, policy => policy.RequireRole(AdminRoles.MobileThreatDefenseModifiers))
            .AddPolicy(AdminPolicies.ModifyAppProtection, policy => policy.RequireRole(AdminRoles.AppProtectionModifiers));
    }

    /// <summary>Sign-in cookies survive restarts only if the keys do: keep them in a folder beside the database.</summary>
    private static void AddDataProtectionKeysBesideDatabase(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddDataProtection()
            .SetApplicationName("AdminCenter")
            .PersistKeysToFileSystem(new DirectoryInfo(KeysDirectory(configuration, environment)));
    }

    private static string KeysDirectory(IConfiguration configuration, IWebHostEnvironment environment)
    {
        var dataSource = DependencyInjection.ResolveConnectionString(configuration, environment.ContentRootPath).DataSource;
        var databaseDirectory = Path.IsPathFullyQualified(dataSource)
            ? Path.GetDirectoryName(dataSource)!
            : Path.Combine(environment.ContentRootPath, "data");
        return Path.Combine(databaseDirectory, "keys");
    }

    private static void UseSecurityHeaders(this WebApplication app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            // MudBlazor sets inline styles, hence 'unsafe-inline' for styles only.
            headers.ContentSecurityPolicy =
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
                "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; frame-ancestors 'self'; form-action 'self'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "SAMEORIGIN";
            await next();
        });
}

/// <summary>The tenant shown in the top bar.</summary>
public sealed class TenantOptions
{
    public const string SectionName = "Tenant";

    public string Name { get; set; } = "Contoso";
}

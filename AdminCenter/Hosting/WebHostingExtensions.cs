using AdminCenter.Api;
using AdminCenter.Components;
using AdminCenter.Components.Account;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Persistence;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;

namespace AdminCenter.Hosting;

internal static class WebHostingExtensions
{
    /// <summary>Registers the web layer: components, MudBlazor, Identity sign-in, authorization, health checks.</summary>
    public static IServiceCollection AddAdminCenterWeb(this IServiceCollection services, IConfiguration configuration, IWebHostEnvironment environment)
    {
        services.AddRazorComponents().AddInteractiveServerComponents(options =>
        {
            // A closed or dropped tab keeps its whole circuit in memory until then. Two minutes covers a network blip or a
            // laptop lid (Blazor's reconnect UI retries within that) without keeping closed tabs for the default three, and
            // 50 of them at the 1 MB a list page may cost caps that memory at ~50 MB (BENCHMARKS.md, "Serving cost per open tab").
            options.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(2);
            options.DisconnectedCircuitMaxRetained = 50;
        });
        services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 4000;
        });
        services.Configure<TenantOptions>(configuration.GetSection(TenantOptions.SectionName));

        services.AddSignIn();
        services.AddAdminCenterApi(configuration);
        services.AddDataProtectionKeysInDatabase();
        services.AddHealthChecks().AddDbContextCheck<AdminCenterDbContext>("database");
        return services;
    }

    /// <summary>The request pipeline: security headers, static assets, health, pages and account endpoints.</summary>
    public static WebApplication UseAdminCenterWeb(this WebApplication app)
    {
        // First: nothing else runs before start-up's database work is done (Program registers it last: AddDatabaseStartup).
        app.UseMiddleware<DatabaseStartupGate>();
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            // HTTPS only when the server has an HTTPS endpoint (or HTTPS_PORT); behind a TLS proxy both are no-ops on plain HTTP.
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseInAppNotFoundPage();
        app.UseApiErrorHandling();
        // Explicit, so that challenges and redirects pass through the headers and error handling above.
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMustChangePassword();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapMonitoringEndpoints();
        app.MapAppConfigurationStatusEndpoints();
        app.MapAuditLogEndpoints();
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
            options.LoginPath = AccountPaths.SignIn;
            options.AccessDeniedPath = AccountPaths.SignIn;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            // API clients get Graph's 401/403, never a redirect to the HTML sign-in page.
            options.Events.OnRedirectToLogin = context => ApiFallbacks.IsApiPath(context.Request.Path)
                ? GraphErrors.WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "InvalidAuthenticationToken",
                    "Send a valid API token as 'Authorization: Bearer <token>'.")
                : RedirectAsync(context);
            options.Events.OnRedirectToAccessDenied = context => ApiFallbacks.IsApiPath(context.Request.Path)
                ? GraphErrors.WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Forbidden", "The token's role may not do this.")
                : RedirectAsync(context);
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

        // Who may do what is decided by the Actor (Core Roles), where the change is made; here only: signed in. The claims
        // transformation gives each principal the role catalog, so a custom role's holders get exactly its permissions.
        services.AddTransient<Microsoft.AspNetCore.Authentication.IClaimsTransformation, RoleCatalogClaimsTransformation>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
    }

    private static Task RedirectAsync(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Sign-in cookies survive restarts and work on every instance only if the keys do: they live in the database
    /// (spec 08), whichever provider it is.
    /// </summary>
    private static void AddDataProtectionKeysInDatabase(this IServiceCollection services)
    {
        services.AddDataProtection().SetApplicationName("AdminCenter");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(
            options => options.XmlRepository = new DataProtectionKeyRepository(provider.GetRequiredService<DatabaseSettings>())));
    }

    // Set when the response starts, so error responses (whose headers the exception handler clears) carry them too.
    private static void UseSecurityHeaders(this WebApplication app) =>
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                // MudBlazor sets inline styles, hence 'unsafe-inline' for styles only.
                // The API reference page (Scalar, behind sign-in) boots from one inline script carrying a per-response nonce,
                // and its bundle compiles code at run time (it calls eval); only that page gets both allowances.
                var scriptSources = ApiReference.ScriptNonce(context) is { } nonce ? $"'self' 'nonce-{nonce}' 'unsafe-eval'" : "'self'";
                headers.ContentSecurityPolicy =
                    $"default-src 'self'; script-src {scriptSources}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self'; " +
                    "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'";
                headers.XContentTypeOptions = "nosniff";
                headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
                headers.XFrameOptions = "DENY";
                return Task.CompletedTask;
            });
            return next(context);
        });
}

/// <summary>The tenant shown in the top bar.</summary>
public sealed class TenantOptions
{
    public const string SectionName = "Tenant";

    public string Name { get; set; } = "Contoso";
}

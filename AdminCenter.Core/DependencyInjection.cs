using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Filters;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Core.WhatIf;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Core;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the Core layer: the DbContext factory of the configured provider (spec 08), the clock, the services and the background jobs.
    /// Identity itself is added by the web app, on this layer's context.
    /// </summary>
    public static IServiceCollection AddAdminCenterCore(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        services.AddPersistence(configuration, contentRootPath);
        services.AddSingleton(TimeProvider.System);
        services.Configure<BootstrapOptions>(configuration.GetSection(BootstrapOptions.SectionName));
        services.AddScoped<AdminBootstrapper>();
        services.AddSingleton<AdministratorService>();
        services.AddSingleton<ApiTokenService>();
        services.AddSingleton<Roles.RoleCatalog>();
        services.AddSingleton<Roles.CustomRoleService>();
        services.AddConnectors();
        services.AddUsersAndGroups();
        services.AddAppProtection();
        services.AddAssignmentFilters();
        services.AddAppConfiguration();
        services.AddMam();
        services.AddConditionalAccess();
        services.AddWipe();
        services.AddAudit();
        services.AddMonitoring();
        services.AddWhatIf();
        services.AddDemo();
        services.AddPreferences();
        return services;
    }

    private static void AddPersistence(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        var settings = DatabaseSettings.Resolve(configuration, contentRootPath);
        services.AddSingleton(settings);
        services.AddDbContextFactory<AdminCenterDbContext, AdminCenterDbContextFactory>((provider, options) => options
            .UseAdminCenterDatabase(settings)
            .AddInterceptors(provider.GetRequiredService<ReevaluationInterceptor>(), provider.GetRequiredService<ReevaluationInterceptor>().CommitWatcher));
    }

    private static void AddConnectors(this IServiceCollection services)
    {
        services.AddSingleton<MtdConnectorService>();
        services.AddSingleton<TenantStatus.TenantStatusService>();
        services.AddOptions<UnresponsiveConnectorMonitorOptions>();
        services.AddHostedService<UnresponsiveConnectorMonitor>();
    }
}

using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Filters;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Jobs;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Core.WhatIf;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Core;

public static class DependencyInjection
{
    public const string ConnectionStringName = "AdminCenter";

    /// <summary>
    /// Registers the Core layer: the SQLite DbContext factory, the clock, the services and the background jobs.
    /// Identity itself is added by the web app, on this layer's context.
    /// </summary>
    public static IServiceCollection AddAdminCenterCore(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        services.AddPersistence(configuration, contentRootPath);
        services.AddSingleton(TimeProvider.System);
        services.AddJobs(configuration);
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

    /// <summary>
    /// <c>ConnectionStrings__AdminCenter</c>, else <c>data/admincenter.db</c> under the content root (spec 01).
    /// A relative data source is resolved against the content root.
    /// </summary>
    public static SqliteConnectionStringBuilder ResolveConnectionString(IConfiguration configuration, string contentRootPath)
    {
        var builder = new SqliteConnectionStringBuilder(configuration.GetConnectionString(ConnectionStringName)
            ?? $"Data Source={Path.Combine("data", "admincenter.db")}");
        if (builder.DataSource is { Length: > 0 } dataSource && dataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            builder.DataSource = Path.GetFullPath(dataSource, contentRootPath);
        }
        return builder;
    }

    private static void AddPersistence(this IServiceCollection services, IConfiguration configuration, string contentRootPath)
    {
        var connectionString = ResolveConnectionString(configuration, contentRootPath).ToString();
        services.AddDbContextFactory<AdminCenterDbContext>((provider, options) => options
            .UseSqlite(connectionString)
            .AddInterceptors(new SqlitePragmas(), provider.GetRequiredService<ReevaluationInterceptor>(),
                provider.GetRequiredService<ReevaluationInterceptor>().CommitWatcher));
    }

    private static void AddConnectors(this IServiceCollection services)
    {
        services.AddSingleton<MtdConnectorService>();
        services.AddSingleton<TenantStatus.TenantStatusService>();
        services.AddOptions<UnresponsiveConnectorMonitorOptions>();
        services.AddHostedService<UnresponsiveConnectorMonitor>();
    }
}

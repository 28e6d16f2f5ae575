using AdminCenter.Core.Mam;
using Microsoft.Extensions.DependencyInjection;

// In the root namespace, beside AddAdminCenterCore, which composes it without importing the Mam namespace.
namespace AdminCenter.Core;

internal static class MonitoringRegistration
{
    /// <summary>Registers the app protection status report's reads (Apps &gt; Monitor, a user's page, Home tiles), and who app protection reaches (User report, Deployment status).</summary>
    internal static IServiceCollection AddMonitoring(this IServiceCollection services) =>
        services.AddSingleton<AppProtectionStatusQueries>()
            .AddSingleton<AppProtectionCoverageQueries>();
}

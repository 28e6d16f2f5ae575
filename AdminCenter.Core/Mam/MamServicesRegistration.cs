using AdminCenter.Core.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Core.Mam;

internal static class MamServicesRegistration
{
    /// <summary>Registers check-in, health report ingestion, re-evaluation, reason set cleanup and the status counts' fold, with their background workers.</summary>
    public static IServiceCollection AddMam(this IServiceCollection services)
    {
        services.AddSingleton<MamCheckInService>();
        services.AddSingleton<ManagedAppRegistrationQueries>();
        services.AddSingleton<RegistrationReevaluator>();
        services.AddSingleton<ReevaluationRequests>();
        services.AddSingleton<ReevaluationInterceptor>();
        services.AddHostedService<ReevaluationWorker>();
        services.AddSingleton<WalCheckpointer>();
        services.AddHostedService(provider => provider.GetRequiredService<WalCheckpointer>());
        services.AddSingleton<HealthReportIngestion>();
        services.AddHostedService(provider => provider.GetRequiredService<HealthReportIngestion>());
        services.AddOptions<ReasonSetCleanupOptions>();
        services.AddSingleton<ReasonSetCleanup>();
        services.AddHostedService(provider => provider.GetRequiredService<ReasonSetCleanup>());
        services.AddOptions<StatusCountsFoldOptions>();
        services.AddSingleton<StatusCountsFold>();
        services.AddHostedService(provider => provider.GetRequiredService<StatusCountsFold>());
        return services;
    }
}

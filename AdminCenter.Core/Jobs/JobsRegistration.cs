using AdminCenter.Core.Audit;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Wipe;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Core.Jobs;

internal static class JobsRegistration
{
    /// <summary>Configuration section of a job's settings: <c>Jobs:&lt;lease name&gt;</c>, e.g. <c>Jobs__AuditRetention__SweepInterval=06:00:00</c>.</summary>
    public const string SectionName = "Jobs";

    /// <summary>
    /// The job leases, the jobs' shared settings bound to <c>Jobs</c>, and each periodic job's interval bound to
    /// <c>Jobs:&lt;job&gt;</c> (the two-instance tests shorten them).
    /// </summary>
    public static IServiceCollection AddJobs(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<JobLeases>();
        services.AddOptions<BackgroundJobsOptions>().Bind(configuration.GetSection(SectionName));
        Bind<UnresponsiveConnectorMonitorOptions>(services, configuration, nameof(UnresponsiveConnectorMonitor));
        Bind<AuditRetentionOptions>(services, configuration, nameof(AuditRetention));
        Bind<WipeRetentionOptions>(services, configuration, nameof(WipeRequestRetention));
        Bind<ReasonSetCleanupOptions>(services, configuration, nameof(ReasonSetCleanup));
        Bind<StatusCountsFoldOptions>(services, configuration, nameof(StatusCountsFold));
        Bind<ReevaluationWorkerOptions>(services, configuration, nameof(ReevaluationWorker));
        return services;
    }

    private static void Bind<TOptions>(IServiceCollection services, IConfiguration configuration, string job) where TOptions : class =>
        services.AddOptions<TOptions>().Bind(configuration.GetSection($"{SectionName}:{job}"));
}

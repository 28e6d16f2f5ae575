using AdminCenter.Core.Audit;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Jobs;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Wipe;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdminCenter.Tests.Core.Jobs;

public sealed class JobsRegistrationTests
{
    [Fact]
    public void AddJobs_IntervalsInConfiguration_BoundPerJob()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jobs:UnresponsiveConnectorMonitor:CheckInterval"] = "00:00:03",
            ["Jobs:AuditRetention:SweepInterval"] = "00:00:04",
            ["Jobs:WipeRequestRetention:SweepInterval"] = "00:00:05",
            ["Jobs:ReasonSetCleanup:SweepInterval"] = "00:00:06",
            ["Jobs:ReevaluationWorker:CheckInterval"] = "00:00:07",
            ["Jobs:StatusCountsFold:SweepInterval"] = "00:00:08",
            ["Jobs:StartDelay"] = "00:00:09",
        }).Build();

        using var provider = new ServiceCollection().AddJobs(configuration).BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(3), provider.GetRequiredService<IOptions<UnresponsiveConnectorMonitorOptions>>().Value.CheckInterval);
        Assert.Equal(TimeSpan.FromSeconds(4), provider.GetRequiredService<IOptions<AuditRetentionOptions>>().Value.SweepInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), provider.GetRequiredService<IOptions<WipeRetentionOptions>>().Value.SweepInterval);
        Assert.Equal(TimeSpan.FromSeconds(6), provider.GetRequiredService<IOptions<ReasonSetCleanupOptions>>().Value.SweepInterval);
        Assert.Equal(TimeSpan.FromSeconds(7), provider.GetRequiredService<IOptions<ReevaluationWorkerOptions>>().Value.CheckInterval);
        Assert.Equal(TimeSpan.FromSeconds(8), provider.GetRequiredService<IOptions<StatusCountsFoldOptions>>().Value.SweepInterval);
        Assert.Equal(TimeSpan.FromSeconds(9), provider.GetRequiredService<IOptions<BackgroundJobsOptions>>().Value.StartDelay);
    }

    [Fact]
    public void AddJobs_NothingConfigured_KeepsTheDefaults()
    {
        using var provider = new ServiceCollection().AddJobs(new ConfigurationBuilder().Build()).BuildServiceProvider();

        Assert.Equal(TimeSpan.FromMinutes(5), provider.GetRequiredService<IOptions<UnresponsiveConnectorMonitorOptions>>().Value.CheckInterval);
        Assert.Equal(TimeSpan.FromHours(6), provider.GetRequiredService<IOptions<AuditRetentionOptions>>().Value.SweepInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), provider.GetRequiredService<IOptions<BackgroundJobsOptions>>().Value.StartDelay);
    }
}

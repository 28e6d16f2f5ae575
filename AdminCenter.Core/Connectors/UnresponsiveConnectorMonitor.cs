using AdminCenter.Core.Common;
using AdminCenter.Core.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminCenter.Core.Connectors;

public sealed class UnresponsiveConnectorMonitorOptions
{
    /// <summary>How often partner silence is checked; thresholds are whole days, so minutes are precise enough.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>Marks connectors Unresponsive once their partner is silent longer than its threshold (spec 02).</summary>
public sealed class UnresponsiveConnectorMonitor(
    MtdConnectorService connectors,
    JobLeases leases,
    TimeProvider timeProvider,
    IOptions<UnresponsiveConnectorMonitorOptions> options,
    ILogger<UnresponsiveConnectorMonitor> logger) : PeriodicJob(leases, timeProvider, logger)
{
    protected override TimeSpan Interval => options.Value.CheckInterval;

    protected override string JobName => "Checking connectors for partner silence";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => connectors.MarkSilentConnectorsUnresponsiveAsync(cancellationToken);
}

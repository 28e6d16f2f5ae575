using AdminCenter.Core.Common;
using AdminCenter.Core.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminCenter.Core.Audit;

public sealed class AuditRetentionOptions
{
    /// <summary>How often events past their year are removed; a day late is precise enough for a year.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(6);
}

/// <summary>Removes audit events older than a year (spec 06).</summary>
public sealed partial class AuditRetention(
    AuditEventQueries audit,
    JobLeases leases,
    TimeProvider timeProvider,
    IOptions<AuditRetentionOptions> options,
    ILogger<AuditRetention> logger) : PeriodicJob(leases, timeProvider, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override string JobName => "Removing audit events older than a year";

    protected override async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        var removed = await audit.DeleteExpiredAsync(cancellationToken);
        if (removed > 0)
        {
            LogRemoved(removed);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed {Count} audit events older than a year")]
    private partial void LogRemoved(int count);
}

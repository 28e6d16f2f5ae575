using AdminCenter.Core.Common;
using AdminCenter.Core.Jobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AdminCenter.Core.Wipe;

public sealed class WipeRetentionOptions
{
    /// <summary>How often completed requests past their 4 days are deleted; an hour late is precise enough.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>Deletes completed wipe requests 4 days after they completed (spec 04); pending ones stay until deleted.</summary>
public sealed class WipeRequestRetention(
    WipeService wipes,
    JobLeases leases,
    TimeProvider timeProvider,
    IOptions<WipeRetentionOptions> options,
    ILogger<WipeRequestRetention> logger) : PeriodicJob(leases, timeProvider, logger)
{
    protected override TimeSpan Interval => options.Value.SweepInterval;

    protected override string JobName => "Deleting expired wipe requests";

    protected override Task RunOnceAsync(CancellationToken cancellationToken) => wipes.DeleteExpiredAsync(cancellationToken);
}

namespace AdminCenter.Core.Jobs;

/// <summary>
/// A background job whose first turn is not urgent: it starts <see cref="BackgroundJobsOptions.StartDelay"/> after the
/// database is ready rather than at once (<see cref="Persistence.DatabaseStartupRegistration.AddDatabaseStartup"/>).
/// Services that requests wait on (the health-report writer, the WAL checkpointer) are not jobs in this sense.
/// </summary>
public interface IBackgroundJob;

/// <summary>Settings every background job shares, from the <c>Jobs</c> section: <c>Jobs__StartDelay=00:00:05</c>.</summary>
public sealed class BackgroundJobsOptions
{
    /// <summary>
    /// How long after start-up the jobs start. Their first turns each build EF Core's services or translate their first
    /// queries; started together with the server they held both cores and the pool's threads while the first page was
    /// rendered (a restart answered about 0.3 of the empty app's start later: BENCHMARKS.md "Cold start", ninth step).
    /// Nothing they do at start is due within seconds: sweeps run every few minutes or hours, and a re-evaluation left
    /// by a stopped instance waits for its next check anyway.
    /// </summary>
    public TimeSpan StartDelay { get; set; } = TimeSpan.FromSeconds(5);
}

using System.Collections.Concurrent;
using Npgsql;

namespace AdminCenter.E2E.Tests;

/// <summary>One JobRuns row as sampled: the last period a job claimed, when and by which instance.</summary>
internal sealed record JobClaim(string Name, DateTime PeriodStart, DateTime RunDateTime, string Instance);

/// <summary>
/// Samples the JobRuns table (one row per job: the last period claimed) every 100 ms while a test runs, keeping every
/// distinct claim seen. A period is claimed by a conditional update, so a period seen twice with another instance or run
/// time would be a period that ran twice.
/// </summary>
internal sealed class JobRunsObserver : IAsyncDisposable
{
    private readonly string _connectionString;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<JobClaim> _claims = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly Task _sampling;

    public JobRunsObserver(string connectionString)
    {
        _connectionString = connectionString;
        _sampling = Task.Run(SampleAsync);
    }

    /// <summary>Every distinct claim seen so far, in the order first seen.</summary>
    public IReadOnlyList<JobClaim> Claims => _claims.ToArray();

    public IReadOnlyCollection<string> Errors => _errors.ToArray();

    /// <summary>The distinct periods each job was seen to claim.</summary>
    public int PeriodsSeen(string job) => Claims.Where(c => c.Name == job).Select(c => c.PeriodStart).Distinct().Count();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        var seen = new HashSet<JobClaim>();
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_connectionString);
                await connection.OpenAsync(_stop.Token);
                while (!_stop.IsCancellationRequested)
                {
                    await using (var command = new NpgsqlCommand("""SELECT "Name", "LastPeriodStart", "LastRunDateTime", "Instance" FROM "JobRuns" """, connection))
                    await using (var reader = await command.ExecuteReaderAsync(_stop.Token))
                    {
                        while (await reader.ReadAsync(_stop.Token))
                        {
                            var claim = new JobClaim(reader.GetString(0), reader.GetDateTime(1).ToUniversalTime(), reader.GetDateTime(2).ToUniversalTime(), reader.GetString(3));
                            if (seen.Add(claim))
                            {
                                _claims.Enqueue(claim);
                            }
                        }
                    }
                    await Task.Delay(TimeSpan.FromMilliseconds(100), _stop.Token);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (NpgsqlException ex)
            {
                // The table appears with the first instance's migrations; anything else is reported by the test.
                if (ex is not PostgresException { SqlState: PostgresErrorCodes.UndefinedTable })
                {
                    _errors.Enqueue(ex.Message);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(100));
            }
        }
    }
}

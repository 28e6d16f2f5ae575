using AdminCenter.Core.Audit;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Jobs;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Audit;

public sealed class AuditRetentionTests : IAsyncLifetime, IDisposable
{
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private static readonly DateTimeOffset Start = new(2026, 1, 10, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(5);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly MtdConnectorService _connectors;
    private readonly AuditRetention _retention;

    public AuditRetentionTests()
    {
        _connectors = new MtdConnectorService(_database, _time, NullLogger<MtdConnectorService>.Instance);
        _retention = new AuditRetention(new AuditEventQueries(_database, _time), new JobLeases(_database), _time,
            Options.Create(new AuditRetentionOptions { SweepInterval = TimeSpan.FromHours(6) }), NullLogger<AuditRetention>.Instance);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _retention.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        _retention.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task ExecuteAsync_ClockPastOneYear_RemovesOnlyEventsOlderThanAYear()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named("old@contoso.com"));
        _time.Advance(TimeSpan.FromDays(30));
        await _connectors.RegeneratePartnerSecretAsync(Lookout, TestActors.Named("recent@contoso.com"));
        await _retention.StartAsync(CancellationToken.None);
        Assert.Equal(2, await WaitForCountAsync(2));

        _time.Advance(TimeSpan.FromDays(336));

        Assert.Equal(1, await WaitForCountAsync(1));
        await using var db = _database.CreateDbContext();
        Assert.Equal("recent@contoso.com", (await db.AuditEvents.SingleAsync()).InitiatedBy);
    }

    private async Task<int> WaitForCountAsync(int count)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            await using var db = _database.CreateDbContext();
            var current = await db.AuditEvents.CountAsync();
            if (current == count || DateTime.UtcNow > deadline)
            {
                return current;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }
}

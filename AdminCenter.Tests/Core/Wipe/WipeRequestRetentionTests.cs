using AdminCenter.Core.Jobs;
using AdminCenter.Core.Wipe;
using AdminCenter.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Wipe;

public sealed class WipeRequestRetentionTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(5);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly WipeService _wipes;
    private readonly WipeRequestRetention _retention;

    public WipeRequestRetentionTests()
    {
        _wipes = new WipeService(_database, _time, NullLogger<WipeService>.Instance);
        _retention = new WipeRequestRetention(_wipes, new JobLeases(_database), _time, Options.Create(new WipeRetentionOptions { SweepInterval = TimeSpan.FromHours(1) }),
            NullLogger<WipeRequestRetention>.Instance);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _retention.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        _retention.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task ExecuteAsync_ClockPastFourDays_DeletesOnlyRequestsCompletedOverFourDaysAgo()
    {
        var user = await WipeTestData.AddUserAsync(_database, "megan@contoso.com", "Megan Bowen", Start.UtcDateTime);
        var wiped = await WipeTestData.EnrollAsync(_database, user, "device-1", "MEGAN-LAPTOP", Start.UtcDateTime);
        var failed = await WipeTestData.EnrollAsync(_database, user, "device-2", "MEGAN-DESKTOP", Start.UtcDateTime);
        var waiting = await WipeTestData.EnrollAsync(_database, user, "device-3", "MEGAN-TABLET", Start.UtcDateTime);
        await _wipes.CreateManualAsync(wiped.Id, TestActors.Named("admin"));
        var recent = (await _wipes.CreateManualAsync(failed.Id, TestActors.Named("admin"))).Value!;
        var pending = (await _wipes.CreateManualAsync(waiting.Id, TestActors.Named("admin"))).Value!;
        await _wipes.CompleteAsync(wiped.Id, succeeded: true, null);
        _time.Advance(TimeSpan.FromDays(3));
        await _wipes.CompleteAsync(failed.Id, succeeded: false, "Busy");
        await _retention.StartAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));

        var left = await WaitForCountAsync(2);
        Assert.Equal(new[] { recent.Id, pending.Id }.Order(StringComparer.Ordinal), left.Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    private async Task<IReadOnlyList<WipeRequestRow>> WaitForCountAsync(int count)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var items = (await _wipes.ListRequestsAsync(0, 10)).Items;
            if (items.Count == count || DateTime.UtcNow > deadline)
            {
                return items;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(10));
        }
    }
}

using System.Diagnostics;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Persistence;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Connectors;

public sealed class UnresponsiveConnectorMonitorTests : IAsyncLifetime, IDisposable
{
    private const string Actor = "admin@contoso.example";
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private const string Zimperium = "08a8455c-48dd-45ff-ad82-7211355354f3";

    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(5);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly MtdConnectorService _service;
    private readonly UnresponsiveConnectorMonitor _monitor;

    public UnresponsiveConnectorMonitorTests()
    {
        _service = new MtdConnectorService(_database, _time, NullLogger<MtdConnectorService>.Instance);
        _monitor = new UnresponsiveConnectorMonitor(
            _service,
            _time,
            Options.Create(new UnresponsiveConnectorMonitorOptions { CheckInterval = TimeSpan.FromMinutes(5) }),
            NullLogger<UnresponsiveConnectorMonitor>.Instance);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Stops the monitor whatever the test did; xunit calls this before <see cref="Dispose"/>.</summary>
    public Task DisposeAsync() => _monitor.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        _monitor.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task ExecuteAsync_ClockPastThreshold_MarksTheProvisionedConnectorUnresponsive()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _service.RecordHeartbeatAsync(Lookout, null);
        await _monitor.StartAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromDays(8));

        var state = await WaitForStateAsync(Lookout, ConnectorPartnerState.Unresponsive);
        Assert.Equal(ConnectorPartnerState.Unresponsive, state);
        await using var db = CreateSeparateDbContext();
        var last = await db.ConnectorStatusChanges.Where(c => c.ConnectorId == Lookout).OrderByDescending(c => c.Id).FirstAsync();
        Assert.Equal(ConnectorPartnerState.Available, last.PreviousState);
        Assert.Equal(ConnectorPartnerState.Unresponsive, last.State);
        Assert.Equal(Start.UtcDateTime.AddDays(8), last.ChangedDateTime);
    }

    [Fact]
    public async Task ExecuteAsync_ClockBeforeThreshold_LeavesTheConnectorAvailable()
    {
        // Zimperium's 5-day threshold is passed at day 6 while Lookout's 7 days are not: both are checked in the same
        // sweep, so once Zimperium is Unresponsive the sweep that left Lookout alone has certainly run.
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _service.CreateAsync(Zimperium, new MtdConnectorSettings { PartnerUnresponsivenessThresholdInDays = 5 }, TestActors.Named(Actor));
        await _service.RecordHeartbeatAsync(Lookout, null);
        await _service.RecordHeartbeatAsync(Zimperium, null);
        await _monitor.StartAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromDays(6));

        Assert.Equal(ConnectorPartnerState.Unresponsive, await WaitForStateAsync(Zimperium, ConnectorPartnerState.Unresponsive));
        Assert.Equal(ConnectorPartnerState.Available, await ReadStateAsync(Lookout));
    }

    [Fact]
    public async Task StopAsync_RunningMonitor_EndsItsLoop()
    {
        await _monitor.StartAsync(CancellationToken.None);

        await _monitor.StopAsync(CancellationToken.None);

        Assert.NotNull(_monitor.ExecuteTask);
        Assert.True(_monitor.ExecuteTask.IsCompleted);
    }

    /// <summary>Polls with real short delays, bounded by <see cref="WaitLimit"/>, until the stored status is <paramref name="expected"/>.</summary>
    private async Task<ConnectorPartnerState> WaitForStateAsync(string id, ConnectorPartnerState expected)
    {
        var elapsed = Stopwatch.StartNew();
        var state = await ReadStateAsync(id);
        while (state != expected && elapsed.Elapsed < WaitLimit)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(10));
            state = await ReadStateAsync(id);
        }
        return state;
    }

    /// <summary>Reads the stored status directly, without the service's on-read silence check.</summary>
    private async Task<ConnectorPartnerState> ReadStateAsync(string id)
    {
        await using var db = CreateSeparateDbContext();
        return await db.MobileThreatDefenseConnectors.Where(c => c.Id == id).Select(c => c.PartnerState).SingleAsync();
    }

    /// <summary>A context of its own (its own connection), so the read has no side effects while the monitor writes on its background thread.</summary>
    private AdminCenterDbContext CreateSeparateDbContext() => _database.CreateDbContext();
}

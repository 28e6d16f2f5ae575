using AdminCenter.Core.Persistence;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Mam;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Mam;

public sealed class HealthReportIngestionTests : IAsyncLifetime, IDisposable
{
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly HealthReportIngestion _ingestion;

    public HealthReportIngestionTests() => _ingestion = new HealthReportIngestion(_database, _clock, new WalCheckpointer(_database, NullLogger<WalCheckpointer>.Instance), NullLogger<HealthReportIngestion>.Instance);

    public async Task InitializeAsync()
    {
        await _ingestion.StartAsync(CancellationToken.None);
        var connectors = new MtdConnectorService(_database, _clock, NullLogger<MtdConnectorService>.Instance);
        Assert.True((await connectors.CreateAsync(Lookout, null, TestActors.Named("tests"))).Succeeded);
        Assert.True((await connectors.RecordHeartbeatAsync(Lookout, null)).Succeeded);
    }

    public async Task DisposeAsync()
    {
        await _ingestion.StopAsync(CancellationToken.None);
        _ingestion.Dispose();
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task IngestAsync_EmptyBatch_SucceedsWithNoItems()
    {
        var result = await _ingestion.IngestAsync(Lookout, []);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Value!);
    }

    [Fact]
    public async Task IngestAsync_EveryItemRefusedByTheFieldChecks_SucceedsWithARefusalPerItemAndStoresNothing()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        HealthReportInput[] items =
        [
            new(null, null, null, null, null),
            new("a@contoso.com", "com.microsoft.edge", "device-1", "severe", now),
            new("a@contoso.com", "com.microsoft.edge", "device-1", "high", now.AddDays(400)),
            new(null, null, null, null, null, "the item must be a JSON object"),
        ];

        var result = await _ingestion.IngestAsync(Lookout, items);

        Assert.True(result.Succeeded);
        Assert.Equal([0, 1, 2, 3], result.Value!.Select(r => r.Index));
        Assert.All(result.Value!, r => Assert.False(r.Accepted));
        Assert.Contains("userPrincipalName", result.Value![0].Reason, StringComparison.Ordinal);
        Assert.Contains("threatLevel", result.Value![1].Reason, StringComparison.Ordinal);
        Assert.Contains("in the future", result.Value![2].Reason, StringComparison.Ordinal);
        Assert.Equal("the item must be a JSON object", result.Value![3].Reason);
        await using var db = _database.CreateDbContext();
        Assert.Equal(0, await db.HealthReports.CountAsync());
    }

    [Fact]
    public async Task IngestAsync_ItemWithBadText_IsRefusedNamingTheFieldAndTheBatchStillAnswers()
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        HealthReportInput[] items =
        [
            new("a@contoso.com", "com.microsoft.edge", new string(['d', '\uD800']), "high", now),
            new("a\u0000@contoso.com", "com.microsoft.edge", "device-1", "high", now),
            new("a@contoso.com", new string('e', 129), "device-1", "high", now),
            new("nobody@contoso.com", "com.microsoft.edge", "device-1", "high", now),
        ];

        var result = await _ingestion.IngestAsync(Lookout, items);

        Assert.True(result.Succeeded);
        Assert.StartsWith("azureAdDeviceId is not valid Unicode text", result.Value![0].Reason, StringComparison.Ordinal);
        Assert.StartsWith("userPrincipalName contains the control character U+0000", result.Value![1].Reason, StringComparison.Ordinal);
        Assert.StartsWith("appId is 129 characters long", result.Value![2].Reason, StringComparison.Ordinal);
        Assert.StartsWith("unknown user", result.Value![3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_AcceptedReports_KeepsEachInTheHistoryAsSentWithItsTimes()
    {
        await EnrollMeganAsync("device-1", "device-2");
        var received = _clock.GetUtcNow().UtcDateTime;
        // A fraction of a second and a whole second: both forms of SQLite's date text. Microseconds: PostgreSQL's precision.
        var withFraction = received.AddMinutes(-2).AddTicks(1_234_560);
        var wholeSecond = received.AddMinutes(-1);
        HealthReportInput[] items =
        [
            new("MEGAN@contoso.com", WindowsPolicyDraft.EdgeAppId, "device-1", "high", withFraction),
            new("nobody@contoso.com", WindowsPolicyDraft.EdgeAppId, "device-1", "high", withFraction),
            new("megan@contoso.com", WindowsPolicyDraft.EdgeAppId, "device-2", "secured", wholeSecond),
        ];

        var result = await _ingestion.IngestAsync(Lookout, items);

        Assert.Equal([true, false, true], result.Value!.Select(r => r.Accepted));
        await using var db = _database.CreateDbContext();
        var history = await db.HealthReports.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(
            [
                ("MEGAN@contoso.com", "device-1", DeviceThreatLevel.High, withFraction),
                ("megan@contoso.com", "device-2", DeviceThreatLevel.Secured, wholeSecond),
            ],
            history.Select(r => (r.UserPrincipalName, r.AzureAdDeviceId, r.ThreatLevel, r.ReportedDateTime)));
        Assert.All(history, r => Assert.Equal((Lookout, WindowsPolicyDraft.EdgeAppId, received), (r.ConnectorId, r.AppId, r.ReceivedDateTime)));
        // Stored as EF Core stores dates, so its queries compare them.
        Assert.Equal(1, await db.HealthReports.CountAsync(r => r.ReportedDateTime > withFraction));
        Assert.Equal(withFraction, (await db.MamRegistrations.SingleAsync(r => r.AzureAdDeviceId == "device-1")).ThreatReportedDateTime);
    }

    [Fact]
    public async Task IngestAsync_OneDeviceThreeTimesInABatch_KeepsAllAsHistoryAndTheNewestAsItsState()
    {
        await EnrollMeganAsync("device-1");
        var now = _clock.GetUtcNow().UtcDateTime;
        HealthReportInput[] items =
        [
            new("megan@contoso.com", WindowsPolicyDraft.EdgeAppId, "device-1", "high", now.AddMinutes(-3)),
            new("megan@contoso.com", WindowsPolicyDraft.EdgeAppId, "device-1", "secured", now.AddMinutes(-1)),
            new("megan@contoso.com", WindowsPolicyDraft.EdgeAppId, "device-1", "medium", now.AddMinutes(-2)),
        ];

        var result = await _ingestion.IngestAsync(Lookout, items);

        Assert.All(result.Value!, r => Assert.True(r.Accepted));
        await using var db = _database.CreateDbContext();
        Assert.Equal([DeviceThreatLevel.High, DeviceThreatLevel.Secured, DeviceThreatLevel.Medium],
            await db.HealthReports.OrderBy(r => r.Id).Select(r => r.ThreatLevel).ToListAsync());
        var registration = await db.MamRegistrations.SingleAsync();
        Assert.Equal((DeviceThreatLevel.Secured, now.AddMinutes(-1)), (registration.ThreatLevel, registration.ThreatReportedDateTime));
    }

    private async Task EnrollMeganAsync(params string[] devices)
    {
        var enrolled = _clock.GetUtcNow().UtcDateTime;
        await using (var seed = _database.CreateDbContext())
        {
            var user = DirectoryUser.Create("megan@contoso.com", "Megan Bowen", accountEnabled: true, enrolled);
            seed.DirectoryUsers.Add(user);
            foreach (var device in devices)
            {
                seed.MamRegistrations.Add(MamRegistration.Enroll(user.Id, user.UserPrincipalName, WindowsPolicyDraft.EdgeAppId, device, enrolled));
            }
            await seed.SaveChangesAsync();
        }
        _clock.Advance(TimeSpan.FromMinutes(5));
    }
}

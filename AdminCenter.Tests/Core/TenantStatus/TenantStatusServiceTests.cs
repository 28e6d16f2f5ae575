using AdminCenter.Core.Connectors;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.TenantStatus;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.TenantStatus;

public sealed class TenantStatusServiceTests : IDisposable
{
    private const string Actor = "admin@contoso.example";
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private const string Zimperium = "08a8455c-48dd-45ff-ad82-7211355354f3";

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly MtdConnectorService _connectors;
    private readonly TenantStatusService _status;

    public TenantStatusServiceTests()
    {
        _connectors = new MtdConnectorService(_database, _time, NullLogger<MtdConnectorService>.Instance);
        _status = new TenantStatusService(_database, _connectors, _time);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task GetDetailsAsync_TenantWithAUserAndAConnector_CountsThemAndNamesTheDatabase()
    {
        var users = new UserService(_database, _time, NullLogger<UserService>.Instance);
        Assert.True((await users.CreateUserAsync(new UserInput("megan@contoso.com", "Megan"), actor: TestActors.System)).Succeeded);
        await _connectors.CreateAsync(Lookout, null, TestActors.Named(Actor));

        var details = await _status.GetDetailsAsync();

        // Tenant status names the database the tenant really runs on.
        var kind = TestProvider.Current == DatabaseProvider.PostgreSql ? "PostgreSQL" : "SQLite";
        Assert.Equal(new TenantDetails(kind, Users: 1, Groups: 0, Policies: 0, Connectors: 1, Registrations: 0), details);
    }

    [Fact]
    public async Task GetConnectorStatusAsync_ErrorAndSilentConnectors_ListsThemLeastHealthyFirstWithReasons()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _connectors.CreateAsync(Zimperium, null, TestActors.Named(Actor));
        await _connectors.RecordHeartbeatAsync(Lookout, null);
        await _connectors.RecordHeartbeatAsync(Zimperium, null);
        _time.Advance(TimeSpan.FromDays(2));
        await _connectors.RecordHeartbeatAsync(Zimperium, "license expired");

        var rows = await _status.GetConnectorStatusAsync();

        Assert.Equal(
            [
                ("Zimperium", ConnectorHealth.Unhealthy, "The partner reported an error: license expired"),
                ("Lookout for Work", ConnectorHealth.Warning, "No heartbeat for 2 days"),
                ("Windows Security Center", ConnectorHealth.NotEnabled, rows[^1].Reason),
            ],
            rows.Select(r => (r.Name, r.Health, r.Reason)));
    }

    [Fact]
    public async Task GetConnectorStatusAsync_SilentPastItsThreshold_IsMarkedUnresponsiveOnRead()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _connectors.RecordHeartbeatAsync(Lookout, null);
        _time.Advance(TimeSpan.FromDays(8));

        var row = (await _status.GetConnectorStatusAsync())[0];

        Assert.Equal(ConnectorPartnerState.Unresponsive, row.State);
        Assert.Equal("Unresponsive: no heartbeat for 8 days", row.Reason);
    }
}

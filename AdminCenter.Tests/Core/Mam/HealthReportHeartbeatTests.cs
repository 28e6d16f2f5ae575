using AdminCenter.Core.Persistence;
using System.Data.Common;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Mam;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Mam;

/// <summary>
/// A batch's heartbeat with another instance at work (spec 08): an admin's edit of the connector does not make the batch
/// fail, and Last synchronized never moves back.
/// </summary>
public sealed class HealthReportHeartbeatTests : IAsyncLifetime, IDisposable
{
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private const string OtherAdmin = "other.admin@contoso.com";

    private readonly EditConnectorAfterItsRead _edit = new();
    private readonly TestDatabase _database;
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly HealthReportIngestion _ingestion;

    public HealthReportHeartbeatTests()
    {
        _database = new TestDatabase(_edit);
        _ingestion = new HealthReportIngestion(_database, _clock, new WalCheckpointer(_database, NullLogger<WalCheckpointer>.Instance), NullLogger<HealthReportIngestion>.Instance);
    }

    public async Task InitializeAsync()
    {
        await _ingestion.StartAsync(CancellationToken.None);
        var connectors = new MtdConnectorService(_database, _clock, NullLogger<MtdConnectorService>.Instance);
        Assert.True((await connectors.CreateAsync(Lookout, null, TestActors.Named("tests"))).Succeeded);
        Assert.True((await connectors.RecordHeartbeatAsync(Lookout, null)).Succeeded);
        await using var db = _database.CreateDbContext();
        var user = DirectoryUser.Create("megan@contoso.com", "Megan Bowen", accountEnabled: true, _clock.GetUtcNow().UtcDateTime);
        db.DirectoryUsers.Add(user);
        db.MamRegistrations.Add(MamRegistration.Enroll(user.Id, user.UserPrincipalName, WindowsPolicyDraft.EdgeAppId, "device-1", _clock.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
        _clock.Advance(TimeSpan.FromMinutes(5));
    }

    public async Task DisposeAsync()
    {
        await _ingestion.StopAsync(CancellationToken.None);
        _ingestion.Dispose();
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task IngestAsync_ConnectorEditedBetweenReadAndHeartbeat_BatchAcceptedAndHeartbeatStored()
    {
        var before = await ConnectorAsync();
        _edit.Arm();

        var result = await IngestOneAsync();

        Assert.True(_edit.Edited);
        Assert.True(Assert.Single(result.Value!).Accepted);
        var after = await ConnectorAsync();
        Assert.Equal(_clock.GetUtcNow().UtcDateTime, after.LastHeartbeatDateTime);
        Assert.Equal((before.Version + 1, OtherAdmin), (after.Version, after.LastModifiedBy));
    }

    [Fact]
    public async Task IngestAsync_HeartbeatChangesTheStatusWhileTheConnectorIsEdited_BatchAcceptedAndStatusChanged()
    {
        var working = (await ConnectorAsync()).PartnerState;
        await using (var db = _database.CreateDbContext())
        {
            await db.MobileThreatDefenseConnectors.ExecuteUpdateAsync(set => set.SetProperty(c => c.PartnerState, ConnectorPartnerState.Unresponsive));
        }
        _edit.Arm();

        var result = await IngestOneAsync();

        Assert.True(_edit.Edited);
        Assert.True(Assert.Single(result.Value!).Accepted);
        var after = await ConnectorAsync();
        Assert.Equal((working, _clock.GetUtcNow().UtcDateTime, OtherAdmin), (after.PartnerState, after.LastHeartbeatDateTime, after.LastModifiedBy));
    }

    [Fact]
    public async Task IngestAsync_StoredHeartbeatIsNewer_KeepsTheNewer()
    {
        var newer = _clock.GetUtcNow().UtcDateTime.AddMinutes(10);
        await using (var db = _database.CreateDbContext())
        {
            await db.MobileThreatDefenseConnectors.ExecuteUpdateAsync(set => set.SetProperty(c => c.LastHeartbeatDateTime, newer));
        }

        var result = await IngestOneAsync();

        Assert.True(Assert.Single(result.Value!).Accepted);
        Assert.Equal(newer, (await ConnectorAsync()).LastHeartbeatDateTime);
    }

    private Task<ServiceResult<IReadOnlyList<HealthReportItemResult>>> IngestOneAsync() =>
        _ingestion.IngestAsync(Lookout, [new("megan@contoso.com", WindowsPolicyDraft.EdgeAppId, "device-1", "high", _clock.GetUtcNow().UtcDateTime.AddMinutes(-1))]);

    private async Task<MobileThreatDefenseConnector> ConnectorAsync()
    {
        await using var db = _database.CreateDbContext();
        return await db.MobileThreatDefenseConnectors.AsNoTracking().SingleAsync(c => c.Id == Lookout);
    }

    /// <summary>
    /// Once armed, edits the connector as an admin on another instance would (its token moves) right after the batch has
    /// read it, before anything else the batch runs: on the batch's own connection, since SQLite admits one writer.
    /// </summary>
    private sealed class EditConnectorAfterItsRead : DbCommandInterceptor
    {
        private bool _armed;
        private bool _read;

        public bool Edited { get; private set; }

        public void Arm() => _armed = true;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await EditIfDueAsync(command, cancellationToken);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await EditIfDueAsync(command, cancellationToken);
            return result;
        }

        private async Task EditIfDueAsync(DbCommand command, CancellationToken cancellationToken)
        {
            if (!_armed || Edited)
            {
                return;
            }
            if (!_read)
            {
                _read = command.CommandText.Contains("FROM \"MobileThreatDefenseConnectors\"", StringComparison.Ordinal);
                return;
            }
            Edited = true;
            await using var edit = command.Connection!.CreateCommand();
            edit.Transaction = command.Transaction;
            edit.CommandText = $"UPDATE \"MobileThreatDefenseConnectors\" SET \"Version\" = \"Version\" + 1, \"LastModifiedBy\" = '{OtherAdmin}'";
            await edit.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}

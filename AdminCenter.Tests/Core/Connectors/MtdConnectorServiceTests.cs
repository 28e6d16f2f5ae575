using AdminCenter.Core.Common;
using AdminCenter.Core.Connectors;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Connectors;

public sealed class MtdConnectorServiceTests : IDisposable
{
    private const string Actor = "admin@contoso.example";
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private const string Zimperium = "08a8455c-48dd-45ff-ad82-7211355354f3";
    private const string Pradeo = "8d0ed095-8191-4bd3-8a41-953b22d51ff7";
    private const string Wsc = PartnerCatalog.WindowsSecurityCenterId;

    private static readonly DateTimeOffset Start = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly MtdConnectorService _service;

    public MtdConnectorServiceTests()
    {
        _service = new MtdConnectorService(_database, _time, NullLogger<MtdConnectorService>.Instance);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task CreateAsync_WindowsSecurityCenter_IsUnavailableAndPersistsTheHistoryWithTheCause()
    {
        var partnerId = Wsc;

        var result = await _service.CreateAsync(partnerId, null, TestActors.Named(Actor));

        Assert.Equal(ServiceOutcome.Succeeded, result.Outcome);
        Assert.Equal(ConnectorPartnerState.Unavailable, result.Value!.State);
        Assert.True(result.Value.Settings.WindowsMobileApplicationManagementEnabled);
        await using var db = _database.CreateDbContext();
        var connector = await db.MobileThreatDefenseConnectors.SingleAsync();
        Assert.Equal(Wsc, connector.Id);
        Assert.Equal(ConnectorPartnerState.Unavailable, connector.PartnerState);
        Assert.Equal(Actor, connector.LastModifiedBy);
        var change = await db.ConnectorStatusChanges.SingleAsync();
        Assert.Equal(Wsc, change.ConnectorId);
        Assert.Null(change.PreviousState);
        Assert.Equal(ConnectorPartnerState.Unavailable, change.State);
        Assert.Equal(ConnectorStatusMachine.WaitingForAppProtectionCause, change.Cause);
        Assert.Equal(Start.UtcDateTime, change.ChangedDateTime);
    }

    [Fact]
    public async Task VerifyPartnerSecretAsync_AfterRegenerate_AcceptsOnlyTheNewSecret()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        var first = (await _service.RegeneratePartnerSecretAsync(Lookout, TestActors.Named(Actor))).Value!;
        Assert.True(await _service.VerifyPartnerSecretAsync(Lookout, first));

        var second = (await _service.RegeneratePartnerSecretAsync(Lookout, TestActors.Named(Actor))).Value!;

        Assert.False(await _service.VerifyPartnerSecretAsync(Lookout, first));
        Assert.True(await _service.VerifyPartnerSecretAsync(Lookout, second));
        Assert.False(await _service.VerifyPartnerSecretAsync(Lookout, "guess"));
    }

    [Fact]
    public async Task VerifyPartnerSecretAsync_RegeneratedOnAnotherInstance_AcceptsOnlyTheNewSecretAtOnce()
    {
        var otherInstance = new MtdConnectorService(_database, _time, NullLogger<MtdConnectorService>.Instance);
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        var first = (await _service.RegeneratePartnerSecretAsync(Lookout, TestActors.Named(Actor))).Value!;
        Assert.True(await _service.VerifyPartnerSecretAsync(Lookout, first));

        var second = (await otherInstance.RegeneratePartnerSecretAsync(Lookout, TestActors.Named(Actor))).Value!;

        Assert.False(await _service.VerifyPartnerSecretAsync(Lookout, first));
        Assert.True(await _service.VerifyPartnerSecretAsync(Lookout, second));
    }

    [Fact]
    public async Task VerifyPartnerSecretAsync_ConnectorDeletedAndAddedAgain_OldSecretNoLongerWorks()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        var secret = (await _service.RegeneratePartnerSecretAsync(Lookout, TestActors.Named(Actor))).Value!;
        Assert.True(await _service.VerifyPartnerSecretAsync(Lookout, secret));

        await _service.DeleteAsync(Lookout, TestActors.Named(Actor));
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));

        Assert.False(await _service.VerifyPartnerSecretAsync(Lookout, secret));
    }

    [Fact]
    public async Task GetHeartbeatDelete_IdInUpperCase_FindTheConnector()
    {
        var upperCase = Zimperium.ToUpperInvariant();
        await _service.CreateAsync(upperCase, null, TestActors.Named(Actor));

        var found = await _service.GetAsync(upperCase);
        var heartbeat = await _service.RecordHeartbeatAsync(upperCase, null);
        var deleted = await _service.DeleteAsync(upperCase, TestActors.Named(Actor));

        Assert.NotNull(found);
        Assert.Equal(Zimperium, found.Partner.ConnectorId);
        Assert.Equal(ServiceOutcome.Succeeded, heartbeat.Outcome);
        Assert.True(deleted.Succeeded);
    }

    [Fact]
    public async Task CreateAsync_ThirdPartyWithSettings_IsNotSetUpWithTheGivenSettings()
    {
        var settings = new MtdConnectorSettings { AndroidEnabled = true, PartnerUnresponsivenessThresholdInDays = 14 };

        var result = await _service.CreateAsync(Lookout, settings, TestActors.Named(Actor));

        Assert.True(result.Succeeded);
        Assert.Equal(ConnectorPartnerState.NotSetUp, result.Value!.State);
        var stored = await _service.GetAsync(Lookout);
        Assert.Equal(settings, stored!.Settings);
        Assert.Equal(1, stored.Version);
        Assert.Null(stored.LastSynchronizedUtc);
    }

    [Fact]
    public async Task CreateAsync_SamePartnerTwice_IsAConflictAndKeepsOneRow()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));

        var second = await _service.CreateAsync(Lookout, new MtdConnectorSettings { IosEnabled = true }, TestActors.Named("other@contoso.example"));

        Assert.Equal(ServiceOutcome.Conflict, second.Outcome);
        Assert.Null(second.Value);
        Assert.NotNull(second.MessageFor("id"));
        await using var db = _database.CreateDbContext();
        var connector = await db.MobileThreatDefenseConnectors.SingleAsync();
        Assert.False(connector.Settings.IosEnabled);
        Assert.Equal(Actor, connector.LastModifiedBy);
        Assert.Equal(1, await db.ConnectorStatusChanges.CountAsync());
    }

    [Fact]
    public async Task CreateAsync_ThresholdZero_IsInvalidAndSavesNothing()
    {
        var settings = new MtdConnectorSettings { PartnerUnresponsivenessThresholdInDays = 0 };

        var result = await _service.CreateAsync(Lookout, settings, TestActors.Named(Actor));

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.Equal(ConnectorValidator.ThresholdMessage, result.MessageFor("partnerUnresponsivenessThresholdInDays"));
        await using var db = _database.CreateDbContext();
        Assert.Equal(0, await db.MobileThreatDefenseConnectors.CountAsync());
        Assert.Equal(0, await db.ConnectorStatusChanges.CountAsync());
    }

    [Fact]
    public async Task CreateAsync_UnknownPartner_IsInvalidOnId()
    {
        const string unknownId = "not-a-partner";

        var result = await _service.CreateAsync(unknownId, null, TestActors.Named(Actor));

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.NotNull(result.MessageFor("id"));
        Assert.Empty(await _service.ListAsync());
    }

    [Fact]
    public async Task ListPartnersWithoutConnectorAsync_AfterCreatingTwo_ExcludesThemAndSortsByName()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _service.CreateAsync(Wsc, null, TestActors.Named(Actor));

        var partners = await _service.ListPartnersWithoutConnectorAsync();

        Assert.Equal(15, partners.Count);
        Assert.DoesNotContain(partners, p => p.ConnectorId is Lookout or Wsc);
        Assert.Equal(partners.Select(p => p.Name).Order(StringComparer.OrdinalIgnoreCase), partners.Select(p => p.Name));
    }

    [Fact]
    public async Task ListPartnersWithoutConnectorAsync_EmptyTenant_OffersAllSeventeen()
    {
        var service = _service;

        var partners = await service.ListPartnersWithoutConnectorAsync();

        Assert.Equal(17, partners.Count);
    }

    [Fact]
    public async Task ListAsync_Connectors_SortedByNameWithNeverSynchronized()
    {
        await _service.CreateAsync(Zimperium, null, TestActors.Named(Actor));
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _service.CreateAsync(Wsc, null, TestActors.Named(Actor));

        var list = await _service.ListAsync();

        Assert.Equal(["Lookout for Work", "Windows Security Center", "Zimperium"], list.Select(c => c.Name));
        Assert.All(list, c => Assert.Null(c.LastSynchronizedUtc));
    }

    [Fact]
    public async Task UpdateAsync_CurrentVersion_SavesTheSettingsAndBumpsTheVersion()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        var settings = new MtdConnectorSettings { IosEnabled = true, PartnerUnresponsivenessThresholdInDays = 30 };
        _time.Advance(TimeSpan.FromHours(1));

        var result = await _service.UpdateAsync(Lookout, settings, 1, TestActors.Named("editor@contoso.example"));

        Assert.True(result.Succeeded);
        var stored = await _service.GetAsync(Lookout);
        Assert.Equal(settings, stored!.Settings);
        Assert.Equal(2, stored.Version);
        Assert.Equal("editor@contoso.example", stored.LastModifiedBy);
        Assert.Equal(Start.UtcDateTime.AddHours(1), stored.LastModifiedUtc);
    }

    [Fact]
    public async Task UpdateAsync_StaleExpectedVersion_IsAConflictNamingWhoChangedItAndSavesNothing()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        var firstSettings = new MtdConnectorSettings { AndroidEnabled = true };
        await _service.UpdateAsync(Lookout, firstSettings, 1, TestActors.Named("first@contoso.example"));

        var result = await _service.UpdateAsync(Lookout, new MtdConnectorSettings { IosEnabled = true }, 1, TestActors.Named("second@contoso.example"));

        Assert.Equal(ServiceOutcome.Conflict, result.Outcome);
        var problem = Assert.Single(result.Problems);
        Assert.True(problem.IsConflict);
        Assert.Contains("changed by", problem.Message, StringComparison.Ordinal);
        Assert.Contains("first@contoso.example", problem.Message, StringComparison.Ordinal);
        await using var db = _database.CreateDbContext();
        var connector = await db.MobileThreatDefenseConnectors.SingleAsync();
        Assert.Equal(firstSettings, connector.Settings);
        Assert.Equal(2, connector.Version);
        Assert.Equal("first@contoso.example", connector.LastModifiedBy);
    }

    [Fact]
    public async Task UpdateAsync_NoExpectedVersion_OverwritesWhateverIsStored()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _service.UpdateAsync(Lookout, new MtdConnectorSettings { AndroidEnabled = true }, 1, TestActors.Named(Actor));

        var result = await _service.UpdateAsync(Lookout, new MtdConnectorSettings { IosEnabled = true }, null, TestActors.Named(Actor));

        Assert.True(result.Succeeded);
        Assert.Equal(3, result.Value!.Version);
    }

    [Fact]
    public async Task UpdateAsync_AppProtectionPlatformHeldByAnotherPartner_IsRefusedAndSavesNothing()
    {
        await _service.CreateAsync(Zimperium, new MtdConnectorSettings { AndroidMobileApplicationManagementEnabled = true }, TestActors.Named(Actor));
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));

        var result = await _service.UpdateAsync(
            Lookout, new MtdConnectorSettings { AndroidMobileApplicationManagementEnabled = true, IosEnabled = true }, 1, TestActors.Named(Actor));

        Assert.Equal(ServiceOutcome.Invalid, result.Outcome);
        Assert.Contains("Zimperium", result.MessageFor("androidMobileApplicationManagementEnabled"), StringComparison.Ordinal);
        await using var db = _database.CreateDbContext();
        var lookout = await db.MobileThreatDefenseConnectors.SingleAsync(c => c.Id == Lookout);
        Assert.Equal(new MtdConnectorSettings(), lookout.Settings);
        Assert.Equal(1, lookout.Version);
    }

    [Fact]
    public async Task UpdateAsync_OwnAppProtectionSettingsResaved_DoesNotClashWithItself()
    {
        var settings = new MtdConnectorSettings { AndroidMobileApplicationManagementEnabled = true };
        await _service.CreateAsync(Zimperium, settings, TestActors.Named(Actor));

        var result = await _service.UpdateAsync(Zimperium, settings with { IosMobileApplicationManagementEnabled = true }, 1, TestActors.Named(Actor));

        Assert.True(result.Succeeded);
    }

    [Fact]
    public async Task UpdateAsync_UnknownConnector_IsNotFound()
    {
        var settings = new MtdConnectorSettings();

        var result = await _service.UpdateAsync(Lookout, settings, null, TestActors.Named(Actor));

        Assert.Equal(ServiceOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task UpdateAsync_WorkingConnectorConnectsAPlatform_IsEnabledAtOnce()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _service.RecordHeartbeatAsync(Lookout, null);

        var result = await _service.UpdateAsync(Lookout, new MtdConnectorSettings { AndroidEnabled = true }, 1, TestActors.Named(Actor));

        Assert.Equal(ConnectorPartnerState.Enabled, result.Value!.State);
        Assert.Equal(ConnectorPartnerState.Enabled, (await _service.GetAsync(Lookout))!.State);
    }

    [Fact]
    public async Task RecordAppProtectionActivityAsync_WindowsSecurityCenterUnavailable_MovesItToEnabled()
    {
        await _service.CreateAsync(Wsc, null, TestActors.Named(Actor));
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        _time.Advance(TimeSpan.FromMinutes(10));

        await _service.RecordAppProtectionActivityAsync("first MAM registration in the tenant");

        var wsc = await _service.GetAsync(Wsc);
        Assert.Equal(ConnectorPartnerState.Enabled, wsc!.State);
        Assert.Equal(Start.UtcDateTime.AddMinutes(10), wsc.StatusSinceUtc);
        Assert.Equal("first MAM registration in the tenant", wsc.CurrentStatus!.Cause);
        Assert.Equal(ConnectorPartnerState.Unavailable, wsc.CurrentStatus.PreviousState);
        Assert.Equal(ConnectorPartnerState.NotSetUp, (await _service.GetAsync(Lookout))!.State);
    }

    /// <summary>
    /// Windows Security Center has no partner service that could send a heartbeat: it works on app protection activity
    /// (spec 02). Daily check-ins must not let it turn Unresponsive, where no event can bring it back.
    /// </summary>
    [Fact]
    public async Task ListAsync_WindowsSecurityCenterWithDailyAppProtectionActivity_NeverBecomesUnresponsive()
    {
        await _service.CreateAsync(Wsc, null, TestActors.Named(Actor));
        await _service.RecordAppProtectionActivityAsync("first MAM registration in the tenant");
        for (var day = 0; day < 10; day++)
        {
            _time.Advance(TimeSpan.FromDays(1));
            await _service.RecordAppProtectionActivityAsync("a user in an assigned group checked in");
        }

        var list = await _service.ListAsync();

        Assert.Equal(ConnectorPartnerState.Enabled, Assert.Single(list).State);
    }

    [Fact]
    public async Task RecordHeartbeatAsync_LookoutNotSetUp_ProvisionsItToAvailable()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        _time.Advance(TimeSpan.FromHours(2));

        var result = await _service.RecordHeartbeatAsync(Lookout, null);

        Assert.True(result.Succeeded);
        Assert.Equal(ConnectorPartnerState.Available, result.Value!.State);
        var stored = await _service.GetAsync(Lookout);
        Assert.Equal(ConnectorPartnerState.Available, stored!.State);
        Assert.Equal(Start.UtcDateTime.AddHours(2), stored.LastSynchronizedUtc);
        Assert.Equal(
            [ConnectorPartnerState.NotSetUp, ConnectorPartnerState.Available],
            stored.History.Select(h => h.State));
    }

    [Fact]
    public async Task RecordHeartbeatAsync_UnavailableConnector_IsAConflictAndChangesNothing()
    {
        await _service.CreateAsync(Wsc, null, TestActors.Named(Actor));

        var result = await _service.RecordHeartbeatAsync(Wsc, null);

        Assert.Equal(ServiceOutcome.Conflict, result.Outcome);
        Assert.Contains("Unavailable", result.MessageFor("partnerState"), StringComparison.Ordinal);
        await using var db = _database.CreateDbContext();
        var connector = await db.MobileThreatDefenseConnectors.SingleAsync();
        Assert.Null(connector.LastHeartbeatDateTime);
        Assert.Equal(ConnectorPartnerState.Unavailable, connector.PartnerState);
        Assert.Equal(1, await db.ConnectorStatusChanges.CountAsync());
    }

    [Fact]
    public async Task RecordHeartbeatAsync_UnknownConnector_IsNotFound()
    {
        var id = Lookout;

        var result = await _service.RecordHeartbeatAsync(id, null);

        Assert.Equal(ServiceOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task RecordHeartbeatAsync_ErrorThenGoodHeartbeat_GoesToErrorAndBack()
    {
        await _service.CreateAsync(Lookout, new MtdConnectorSettings { IosEnabled = true }, TestActors.Named(Actor));
        await _service.RecordHeartbeatAsync(Lookout, null);
        await _service.RecordHeartbeatAsync(Lookout, "token rejected");

        var result = await _service.RecordHeartbeatAsync(Lookout, null);

        Assert.Equal(ConnectorPartnerState.Enabled, result.Value!.State);
        Assert.Equal(
            [ConnectorPartnerState.NotSetUp, ConnectorPartnerState.Enabled, ConnectorPartnerState.Error, ConnectorPartnerState.Enabled],
            result.Value.History.Select(h => h.State));
        Assert.Contains("token rejected", result.Value.History[2].Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeprovisionAsync_WorkingConnector_BecomesUnavailableAndRefusesHeartbeats()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _service.RecordHeartbeatAsync(Lookout, null);

        var result = await _service.DeprovisionAsync(Lookout);

        Assert.Equal(ConnectorPartnerState.Unavailable, result.Value!.State);
        Assert.Equal(ServiceOutcome.Conflict, (await _service.RecordHeartbeatAsync(Lookout, null)).Outcome);
    }

    [Fact]
    public async Task ListAsync_SilentPastThreshold_ShowsUnresponsiveAndRecordsItInTheHistory()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _service.RecordHeartbeatAsync(Lookout, null);
        _time.Advance(TimeSpan.FromDays(8));

        var list = await _service.ListAsync();

        var row = Assert.Single(list);
        Assert.Equal(ConnectorPartnerState.Unresponsive, row.State);
        Assert.Equal(Start.UtcDateTime, row.LastSynchronizedUtc);
        Assert.Equal(ConnectorSyncHealth.Unhealthy, row.SyncHealth);
        await using var db = _database.CreateDbContext();
        var last = await db.ConnectorStatusChanges.OrderByDescending(c => c.Id).FirstAsync();
        Assert.Equal(ConnectorPartnerState.Available, last.PreviousState);
        Assert.Equal(ConnectorPartnerState.Unresponsive, last.State);
        Assert.Equal(Start.UtcDateTime.AddDays(8), last.ChangedDateTime);
        Assert.Equal(ConnectorPartnerState.Unresponsive, (await db.MobileThreatDefenseConnectors.SingleAsync()).PartnerState);
    }

    [Fact]
    public async Task ListAsync_SilentExactlyTheThreshold_StaysAvailable()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _service.RecordHeartbeatAsync(Lookout, null);
        _time.Advance(TimeSpan.FromDays(7));

        var list = await _service.ListAsync();

        Assert.Equal(ConnectorPartnerState.Available, Assert.Single(list).State);
        await using var db = _database.CreateDbContext();
        Assert.Equal(2, await db.ConnectorStatusChanges.CountAsync());
    }

    [Fact]
    public async Task GetAsync_SilentPastThreshold_ShowsUnresponsiveAndAHeartbeatBringsItBack()
    {
        await _service.CreateAsync(Lookout, new MtdConnectorSettings { AndroidEnabled = true }, TestActors.Named(Actor));
        await _service.RecordHeartbeatAsync(Lookout, null);
        _time.Advance(TimeSpan.FromDays(8));
        var silent = await _service.GetAsync(Lookout);

        var result = await _service.RecordHeartbeatAsync(Lookout, null);

        Assert.Equal(ConnectorPartnerState.Unresponsive, silent!.State);
        Assert.Equal(ConnectorPartnerState.Enabled, result.Value!.State);
        Assert.Equal(ConnectorPartnerState.Unresponsive, result.Value.CurrentStatus!.PreviousState);
    }

    [Fact]
    public async Task MarkSilentConnectorsUnresponsiveAsync_OnlyWorkingSilentConnectors_CountsThem()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _service.CreateAsync(Zimperium, null, TestActors.Named(Actor));
        await _service.CreateAsync(Wsc, null, TestActors.Named(Actor));
        await _service.RecordHeartbeatAsync(Lookout, null);
        _time.Advance(TimeSpan.FromDays(30));

        var changed = await _service.MarkSilentConnectorsUnresponsiveAsync();

        Assert.Equal(1, changed);
        Assert.Equal(0, await _service.MarkSilentConnectorsUnresponsiveAsync());
    }

    [Fact]
    public async Task DeleteAsync_Connector_RemovesItAndItsHistory()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _service.RecordHeartbeatAsync(Lookout, null);
        await _service.CreateAsync(Zimperium, null, TestActors.Named(Actor));

        var deleted = await _service.DeleteAsync(Lookout, TestActors.Named(Actor));

        Assert.True(deleted.Succeeded);
        Assert.Null(await _service.GetAsync(Lookout));
        await using var db = _database.CreateDbContext();
        Assert.Equal(Zimperium, (await db.MobileThreatDefenseConnectors.SingleAsync()).Id);
        Assert.Equal(Zimperium, (await db.ConnectorStatusChanges.SingleAsync()).ConnectorId);
    }

    [Fact]
    public async Task DeleteAsync_UnknownConnector_NotFound()
    {
        var id = Lookout;

        var deleted = await _service.DeleteAsync(id, TestActors.Named(Actor));

        Assert.Equal(ServiceOutcome.NotFound, deleted.Outcome);
    }

    [Fact]
    public async Task DeleteAsync_ThenCreateAgain_StartsAFreshConnector()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _service.RecordHeartbeatAsync(Lookout, null);
        await _service.DeleteAsync(Lookout, TestActors.Named(Actor));

        var result = await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));

        Assert.True(result.Succeeded);
        Assert.Equal(ConnectorPartnerState.NotSetUp, result.Value!.State);
        Assert.Single(result.Value.History);
    }

    [Fact]
    public async Task CountByStateAsync_MixedConnectors_CountsEachState()
    {
        await _service.CreateAsync(Wsc, null, TestActors.Named(Actor));
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _service.CreateAsync(Zimperium, null, TestActors.Named(Actor));
        await _service.CreateAsync(Pradeo, new MtdConnectorSettings { AndroidEnabled = true }, TestActors.Named(Actor));
        await _service.RecordHeartbeatAsync(Zimperium, null);
        await _service.RecordHeartbeatAsync(Pradeo, null);

        var counts = await _service.CountByStateAsync();

        Assert.Equal(4, counts.Count);
        Assert.Equal(1, counts[ConnectorPartnerState.Unavailable]);
        Assert.Equal(1, counts[ConnectorPartnerState.NotSetUp]);
        Assert.Equal(1, counts[ConnectorPartnerState.Available]);
        Assert.Equal(1, counts[ConnectorPartnerState.Enabled]);
    }

    [Fact]
    public async Task CountByStateAsync_SilentConnectors_CountsThemUnresponsive()
    {
        await _service.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _service.CreateAsync(Zimperium, null, TestActors.Named(Actor));
        await _service.RecordHeartbeatAsync(Lookout, null);
        await _service.RecordHeartbeatAsync(Zimperium, null);
        _time.Advance(TimeSpan.FromDays(8));

        var counts = await _service.CountByStateAsync();

        Assert.Equal(2, Assert.Single(counts).Value);
        Assert.True(counts.ContainsKey(ConnectorPartnerState.Unresponsive));
    }
}

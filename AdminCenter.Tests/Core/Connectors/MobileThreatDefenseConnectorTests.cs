using AdminCenter.Core.Connectors;

namespace AdminCenter.Tests.Core.Connectors;

public sealed class MobileThreatDefenseConnectorTests
{
    private const string Actor = "admin@contoso.example";

    private static readonly MtdPartner Lookout = PartnerCatalog.Get("2c7790de-8b02-4814-85cf-e0c59380dee8");
    private static readonly MtdPartner WindowsSecurityCenter = PartnerCatalog.Get(PartnerCatalog.WindowsSecurityCenterId);
    private static readonly DateTime Now = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Create_ThirdParty_IsNotSetUpWithOneStatusChangeWithoutPreviousState()
    {
        var settings = new MtdConnectorSettings { AndroidEnabled = true };

        var connector = MobileThreatDefenseConnector.Create(Lookout, settings, Now, Actor);

        Assert.Equal(ConnectorPartnerState.NotSetUp, connector.PartnerState);
        var change = Assert.Single(connector.StatusChanges);
        Assert.Null(change.PreviousState);
        Assert.Equal(ConnectorPartnerState.NotSetUp, change.State);
        Assert.Equal(Now, change.ChangedDateTime);
        Assert.Equal(Lookout.ConnectorId, change.ConnectorId);
    }

    [Fact]
    public void Create_Connector_KeepsIdSettingsAuditAndStartsAtVersionOne()
    {
        var settings = new MtdConnectorSettings { IosEnabled = true, PartnerUnresponsivenessThresholdInDays = 12 };

        var connector = MobileThreatDefenseConnector.Create(Lookout, settings, Now, Actor);

        Assert.Equal(Lookout.ConnectorId, connector.Id);
        Assert.Equal(Lookout, connector.Partner);
        Assert.Equal(settings, connector.Settings);
        Assert.Equal(Now, connector.CreatedDateTime);
        Assert.Equal(Now, connector.LastModifiedDateTime);
        Assert.Equal(Now, connector.StatusChangedDateTime);
        Assert.Equal(Actor, connector.LastModifiedBy);
        Assert.Equal(1, connector.Version);
        Assert.Null(connector.LastHeartbeatDateTime);
        Assert.Null(connector.ActivatedDateTime);
    }

    [Fact]
    public void Create_WindowsSecurityCenter_IsUnavailableWaitingForAppProtection()
    {
        var settings = MtdConnectorSettings.DefaultsFor(WindowsSecurityCenter);

        var connector = MobileThreatDefenseConnector.Create(WindowsSecurityCenter, settings, Now, Actor);

        Assert.Equal(ConnectorPartnerState.Unavailable, connector.PartnerState);
        var change = Assert.Single(connector.StatusChanges);
        Assert.Null(change.PreviousState);
        Assert.Equal(ConnectorStatusMachine.WaitingForAppProtectionCause, change.Cause);
    }

    [Fact]
    public void Apply_ProvisioningHeartbeat_SetsLastHeartbeatAndActivationAndRecordsTheChange()
    {
        var connector = MobileThreatDefenseConnector.Create(Lookout, new MtdConnectorSettings(), Now, Actor);
        var later = Now.AddHours(3);

        var decision = connector.Apply(new ConnectorEvent.Heartbeat(), later);

        Assert.False(decision.Refused);
        Assert.Equal(ConnectorPartnerState.Available, connector.PartnerState);
        Assert.Equal(later, connector.LastHeartbeatDateTime);
        Assert.Equal(later, connector.ActivatedDateTime);
        Assert.Equal(later, connector.StatusChangedDateTime);
        Assert.Equal(2, connector.StatusChanges.Count);
        Assert.Equal(ConnectorPartnerState.NotSetUp, connector.StatusChanges[^1].PreviousState);
        Assert.Equal(ConnectorPartnerState.Available, connector.StatusChanges[^1].State);
    }

    [Fact]
    public void Apply_HeartbeatWithoutStatusChange_MovesLastHeartbeatOnly()
    {
        var connector = MobileThreatDefenseConnector.Create(Lookout, new MtdConnectorSettings(), Now, Actor);
        connector.Apply(new ConnectorEvent.Heartbeat(), Now.AddHours(1));
        var later = Now.AddDays(2);

        var decision = connector.Apply(new ConnectorEvent.Heartbeat(), later);

        Assert.False(decision.Changes);
        Assert.Equal(later, connector.LastHeartbeatDateTime);
        Assert.Equal(Now.AddHours(1), connector.StatusChangedDateTime);
        Assert.Equal(2, connector.StatusChanges.Count);
    }

    [Fact]
    public void Apply_RefusedHeartbeat_ChangesNothing()
    {
        var connector = MobileThreatDefenseConnector.Create(WindowsSecurityCenter, MtdConnectorSettings.DefaultsFor(WindowsSecurityCenter), Now, Actor);

        var decision = connector.Apply(new ConnectorEvent.Heartbeat(), Now.AddHours(1));

        Assert.True(decision.Refused);
        Assert.Equal(ConnectorPartnerState.Unavailable, connector.PartnerState);
        Assert.Null(connector.LastHeartbeatDateTime);
        Assert.Equal(Now, connector.StatusChangedDateTime);
        Assert.Single(connector.StatusChanges);
    }

    [Fact]
    public void Apply_RefusedHeartbeatAfterDeprovisioning_KeepsThePreviousHeartbeatTime()
    {
        var connector = MobileThreatDefenseConnector.Create(Lookout, new MtdConnectorSettings(), Now, Actor);
        connector.Apply(new ConnectorEvent.Heartbeat(), Now.AddHours(1));
        connector.Apply(new ConnectorEvent.Deprovisioned(), Now.AddHours(2));

        var decision = connector.Apply(new ConnectorEvent.Heartbeat(), Now.AddHours(3));

        Assert.True(decision.Refused);
        Assert.Equal(Now.AddHours(1), connector.LastHeartbeatDateTime);
        Assert.Equal(ConnectorPartnerState.Unavailable, connector.PartnerState);
        Assert.Equal(3, connector.StatusChanges.Count);
    }

    [Fact]
    public void Apply_AppProtectionActivity_ActivatesWindowsSecurityCenterWithItsCause()
    {
        var connector = MobileThreatDefenseConnector.Create(WindowsSecurityCenter, MtdConnectorSettings.DefaultsFor(WindowsSecurityCenter), Now, Actor);
        var later = Now.AddMinutes(30);

        connector.Apply(new ConnectorEvent.AppProtectionActivity("first MAM registration in the tenant"), later);

        Assert.Equal(ConnectorPartnerState.Enabled, connector.PartnerState);
        Assert.Equal(later, connector.ActivatedDateTime);
        // Windows Security Center has no partner service: app protection activity is its sign of life.
        Assert.Equal(later, connector.LastHeartbeatDateTime);
        var change = connector.StatusChanges[^1];
        Assert.Equal(ConnectorPartnerState.Unavailable, change.PreviousState);
        Assert.Equal("first MAM registration in the tenant", change.Cause);
    }

    [Fact]
    public void Apply_SilenceCheckWithoutHeartbeat_CountsFromActivation()
    {
        var connector = MobileThreatDefenseConnector.Create(WindowsSecurityCenter, MtdConnectorSettings.DefaultsFor(WindowsSecurityCenter), Now, Actor);
        connector.Apply(new ConnectorEvent.AppProtectionActivity("first MAM registration"), Now.AddDays(10));

        var decision = connector.Apply(new ConnectorEvent.SilenceCheck(), Now.AddDays(16));

        Assert.False(decision.Changes);
        Assert.Equal(ConnectorPartnerState.Enabled, connector.PartnerState);
    }

    [Fact]
    public void Apply_SilenceCheckPastThreshold_RecordsUnresponsive()
    {
        var connector = MobileThreatDefenseConnector.Create(Lookout, new MtdConnectorSettings(), Now, Actor);
        connector.Apply(new ConnectorEvent.Heartbeat(), Now);

        connector.Apply(new ConnectorEvent.SilenceCheck(), Now.AddDays(8));

        Assert.Equal(ConnectorPartnerState.Unresponsive, connector.PartnerState);
        Assert.Equal(ConnectorPartnerState.Available, connector.StatusChanges[^1].PreviousState);
        Assert.Equal(Now.AddDays(8), connector.StatusChanges[^1].ChangedDateTime);
    }

    [Fact]
    public void ChangeSettings_Connector_BumpsVersionAndRecordsWhoAndWhen()
    {
        var connector = MobileThreatDefenseConnector.Create(Lookout, new MtdConnectorSettings(), Now, Actor);
        var settings = new MtdConnectorSettings { PartnerUnsupportedOsVersionBlocked = true };
        var later = Now.AddDays(1);

        connector.ChangeSettings(settings, later, "other@contoso.example");

        Assert.Equal(2, connector.Version);
        Assert.Equal(settings, connector.Settings);
        Assert.Equal(later, connector.LastModifiedDateTime);
        Assert.Equal("other@contoso.example", connector.LastModifiedBy);
        Assert.Equal(Now, connector.CreatedDateTime);
    }

    [Fact]
    public void ChangeSettings_NotSetUp_RecordsNoStatusChange()
    {
        var connector = MobileThreatDefenseConnector.Create(Lookout, new MtdConnectorSettings(), Now, Actor);

        connector.ChangeSettings(new MtdConnectorSettings { AndroidEnabled = true }, Now.AddDays(1), Actor);

        Assert.Equal(ConnectorPartnerState.NotSetUp, connector.PartnerState);
        Assert.Single(connector.StatusChanges);
    }

    [Fact]
    public void ChangeSettings_AvailableConnectingAPlatform_MovesToEnabledAtOnce()
    {
        var connector = MobileThreatDefenseConnector.Create(Lookout, new MtdConnectorSettings(), Now, Actor);
        connector.Apply(new ConnectorEvent.Heartbeat(), Now.AddHours(1));

        connector.ChangeSettings(new MtdConnectorSettings { IosEnabled = true }, Now.AddHours(2), Actor);

        Assert.Equal(ConnectorPartnerState.Enabled, connector.PartnerState);
        Assert.Equal(ConnectorPartnerState.Available, connector.StatusChanges[^1].PreviousState);
        Assert.Equal(Now.AddHours(2), connector.StatusChangedDateTime);
    }
}

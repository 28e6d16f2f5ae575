using AdminCenter.Core.Connectors;

namespace AdminCenter.Tests.Core.Connectors;

public sealed class ConnectorStatusMachineTests
{
    /// <summary>The events of the transition table; a public enum so that theory rows stay serializable.</summary>
    public enum EventKind
    {
        Created,
        AppProtectionActivity,
        Heartbeat,
        ErrorHeartbeat,
        Deprovisioned,
        SettingsChanged,
        SilenceCheck,
    }

    private const string Wsc = PartnerCatalog.WindowsSecurityCenterId;
    private const string Defender = PartnerCatalog.MicrosoftDefenderForEndpointId;
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private const string Zimperium = "08a8455c-48dd-45ff-ad82-7211355354f3";

    private const int SevenDays = 7 * 24 * 60;
    private const int HundredDays = 100 * 24 * 60;

    private const ConnectorPartnerState Unavailable = ConnectorPartnerState.Unavailable;
    private const ConnectorPartnerState NotSetUp = ConnectorPartnerState.NotSetUp;
    private const ConnectorPartnerState Available = ConnectorPartnerState.Available;
    private const ConnectorPartnerState Enabled = ConnectorPartnerState.Enabled;
    private const ConnectorPartnerState Unresponsive = ConnectorPartnerState.Unresponsive;
    private const ConnectorPartnerState Error = ConnectorPartnerState.Error;

    private static readonly DateTime Now = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    /// <summary>
    /// Spec 02, Transitions. <paramref name="platformOn"/> turns on the partner's platform toggle (Windows MAM for
    /// Windows Security Center, Android for the others); <paramref name="silentMinutes"/> is how long ago the partner
    /// was last heard from (null: never); <paramref name="expected"/> is the new status, or null for no change.
    /// </summary>
    [Theory]
    // Created
    [InlineData(Wsc, Unavailable, true, EventKind.Created, null, false, Unavailable)]
    [InlineData(Lookout, Unavailable, false, EventKind.Created, null, false, NotSetUp)]
    [InlineData(Zimperium, Unavailable, true, EventKind.Created, null, false, NotSetUp)]
    [InlineData(Defender, Unavailable, false, EventKind.Created, null, false, NotSetUp)]
    // App protection activity moves Windows Security Center out of Unavailable only
    [InlineData(Wsc, Unavailable, true, EventKind.AppProtectionActivity, null, false, Enabled)]
    [InlineData(Wsc, Unavailable, false, EventKind.AppProtectionActivity, null, false, Available)]
    [InlineData(Wsc, Enabled, true, EventKind.AppProtectionActivity, null, false, null)]
    [InlineData(Wsc, Available, false, EventKind.AppProtectionActivity, null, false, null)]
    [InlineData(Wsc, Unresponsive, true, EventKind.AppProtectionActivity, null, false, Enabled)]
    [InlineData(Wsc, Unresponsive, false, EventKind.AppProtectionActivity, null, false, Available)]
    [InlineData(Wsc, Error, true, EventKind.AppProtectionActivity, null, false, null)]
    [InlineData(Lookout, Unavailable, true, EventKind.AppProtectionActivity, null, false, null)]
    [InlineData(Lookout, NotSetUp, true, EventKind.AppProtectionActivity, null, false, null)]
    [InlineData(Defender, Unavailable, true, EventKind.AppProtectionActivity, null, false, null)]
    // Good heartbeat
    [InlineData(Lookout, Unavailable, true, EventKind.Heartbeat, null, true, null)]
    [InlineData(Wsc, Unavailable, true, EventKind.Heartbeat, null, true, null)]
    [InlineData(Lookout, NotSetUp, true, EventKind.Heartbeat, null, false, Enabled)]
    [InlineData(Lookout, NotSetUp, false, EventKind.Heartbeat, null, false, Available)]
    [InlineData(Lookout, Unresponsive, true, EventKind.Heartbeat, null, false, Enabled)]
    [InlineData(Lookout, Unresponsive, false, EventKind.Heartbeat, null, false, Available)]
    [InlineData(Lookout, Error, true, EventKind.Heartbeat, null, false, Enabled)]
    [InlineData(Lookout, Error, false, EventKind.Heartbeat, null, false, Available)]
    [InlineData(Lookout, Enabled, true, EventKind.Heartbeat, null, false, null)]
    [InlineData(Lookout, Available, false, EventKind.Heartbeat, null, false, null)]
    // Error heartbeat
    [InlineData(Lookout, Unavailable, true, EventKind.ErrorHeartbeat, null, true, null)]
    [InlineData(Lookout, NotSetUp, true, EventKind.ErrorHeartbeat, null, false, Error)]
    [InlineData(Lookout, Available, false, EventKind.ErrorHeartbeat, null, false, Error)]
    [InlineData(Lookout, Enabled, true, EventKind.ErrorHeartbeat, null, false, Error)]
    [InlineData(Lookout, Unresponsive, true, EventKind.ErrorHeartbeat, null, false, Error)]
    [InlineData(Lookout, Error, true, EventKind.ErrorHeartbeat, null, false, null)]
    // Deprovisioned
    [InlineData(Lookout, NotSetUp, true, EventKind.Deprovisioned, null, false, Unavailable)]
    [InlineData(Lookout, Available, false, EventKind.Deprovisioned, null, false, Unavailable)]
    [InlineData(Lookout, Enabled, true, EventKind.Deprovisioned, null, false, Unavailable)]
    [InlineData(Lookout, Unresponsive, true, EventKind.Deprovisioned, null, false, Unavailable)]
    [InlineData(Lookout, Error, true, EventKind.Deprovisioned, null, false, Unavailable)]
    [InlineData(Wsc, Enabled, true, EventKind.Deprovisioned, null, false, Unavailable)]
    [InlineData(Lookout, Unavailable, true, EventKind.Deprovisioned, null, false, null)]
    // Settings changed: Available <-> Enabled at once, nothing else moves
    [InlineData(Lookout, Available, true, EventKind.SettingsChanged, null, false, Enabled)]
    [InlineData(Lookout, Enabled, false, EventKind.SettingsChanged, null, false, Available)]
    [InlineData(Wsc, Enabled, false, EventKind.SettingsChanged, null, false, Available)]
    [InlineData(Wsc, Available, true, EventKind.SettingsChanged, null, false, Enabled)]
    [InlineData(Lookout, Available, false, EventKind.SettingsChanged, null, false, null)]
    [InlineData(Lookout, Enabled, true, EventKind.SettingsChanged, null, false, null)]
    [InlineData(Lookout, NotSetUp, true, EventKind.SettingsChanged, null, false, null)]
    [InlineData(Lookout, NotSetUp, false, EventKind.SettingsChanged, null, false, null)]
    [InlineData(Wsc, Unavailable, true, EventKind.SettingsChanged, null, false, null)]
    [InlineData(Wsc, Unavailable, false, EventKind.SettingsChanged, null, false, null)]
    [InlineData(Lookout, Unresponsive, true, EventKind.SettingsChanged, null, false, null)]
    [InlineData(Lookout, Error, true, EventKind.SettingsChanged, null, false, null)]
    // Silence check, threshold 7 days
    [InlineData(Lookout, Available, false, EventKind.SilenceCheck, SevenDays, false, null)]
    [InlineData(Lookout, Available, false, EventKind.SilenceCheck, SevenDays + 1, false, Unresponsive)]
    [InlineData(Lookout, Enabled, true, EventKind.SilenceCheck, SevenDays, false, null)]
    [InlineData(Lookout, Enabled, true, EventKind.SilenceCheck, SevenDays + 1, false, Unresponsive)]
    [InlineData(Lookout, Error, true, EventKind.SilenceCheck, SevenDays + 1, false, Unresponsive)]
    [InlineData(Lookout, Available, false, EventKind.SilenceCheck, 1, false, null)]
    [InlineData(Lookout, NotSetUp, true, EventKind.SilenceCheck, HundredDays, false, null)]
    [InlineData(Lookout, Unavailable, true, EventKind.SilenceCheck, HundredDays, false, null)]
    [InlineData(Wsc, Unavailable, true, EventKind.SilenceCheck, HundredDays, false, null)]
    [InlineData(Lookout, Unresponsive, true, EventKind.SilenceCheck, HundredDays, false, null)]
    [InlineData(Lookout, Available, false, EventKind.SilenceCheck, null, false, null)]
    [InlineData(Lookout, Enabled, true, EventKind.SilenceCheck, null, false, null)]
    public void Decide_Transition_FollowsSpec02(
        string partnerId,
        ConnectorPartnerState state,
        bool platformOn,
        EventKind eventKind,
        int? silentMinutes,
        bool refused,
        ConnectorPartnerState? expected)
    {
        var input = Input(partnerId, state, Settings(partnerId, platformOn), silentMinutes);

        var decision = ConnectorStatusMachine.Decide(input, Event(eventKind), Now);

        Assert.Equal(refused, decision.Refused);
        Assert.Equal(expected, decision.NewState);
        Assert.Equal(expected is not null, decision.Changes);
        Assert.Equal(expected is not null || refused, decision.Cause.Length > 0);
    }

    [Fact]
    public void Decide_CreatedWindowsSecurityCenter_CausesWaitingForAppProtection()
    {
        var input = Input(Wsc, Unavailable, Settings(Wsc, platformOn: true), null);

        var decision = ConnectorStatusMachine.Decide(input, new ConnectorEvent.Created(), Now);

        Assert.Equal(ConnectorPartnerState.Unavailable, decision.NewState);
        Assert.Equal(ConnectorStatusMachine.WaitingForAppProtectionCause, decision.Cause);
    }

    [Fact]
    public void Decide_CreatedThirdParty_CauseNamesThePartner()
    {
        var input = Input(Lookout, Unavailable, new MtdConnectorSettings(), null);

        var decision = ConnectorStatusMachine.Decide(input, new ConnectorEvent.Created(), Now);

        Assert.Equal("waiting for Lookout for Work to provision the connector", decision.Cause);
    }

    [Fact]
    public void Decide_AppProtectionActivity_KeepsTheActivityAsCause()
    {
        var input = Input(Wsc, Unavailable, Settings(Wsc, platformOn: true), null);

        var decision = ConnectorStatusMachine.Decide(input, new ConnectorEvent.AppProtectionActivity("first MAM registration"), Now);

        Assert.Equal("first MAM registration", decision.Cause);
    }

    [Fact]
    public void Decide_HeartbeatForUnavailable_RefusesWithAMessageNamingThePartner()
    {
        var input = Input(Lookout, Unavailable, new MtdConnectorSettings(), null);

        var decision = ConnectorStatusMachine.Decide(input, new ConnectorEvent.Heartbeat(), Now);

        Assert.True(decision.Refused);
        Assert.Equal("The Lookout for Work connector is Unavailable; its data is not accepted.", decision.Cause);
    }

    [Fact]
    public void Decide_ErrorHeartbeat_CauseCarriesThePartnersError()
    {
        var input = Input(Lookout, Enabled, Settings(Lookout, platformOn: true), 5);

        var decision = ConnectorStatusMachine.Decide(input, new ConnectorEvent.Heartbeat("certificate expired"), Now);

        Assert.Equal("Lookout for Work reported an error: certificate expired", decision.Cause);
    }

    [Theory]
    [InlineData(2 * 24 * 60, null)]
    [InlineData((2 * 24 * 60) + 1, ConnectorPartnerState.Unresponsive)]
    public void Decide_SilenceCheck_UsesTheConnectorsOwnThreshold(int silentMinutes, ConnectorPartnerState? expected)
    {
        var settings = new MtdConnectorSettings { PartnerUnresponsivenessThresholdInDays = 2 };
        var input = Input(Lookout, Available, settings, silentMinutes);

        var decision = ConnectorStatusMachine.Decide(input, new ConnectorEvent.SilenceCheck(), Now);

        Assert.Equal(expected, decision.NewState);
    }

    [Fact]
    public void Decide_SilenceCheckPastThreshold_CauseNamesPartnerAndThreshold()
    {
        var input = Input(Lookout, Available, new MtdConnectorSettings(), SevenDays + 1);

        var decision = ConnectorStatusMachine.Decide(input, new ConnectorEvent.SilenceCheck(), Now);

        Assert.Equal("no data from Lookout for Work for more than 7 days", decision.Cause);
    }

    [Theory]
    [InlineData(false, ConnectorPartnerState.Available)]
    [InlineData(true, ConnectorPartnerState.Enabled)]
    public void WorkingState_PlatformConnected_IsEnabledOtherwiseAvailable(bool androidEnabled, ConnectorPartnerState expected)
    {
        var settings = new MtdConnectorSettings { AndroidEnabled = androidEnabled, PartnerUnsupportedOsVersionBlocked = true };

        var state = ConnectorStatusMachine.WorkingState(settings);

        Assert.Equal(expected, state);
    }

    private static ConnectorStatusInput Input(string partnerId, ConnectorPartnerState state, MtdConnectorSettings settings, int? silentMinutes) =>
        new(PartnerCatalog.Get(partnerId), state, settings, silentMinutes is { } minutes ? Now.AddMinutes(-minutes) : null);

    private static MtdConnectorSettings Settings(string partnerId, bool platformOn) =>
        partnerId == Wsc
            ? new MtdConnectorSettings { WindowsMobileApplicationManagementEnabled = platformOn }
            : new MtdConnectorSettings { AndroidEnabled = platformOn };

    private static ConnectorEvent Event(EventKind kind) => kind switch
    {
        EventKind.Created => new ConnectorEvent.Created(),
        EventKind.AppProtectionActivity => new ConnectorEvent.AppProtectionActivity("a user in an assigned group checked in"),
        EventKind.Heartbeat => new ConnectorEvent.Heartbeat(),
        EventKind.ErrorHeartbeat => new ConnectorEvent.Heartbeat("partner failure"),
        EventKind.Deprovisioned => new ConnectorEvent.Deprovisioned(),
        EventKind.SettingsChanged => new ConnectorEvent.SettingsChanged(),
        EventKind.SilenceCheck => new ConnectorEvent.SilenceCheck(),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}

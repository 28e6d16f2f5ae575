namespace AdminCenter.Core.Connectors;

/// <summary>Something that may move a connector's connection status (spec 02, Transitions).</summary>
public abstract record ConnectorEvent
{
    private ConnectorEvent()
    {
    }

    /// <summary>The admin created the connector.</summary>
    public sealed record Created : ConnectorEvent;

    /// <summary>
    /// A MAM registration or check-in, or an app protection policy delivered to a user. The first one activates
    /// Windows Security Center; every one is its sign of life, as a heartbeat is for a partner service.
    /// </summary>
    public sealed record AppProtectionActivity(string Cause) : ConnectorEvent;

    /// <summary>The partner's heartbeat (a health report counts as one); <paramref name="ErrorMessage"/> set when it reported an error.</summary>
    public sealed record Heartbeat(string? ErrorMessage = null) : ConnectorEvent
    {
        public bool IsError => ErrorMessage is not null;
    }

    /// <summary>The partner deprovisioned the connector.</summary>
    public sealed record Deprovisioned : ConnectorEvent;

    /// <summary>The admin changed toggles.</summary>
    public sealed record SettingsChanged : ConnectorEvent;

    /// <summary>A periodic or on-read check for partner silence.</summary>
    public sealed record SilenceCheck : ConnectorEvent;
}

/// <summary>What the state machine needs to know of a connector.</summary>
/// <param name="Partner">The connector's partner.</param>
/// <param name="State">The current connection status.</param>
/// <param name="Settings">The current toggles and threshold.</param>
/// <param name="SilentSinceUtc">The last heartbeat, or when the connector started working if it never had one.</param>
public sealed record ConnectorStatusInput(
    MtdPartner Partner,
    ConnectorPartnerState State,
    MtdConnectorSettings Settings,
    DateTime? SilentSinceUtc);

/// <summary>The answer to an event: refused (nothing changes), accepted with or without a status change.</summary>
public sealed record ConnectorStatusDecision(bool Refused, ConnectorPartnerState? NewState, string Cause)
{
    public static ConnectorStatusDecision Refuse(string reason) => new(true, null, reason);

    public static ConnectorStatusDecision NoChange { get; } = new(false, null, "");

    public static ConnectorStatusDecision MoveTo(ConnectorPartnerState state, string cause) => new(false, state, cause);

    public bool Changes => NewState is not null;
}

/// <summary>The connection-status transitions of spec 02, as one pure function.</summary>
public static class ConnectorStatusMachine
{
    public const string WaitingForAppProtectionCause =
        "waiting for the first MAM enrollment or the first app protection policy to reach a user";

    public static ConnectorStatusDecision Decide(ConnectorStatusInput connector, ConnectorEvent evt, DateTime nowUtc)
    {
        var partner = connector.Partner;
        var state = connector.State;
        var working = WorkingState(connector.Settings);

        return evt switch
        {
            ConnectorEvent.Created when partner.IsActivatedByAppProtection =>
                ConnectorStatusDecision.MoveTo(ConnectorPartnerState.Unavailable, WaitingForAppProtectionCause),
            ConnectorEvent.Created =>
                ConnectorStatusDecision.MoveTo(ConnectorPartnerState.NotSetUp, $"waiting for {partner.Name} to provision the connector"),

            ConnectorEvent.AppProtectionActivity activity when partner.IsActivatedByAppProtection && state == ConnectorPartnerState.Unavailable =>
                ConnectorStatusDecision.MoveTo(working, activity.Cause),
            ConnectorEvent.AppProtectionActivity when partner.IsActivatedByAppProtection && state == ConnectorPartnerState.Unresponsive =>
                ConnectorStatusDecision.MoveTo(working, "app protection activity resumed"),
            ConnectorEvent.AppProtectionActivity => ConnectorStatusDecision.NoChange,

            ConnectorEvent.Heartbeat when state == ConnectorPartnerState.Unavailable =>
                ConnectorStatusDecision.Refuse($"The {partner.Name} connector is Unavailable; its data is not accepted."),
            ConnectorEvent.Heartbeat { IsError: true } heartbeat when state != ConnectorPartnerState.Error =>
                ConnectorStatusDecision.MoveTo(ConnectorPartnerState.Error, ErrorCausePrefix(partner) + heartbeat.ErrorMessage),
            ConnectorEvent.Heartbeat { IsError: true } => ConnectorStatusDecision.NoChange,
            ConnectorEvent.Heartbeat when state == ConnectorPartnerState.NotSetUp =>
                ConnectorStatusDecision.MoveTo(working, $"{partner.Name} provisioned the connector"),
            ConnectorEvent.Heartbeat when state == ConnectorPartnerState.Unresponsive =>
                ConnectorStatusDecision.MoveTo(working, $"{partner.Name} is sending data again"),
            ConnectorEvent.Heartbeat when state == ConnectorPartnerState.Error =>
                ConnectorStatusDecision.MoveTo(working, $"{partner.Name} reported a good heartbeat after an error"),
            ConnectorEvent.Heartbeat => ConnectorStatusDecision.NoChange,

            ConnectorEvent.Deprovisioned when state != ConnectorPartnerState.Unavailable =>
                ConnectorStatusDecision.MoveTo(ConnectorPartnerState.Unavailable, $"{partner.Name} deprovisioned the connector"),
            ConnectorEvent.Deprovisioned => ConnectorStatusDecision.NoChange,

            ConnectorEvent.SettingsChanged when state.IsWorking() && state != working =>
                ConnectorStatusDecision.MoveTo(working, working == ConnectorPartnerState.Enabled
                    ? "a platform was connected"
                    : "every platform was disconnected"),
            ConnectorEvent.SettingsChanged => ConnectorStatusDecision.NoChange,

            ConnectorEvent.SilenceCheck when IsSilentTooLong(connector, nowUtc) =>
                ConnectorStatusDecision.MoveTo(ConnectorPartnerState.Unresponsive,
                    $"no data from {partner.Name} for more than {connector.Settings.PartnerUnresponsivenessThresholdInDays} days"),
            ConnectorEvent.SilenceCheck => ConnectorStatusDecision.NoChange,

            _ => throw new ArgumentOutOfRangeException(nameof(evt)),
        };
    }

    /// <summary>How the cause of a move to Error starts; the partner's message follows.</summary>
    public static string ErrorCausePrefix(MtdPartner partner) => $"{partner.Name} reported an error: ";

    /// <summary>Available or Enabled, by whether any platform is connected.</summary>
    public static ConnectorPartnerState WorkingState(MtdConnectorSettings settings) =>
        settings.ConnectsAnyPlatform ? ConnectorPartnerState.Enabled : ConnectorPartnerState.Available;

    private static bool IsSilentTooLong(ConnectorStatusInput connector, DateTime nowUtc) =>
        connector.State is ConnectorPartnerState.Available or ConnectorPartnerState.Enabled or ConnectorPartnerState.Error
        && connector.SilentSinceUtc is { } since
        && nowUtc - since > TimeSpan.FromDays(connector.Settings.PartnerUnresponsivenessThresholdInDays);
}

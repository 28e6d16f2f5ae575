namespace AdminCenter.Core.Connectors;

/// <summary>A row of the Mobile Threat Defense list.</summary>
public sealed record MtdConnectorSummary(
    string Id,
    string Name,
    ConnectorPartnerState State,
    DateTime? LastSynchronizedUtc,
    ConnectorSyncHealth SyncHealth);

/// <summary>A status change as the connector page shows it.</summary>
public sealed record ConnectorStatusChangeView(
    ConnectorPartnerState? PreviousState,
    ConnectorPartnerState State,
    DateTime ChangedUtc,
    string Cause);

/// <summary>Everything the connector page shows.</summary>
public sealed record MtdConnectorDetails(
    MtdPartner Partner,
    ConnectorPartnerState State,
    DateTime StatusSinceUtc,
    DateTime? LastSynchronizedUtc,
    ConnectorSyncHealth SyncHealth,
    MtdConnectorSettings Settings,
    DateTime CreatedUtc,
    DateTime LastModifiedUtc,
    string LastModifiedBy,
    int Version,
    IReadOnlyList<ConnectorStatusChangeView> History,
    DateTime? PartnerSecretCreatedUtc = null)
{
    /// <summary>The current status with its cause, e.g. "Unavailable since …: waiting for …".</summary>
    public ConnectorStatusChangeView? CurrentStatus => History.Count == 0 ? null : History[^1];

    /// <summary>Whether an admin deleted the connector's classic Conditional Access policy (the page warns).</summary>
    public bool ClassicPolicyDeleted { get; init; }

    /// <summary>Per platform, whose reports app protection evaluation uses (<see cref="AppProtectionPartnerRule.DescribeDataUse"/>).</summary>
    public IReadOnlyList<string> EvaluationDataUse { get; init; } = [];
}

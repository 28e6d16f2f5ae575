namespace AdminCenter.Core.Connectors;

/// <summary>A tenant's connector to one Mobile Threat Defense partner; Graph's <c>mobileThreatDefenseConnector</c>.</summary>
public sealed class MobileThreatDefenseConnector
{
    private readonly List<ConnectorStatusChange> _statusChanges = [];

    private MobileThreatDefenseConnector(string id)
    {
        Id = id;
    }

    /// <summary>The partner's fixed connector id (spec 02); a string, not always a GUID.</summary>
    public string Id { get; private set; }

    public ConnectorPartnerState PartnerState { get; private set; }

    /// <summary>The last heartbeat (UTC); shown as Last synchronized.</summary>
    public DateTime? LastHeartbeatDateTime { get; private set; }

    /// <summary>When the connector last started working (left Unavailable / Not Set Up); the silence baseline before any heartbeat.</summary>
    public DateTime? ActivatedDateTime { get; private set; }

    public DateTime StatusChangedDateTime { get; private set; }

    public MtdConnectorSettings Settings { get; private set; } = new();

    public DateTime CreatedDateTime { get; private set; }

    public DateTime LastModifiedDateTime { get; private set; }

    public string LastModifiedBy { get; private set; } = "";

    /// <summary>SHA-256 of the partner's secret (shown once to the admin); null until one is generated.</summary>
    public string? PartnerSecretHash { get; private set; }

    public DateTime? PartnerSecretCreatedDateTime { get; private set; }

    /// <summary>App-managed optimistic concurrency token: SQLite has no row version.</summary>
    public int Version { get; private set; }

    public IReadOnlyList<ConnectorStatusChange> StatusChanges => _statusChanges;

    /// <summary>The classic Conditional Access policy while it exists (load it to delete it).</summary>
    public ClassicConditionalAccessPolicy? ClassicPolicy { get; private set; }

    public ClassicPolicyState ClassicPolicyState { get; private set; }

    public MtdPartner Partner => PartnerCatalog.Get(Id);

    public static MobileThreatDefenseConnector Create(MtdPartner partner, MtdConnectorSettings settings, DateTime nowUtc, string actor)
    {
        var connector = new MobileThreatDefenseConnector(partner.ConnectorId)
        {
            Settings = settings,
            CreatedDateTime = nowUtc,
            LastModifiedDateTime = nowUtc,
            LastModifiedBy = actor,
            Version = 1,
        };
        connector.Apply(new ConnectorEvent.Created(), nowUtc);
        return connector;
    }

    public void ChangeSettings(MtdConnectorSettings settings, DateTime nowUtc, string actor)
    {
        Settings = settings;
        LastModifiedDateTime = nowUtc;
        LastModifiedBy = actor;
        Version++;
        Apply(new ConnectorEvent.SettingsChanged(), nowUtc);
    }

    /// <summary>Replaces the partner secret; only its hash is kept.</summary>
    public void SetPartnerSecretHash(string hash, DateTime nowUtc)
    {
        PartnerSecretHash = hash;
        PartnerSecretCreatedDateTime = nowUtc;
    }

    /// <summary>Whether <paramref name="evt"/> would change the connection status (without applying it).</summary>
    public bool ChangesStatusOn(ConnectorEvent evt, DateTime nowUtc) => Decide(evt, nowUtc) is { Refused: false, Changes: true };

    /// <summary>Runs <paramref name="evt"/> through the state machine and records any status change.</summary>
    public ConnectorStatusDecision Apply(ConnectorEvent evt, DateTime nowUtc)
    {
        var decision = Decide(evt, nowUtc);
        if (decision.Refused)
        {
            return decision;
        }
        if (evt is ConnectorEvent.Heartbeat || (evt is ConnectorEvent.AppProtectionActivity && Partner.IsActivatedByAppProtection))
        {
            LastHeartbeatDateTime = nowUtc;
        }
        if (decision.NewState is { } newState)
        {
            var previous = evt is ConnectorEvent.Created ? (ConnectorPartnerState?)null : PartnerState;
            if (previous is ConnectorPartnerState.Unavailable or ConnectorPartnerState.NotSetUp && newState.IsWorking())
            {
                ActivatedDateTime = nowUtc;
            }
            PartnerState = newState;
            StatusChangedDateTime = nowUtc;
            _statusChanges.Add(new ConnectorStatusChange(Id, previous, newState, nowUtc, decision.Cause));
            CreateClassicPolicyOnFirstProvisioning(nowUtc);
        }
        return decision;
    }

    private ConnectorStatusDecision Decide(ConnectorEvent evt, DateTime nowUtc) =>
        ConnectorStatusMachine.Decide(new ConnectorStatusInput(Partner, PartnerState, Settings, LastHeartbeatDateTime ?? ActivatedDateTime), evt, nowUtc);

    /// <summary>
    /// Deletes the classic Conditional Access policy (its row goes with it, as an orphan) and remembers that it was
    /// deleted, so the page can warn. Returns false when there is none.
    /// </summary>
    public bool DeleteClassicPolicy()
    {
        if (ClassicPolicyState != ClassicPolicyState.Active)
        {
            return false;
        }
        ClassicPolicy = null;
        ClassicPolicyState = ClassicPolicyState.Deleted;
        return true;
    }

    // Part of the status change itself, so the policy is saved with it or not at all (spec 02: at first provisioning).
    private void CreateClassicPolicyOnFirstProvisioning(DateTime nowUtc)
    {
        if (PartnerState.IsWorking() && ClassicPolicyState == ClassicPolicyState.NotCreated && Partner.HasClassicConditionalAccessPolicy)
        {
            ClassicPolicy = ClassicConditionalAccessPolicy.For(Partner, nowUtc);
            ClassicPolicyState = ClassicPolicyState.Active;
        }
    }
}

/// <summary>One recorded change of a connector's connection status, with its time and cause.</summary>
public sealed class ConnectorStatusChange
{
    public ConnectorStatusChange(string connectorId, ConnectorPartnerState? previousState, ConnectorPartnerState state, DateTime changedDateTime, string cause)
    {
        ConnectorId = connectorId;
        PreviousState = previousState;
        State = state;
        ChangedDateTime = changedDateTime;
        Cause = cause;
    }

    public long Id { get; private set; }

    public string ConnectorId { get; private set; }

    public ConnectorPartnerState? PreviousState { get; private set; }

    public ConnectorPartnerState State { get; private set; }

    public DateTime ChangedDateTime { get; private set; }

    public string Cause { get; private set; }
}

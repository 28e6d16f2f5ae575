namespace AdminCenter.Core.Connectors;

/// <summary>Where a connector's classic Conditional Access policy stands (spec 02).</summary>
public enum ClassicPolicyState
{
    /// <summary>Not provisioned yet, or a Microsoft service, which never gets one.</summary>
    NotCreated,

    Active,

    /// <summary>An admin deleted it; only deleting and re-creating the connector brings it back.</summary>
    Deleted,
}

/// <summary>
/// The classic Conditional Access policy created for a third-party connector at its first provisioning: it requires a
/// registered device id before the device may talk to the partner, and affects nothing else. Read-only but deletable;
/// its connector is its only writer.
/// </summary>
public sealed class ClassicConditionalAccessPolicy
{
    private ClassicConditionalAccessPolicy(string id, string connectorId, string displayName, DateTime createdDateTime)
    {
        Id = id;
        ConnectorId = connectorId;
        DisplayName = displayName;
        CreatedDateTime = createdDateTime;
    }

    public const string DeletedWarning =
        "The classic Conditional Access policy for this connector was deleted. Delete the connector and set it up again to recreate it.";

    public string Id { get; private set; }

    /// <summary>The connector (and so the partner) it was created for.</summary>
    public string ConnectorId { get; private set; }

    public string DisplayName { get; private set; }

    public DateTime CreatedDateTime { get; private set; }

    public MtdPartner Partner => PartnerCatalog.Get(ConnectorId);

    /// <summary>(decision) Named after the partner, as "&lt;partner&gt; Mobile Threat Defense".</summary>
    public static string NameFor(MtdPartner partner) => $"{partner.Name} Mobile Threat Defense";

    internal static ClassicConditionalAccessPolicy For(MtdPartner partner, DateTime nowUtc) =>
        new(Guid.NewGuid().ToString(), partner.ConnectorId, NameFor(partner), nowUtc);
}

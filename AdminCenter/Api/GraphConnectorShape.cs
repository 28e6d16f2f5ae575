using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AdminCenter.Core.Common;
using AdminCenter.Core.Connectors;

namespace AdminCenter.Api;

/// <summary>A Graph API version: the same handlers serve both, beta with the whole property set (spec 05 §1).</summary>
internal sealed record GraphVersion(string Segment, bool IsBeta)
{
    public static GraphVersion V1 { get; } = new("v1.0", IsBeta: false);

    public static GraphVersion Beta { get; } = new("beta", IsBeta: true);

    public static IReadOnlyList<GraphVersion> All { get; } = [V1, Beta];
}

/// <summary>How a connector property compares in <c>$filter</c>.</summary>
internal enum GraphValueKind
{
    Text,
    PartnerState,
    Boolean,
    WholeNumber,
    DateTime,

    /// <summary>An object or a list: never filtered on.</summary>
    Complex,
}

/// <param name="Name">The Graph property name.</param>
/// <param name="BetaOnly">Left out of v1.0 responses (v1.0 does not have it).</param>
/// <param name="ReadOnlyReason">Why a body may not set it, or null when it is writable.</param>
/// <param name="Kind">Its type, for <c>$filter</c>.</param>
/// <param name="Value">Its value for a connector.</param>
internal sealed record GraphConnectorProperty(string Name, bool BetaOnly, string? ReadOnlyReason, GraphValueKind Kind, Func<MtdConnectorDetails, object?> Value) : IGraphProperty
{
    public bool IsReadOnly => ReadOnlyReason is not null;
}

/// <summary>
/// Graph's <c>mobileThreatDefenseConnector</c> as spec 05 lists it: the v1.0 properties a live tenant answers today, and
/// beta's additions (the partner-catalogue ones read-only). Responses are written from this one table.
/// </summary>
internal static class GraphConnectorShape
{
    public const string ODataType = "#microsoft.graph.mobileThreatDefenseConnector";
    public const string EntitySet = "deviceManagement/mobileThreatDefenseConnectors";

    private const string StateReason = "the connection status follows the partner's heartbeats and the toggles";
    private const string HeartbeatReason = "it is the time of the partner's last heartbeat";
    private const string CatalogueReason = "it comes from the partner catalogue";

    public static IReadOnlyList<GraphConnectorProperty> All { get; } =
    [
        new("id", false, null, GraphValueKind.Text, c => c.Partner.ConnectorId),
        new("lastHeartbeatDateTime", false, HeartbeatReason, GraphValueKind.DateTime, c => Timestamp(c.LastSynchronizedUtc)),
        new("partnerState", false, StateReason, GraphValueKind.PartnerState, c => c.State.ToGraphName()),
        new(ConnectorToggles.ThresholdGraphName, false, null, GraphValueKind.WholeNumber, c => c.Settings.PartnerUnresponsivenessThresholdInDays),
        Toggle(ConnectorToggle.PartnerUnsupportedOsVersionBlocked),
        Toggle(ConnectorToggle.AndroidEnabled),
        Toggle(ConnectorToggle.IosEnabled),
        Toggle(ConnectorToggle.WindowsEnabled),
        Toggle(ConnectorToggle.AndroidDeviceBlockedOnMissingPartnerData),
        Toggle(ConnectorToggle.IosDeviceBlockedOnMissingPartnerData),
        // No partner here marks Windows devices noncompliant on missing data (spec 02 has no such toggle): always false.
        new("windowsDeviceBlockedOnMissingPartnerData", false, null, GraphValueKind.Boolean, _ => false),
        Toggle(ConnectorToggle.AndroidMobileApplicationManagementEnabled),
        Toggle(ConnectorToggle.IosMobileApplicationManagementEnabled),
        Toggle(ConnectorToggle.MicrosoftDefenderForEndpointAttachEnabled),
        Toggle(ConnectorToggle.AllowPartnerToCollectIOSApplicationMetadata),
        Toggle(ConnectorToggle.AllowPartnerToCollectIOSPersonalApplicationMetadata),
        Toggle(ConnectorToggle.WindowsMobileApplicationManagementEnabled, betaOnly: true),
        new("macEnabled", true, null, GraphValueKind.Boolean, _ => false),
        new("macDeviceBlockedOnMissingPartnerData", true, null, GraphValueKind.Boolean, _ => false),
        Toggle(ConnectorToggle.AllowPartnerToCollectIosCertificateMetadata, betaOnly: true),
        Toggle(ConnectorToggle.AllowPartnerToCollectIosPersonalCertificateMetadata, betaOnly: true),
        new("partnerSupportsAndroidMam", true, CatalogueReason, GraphValueKind.Boolean, c => c.Partner.SupportsAppProtectionOn(MtdPlatforms.Android)),
        new("partnerSupportsIosMam", true, CatalogueReason, GraphValueKind.Boolean, c => c.Partner.SupportsAppProtectionOn(MtdPlatforms.Ios)),
        new("partnerSupportsWindowsMam", true, CatalogueReason, GraphValueKind.Boolean, c => c.Partner.SupportsAppProtectionOn(MtdPlatforms.Windows)),
        new("partnerSupportsIosCertificateSync", true, CatalogueReason, GraphValueKind.Boolean, c => c.Partner.SupportsCertificateSync),
        new("partnerMinimumSupportedAndroidVersion", true, CatalogueReason, GraphValueKind.Text, c => c.Partner.MinimumSupportedVersion(MtdPlatforms.Android)),
        new("partnerMinimumSupportedIosVersion", true, CatalogueReason, GraphValueKind.Text, c => c.Partner.MinimumSupportedVersion(MtdPlatforms.Ios)),
        new("partnerMinimumSupportedMacVersion", true, CatalogueReason, GraphValueKind.Text, _ => null),
        new("partnerMinimumSupportedWindowsVersion", true, CatalogueReason, GraphValueKind.Text, c => c.Partner.MinimumSupportedVersion(MtdPlatforms.Windows)),
    ];

    private static readonly IReadOnlyList<GraphConnectorProperty> V1Properties = [.. All.Where(p => !p.BetaOnly)];

    public static IReadOnlyList<GraphConnectorProperty> For(GraphVersion version) => version.IsBeta ? All : V1Properties;

    public static GraphConnectorProperty? Find(GraphVersion version, string name) =>
        For(version).FirstOrDefault(p => Ascii.EqualsIgnoreCase(p.Name, name));

    /// <summary><c>W/"3"</c>: the connector's app-managed concurrency token (spec 05, If-Match).</summary>
    public static string ETag(MtdConnectorDetails connector) => string.Create(CultureInfo.InvariantCulture, $"W/\"{connector.Version}\"");

    /// <summary>The connector as Graph writes it: annotations first, then the selected properties (all when none are).</summary>
    public static Dictionary<string, object?> Entity(MtdConnectorDetails connector, IReadOnlyList<GraphConnectorProperty> properties, string? context = null)
    {
        var entity = new Dictionary<string, object?>(properties.Count + 3, StringComparer.Ordinal);
        if (context is not null)
        {
            entity["@odata.context"] = context;
        }
        entity["@odata.type"] = ODataType;
        entity["@odata.etag"] = ETag(connector);
        foreach (var property in properties)
        {
            entity[property.Name] = property.Value(connector);
        }
        return entity;
    }

    /// <summary>Why the body names a read-only property of <paramref name="version"/>, or null (checked before the body's own contract).</summary>
    public static string? ReadOnlyProblem(JsonElement body, GraphVersion version)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return null;
        }
        foreach (var member in body.EnumerateObject())
        {
            string name;
            try
            {
                name = member.Name;
            }
            catch (InvalidOperationException)
            {
                continue; // not text: the contract check names it
            }
            if (Find(version, name) is { IsReadOnly: true } property)
            {
                return $"The property '{property.Name}' is read-only ({property.ReadOnlyReason}); leave it out of the body.";
            }
        }
        return null;
    }

    private static GraphConnectorProperty Toggle(ConnectorToggle toggle, bool betaOnly = false)
    {
        var definition = ConnectorToggles.Get(toggle);
        return new(definition.GraphName, betaOnly, null, GraphValueKind.Boolean, c => c.Settings.Get(toggle));
    }

    // Graph's form (spec 05): ISO 8601 in UTC with a Z; the database gives back unspecified-kind UTC values.
    private static string? Timestamp(DateTime? utc) =>
        utc is { } value ? DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : null;
}

/// <summary>The writable v1.0 properties of a connector; every one is optional (a PATCH changes only what it names).</summary>
internal class GraphConnectorWrite
{
    [JsonPropertyName("@odata.type")]
    [FieldKind(FieldKind.Identifier)]
    public string? ODataType { get; init; }

    public int? PartnerUnresponsivenessThresholdInDays { get; init; }

    public bool? PartnerUnsupportedOsVersionBlocked { get; init; }

    public bool? AndroidEnabled { get; init; }

    public bool? IosEnabled { get; init; }

    public bool? WindowsEnabled { get; init; }

    public bool? AndroidDeviceBlockedOnMissingPartnerData { get; init; }

    public bool? IosDeviceBlockedOnMissingPartnerData { get; init; }

    public bool? WindowsDeviceBlockedOnMissingPartnerData { get; init; }

    public bool? AndroidMobileApplicationManagementEnabled { get; init; }

    public bool? IosMobileApplicationManagementEnabled { get; init; }

    public bool? MicrosoftDefenderForEndpointAttachEnabled { get; init; }

    [JsonPropertyName("allowPartnerToCollectIOSApplicationMetadata")]
    public bool? AllowPartnerToCollectIOSApplicationMetadata { get; init; }

    [JsonPropertyName("allowPartnerToCollectIOSPersonalApplicationMetadata")]
    public bool? AllowPartnerToCollectIOSPersonalApplicationMetadata { get; init; }

    /// <summary>The toggles the body sets (null means "not sent": left as it is).</summary>
    public virtual IEnumerable<(ConnectorToggle Toggle, bool? Value)> Toggles()
    {
        yield return (ConnectorToggle.PartnerUnsupportedOsVersionBlocked, PartnerUnsupportedOsVersionBlocked);
        yield return (ConnectorToggle.AndroidEnabled, AndroidEnabled);
        yield return (ConnectorToggle.IosEnabled, IosEnabled);
        yield return (ConnectorToggle.WindowsEnabled, WindowsEnabled);
        yield return (ConnectorToggle.AndroidDeviceBlockedOnMissingPartnerData, AndroidDeviceBlockedOnMissingPartnerData);
        yield return (ConnectorToggle.IosDeviceBlockedOnMissingPartnerData, IosDeviceBlockedOnMissingPartnerData);
        yield return (ConnectorToggle.AndroidMobileApplicationManagementEnabled, AndroidMobileApplicationManagementEnabled);
        yield return (ConnectorToggle.IosMobileApplicationManagementEnabled, IosMobileApplicationManagementEnabled);
        yield return (ConnectorToggle.MicrosoftDefenderForEndpointAttachEnabled, MicrosoftDefenderForEndpointAttachEnabled);
        yield return (ConnectorToggle.AllowPartnerToCollectIOSApplicationMetadata, AllowPartnerToCollectIOSApplicationMetadata);
        yield return (ConnectorToggle.AllowPartnerToCollectIOSPersonalApplicationMetadata, AllowPartnerToCollectIOSPersonalApplicationMetadata);
    }

    /// <summary>Properties Graph has but no partner here offers: they may be sent as false only.</summary>
    public virtual IEnumerable<(string Name, bool? Value)> AlwaysOff()
    {
        yield return ("windowsDeviceBlockedOnMissingPartnerData", WindowsDeviceBlockedOnMissingPartnerData);
    }

    /// <summary>Why the body cannot be applied before Core's rules run (wrong <c>@odata.type</c>, an always-off property on), or null.</summary>
    public string? Problem()
    {
        if (ODataType is not null && ODataType != GraphConnectorShape.ODataType && ODataType != GraphConnectorShape.ODataType[1..])
        {
            return $"The property '@odata.type' must be \"{GraphConnectorShape.ODataType}\" here.";
        }
        foreach (var (name, value) in AlwaysOff())
        {
            if (value == true)
            {
                return $"The property '{name}' can only be false: no Mobile Threat Defense partner in this tenant offers it.";
            }
        }
        return null;
    }

    /// <summary><paramref name="current"/> with what the body sets.</summary>
    public MtdConnectorSettings ApplyTo(MtdConnectorSettings current)
    {
        var settings = current;
        foreach (var (toggle, value) in Toggles())
        {
            if (value is { } on)
            {
                settings = settings.With(toggle, on);
            }
        }
        return PartnerUnresponsivenessThresholdInDays is { } days ? settings with { PartnerUnresponsivenessThresholdInDays = days } : settings;
    }
}

/// <summary>Beta's writable additions.</summary>
internal class GraphConnectorWriteBeta : GraphConnectorWrite
{
    public bool? WindowsMobileApplicationManagementEnabled { get; init; }

    public bool? MacEnabled { get; init; }

    public bool? MacDeviceBlockedOnMissingPartnerData { get; init; }

    public bool? AllowPartnerToCollectIosCertificateMetadata { get; init; }

    public bool? AllowPartnerToCollectIosPersonalCertificateMetadata { get; init; }

    public override IEnumerable<(ConnectorToggle Toggle, bool? Value)> Toggles() =>
        base.Toggles().Concat(
        [
            (ConnectorToggle.WindowsMobileApplicationManagementEnabled, WindowsMobileApplicationManagementEnabled),
            (ConnectorToggle.AllowPartnerToCollectIosCertificateMetadata, AllowPartnerToCollectIosCertificateMetadata),
            (ConnectorToggle.AllowPartnerToCollectIosPersonalCertificateMetadata, AllowPartnerToCollectIosPersonalCertificateMetadata),
        ]);

    public override IEnumerable<(string Name, bool? Value)> AlwaysOff() =>
        base.AlwaysOff().Concat([("macEnabled", MacEnabled), ("macDeviceBlockedOnMissingPartnerData", MacDeviceBlockedOnMissingPartnerData)]);
}

/// <summary>A v1.0 POST: the partner's connector id and any toggles.</summary>
internal sealed class GraphConnectorCreate : GraphConnectorWrite
{
    [FieldKind(FieldKind.Identifier)]
    public required string Id { get; init; }
}

internal sealed class GraphConnectorCreateBeta : GraphConnectorWriteBeta
{
    [FieldKind(FieldKind.Identifier)]
    public required string Id { get; init; }
}

/// <summary>A v1.0 PATCH; <c>id</c> may be sent but must be the connector's own.</summary>
internal sealed class GraphConnectorPatch : GraphConnectorWrite
{
    [FieldKind(FieldKind.Identifier)]
    public string? Id { get; init; }
}

internal sealed class GraphConnectorPatchBeta : GraphConnectorWriteBeta
{
    [FieldKind(FieldKind.Identifier)]
    public string? Id { get; init; }
}

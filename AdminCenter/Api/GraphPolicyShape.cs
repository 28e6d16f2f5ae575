using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Xml;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;

namespace AdminCenter.Api;

/// <summary>
/// Graph beta's <c>windowsManagedAppProtection</c> (spec 03 names every setting by its Graph property), its navigation
/// properties <c>apps</c> and <c>assignments</c>, and the mapping between Graph's flat health-check properties and the
/// wizard's rows, so that a Core message about a row can name the Graph property.
/// </summary>
internal static class GraphPolicyShape
{
    public const string ODataType = "#microsoft.graph.windowsManagedAppProtection";
    public const string EntitySet = "deviceAppManagement/windowsManagedAppProtections";
    public const string AppODataType = "#microsoft.graph.managedMobileApp";
    public const string AppIdentifierODataType = "#microsoft.graph.windowsAppIdentifier";
    public const string AssignmentODataType = "#microsoft.graph.targetedManagedAppPolicyAssignment";
    public const string IncludeTarget = "#microsoft.graph.groupAssignmentTarget";
    public const string ExcludeTarget = "#microsoft.graph.exclusionGroupAssignmentTarget";

    public static GraphEntitySet<PolicyDetails> Policies { get; } = new(EntitySet, ODataType,
    [
        new("id", GraphValueKind.Text, p => p.Id, Filterable: true),
        new("displayName", GraphValueKind.Text, p => p.Draft.DisplayName, Filterable: true),
        new("description", GraphValueKind.Text, p => p.Draft.Description),
        new("createdDateTime", GraphValueKind.DateTime, p => GraphEntities.Timestamp(p.CreatedUtc)),
        new("lastModifiedDateTime", GraphValueKind.DateTime, p => GraphEntities.Timestamp(p.LastModifiedUtc)),
        new("roleScopeTagIds", GraphValueKind.Complex, p => p.Draft.RoleScopeTagIds),
        new("version", GraphValueKind.Text, p => p.Version.ToString(CultureInfo.InvariantCulture)),
        new("isAssigned", GraphValueKind.Boolean, p => p.IsAssigned, Filterable: true),
        new("deployedAppCount", GraphValueKind.WholeNumber, p => p.Draft.Apps.Count),
        new("printBlocked", GraphValueKind.Boolean, p => p.Settings.PrintBlocked, Filterable: true),
        new("allowedInboundDataTransferSources", GraphValueKind.Text, p => Name(p.Settings.AllowedInboundDataTransferSources), Filterable: true),
        new("allowedOutboundClipboardSharingLevel", GraphValueKind.Text, p => Name(p.Settings.AllowedOutboundClipboardSharingLevel), Filterable: true),
        new("allowedOutboundDataTransferDestinations", GraphValueKind.Text, p => Name(p.Settings.AllowedOutboundDataTransferDestinations), Filterable: true),
        new("appActionIfUnableToAuthenticateUser", GraphValueKind.Text, p => p.Settings.AppActionIfUnableToAuthenticateUser is { } a ? Name(a) : null),
        new("maximumAllowedDeviceThreatLevel", GraphValueKind.Text, p => HealthChecks.ThreatLevelGraphName(p.Settings.MaximumAllowedDeviceThreatLevel), Filterable: true),
        new("mobileThreatDefenseRemediationAction", GraphValueKind.Text, p => Name(p.Settings.MobileThreatDefenseRemediationAction)),
        new("minimumRequiredSdkVersion", GraphValueKind.Text, p => p.Settings.MinimumRequiredSdkVersion),
        new("minimumWipeSdkVersion", GraphValueKind.Text, p => p.Settings.MinimumWipeSdkVersion),
        new("minimumRequiredOsVersion", GraphValueKind.Text, p => p.Settings.MinimumRequiredOsVersion),
        new("minimumWarningOsVersion", GraphValueKind.Text, p => p.Settings.MinimumWarningOsVersion),
        new("minimumWipeOsVersion", GraphValueKind.Text, p => p.Settings.MinimumWipeOsVersion),
        new("minimumRequiredAppVersion", GraphValueKind.Text, p => p.Settings.MinimumRequiredAppVersion),
        new("minimumWarningAppVersion", GraphValueKind.Text, p => p.Settings.MinimumWarningAppVersion),
        new("minimumWipeAppVersion", GraphValueKind.Text, p => p.Settings.MinimumWipeAppVersion),
        new("maximumRequiredOsVersion", GraphValueKind.Text, p => p.Settings.MaximumRequiredOsVersion),
        new("maximumWarningOsVersion", GraphValueKind.Text, p => p.Settings.MaximumWarningOsVersion),
        new("maximumWipeOsVersion", GraphValueKind.Text, p => p.Settings.MaximumWipeOsVersion),
        new("periodOfflineBeforeWipeIsEnforced", GraphValueKind.Text, p => Duration(p.Settings.PeriodOfflineBeforeWipeIsEnforced, TimeSpan.TicksPerDay, "P", "D")),
        new("periodOfflineBeforeAccessCheck", GraphValueKind.Text, p => Duration(p.Settings.PeriodOfflineBeforeAccessCheck, TimeSpan.TicksPerMinute, "PT", "M")),
    ], "displayName eq 'Edge baseline' and isAssigned eq true");

    public static GraphEntitySet<PolicyApp> Apps { get; } = new("apps", AppODataType,
    [
        new("id", GraphValueKind.Text, a => a.Id, Filterable: true),
        new("mobileAppIdentifier", GraphValueKind.Complex, a => new AppIdentifier(AppIdentifierODataType, a.AppId)),
        new("version", GraphValueKind.Text, a => a.Version),
    ], "id eq 'com.microsoft.edge.windows'");

    public static GraphEntitySet<PolicyGroupAssignment> Assignments { get; } = new("assignments", AssignmentODataType,
    [
        new("id", GraphValueKind.Text, a => a.Id, Filterable: true),
        new("target", GraphValueKind.Complex, a => new AssignmentTarget(a.IsExclusion ? ExcludeTarget : IncludeTarget, a.GroupId, a.FilterId, FilterType(a))),
        // Every assignment here is made on the policy itself; policy sets do not exist.
        new("source", GraphValueKind.Text, _ => "direct"),
        new("sourceId", GraphValueKind.Text, _ => null),
    ], "id eq '...'");

    /// <summary>Properties a body may not set, and why (checked before the body's own contract, so they are named as read-only).</summary>
    private static readonly Dictionary<string, string> ReadOnly = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = "the service assigns it",
        ["createdDateTime"] = "it is the time the policy was created",
        ["lastModifiedDateTime"] = "it is the time of the last change",
        ["isAssigned"] = "it follows the included groups; change them with POST .../assign",
        ["version"] = "it changes with every save; send it as If-Match to guard a change",
        ["deployedAppCount"] = "it follows the targeted apps; change them with POST .../targetApps",
        ["apps"] = "change the targeted apps with POST .../targetApps",
        ["assignments"] = "change the groups with POST .../assign",
    };

    /// <summary><c>W/"3"</c>: the policy's app-managed concurrency token.</summary>
    public static string ETag(PolicyDetails policy) => string.Create(CultureInfo.InvariantCulture, $"W/\"{policy.Version}\"");

    public static IReadOnlyList<PolicyApp> AppsOf(PolicyDetails policy) =>
        [.. policy.Draft.Apps.Select(app => new PolicyApp($"{app}.windows", app, policy.Version.ToString(CultureInfo.InvariantCulture)))];

    public static IReadOnlyList<PolicyGroupAssignment> AssignmentsOf(PolicyDetails policy) =>
    [
        .. policy.IncludedGroups.Select(g => policy.Draft.AssignmentFilters.FirstOrDefault(f => string.Equals(f.GroupId, g.Id, StringComparison.OrdinalIgnoreCase)) is { } filter
            ? new PolicyGroupAssignment($"{policy.Id}_{g.Id}", g.Id, IsExclusion: false, filter.FilterId, filter.Mode)
            : new PolicyGroupAssignment($"{policy.Id}_{g.Id}", g.Id, IsExclusion: false)),
        .. policy.ExcludedGroups.Select(g => new PolicyGroupAssignment($"{policy.Id}_{g.Id}", g.Id, IsExclusion: true)),
    ];

    /// <summary>Graph's <c>deviceAndAppManagementAssignmentFilterType</c>: "include", "exclude", or "none" without a filter.</summary>
    public static string FilterType(PolicyGroupAssignment assignment) => assignment.FilterId is null
        ? "none"
        : assignment.FilterMode == Core.Filters.AssignmentFilterMode.Exclude ? "exclude" : "include";

    /// <summary>Why the body names a read-only property, or null.</summary>
    public static string? ReadOnlyProblem(JsonElement body)
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
            if (ReadOnly.TryGetValue(name, out var reason))
            {
                return $"The property '{ReadOnly.Keys.First(k => k.Equals(name, StringComparison.OrdinalIgnoreCase))}' is read-only ({reason}); leave it out of the body.";
            }
        }
        return null;
    }

    /// <summary>The Graph property a Health checks row stands for.</summary>
    public static string PropertyOf(HealthCheckRow row) => (row.Setting, row.Action) switch
    {
        (HealthCheckSetting.OfflineGracePeriod, HealthCheckAction.Wipe) => "periodOfflineBeforeWipeIsEnforced",
        (HealthCheckSetting.OfflineGracePeriod, _) => "periodOfflineBeforeAccessCheck",
        (HealthCheckSetting.MinAppVersion, HealthCheckAction.Warn) => "minimumWarningAppVersion",
        (HealthCheckSetting.MinAppVersion, HealthCheckAction.Block) => "minimumRequiredAppVersion",
        (HealthCheckSetting.MinAppVersion, _) => "minimumWipeAppVersion",
        (HealthCheckSetting.MinSdkVersion, HealthCheckAction.Wipe) => "minimumWipeSdkVersion",
        (HealthCheckSetting.MinSdkVersion, _) => "minimumRequiredSdkVersion",
        (HealthCheckSetting.DisabledAccount, _) => "appActionIfUnableToAuthenticateUser",
        (HealthCheckSetting.MinOsVersion, HealthCheckAction.Warn) => "minimumWarningOsVersion",
        (HealthCheckSetting.MinOsVersion, HealthCheckAction.Block) => "minimumRequiredOsVersion",
        (HealthCheckSetting.MinOsVersion, _) => "minimumWipeOsVersion",
        (HealthCheckSetting.MaxOsVersion, HealthCheckAction.Warn) => "maximumWarningOsVersion",
        (HealthCheckSetting.MaxOsVersion, HealthCheckAction.Block) => "maximumRequiredOsVersion",
        (HealthCheckSetting.MaxOsVersion, _) => "maximumWipeOsVersion",
        _ => "maximumAllowedDeviceThreatLevel",
    };

    /// <summary>Core's problems, each with the Graph property it concerns (Core names health checks by their row).</summary>
    public static string Describe(IReadOnlyList<ValidationProblem> problems, IReadOnlyList<HealthCheckRow> rows) =>
        string.Join(" ", problems.Select(problem =>
        {
            var property = problem.Field;
            if (property.StartsWith("healthChecks[", StringComparison.Ordinal)
                && int.TryParse(property.AsSpan(13, property.Length - 14), NumberStyles.None, CultureInfo.InvariantCulture, out var row) && row < rows.Count)
            {
                property = PropertyOf(rows[row]);
            }
            var message = problem.Message.TrimEnd('.');
            return property is "id" or "version" ? message + "." : $"'{property}': {message}.";
        }));

    /// <summary>A Graph enum member's name (camelCase, as the API writes enums).</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>An ISO 8601 duration: whole units as spec 03 writes them (<c>PT720M</c>, <c>P90D</c>), anything else in full.</summary>
    private static string? Duration(TimeSpan? value, long unitTicks, string prefix, string suffix) =>
        value is not { } span ? null
        : span.Ticks > 0 && span.Ticks % unitTicks == 0 ? string.Create(CultureInfo.InvariantCulture, $"{prefix}{span.Ticks / unitTicks}{suffix}")
        : XmlConvert.ToString(span);

    /// <summary>Reads an ISO 8601 duration such as <c>PT720M</c> or <c>P90D</c>.</summary>
    public static bool TryParseDuration(string text, out TimeSpan value)
    {
        try
        {
            value = XmlConvert.ToTimeSpan(text.Trim());
            return text.Trim().Length > 0;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException)
        {
            value = default;
            return false;
        }
    }

    public static bool IsType(string? sent, string expected) => sent == expected || sent == expected[1..];

    private sealed record AppIdentifier([property: JsonPropertyName("@odata.type")] string ODataType, string WindowsAppId);

    private sealed record AssignmentTarget(
        [property: JsonPropertyName("@odata.type")] string ODataType,
        string GroupId,
        string? DeviceAndAppManagementAssignmentFilterId,
        string DeviceAndAppManagementAssignmentFilterType);
}

/// <summary>A targeted app of a policy (Graph <c>managedMobileApp</c>).</summary>
internal sealed record PolicyApp(string Id, string AppId, string Version);

/// <summary>An included or excluded group of a policy (Graph <c>targetedManagedAppPolicyAssignment</c>).</summary>
internal sealed record PolicyGroupAssignment(
    string Id, string GroupId, bool IsExclusion, string? FilterId = null, Core.Filters.AssignmentFilterMode FilterMode = Core.Filters.AssignmentFilterMode.Include);

/// <summary>
/// The writable properties of a policy, by their Graph names. Values a policy always has are not nullable (a null is
/// refused); a PATCH changes only the properties the body names (<see cref="Present"/>), so null clears an optional one.
/// </summary>
internal class GraphPolicyWrite
{
    [JsonPropertyName("@odata.type")]
    [FieldKind(FieldKind.Identifier)]
    public string? ODataType { get; init; }

    [FieldKind(FieldKind.Message)]
    public string? Description { get; init; }

    [FieldKind(FieldKind.Identifier)]
    public IReadOnlyList<string> RoleScopeTagIds { get; init; } = [];

    public bool PrintBlocked { get; init; }

    public DataTransferLevel AllowedInboundDataTransferSources { get; init; }

    public ClipboardSharingLevel AllowedOutboundClipboardSharingLevel { get; init; }

    public DataTransferLevel AllowedOutboundDataTransferDestinations { get; init; }

    public HealthCheckAction? AppActionIfUnableToAuthenticateUser { get; init; }

    public DeviceThreatLevel MaximumAllowedDeviceThreatLevel { get; init; }

    public HealthCheckAction MobileThreatDefenseRemediationAction { get; init; }

    [FieldKind(FieldKind.Version)]
    public string? MinimumRequiredSdkVersion { get; init; }

    [FieldKind(FieldKind.Version)]
    public string? MinimumWipeSdkVersion { get; init; }

    [FieldKind(FieldKind.Version)]
    public string? MinimumRequiredOsVersion { get; init; }

    [FieldKind(FieldKind.Version)]
    public string? MinimumWarningOsVersion { get; init; }

    [FieldKind(FieldKind.Version)]
    public string? MinimumWipeOsVersion { get; init; }

    [FieldKind(FieldKind.Version)]
    public string? MinimumRequiredAppVersion { get; init; }

    [FieldKind(FieldKind.Version)]
    public string? MinimumWarningAppVersion { get; init; }

    [FieldKind(FieldKind.Version)]
    public string? MinimumWipeAppVersion { get; init; }

    [FieldKind(FieldKind.Version)]
    public string? MaximumRequiredOsVersion { get; init; }

    [FieldKind(FieldKind.Version)]
    public string? MaximumWarningOsVersion { get; init; }

    [FieldKind(FieldKind.Version)]
    public string? MaximumWipeOsVersion { get; init; }

    [FieldKind(FieldKind.Identifier)]
    public string? PeriodOfflineBeforeWipeIsEnforced { get; init; }

    [FieldKind(FieldKind.Identifier)]
    public string? PeriodOfflineBeforeAccessCheck { get; init; }

    /// <summary>The Graph names of the properties the body holds (set by the endpoint from the parsed document).</summary>
    [JsonIgnore]
    public IReadOnlySet<string> Present { get; set; } = new HashSet<string>();

    /// <summary>Why the body cannot be applied before Core's rules run (wrong <c>@odata.type</c>, a duration that is not one), or null.</summary>
    public string? Problem()
    {
        if (ODataType is not null && !GraphPolicyShape.IsType(ODataType, GraphPolicyShape.ODataType))
        {
            return $"The property '@odata.type' must be \"{GraphPolicyShape.ODataType}\" here.";
        }
        foreach (var (name, text, example) in new[]
        {
            ("periodOfflineBeforeAccessCheck", PeriodOfflineBeforeAccessCheck, "PT720M for 720 minutes"),
            ("periodOfflineBeforeWipeIsEnforced", PeriodOfflineBeforeWipeIsEnforced, "P90D for 90 days"),
        })
        {
            if (text is not null && !GraphPolicyShape.TryParseDuration(text, out _))
            {
                return $"The property '{name}' must be an ISO 8601 duration such as {example} (or null for no offline check); '{JsonBodySchema.Shown(text)}' is not one.";
            }
        }
        return null;
    }

    /// <summary><paramref name="current"/> with what the body sets.</summary>
    public WindowsAppProtectionSettings ApplyTo(WindowsAppProtectionSettings current)
    {
        var s = current;
        T Pick<T>(string name, T sent, T kept) => Present.Contains(name) ? sent : kept;
        static TimeSpan? Period(string? text) => text is not null && GraphPolicyShape.TryParseDuration(text, out var span) ? span : null;
        return s with
        {
            PrintBlocked = Pick("printBlocked", PrintBlocked, s.PrintBlocked),
            AllowedInboundDataTransferSources = Pick("allowedInboundDataTransferSources", AllowedInboundDataTransferSources, s.AllowedInboundDataTransferSources),
            AllowedOutboundClipboardSharingLevel = Pick("allowedOutboundClipboardSharingLevel", AllowedOutboundClipboardSharingLevel, s.AllowedOutboundClipboardSharingLevel),
            AllowedOutboundDataTransferDestinations = Pick("allowedOutboundDataTransferDestinations", AllowedOutboundDataTransferDestinations, s.AllowedOutboundDataTransferDestinations),
            AppActionIfUnableToAuthenticateUser = Pick("appActionIfUnableToAuthenticateUser", AppActionIfUnableToAuthenticateUser, s.AppActionIfUnableToAuthenticateUser),
            MaximumAllowedDeviceThreatLevel = Pick("maximumAllowedDeviceThreatLevel", MaximumAllowedDeviceThreatLevel, s.MaximumAllowedDeviceThreatLevel),
            MobileThreatDefenseRemediationAction = Pick("mobileThreatDefenseRemediationAction", MobileThreatDefenseRemediationAction, s.MobileThreatDefenseRemediationAction),
            MinimumRequiredSdkVersion = Pick("minimumRequiredSdkVersion", MinimumRequiredSdkVersion, s.MinimumRequiredSdkVersion),
            MinimumWipeSdkVersion = Pick("minimumWipeSdkVersion", MinimumWipeSdkVersion, s.MinimumWipeSdkVersion),
            MinimumRequiredOsVersion = Pick("minimumRequiredOsVersion", MinimumRequiredOsVersion, s.MinimumRequiredOsVersion),
            MinimumWarningOsVersion = Pick("minimumWarningOsVersion", MinimumWarningOsVersion, s.MinimumWarningOsVersion),
            MinimumWipeOsVersion = Pick("minimumWipeOsVersion", MinimumWipeOsVersion, s.MinimumWipeOsVersion),
            MinimumRequiredAppVersion = Pick("minimumRequiredAppVersion", MinimumRequiredAppVersion, s.MinimumRequiredAppVersion),
            MinimumWarningAppVersion = Pick("minimumWarningAppVersion", MinimumWarningAppVersion, s.MinimumWarningAppVersion),
            MinimumWipeAppVersion = Pick("minimumWipeAppVersion", MinimumWipeAppVersion, s.MinimumWipeAppVersion),
            MaximumRequiredOsVersion = Pick("maximumRequiredOsVersion", MaximumRequiredOsVersion, s.MaximumRequiredOsVersion),
            MaximumWarningOsVersion = Pick("maximumWarningOsVersion", MaximumWarningOsVersion, s.MaximumWarningOsVersion),
            MaximumWipeOsVersion = Pick("maximumWipeOsVersion", MaximumWipeOsVersion, s.MaximumWipeOsVersion),
            PeriodOfflineBeforeWipeIsEnforced = Pick("periodOfflineBeforeWipeIsEnforced", Period(PeriodOfflineBeforeWipeIsEnforced), s.PeriodOfflineBeforeWipeIsEnforced),
            PeriodOfflineBeforeAccessCheck = Pick("periodOfflineBeforeAccessCheck", Period(PeriodOfflineBeforeAccessCheck), s.PeriodOfflineBeforeAccessCheck),
        };
    }

    /// <summary>
    /// Why the merged settings cannot be saved as Graph sent them, or null: a threat-level action without a threat level
    /// has no row in the wizard and would be lost, so it is refused rather than silently reset.
    /// </summary>
    public static string? SettingsProblem(WindowsAppProtectionSettings settings) =>
        settings.MaximumAllowedDeviceThreatLevel == DeviceThreatLevel.NotConfigured && settings.MobileThreatDefenseRemediationAction != HealthCheckAction.Block
            ? "The property 'mobileThreatDefenseRemediationAction' can be \"wipe\" only with a 'maximumAllowedDeviceThreatLevel' of secured, low, medium or high."
            : null;
}

/// <summary>A POST: the name is required; everything else starts from the wizard's defaults.</summary>
internal sealed class GraphPolicyCreate : GraphPolicyWrite
{
    [FieldKind(FieldKind.Name)]
    public required string DisplayName { get; init; }
}

/// <summary>A PATCH: only what the body names changes.</summary>
internal sealed class GraphPolicyPatch : GraphPolicyWrite
{
    [FieldKind(FieldKind.Name)]
    public string DisplayName { get; init; } = "";
}

/// <summary>The body of <c>assign</c>: <c>{"assignments": [{"target": {"@odata.type", "groupId"}}]}</c>.</summary>
internal sealed class GraphAssignBody
{
    public required IReadOnlyList<GraphAssignmentItem> Assignments { get; init; }
}

/// <summary>One assignment; Graph's example also sends <c>@odata.type</c>, <c>id</c>, <c>source</c> and <c>sourceId</c>, which are accepted and ignored.</summary>
internal sealed class GraphAssignmentItem
{
    [JsonPropertyName("@odata.type")]
    [FieldKind(FieldKind.Identifier)]
    public string? ODataType { get; init; }

    [FieldKind(FieldKind.Identifier)]
    public string? Id { get; init; }

    public required GraphAssignmentTarget Target { get; init; }

    [FieldKind(FieldKind.Identifier)]
    public string? Source { get; init; }

    [FieldKind(FieldKind.Identifier)]
    public string? SourceId { get; init; }
}

internal sealed class GraphAssignmentTarget
{
    [JsonPropertyName("@odata.type")]
    [FieldKind(FieldKind.Identifier)]
    public required string ODataType { get; init; }

    [FieldKind(FieldKind.Identifier)]
    public string? GroupId { get; init; }

    [FieldKind(FieldKind.Identifier)]
    public string? DeviceAndAppManagementAssignmentFilterId { get; init; }

    [FieldKind(FieldKind.Identifier)]
    public string? DeviceAndAppManagementAssignmentFilterType { get; init; }
}

/// <summary>The body of <c>targetApps</c>: <c>{"apps": [{"mobileAppIdentifier": {"@odata.type", "windowsAppId"}}]}</c>.</summary>
internal sealed class GraphTargetAppsBody
{
    public required IReadOnlyList<GraphManagedMobileApp> Apps { get; init; }
}

/// <summary>One app; Graph's example also sends <c>@odata.type</c>, <c>id</c> and <c>version</c>, which are accepted and ignored.</summary>
internal sealed class GraphManagedMobileApp
{
    [JsonPropertyName("@odata.type")]
    [FieldKind(FieldKind.Identifier)]
    public string? ODataType { get; init; }

    public required GraphWindowsAppIdentifier MobileAppIdentifier { get; init; }

    [FieldKind(FieldKind.Identifier)]
    public string? Id { get; init; }

    [FieldKind(FieldKind.Version)]
    public string? Version { get; init; }
}

internal sealed class GraphWindowsAppIdentifier
{
    [JsonPropertyName("@odata.type")]
    [FieldKind(FieldKind.Identifier)]
    public required string ODataType { get; init; }

    [FieldKind(FieldKind.Identifier)]
    public required string WindowsAppId { get; init; }
}

using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.Common;

namespace AdminCenter.Api;

/// <summary>
/// Graph beta's <c>targetedManagedAppConfiguration</c> (spec 05, 07): every setting, Edge's and General ones, is a
/// <c>customSettings</c> entry <c>{name, value}</c>; an entry named like an Edge configuration setting is one, with its
/// value in Edge's form (a URL, the choice's number, <c>true</c>/<c>false</c>, a JSON array).
/// </summary>
internal static class GraphAppConfigurationShape
{
    public const string ODataType = "#microsoft.graph.targetedManagedAppConfiguration";
    public const string EntitySet = "deviceAppManagement/targetedManagedAppConfigurations";
    public const string KeyValuePairODataType = "#microsoft.graph.keyValuePair";

    public static GraphEntitySet<AppConfigurationDetails> Policies { get; } = new(EntitySet, ODataType,
    [
        new("id", GraphValueKind.Text, p => p.Id, Filterable: true),
        new("displayName", GraphValueKind.Text, p => p.Draft.DisplayName, Filterable: true),
        new("description", GraphValueKind.Text, p => p.Draft.Description),
        new("createdDateTime", GraphValueKind.DateTime, p => GraphEntities.Timestamp(p.CreatedUtc)),
        new("lastModifiedDateTime", GraphValueKind.DateTime, p => GraphEntities.Timestamp(p.LastModifiedUtc)),
        new("version", GraphValueKind.Text, p => p.Version.ToString(CultureInfo.InvariantCulture)),
        new("isAssigned", GraphValueKind.Boolean, p => p.IsAssigned, Filterable: true),
        new("deployedAppCount", GraphValueKind.WholeNumber, p => p.Draft.Apps.Count),
        new("customSettings", GraphValueKind.Complex, p => p.Draft.AllSettings.Select(s => new KeyValuePair(s.Name, s.Value)).ToList()),
    ], "displayName eq 'Edge home page' and isAssigned eq true");

    public static GraphEntitySet<PolicyApp> Apps { get; } = new("apps", GraphPolicyShape.AppODataType, GraphPolicyShape.Apps.Properties, "id eq 'com.microsoft.edge.windows'");

    public static GraphEntitySet<PolicyGroupAssignment> Assignments { get; } =
        new("assignments", GraphPolicyShape.AssignmentODataType, GraphPolicyShape.Assignments.Properties, "id eq '...'");

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

    public static string ETag(AppConfigurationDetails policy) => string.Create(CultureInfo.InvariantCulture, $"W/\"{policy.Version}\"");

    public static IReadOnlyList<PolicyApp> AppsOf(AppConfigurationDetails policy) =>
        [.. policy.Draft.Apps.Select(app => new PolicyApp($"{app}.windows", app, policy.Version.ToString(CultureInfo.InvariantCulture)))];

    public static IReadOnlyList<PolicyGroupAssignment> AssignmentsOf(AppConfigurationDetails policy) =>
    [
        .. policy.IncludedGroups.Select(g => policy.Draft.AssignmentFilters.FirstOrDefault(f => string.Equals(f.GroupId, g.Id, StringComparison.OrdinalIgnoreCase)) is { } filter
            ? new PolicyGroupAssignment($"{policy.Id}_{g.Id}", g.Id, IsExclusion: false, filter.FilterId, filter.Mode)
            : new PolicyGroupAssignment($"{policy.Id}_{g.Id}", g.Id, IsExclusion: false)),
        .. policy.ExcludedGroups.Select(g => new PolicyGroupAssignment($"{policy.Id}_{g.Id}", g.Id, IsExclusion: true)),
    ];

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

    /// <summary>Core's problems as one message; each names the setting (by its name) or the property it concerns.</summary>
    public static string Describe(IReadOnlyList<ValidationProblem> problems) => string.Join(" ", problems.Select(p => p.Message));

    private sealed record KeyValuePair(string Name, string Value);
}

/// <summary>The writable properties of an app configuration policy; a PATCH changes only those the body names.</summary>
internal class GraphAppConfigurationWrite
{
    [JsonPropertyName("@odata.type")]
    [FieldKind(FieldKind.Identifier)]
    public string? ODataType { get; init; }

    [FieldKind(FieldKind.Message)]
    public string? Description { get; init; }

    public IReadOnlyList<GraphKeyValuePair> CustomSettings { get; init; } = [];

    [JsonIgnore]
    public IReadOnlySet<string> Present { get; set; } = new HashSet<string>();

    public string? Problem()
    {
        if (ODataType is not null && !GraphPolicyShape.IsType(ODataType, GraphAppConfigurationShape.ODataType))
        {
            return $"The property '@odata.type' must be \"{GraphAppConfigurationShape.ODataType}\" here.";
        }
        for (var i = 0; i < CustomSettings.Count; i++)
        {
            if (CustomSettings[i].ODataType is { } type && !GraphPolicyShape.IsType(type, GraphAppConfigurationShape.KeyValuePairODataType))
            {
                return $"The property 'customSettings[{i}].@odata.type' must be \"{GraphAppConfigurationShape.KeyValuePairODataType}\" here.";
            }
        }
        return null;
    }

    public IReadOnlyList<AppConfigSetting> Settings() => [.. CustomSettings.Select(s => new AppConfigSetting(s.Name, s.Value ?? ""))];
}

internal sealed class GraphAppConfigurationCreate : GraphAppConfigurationWrite
{
    [FieldKind(FieldKind.Name)]
    public required string DisplayName { get; init; }
}

internal sealed class GraphAppConfigurationPatch : GraphAppConfigurationWrite
{
    [FieldKind(FieldKind.Name)]
    public string DisplayName { get; init; } = "";
}

/// <summary>Graph's <c>keyValuePair</c>.</summary>
internal sealed class GraphKeyValuePair
{
    [JsonPropertyName("@odata.type")]
    [FieldKind(FieldKind.Identifier)]
    public string? ODataType { get; init; }

    [FieldKind(FieldKind.Name)]
    public required string Name { get; init; }

    [FieldKind(FieldKind.Message)]
    public string? Value { get; init; }
}

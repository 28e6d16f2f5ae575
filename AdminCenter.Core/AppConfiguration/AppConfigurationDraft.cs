using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;

namespace AdminCenter.Core.AppConfiguration;

/// <summary>One configuration setting: its name (an Edge policy name, or the admin's own for General) and its value.</summary>
public sealed record AppConfigSetting(string Name, string Value);

/// <summary>What the app configuration wizard (spec 07) collects, section by section; also what a saved policy edits.</summary>
public sealed record AppConfigurationDraft
{
    public string DisplayName { get; init; } = "";

    public string? Description { get; init; }

    /// <summary>The targeted apps; Microsoft Edge (Windows) is the only one offered, and the wizard starts with none picked.</summary>
    public IReadOnlyList<string> Apps { get; init; } = [];

    /// <summary>Edge configuration settings, by Edge policy name, with their values in Edge's form.</summary>
    public IReadOnlyList<AppConfigSetting> EdgeSettings { get; init; } = [];

    /// <summary>General configuration settings: free Name/Value pairs; values may hold tokens.</summary>
    public IReadOnlyList<AppConfigSetting> GeneralSettings { get; init; } = [];

    public IReadOnlyList<string> IncludedGroupIds { get; init; } = [];

    public IReadOnlyList<string> ExcludedGroupIds { get; init; } = [];

    /// <summary>The filter of each included group that has one (spec 07); excluded groups take none.</summary>
    public IReadOnlyList<Filters.IncludedGroupFilter> AssignmentFilters { get; init; } = [];

    /// <summary>Every setting as delivered (Graph's <c>customSettings</c>): Edge settings first, then General ones.</summary>
    public IReadOnlyList<AppConfigSetting> AllSettings => [.. EdgeSettings, .. GeneralSettings];

    /// <summary>
    /// A draft from Graph's <c>customSettings</c>: a name of the Edge catalog is an Edge configuration setting, any other a
    /// General one, so a setting created through the API shows in the wizard where the admin would have added it.
    /// </summary>
    public AppConfigurationDraft WithCustomSettings(IReadOnlyList<AppConfigSetting> settings) => this with
    {
        EdgeSettings = [.. settings.Where(s => EdgeSettingValues.Find(s.Name) is not null)],
        GeneralSettings = [.. settings.Where(s => EdgeSettingValues.Find(s.Name) is null)],
    };
}

/// <summary>
/// The rules of the app configuration wizard (spec 07) as pure functions, one per step so the wizard can disable Next on
/// the step in error, shared by the pages and the API. Fields are Graph names; a setting's own field names its row.
/// </summary>
public static class AppConfigurationValidator
{
    public const string DisplayNameField = "displayName";
    public const string DescriptionField = "description";
    public const string AppsField = "apps";
    public const string SettingsField = "customSettings";
    public const string AssignmentsField = "assignments";

    /// <summary>Longest General setting name, in characters.</summary>
    public const int MaxSettingNameLength = 256;

    /// <summary>The field of the Edge setting named <paramref name="name"/>: <c>edgeSettings[HomepageLocation]</c>.</summary>
    public static string EdgeSettingField(string name) => $"edgeSettings[{name}]";

    /// <summary>The field of the name of the General setting at <paramref name="row"/>: <c>generalSettings[0].name</c>.</summary>
    public static string GeneralNameField(int row) => $"generalSettings[{row}].name";

    /// <summary>The field of the value of the General setting at <paramref name="row"/>.</summary>
    public static string GeneralValueField(int row) => $"generalSettings[{row}].value";

    public static IReadOnlyList<ValidationProblem> Validate(AppConfigurationDraft draft, IReadOnlyCollection<string> otherPolicyNames) =>
    [
        .. ValidateBasics(draft, otherPolicyNames),
        .. ValidateSettings(draft),
        .. ValidateAssignments(draft),
    ];

    /// <summary>Basics: a unique name of 1-256 characters, a description of at most 1024, and Microsoft Edge as the app.</summary>
    public static IReadOnlyList<ValidationProblem> ValidateBasics(AppConfigurationDraft draft, IReadOnlyCollection<string> otherPolicyNames)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(otherPolicyNames);
        var problems = new List<ValidationProblem>();
        var name = (draft.DisplayName ?? "").Trim();
        if (name.Length == 0)
        {
            problems.Add(new(DisplayNameField, "Name is required."));
        }
        else if (FieldRules.Check("Name", name, FieldKind.Name) is { } nameProblem)
        {
            problems.Add(new(DisplayNameField, nameProblem));
        }
        else
        {
            var normalized = TargetedManagedAppConfiguration.Normalize(name);
            if (otherPolicyNames.Any(other => other is not null && TargetedManagedAppConfiguration.Normalize(other) == normalized))
            {
                problems.Add(new(DisplayNameField, $"An app configuration policy named '{name}' already exists.", IsConflict: true));
            }
        }
        var description = draft.Description?.Trim() ?? "";
        if (FieldRules.Check("Description", description, FieldKind.Message) is { } descriptionProblem)
        {
            problems.Add(new(DescriptionField, descriptionProblem));
        }
        if (draft.Apps.Count != 1 || draft.Apps[0] != WindowsPolicyDraft.EdgeAppId)
        {
            problems.Add(new(AppsField, $"Select Microsoft Edge (Windows) as the public app: it is the only app this policy can configure ({WindowsPolicyDraft.EdgeAppId})."));
        }
        return problems;
    }

    /// <summary>
    /// Settings: each Edge setting once, with a value valid for its type; each General setting with a name (not an Edge
    /// setting's, and once) and a value; values of at most 1024 characters using only the known tokens.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> ValidateSettings(AppConfigurationDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<ValidationProblem>();
        var seenEdge = new HashSet<string>(StringComparer.Ordinal);
        foreach (var setting in draft.EdgeSettings)
        {
            var field = EdgeSettingField(setting.Name);
            if (EdgeSettingValues.Find(setting.Name) is not { } definition)
            {
                problems.Add(new(field, $"'{setting.Name}' is not an Edge configuration setting; add it under General configuration settings."));
                continue;
            }
            if (!seenEdge.Add(setting.Name))
            {
                problems.Add(new(field, $"{setting.Name} is set twice; keep one."));
                continue;
            }
            if ((EdgeSettingValues.Validate(definition, setting.Value) ?? CheckValue(setting.Name, setting.Value)) is { } problem)
            {
                problems.Add(new(field, problem));
            }
        }

        var seenGeneral = new HashSet<string>(StringComparer.Ordinal);
        for (var row = 0; row < draft.GeneralSettings.Count; row++)
        {
            var setting = draft.GeneralSettings[row];
            var name = setting.Name?.Trim() ?? "";
            if (name.Length == 0)
            {
                problems.Add(new(GeneralNameField(row), "Name is required."));
            }
            else if (FieldRules.Check("Name", name, FieldKind.Name) is { } nameProblem)
            {
                problems.Add(new(GeneralNameField(row), nameProblem));
            }
            else if (EdgeSettingValues.FindIgnoringCase(name) is { } edge)
            {
                problems.Add(new(GeneralNameField(row), $"{edge.Name} is an Edge configuration setting: add it under Edge configuration settings, where its value is checked."));
            }
            else if (!seenGeneral.Add(name))
            {
                problems.Add(new(GeneralNameField(row), $"'{name}' is set twice; keep one."));
            }
            if (string.IsNullOrEmpty(setting.Value))
            {
                problems.Add(new(GeneralValueField(row), "Value is required."));
            }
            else if (CheckValue("Value", setting.Value) is { } valueProblem)
            {
                problems.Add(new(GeneralValueField(row), valueProblem));
            }
        }
        return problems;
    }

    /// <summary>Assignments: a group is either included or excluded, not both; only included groups take a filter, one each.</summary>
    public static IReadOnlyList<ValidationProblem> ValidateAssignments(AppConfigurationDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<ValidationProblem>();
        if (draft.IncludedGroupIds.Intersect(draft.ExcludedGroupIds).Any())
        {
            problems.Add(new(AssignmentsField, "A group cannot be both included and excluded; remove it from one of the lists."));
        }
        problems.AddRange(PolicyValidator.ValidateAssignmentFilters(draft.IncludedGroupIds, draft.AssignmentFilters ?? []));
        return problems;
    }

    private static string? CheckValue(string field, string value)
    {
        if (value.Length > EdgeSettingValues.MaxValueLength)
        {
            return $"{field} is {value.Length} characters long; at most {EdgeSettingValues.MaxValueLength} are allowed.";
        }
        if (FieldRules.Find(value, FieldKind.Message) is { IsViolation: true } violation)
        {
            return FieldRules.Describe(field, FieldKind.Message, violation);
        }
        return AppConfigurationTokens.FindUnknown(value) is { } unknown
            ? $"{field} holds {unknown}, which is not a token; the tokens are {AppConfigurationTokens.Listed()}."
            : null;
    }
}

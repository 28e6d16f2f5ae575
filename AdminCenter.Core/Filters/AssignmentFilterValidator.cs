using AdminCenter.Core.Common;

namespace AdminCenter.Core.Filters;

/// <summary>The rules of the Create filter wizard (spec 07) as pure functions, shared by the pages and the API.</summary>
public static class AssignmentFilterValidator
{
    public const string DisplayNameField = "displayName";
    public const string DescriptionField = "description";
    public const string RuleField = "rule";
    public const int MaxDisplayNameLength = 256;
    public const int MaxDescriptionLength = 1024;

    /// <summary>Every rule: name (required, length, unique among <paramref name="otherFilterNames"/>), description length, rule parses.</summary>
    public static IReadOnlyList<ValidationProblem> Validate(AssignmentFilterDraft draft, IReadOnlyCollection<string> otherFilterNames)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var problems = new List<ValidationProblem>();
        if (CheckDisplayName(draft.DisplayName, otherFilterNames) is { } name)
        {
            problems.Add(new(DisplayNameField, name, IsConflict: name.Contains("already exists", StringComparison.Ordinal)));
        }
        if (CheckDescription(draft.Description) is { } description)
        {
            problems.Add(new(DescriptionField, description));
        }
        if (CheckRule(draft.Rule) is { } rule)
        {
            problems.Add(new(RuleField, rule));
        }
        return problems;
    }

    public static string? CheckDisplayName(string? displayName, IReadOnlyCollection<string> otherFilterNames)
    {
        var name = (displayName ?? "").Trim();
        if (name.Length == 0)
        {
            return "Filter name is required.";
        }
        if (name.Length > MaxDisplayNameLength)
        {
            return $"Filter name must be {MaxDisplayNameLength} characters or fewer (it has {name.Length}).";
        }
        if (FieldRules.Find(name, FieldKind.Name).IsViolation)
        {
            return "Filter name can't contain control characters.";
        }
        var normalized = AssignmentFilter.Normalize(name);
        return otherFilterNames.Any(other => other is not null && AssignmentFilter.Normalize(other) == normalized)
            ? $"A filter named '{name}' already exists."
            : null;
    }

    public static string? CheckDescription(string? description)
    {
        var text = description?.Trim() ?? "";
        if (text.Length > MaxDescriptionLength)
        {
            return $"Description must be {MaxDescriptionLength} characters or fewer (it has {text.Length}).";
        }
        return FieldRules.Find(text, FieldKind.Message).IsViolation ? "Description can't contain control characters." : null;
    }

    /// <summary>The rule's syntax error with its position and what was expected, or null when it parses.</summary>
    public static string? CheckRule(string? rule) => FilterRule.Parse(rule).Error?.ToString();
}

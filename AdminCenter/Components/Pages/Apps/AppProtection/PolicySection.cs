namespace AdminCenter.Components.Pages.Apps.AppProtection;

/// <summary>The wizard's steps, in order (spec 03); the Properties page edits the first six one at a time.</summary>
public enum PolicySection
{
    Basics,
    Apps,
    DataProtection,
    HealthChecks,
    ScopeTags,
    Assignments,
    ReviewCreate,
}

public static class PolicySections
{
    public static IReadOnlyList<PolicySection> WizardSteps { get; } = Enum.GetValues<PolicySection>();

    public static string Title(PolicySection section) => section switch
    {
        PolicySection.Basics => "Basics",
        PolicySection.Apps => "Apps",
        PolicySection.DataProtection => "Data protection",
        PolicySection.HealthChecks => "Health checks",
        PolicySection.ScopeTags => "Scope tags",
        PolicySection.Assignments => "Assignments",
        PolicySection.ReviewCreate => "Review + create",
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };

    /// <summary>URL segment of a section on the Properties page, e.g. "data-protection".</summary>
    public static string Slug(PolicySection section) => section switch
    {
        PolicySection.DataProtection => "data-protection",
        PolicySection.HealthChecks => "health-checks",
        PolicySection.ScopeTags => "scope-tags",
        PolicySection.ReviewCreate => "review",
        _ => section.ToString().ToLowerInvariant(),
    };

    public static PolicySection? FromSlug(string? slug) =>
        WizardSteps.Cast<PolicySection?>().FirstOrDefault(s => Slug(s!.Value) == slug);
}

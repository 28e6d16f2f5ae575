namespace AdminCenter.Components.Pages.Apps.AppConfiguration;

/// <summary>The app configuration wizard's steps, in order (spec 07); the Properties page edits the first three one at a time.</summary>
public enum AppConfigurationSection
{
    Basics,
    Settings,
    Assignments,
    ReviewCreate,
}

public static class AppConfigurationSections
{
    public static IReadOnlyList<AppConfigurationSection> WizardSteps { get; } = Enum.GetValues<AppConfigurationSection>();

    public static IReadOnlyList<string> Titles { get; } = [.. WizardSteps.Select(Title)];

    public static string Title(AppConfigurationSection section) => section switch
    {
        AppConfigurationSection.Basics => "Basics",
        AppConfigurationSection.Settings => "Settings",
        AppConfigurationSection.Assignments => "Assignments",
        AppConfigurationSection.ReviewCreate => "Review + create",
        _ => throw new ArgumentOutOfRangeException(nameof(section)),
    };

    public static string Slug(AppConfigurationSection section) =>
        section == AppConfigurationSection.ReviewCreate ? "review" : section.ToString().ToLowerInvariant();

    public static AppConfigurationSection? FromSlug(string? slug) =>
        WizardSteps.Cast<AppConfigurationSection?>().FirstOrDefault(s => Slug(s!.Value) == slug);

    /// <summary>The problems of one step, from Core's rules.</summary>
    public static IReadOnlyList<Core.Common.ValidationProblem> Problems(
        AppConfigurationSection section, Core.AppConfiguration.AppConfigurationDraft draft, IReadOnlyCollection<string> otherNames) => section switch
    {
        AppConfigurationSection.Basics => Core.AppConfiguration.AppConfigurationValidator.ValidateBasics(draft, otherNames),
        AppConfigurationSection.Settings => Core.AppConfiguration.AppConfigurationValidator.ValidateSettings(draft),
        AppConfigurationSection.Assignments => Core.AppConfiguration.AppConfigurationValidator.ValidateAssignments(draft),
        _ => [],
    };
}

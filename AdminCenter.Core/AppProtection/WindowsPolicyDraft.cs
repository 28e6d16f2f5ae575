using AdminCenter.Core.Filters;

namespace AdminCenter.Core.AppProtection;

/// <summary>
/// Everything the Create policy wizard and the Properties page edit: what is saved by Create or Review + save.
/// <see cref="DataProtection"/> carries the Data protection step; its health-check fields are ignored in favour of
/// <see cref="HealthChecks"/>, which are folded into the saved settings.
/// </summary>
public sealed record WindowsPolicyDraft
{
    public const string EdgeAppId = "com.microsoft.edge";
    public const string DefaultScopeTagId = "0";

    public string DisplayName { get; init; } = "";

    public string? Description { get; init; }

    /// <summary>Targeted app ids; Microsoft Edge (<c>com.microsoft.edge</c>) is the only Windows MAM app.</summary>
    public IReadOnlyList<string> Apps { get; init; } = [];

    public WindowsAppProtectionSettings DataProtection { get; init; } = new();

    public IReadOnlyList<HealthCheckRow> HealthChecks { get; init; } = [];

    public IReadOnlyList<string> RoleScopeTagIds { get; init; } = [DefaultScopeTagId];

    public IReadOnlyList<string> IncludedGroupIds { get; init; } = [];

    public IReadOnlyList<string> ExcludedGroupIds { get; init; } = [];

    /// <summary>The filter of each included group that has one (spec 07); excluded groups take none.</summary>
    public IReadOnlyList<IncludedGroupFilter> AssignmentFilters { get; init; } = [];
}

using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Filters;

namespace AdminCenter.Core.AppConfiguration;

/// <summary>An app configuration policy as delivery needs it: whom it targets and what it sets.</summary>
public sealed record AppConfigurationForDelivery(
    string Id,
    string DisplayName,
    IReadOnlyList<AppConfigurationAssignment> Assignments,
    IReadOnlyList<string> Apps,
    IReadOnlyList<AppConfigSetting> Settings);

/// <summary>A policy that applies to a registration.</summary>
public sealed record AppliedConfigurationPolicy(string Id, string DisplayName);

/// <summary>One value a conflicting setting had, and the policy that set it.</summary>
public sealed record ConflictingValue(string PolicyId, string PolicyName, string Value);

/// <summary>A setting two or more applicable policies set to different values: it is not delivered (spec 07, a decision).</summary>
public sealed record AppConfigurationConflict(string Name, IReadOnlyList<ConflictingValue> Values)
{
    /// <summary>"HomepageLocation: Contoso home (https://a), Fabrikam home (https://b)".</summary>
    public string Describe() => $"{Name}: {string.Join(", ", Values.Select(v => $"{v.PolicyName} ({v.Value})"))}";
}

/// <summary>What a check-in delivers: the applicable policies, the settings with tokens replaced, and the withheld conflicts.</summary>
public sealed record AppConfigurationDeliveryResult(
    IReadOnlyList<AppliedConfigurationPolicy> Policies,
    IReadOnlyList<AppConfigSetting> Settings,
    IReadOnlyList<AppConfigurationConflict> Conflicts)
{
    public static AppConfigurationDeliveryResult Empty { get; } = new([], [], []);
}

/// <summary>
/// Which app configuration policies apply to a registration and what they deliver (spec 07): pure, from the tenant's
/// policies, the registration's app and its user's groups.
/// </summary>
public static class AppConfigurationDelivery
{
    /// <summary>
    /// True when the policy targets <paramref name="appId"/> and the user is in an included group and in no excluded group
    /// (the app protection policies' rule: exclusion wins). Assignment filters are not looked at (group targeting only).
    /// </summary>
    public static bool AppliesTo(IReadOnlyList<AppConfigurationAssignment> assignments, IReadOnlyList<string> apps, string appId, IReadOnlySet<string> userGroupIds) =>
        AppliesTo(assignments, apps, appId, userGroupIds, null, null);

    /// <summary>
    /// As above, honouring assignment filters (spec 07) exactly as app protection policies do (<see cref="PolicyApplicability.Decide"/>):
    /// one included group whose filter lets the registration's <paramref name="facts"/> through is enough; an excluded group wins.
    /// </summary>
    public static bool AppliesTo(
        IReadOnlyList<AppConfigurationAssignment> assignments, IReadOnlyList<string> apps, string appId, IReadOnlySet<string> userGroupIds,
        IReadOnlyDictionary<string, CompiledFilter>? filters, FilterFacts? facts)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        ArgumentNullException.ThrowIfNull(apps);
        ArgumentNullException.ThrowIfNull(userGroupIds);
        List<PolicyAssignment> shaped = [.. assignments.Select(a => a.ToPolicyAssignment())];
        return PolicyApplicability.Decide(shaped, apps, appId, userGroupIds, filters, facts) == Applicability.Applies;
    }

    /// <summary>
    /// The policies that apply (by name), and their settings for <paramref name="user"/>: tokens replaced, a setting two
    /// policies give the same value delivered once, and one they give different values withheld and reported as a conflict.
    /// </summary>
    public static AppConfigurationDeliveryResult Compute(
        IReadOnlyList<AppConfigurationForDelivery> policies, string appId, IReadOnlySet<string> userGroupIds, TokenUser user) =>
        Compute(policies, appId, userGroupIds, user, null, null);

    /// <summary>As above, with the tenant's assignment filters and the registration's properties at this check-in (spec 07).</summary>
    public static AppConfigurationDeliveryResult Compute(
        IReadOnlyList<AppConfigurationForDelivery> policies, string appId, IReadOnlySet<string> userGroupIds, TokenUser user,
        IReadOnlyDictionary<string, CompiledFilter>? filters, FilterFacts? facts)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(user);
        var applicable = policies
            .Where(p => AppliesTo(p.Assignments, p.Apps, appId, userGroupIds, filters, facts))
            .OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase)
            .ThenBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        if (applicable.Count == 0)
        {
            return AppConfigurationDeliveryResult.Empty;
        }

        // Setting name -> every (policy, value) that sets it, in policy order; names keep the order they were first set in.
        var byName = new Dictionary<string, List<ConflictingValue>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var policy in applicable)
        {
            foreach (var setting in policy.Settings)
            {
                if (!byName.TryGetValue(setting.Name, out var values))
                {
                    byName[setting.Name] = values = [];
                    order.Add(setting.Name);
                }
                values.Add(new ConflictingValue(policy.Id, policy.DisplayName, AppConfigurationTokens.Replace(setting.Value, user)));
            }
        }

        var settings = new List<AppConfigSetting>();
        var conflicts = new List<AppConfigurationConflict>();
        foreach (var name in order)
        {
            var values = byName[name];
            if (values.Select(v => v.Value).Distinct(StringComparer.Ordinal).Count() == 1)
            {
                settings.Add(new AppConfigSetting(name, values[0].Value));
            }
            else
            {
                conflicts.Add(new AppConfigurationConflict(name, values));
            }
        }
        return new AppConfigurationDeliveryResult([.. applicable.Select(p => new AppliedConfigurationPolicy(p.Id, p.DisplayName))], settings, conflicts);
    }
}

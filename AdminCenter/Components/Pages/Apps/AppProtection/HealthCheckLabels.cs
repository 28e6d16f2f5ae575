using AdminCenter.Core.AppProtection;

namespace AdminCenter.Components.Pages.Apps.AppProtection;

/// <summary>How a health-check row reads on the review and Properties pages.</summary>
public static class HealthCheckLabels
{
    public static string Setting(HealthCheckSetting setting) => HealthChecks.Definition(setting).Label;

    public static string ThreatLevel(string graphName) =>
        HealthChecks.ThreatLevels.FirstOrDefault(t => string.Equals(t.GraphName, graphName, StringComparison.OrdinalIgnoreCase))?.Label ?? graphName;

    /// <summary>E.g. "720 minutes: Block access", "10.0.22621.2506: Warn", "Medium: Wipe data", "Block access".</summary>
    public static string Describe(HealthCheckRow row)
    {
        var definition = HealthChecks.Definition(row.Setting);
        var action = HealthChecks.ActionLabel(row.Action);
        return definition.ValueKind switch
        {
            HealthCheckValueKind.None => action,
            HealthCheckValueKind.ThreatLevel => $"{ThreatLevel(row.Value)}: {action}",
            _ when HealthChecks.UnitFor(row.Setting, row.Action) is { } unit => $"{row.Value} {unit}: {action}",
            _ => $"{row.Value}: {action}",
        };
    }
}

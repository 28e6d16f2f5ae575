using System.Collections.Frozen;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using MudBlazor;

namespace AdminCenter.Components.Pages.Apps.Monitor;

/// <summary>How outcomes and threat levels look wherever registrations are shown: one colour per word.</summary>
public static class MonitorDisplay
{
    public static Color OutcomeColor(EvaluationOutcome outcome) => outcome switch
    {
        EvaluationOutcome.Allow => Color.Success,
        EvaluationOutcome.Warn => Color.Warning,
        EvaluationOutcome.Block => Color.Error,
        _ => Color.Error,
    };

    /// <summary>Wiped is the only filled chip: the org data is gone, not merely out of reach.</summary>
    public static Variant OutcomeVariant(EvaluationOutcome outcome) =>
        outcome == EvaluationOutcome.Wipe ? Variant.Filled : Variant.Outlined;

    public static Color ThreatLevelColor(ReportedThreatLevel level) => level switch
    {
        ReportedThreatLevel.Secured => Color.Success,
        ReportedThreatLevel.Low => Color.Info,
        ReportedThreatLevel.Medium => Color.Warning,
        ReportedThreatLevel.High => Color.Error,
        _ => Color.Default,
    };

    /// <summary>The outcome's <c>data-outcome</c> value (allow, warn, block, wipe), built once for every circuit.</summary>
    public static string OutcomeKey(EvaluationOutcome outcome) => OutcomeKeys[outcome];

    /// <summary>The level's <c>data-threat-level</c> value (secured, low, medium, high, notreported).</summary>
    public static string ThreatLevelKey(ReportedThreatLevel level) => ThreatLevelKeys[level];

    private static readonly FrozenDictionary<EvaluationOutcome, string> OutcomeKeys =
        Enum.GetValues<EvaluationOutcome>().ToFrozenDictionary(o => o, o => o.ToString().ToLowerInvariant());

    private static readonly FrozenDictionary<ReportedThreatLevel, string> ThreatLevelKeys =
        Enum.GetValues<ReportedThreatLevel>().ToFrozenDictionary(l => l, l => l.ToString().ToLowerInvariant());
}

using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;

namespace AdminCenter.Core.Mam;

/// <summary>
/// Enums as EF Core stores them (their names), for raw statements on the hot paths: written without formatting per
/// row, and read back as numbers computed in SQL so no string is made per row.
/// </summary>
internal static class StoredEnums
{
    public static string Text(EvaluationOutcome outcome) => outcome switch
    {
        EvaluationOutcome.Allow => nameof(EvaluationOutcome.Allow),
        EvaluationOutcome.Warn => nameof(EvaluationOutcome.Warn),
        EvaluationOutcome.Block => nameof(EvaluationOutcome.Block),
        EvaluationOutcome.Wipe => nameof(EvaluationOutcome.Wipe),
        _ => outcome.ToString(),
    };

    public static string Text(DeviceThreatLevel level) => level switch
    {
        DeviceThreatLevel.Secured => nameof(DeviceThreatLevel.Secured),
        DeviceThreatLevel.Low => nameof(DeviceThreatLevel.Low),
        DeviceThreatLevel.Medium => nameof(DeviceThreatLevel.Medium),
        DeviceThreatLevel.High => nameof(DeviceThreatLevel.High),
        _ => level.ToString(),
    };

    /// <summary>A SQL expression giving the stored outcome in <paramref name="column"/> as its enum number.</summary>
    public static string OutcomeAsNumber(string column) => AsNumber<EvaluationOutcome>(column);

    /// <summary>A SQL expression giving the stored threat level in <paramref name="column"/> as its enum number (null stays null).</summary>
    public static string ThreatLevelAsNumber(string column) => AsNumber<DeviceThreatLevel>(column);

    private static string AsNumber<TEnum>(string column) where TEnum : struct, Enum =>
        $"CASE {column} {string.Join(" ", Enum.GetValues<TEnum>().Select(v => $"WHEN '{v}' THEN {Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)}"))} END";
}

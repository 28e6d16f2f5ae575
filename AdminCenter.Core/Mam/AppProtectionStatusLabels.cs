using System.Text.RegularExpressions;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Evaluation;

namespace AdminCenter.Core.Mam;

/// <summary>The status report's words, shared by the pages and the CSV export, so no enum name reaches an admin.</summary>
public static partial class AppProtectionStatusLabels
{
    // Stored reasons name settings by their Graph property; the pages show the Health checks table's labels.
    private static readonly Dictionary<string, HealthCheckSetting> SettingsByGraphName = new(StringComparer.Ordinal)
    {
        ["periodOfflineBeforeAccessCheck"] = HealthCheckSetting.OfflineGracePeriod,
        ["periodOfflineBeforeWipeIsEnforced"] = HealthCheckSetting.OfflineGracePeriod,
        ["minimumWarningAppVersion"] = HealthCheckSetting.MinAppVersion,
        ["minimumRequiredAppVersion"] = HealthCheckSetting.MinAppVersion,
        ["minimumWipeAppVersion"] = HealthCheckSetting.MinAppVersion,
        ["minimumRequiredSdkVersion"] = HealthCheckSetting.MinSdkVersion,
        ["minimumWipeSdkVersion"] = HealthCheckSetting.MinSdkVersion,
        ["appActionIfUnableToAuthenticateUser"] = HealthCheckSetting.DisabledAccount,
        ["minimumWarningOsVersion"] = HealthCheckSetting.MinOsVersion,
        ["minimumRequiredOsVersion"] = HealthCheckSetting.MinOsVersion,
        ["minimumWipeOsVersion"] = HealthCheckSetting.MinOsVersion,
        ["maximumWarningOsVersion"] = HealthCheckSetting.MaxOsVersion,
        ["maximumRequiredOsVersion"] = HealthCheckSetting.MaxOsVersion,
        ["maximumWipeOsVersion"] = HealthCheckSetting.MaxOsVersion,
        ["maximumAllowedDeviceThreatLevel"] = HealthCheckSetting.MaxAllowedDeviceThreatLevel,
    };

    public static IReadOnlyList<EvaluationOutcome> Outcomes { get; } =
        [EvaluationOutcome.Allow, EvaluationOutcome.Warn, EvaluationOutcome.Block, EvaluationOutcome.Wipe];

    public static IReadOnlyList<ReportedThreatLevel> ThreatLevels { get; } =
        [ReportedThreatLevel.Secured, ReportedThreatLevel.Low, ReportedThreatLevel.Medium, ReportedThreatLevel.High, ReportedThreatLevel.NotReported];

    public static string Outcome(EvaluationOutcome outcome) => outcome switch
    {
        EvaluationOutcome.Allow => "Allowed",
        EvaluationOutcome.Warn => "Warned",
        EvaluationOutcome.Block => "Blocked",
        EvaluationOutcome.Wipe => "Wiped",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome)),
    };

    /// <summary>What one reason does, in the health-check rows' words ("Block access", "Wipe data").</summary>
    public static string ReasonAction(EvaluationOutcome action) => action switch
    {
        EvaluationOutcome.Allow => "None",
        EvaluationOutcome.Warn => "Warn",
        EvaluationOutcome.Block => "Block access",
        EvaluationOutcome.Wipe => "Wipe data",
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static string ThreatLevel(ReportedThreatLevel level) => level switch
    {
        ReportedThreatLevel.NotReported => "Not reported",
        ReportedThreatLevel.Secured => "Secured",
        ReportedThreatLevel.Low => "Low",
        ReportedThreatLevel.Medium => "Medium",
        ReportedThreatLevel.High => "High",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>No report, or a partner's "not configured", both mean the device's health is unknown.</summary>
    public static ReportedThreatLevel ToReported(DeviceThreatLevel? level) => level switch
    {
        DeviceThreatLevel.Secured => ReportedThreatLevel.Secured,
        DeviceThreatLevel.Low => ReportedThreatLevel.Low,
        DeviceThreatLevel.Medium => ReportedThreatLevel.Medium,
        DeviceThreatLevel.High => ReportedThreatLevel.High,
        _ => ReportedThreatLevel.NotReported,
    };

    /// <summary>A reason's setting as the Health checks table labels it ("Min OS version"); any other text stays as it is.</summary>
    public static string Setting(string? setting) =>
        setting is not null && SettingsByGraphName.TryGetValue(setting, out var known) ? HealthChecks.Definition(known).Label : setting ?? "";

    /// <summary>A stored one-line summary of reasons with its settings' Graph names replaced by their labels.</summary>
    /// <remarks>Summaries stored before the action labels were used end each reason in "(block)"; those read as "(Block access)".</remarks>
    public static string Summary(string summary) =>
        StoredAction().Replace(GraphSettingName().Replace(summary, match => Setting(match.Value)),
            match => $"({ReasonAction(Enum.Parse<EvaluationOutcome>(match.Groups[1].Value, ignoreCase: true))})");

    [GeneratedRegex(@"\b(?:period|minimum|maximum|appAction)[A-Za-z]+\b", RegexOptions.CultureInvariant)]
    private static partial Regex GraphSettingName();

    [GeneratedRegex(@"\((warn|block|wipe)\)(?=;|$)", RegexOptions.CultureInvariant)]
    private static partial Regex StoredAction();

    public static string App(string appId) => Common.AppNames.Name(appId);

    /// <summary>The device's make and model, e.g. "Microsoft Surface Laptop 5"; the model alone when it already names the maker.</summary>
    public static string DeviceType(string? manufacturer, string? model)
    {
        manufacturer = manufacturer?.Trim();
        model = model?.Trim();
        if (string.IsNullOrEmpty(manufacturer))
        {
            return model ?? "";
        }
        if (string.IsNullOrEmpty(model))
        {
            return manufacturer;
        }
        return model.StartsWith(manufacturer, StringComparison.OrdinalIgnoreCase) ? model : $"{manufacturer} {model}";
    }

    /// <summary>A connector by its partner's name; an id the catalogue does not know stays as it is.</summary>
    public static string? Connector(string? connectorId) =>
        connectorId is null ? null : PartnerCatalog.TryFind(connectorId, out var partner) ? partner.Name : connectorId;
}

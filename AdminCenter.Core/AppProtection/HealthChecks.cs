using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace AdminCenter.Core.AppProtection;

/// <summary>What the Value column of a Health checks row holds for a setting.</summary>
public enum HealthCheckValueKind
{
    /// <summary>No value (Disabled account).</summary>
    None,

    /// <summary>An <see cref="AppVersion"/>.</summary>
    Version,

    /// <summary>A positive whole number, in the unit of the row's action (Offline grace period).</summary>
    WholeNumber,

    /// <summary>A threat level's Graph name (Max allowed device threat level).</summary>
    ThreatLevel,
}

/// <summary>How the Health checks table presents one setting, and which actions it allows (spec 03).</summary>
public sealed record HealthCheckDefinition(
    HealthCheckSetting Setting,
    string Label,
    string Category,
    HealthCheckValueKind ValueKind,
    IReadOnlyList<HealthCheckAction> Actions)
{
    /// <summary>True when the setting offers <paramref name="action"/>.</summary>
    public bool Allows(HealthCheckAction action) => Actions.Contains(action);
}

/// <summary>One choice of the Max allowed device threat level row.</summary>
public sealed record ThreatLevelOption(DeviceThreatLevel Level, string Label, string GraphName);

/// <summary>
/// The Health checks step of spec 03 as pure functions: the table's metadata, the conversion between Graph's flat
/// properties and the table's rows, and the rules each row must follow.
/// </summary>
public static class HealthChecks
{
    /// <summary>Category of Offline grace period, Min app version, Min SDK version and Disabled account.</summary>
    public const string AppConditions = "App conditions";

    /// <summary>Category of Min OS version, Max OS version and Max allowed device threat level.</summary>
    public const string DeviceConditions = "Device conditions";

    /// <summary>Unit of the Offline grace period with Block access.</summary>
    public const string MinutesUnit = "minutes";

    /// <summary>Unit of the Offline grace period with Wipe data.</summary>
    public const string DaysUnit = "days";

    /// <summary>
    /// Longest offline period before blocking access: one year. Intune documents no maximum; a longer wait would
    /// make the check meaningless and is almost certainly a typo (days typed as minutes, an extra digit).
    /// </summary>
    public const int MaxOfflineBlockMinutes = 525_600;

    /// <summary>Longest offline period before wiping: ten years, for the same reason as <see cref="MaxOfflineBlockMinutes"/>.</summary>
    public const int MaxOfflineWipeDays = 3_650;

    private const int MinutesPerDay = 1_440;
    private const string VersionExample = "10.0.22631.3155";

    private static readonly IReadOnlyList<HealthCheckAction> WarnBlockWipe = Array.AsReadOnly([HealthCheckAction.Warn, HealthCheckAction.Block, HealthCheckAction.Wipe]);
    private static readonly IReadOnlyList<HealthCheckAction> BlockWipe = Array.AsReadOnly([HealthCheckAction.Block, HealthCheckAction.Wipe]);

    /// <summary>Every setting, in the order the table lists them.</summary>
    public static IReadOnlyList<HealthCheckDefinition> Definitions { get; } =
    [
        new(HealthCheckSetting.OfflineGracePeriod, "Offline grace period", AppConditions, HealthCheckValueKind.WholeNumber, BlockWipe),
        new(HealthCheckSetting.MinAppVersion, "Min app version", AppConditions, HealthCheckValueKind.Version, WarnBlockWipe),
        new(HealthCheckSetting.MinSdkVersion, "Min SDK version", AppConditions, HealthCheckValueKind.Version, BlockWipe),
        new(HealthCheckSetting.DisabledAccount, "Disabled account", AppConditions, HealthCheckValueKind.None, BlockWipe),
        new(HealthCheckSetting.MinOsVersion, "Min OS version", DeviceConditions, HealthCheckValueKind.Version, WarnBlockWipe),
        new(HealthCheckSetting.MaxOsVersion, "Max OS version", DeviceConditions, HealthCheckValueKind.Version, WarnBlockWipe),
        new(HealthCheckSetting.MaxAllowedDeviceThreatLevel, "Max allowed device threat level", DeviceConditions, HealthCheckValueKind.ThreatLevel, BlockWipe),
    ];

    /// <summary>The threat levels, from the most to the least secure.</summary>
    public static IReadOnlyList<ThreatLevelOption> ThreatLevels => ThreatLevelOptions;

    // An array, so parsing a partner's report walks it without allocating an enumerator.
    private static readonly ThreatLevelOption[] ThreatLevelOptions =
    [
        new(DeviceThreatLevel.Secured, "Secured", "secured"),
        new(DeviceThreatLevel.Low, "Low", "low"),
        new(DeviceThreatLevel.Medium, "Medium", "medium"),
        new(DeviceThreatLevel.High, "High", "high"),
    ];

    /// <summary>The definition of <paramref name="setting"/>.</summary>
    public static HealthCheckDefinition Definition(HealthCheckSetting setting) =>
        TryGetDefinition(setting, out var definition)
            ? definition
            : throw new ArgumentOutOfRangeException(nameof(setting), setting, "Unknown health check setting.");

    /// <summary>The label of an action in the Action column.</summary>
    public static string ActionLabel(HealthCheckAction action) => action switch
    {
        HealthCheckAction.Warn => "Warn",
        HealthCheckAction.Block => "Block access",
        HealthCheckAction.Wipe => "Wipe data",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown health check action."),
    };

    /// <summary>The unit shown after the value: minutes or days for the Offline grace period, otherwise none.</summary>
    public static string? UnitFor(HealthCheckSetting setting, HealthCheckAction action) => (setting, action) switch
    {
        (HealthCheckSetting.OfflineGracePeriod, HealthCheckAction.Block) => MinutesUnit,
        (HealthCheckSetting.OfflineGracePeriod, HealthCheckAction.Wipe) => DaysUnit,
        _ => null,
    };

    /// <summary>The Graph name of a threat level (<c>secured</c>, <c>low</c>, <c>medium</c>, <c>high</c>, <c>notConfigured</c>).</summary>
    public static string ThreatLevelGraphName(DeviceThreatLevel level) => level switch
    {
        DeviceThreatLevel.NotConfigured => "notConfigured",
        _ => ThreatLevels.FirstOrDefault(t => t.Level == level)?.GraphName
            ?? throw new ArgumentOutOfRangeException(nameof(level), level, "Unknown threat level."),
    };

    /// <summary>
    /// Reads a threat level row's value: one of the four Graph names, in any case (so the labels are accepted too).
    /// <c>notConfigured</c> is refused: it means "no row", not a value.
    /// </summary>
    public static bool TryParseThreatLevel(string? value, out DeviceThreatLevel level)
    {
        var text = value.AsSpan().Trim();
        foreach (var option in ThreatLevelOptions)
        {
            if (text.Equals(option.GraphName, StringComparison.OrdinalIgnoreCase))
            {
                level = option.Level;
                return true;
            }
        }
        level = DeviceThreatLevel.NotConfigured;
        return false;
    }

    /// <summary>
    /// The rows for the health-check properties of <paramref name="settings"/>, one per configured property, in the
    /// table's order. Offline periods are shown in minutes (Block) and days (Wipe); a period that is not a whole number
    /// of them is shown with decimals so that validation flags it rather than silently rounding it.
    /// </summary>
    public static IReadOnlyList<HealthCheckRow> ToRows(WindowsAppProtectionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var rows = new List<HealthCheckRow>();
        if (settings.PeriodOfflineBeforeAccessCheck is { } accessCheck)
        {
            rows.Add(new(HealthCheckSetting.OfflineGracePeriod, Format(accessCheck.TotalMinutes), HealthCheckAction.Block));
        }
        if (settings.PeriodOfflineBeforeWipeIsEnforced is { } wipe)
        {
            rows.Add(new(HealthCheckSetting.OfflineGracePeriod, Format(wipe.TotalDays), HealthCheckAction.Wipe));
        }
        AddVersion(rows, HealthCheckSetting.MinAppVersion, settings.MinimumWarningAppVersion, HealthCheckAction.Warn);
        AddVersion(rows, HealthCheckSetting.MinAppVersion, settings.MinimumRequiredAppVersion, HealthCheckAction.Block);
        AddVersion(rows, HealthCheckSetting.MinAppVersion, settings.MinimumWipeAppVersion, HealthCheckAction.Wipe);
        AddVersion(rows, HealthCheckSetting.MinSdkVersion, settings.MinimumRequiredSdkVersion, HealthCheckAction.Block);
        AddVersion(rows, HealthCheckSetting.MinSdkVersion, settings.MinimumWipeSdkVersion, HealthCheckAction.Wipe);
        if (settings.AppActionIfUnableToAuthenticateUser is { } disabledAction)
        {
            rows.Add(new(HealthCheckSetting.DisabledAccount, "", disabledAction));
        }
        AddVersion(rows, HealthCheckSetting.MinOsVersion, settings.MinimumWarningOsVersion, HealthCheckAction.Warn);
        AddVersion(rows, HealthCheckSetting.MinOsVersion, settings.MinimumRequiredOsVersion, HealthCheckAction.Block);
        AddVersion(rows, HealthCheckSetting.MinOsVersion, settings.MinimumWipeOsVersion, HealthCheckAction.Wipe);
        AddVersion(rows, HealthCheckSetting.MaxOsVersion, settings.MaximumWarningOsVersion, HealthCheckAction.Warn);
        AddVersion(rows, HealthCheckSetting.MaxOsVersion, settings.MaximumRequiredOsVersion, HealthCheckAction.Block);
        AddVersion(rows, HealthCheckSetting.MaxOsVersion, settings.MaximumWipeOsVersion, HealthCheckAction.Wipe);
        if (settings.MaximumAllowedDeviceThreatLevel != DeviceThreatLevel.NotConfigured)
        {
            rows.Add(new(HealthCheckSetting.MaxAllowedDeviceThreatLevel,
                ThreatLevelGraphName(settings.MaximumAllowedDeviceThreatLevel), settings.MobileThreatDefenseRemediationAction));
        }
        return rows;
    }

    /// <summary>
    /// <paramref name="dataProtection"/> with every health-check property replaced by <paramref name="rows"/>: a
    /// property without a row becomes null (the threat level NotConfigured, its action Block). Values are stored
    /// trimmed, versions as typed. Throws <see cref="ArgumentException"/> when <see cref="Validate"/> finds a problem,
    /// so an invalid table can never be saved.
    /// </summary>
    public static WindowsAppProtectionSettings Apply(WindowsAppProtectionSettings dataProtection, IReadOnlyList<HealthCheckRow> rows)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        ArgumentNullException.ThrowIfNull(rows);
        var problems = Validate(rows);
        if (problems.Count > 0)
        {
            throw new ArgumentException(
                $"The health checks are not valid: row {problems[0].RowIndex}: {problems[0].Message}", nameof(rows));
        }

        var settings = dataProtection with
        {
            PeriodOfflineBeforeAccessCheck = null,
            PeriodOfflineBeforeWipeIsEnforced = null,
            MinimumWarningAppVersion = null,
            MinimumRequiredAppVersion = null,
            MinimumWipeAppVersion = null,
            MinimumRequiredSdkVersion = null,
            MinimumWipeSdkVersion = null,
            AppActionIfUnableToAuthenticateUser = null,
            MinimumWarningOsVersion = null,
            MinimumRequiredOsVersion = null,
            MinimumWipeOsVersion = null,
            MaximumWarningOsVersion = null,
            MaximumRequiredOsVersion = null,
            MaximumWipeOsVersion = null,
            MaximumAllowedDeviceThreatLevel = DeviceThreatLevel.NotConfigured,
            MobileThreatDefenseRemediationAction = HealthCheckAction.Block,
        };
        foreach (var row in rows)
        {
            var value = (row.Value ?? "").Trim();
            settings = (row.Setting, row.Action) switch
            {
                (HealthCheckSetting.OfflineGracePeriod, HealthCheckAction.Block) =>
                    settings with { PeriodOfflineBeforeAccessCheck = TimeSpan.FromMinutes(ParseWholeNumber(value)) },
                (HealthCheckSetting.OfflineGracePeriod, HealthCheckAction.Wipe) =>
                    settings with { PeriodOfflineBeforeWipeIsEnforced = TimeSpan.FromDays(ParseWholeNumber(value)) },
                (HealthCheckSetting.MinAppVersion, HealthCheckAction.Warn) => settings with { MinimumWarningAppVersion = value },
                (HealthCheckSetting.MinAppVersion, HealthCheckAction.Block) => settings with { MinimumRequiredAppVersion = value },
                (HealthCheckSetting.MinAppVersion, HealthCheckAction.Wipe) => settings with { MinimumWipeAppVersion = value },
                (HealthCheckSetting.MinSdkVersion, HealthCheckAction.Block) => settings with { MinimumRequiredSdkVersion = value },
                (HealthCheckSetting.MinSdkVersion, HealthCheckAction.Wipe) => settings with { MinimumWipeSdkVersion = value },
                (HealthCheckSetting.DisabledAccount, _) => settings with { AppActionIfUnableToAuthenticateUser = row.Action },
                (HealthCheckSetting.MinOsVersion, HealthCheckAction.Warn) => settings with { MinimumWarningOsVersion = value },
                (HealthCheckSetting.MinOsVersion, HealthCheckAction.Block) => settings with { MinimumRequiredOsVersion = value },
                (HealthCheckSetting.MinOsVersion, HealthCheckAction.Wipe) => settings with { MinimumWipeOsVersion = value },
                (HealthCheckSetting.MaxOsVersion, HealthCheckAction.Warn) => settings with { MaximumWarningOsVersion = value },
                (HealthCheckSetting.MaxOsVersion, HealthCheckAction.Block) => settings with { MaximumRequiredOsVersion = value },
                (HealthCheckSetting.MaxOsVersion, HealthCheckAction.Wipe) => settings with { MaximumWipeOsVersion = value },
                (HealthCheckSetting.MaxAllowedDeviceThreatLevel, _) => settings with
                {
                    MaximumAllowedDeviceThreatLevel = TryParseThreatLevel(value, out var level) ? level : DeviceThreatLevel.NotConfigured,
                    MobileThreatDefenseRemediationAction = row.Action,
                },
                _ => throw new ArgumentException($"{row.Setting} with {row.Action} cannot be saved.", nameof(rows)),
            };
        }
        return settings;
    }

    /// <summary>
    /// Every rule of the Health checks step, each problem at its row. A row whose action or value is wrong, or that
    /// repeats an earlier row, is left out of the rules that compare rows, so one mistake yields one message.
    /// A rule between two rows is reported at the later of the two: the row the admin most likely just added.
    /// </summary>
    public static IReadOnlyList<HealthCheckProblem> Validate(IReadOnlyList<HealthCheckRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var problems = new List<HealthCheckProblem>();
        var seen = new HashSet<(HealthCheckSetting Setting, HealthCheckAction? Action)>();
        var good = new List<CheckedRow>();
        for (var index = 0; index < rows.Count; index++)
        {
            var row = rows[index];
            if (row is null)
            {
                problems.Add(new(index, "This row is empty: choose a setting, a value and an action."));
                continue;
            }
            if (!TryGetDefinition(row.Setting, out var definition))
            {
                problems.Add(new(index, "Choose a setting for this row."));
                continue;
            }

            var actionAllowed = definition.Allows(row.Action);
            if (!actionAllowed)
            {
                problems.Add(new(index, $"{definition.Label} supports {JoinActions(definition.Actions)} only"));
            }

            var valueProblem = CheckValue(definition, row, out var version, out var number);
            if (valueProblem is not null)
            {
                problems.Add(new(index, valueProblem));
            }

            if (!actionAllowed)
            {
                continue;
            }
            // Graph keeps one threat level and one disabled-account action, so those settings may appear once at all.
            var key = IsSingleRow(definition.Setting) ? (definition.Setting, (HealthCheckAction?)null) : (definition.Setting, row.Action);
            if (!seen.Add(key))
            {
                problems.Add(new(index, IsSingleRow(definition.Setting)
                    ? $"{definition.Label} is already in the table: a policy has one {definition.Label} row"
                    : $"{definition.Label} with {ActionLabel(row.Action)} is already in the table"));
                continue;
            }
            if (valueProblem is null)
            {
                good.Add(new(index, row.Setting, row.Action, (row.Value ?? "").Trim(), version, number));
            }
        }

        CheckOfflineGracePeriod(good, problems);
        CheckVersionOrder(good, HealthCheckSetting.MinAppVersion, problems);
        CheckVersionOrder(good, HealthCheckSetting.MinSdkVersion, problems);
        CheckVersionOrder(good, HealthCheckSetting.MinOsVersion, problems);
        CheckVersionOrder(good, HealthCheckSetting.MaxOsVersion, problems);
        CheckMinBelowMaxOs(good, problems);

        return [.. problems.Distinct().OrderBy(p => p.RowIndex)];
    }

    private sealed record CheckedRow(int Index, HealthCheckSetting Setting, HealthCheckAction Action, string Text, AppVersion Version, int Number);

    private static bool TryGetDefinition(HealthCheckSetting setting, [NotNullWhen(true)] out HealthCheckDefinition? definition)
    {
        foreach (var candidate in Definitions)
        {
            if (candidate.Setting == setting)
            {
                definition = candidate;
                return true;
            }
        }
        definition = null;
        return false;
    }

    private static bool IsSingleRow(HealthCheckSetting setting) =>
        setting is HealthCheckSetting.DisabledAccount or HealthCheckSetting.MaxAllowedDeviceThreatLevel;

    private static string? CheckValue(HealthCheckDefinition definition, HealthCheckRow row, out AppVersion version, out int number)
    {
        version = default;
        number = 0;
        var value = (row.Value ?? "").Trim();
        switch (definition.ValueKind)
        {
            case HealthCheckValueKind.None:
                return value.Length == 0 ? null : $"{definition.Label} takes no value: leave Value empty";

            case HealthCheckValueKind.ThreatLevel:
                return TryParseThreatLevel(value, out _)
                    ? null
                    : $"Choose a threat level for {definition.Label}: Secured, Low, Medium or High";

            case HealthCheckValueKind.WholeNumber:
                // The unit depends on the action; an action the setting refuses has no unit to check against.
                if (!definition.Allows(row.Action))
                {
                    return null;
                }
                var (unit, max) = row.Action == HealthCheckAction.Block
                    ? (MinutesUnit, MaxOfflineBlockMinutes)
                    : (DaysUnit, MaxOfflineWipeDays);
                var range = $"{definition.Label} with {ActionLabel(row.Action)} must be a whole number of {unit} from 1 to {max.ToString(CultureInfo.InvariantCulture)}";
                if (value.Length == 0)
                {
                    return $"Enter the number of {unit}: {range}";
                }
                return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= 1 && number <= max
                    ? null
                    : range;

            case HealthCheckValueKind.Version:
            default:
                return CheckVersion(definition.Label, value, out version);
        }
    }

    /// <summary>
    /// The version rule of the wizard's rows (and of what-if): digits separated by dots, two to four parts, and not a
    /// bare Windows build number such as <c>22631.3155</c>. Returns why <paramref name="text"/> is refused, or null.
    /// </summary>
    public static string? CheckVersion(string label, string? text) => CheckVersion(label, (text ?? "").Trim(), out _);

    private static string? CheckVersion(string label, string value, out AppVersion version)
    {
        version = default;
        if (value.Length == 0)
        {
            return $"Enter a version for {label}, for example {VersionExample}";
        }
        if (!AppVersion.TryParse(value, out version, out var partCount))
        {
            return $"'{value}' is not a version: write digits separated by dots, as major.minor, major.minor.build or major.minor.build.revision (for example {VersionExample})";
        }
        if (partCount == 2 && version.Major >= 1000)
        {
            return $"'{value}' looks like a build number, not a full version. Write the full version, for example {VersionExample}";
        }
        return null;
    }

    private static void CheckOfflineGracePeriod(List<CheckedRow> good, List<HealthCheckProblem> problems)
    {
        var block = good.FirstOrDefault(r => r.Setting == HealthCheckSetting.OfflineGracePeriod && r.Action == HealthCheckAction.Block);
        var wipe = good.FirstOrDefault(r => r.Setting == HealthCheckSetting.OfflineGracePeriod && r.Action == HealthCheckAction.Wipe);
        // Wiping before (or when) access is blocked would make the Block row pointless: the data is already gone.
        if (block is not null && wipe is not null && (long)wipe.Number * MinutesPerDay <= block.Number)
        {
            problems.Add(new(Math.Max(block.Index, wipe.Index),
                $"Offline grace period with Wipe data ({wipe.Number} days) must be longer than with Block access ({block.Number} minutes)"));
        }
    }

    // Min settings: Wipe <= Block <= Warn (the stricter action at the lower version); Max OS: the reverse.
    private static void CheckVersionOrder(List<CheckedRow> good, HealthCheckSetting setting, List<HealthCheckProblem> problems)
    {
        var isMax = setting == HealthCheckSetting.MaxOsVersion;
        var rows = good.Where(r => r.Setting == setting).ToList();
        foreach (var lower in rows)
        {
            foreach (var higher in rows)
            {
                if (OrderRank(lower.Action, isMax) >= OrderRank(higher.Action, isMax) || lower.Version <= higher.Version)
                {
                    continue;
                }
                var label = Definition(setting).Label;
                problems.Add(new(Math.Max(lower.Index, higher.Index),
                    $"{label} with {ActionLabel(lower.Action)} ({lower.Text}) must not be higher than with {ActionLabel(higher.Action)} ({higher.Text}): " +
                    $"stricter actions apply at {(isMax ? "higher" : "lower")} versions"));
            }
        }
    }

    private static int OrderRank(HealthCheckAction action, bool isMax)
    {
        var rank = action switch
        {
            HealthCheckAction.Wipe => 0,
            HealthCheckAction.Block => 1,
            _ => 2,
        };
        return isMax ? 2 - rank : rank;
    }

    private static void CheckMinBelowMaxOs(List<CheckedRow> good, List<HealthCheckProblem> problems)
    {
        foreach (var min in good.Where(r => r.Setting == HealthCheckSetting.MinOsVersion))
        {
            foreach (var max in good.Where(r => r.Setting == HealthCheckSetting.MaxOsVersion))
            {
                if (min.Version < max.Version)
                {
                    continue;
                }
                problems.Add(new(Math.Max(min.Index, max.Index),
                    $"Min OS version must be lower than Max OS version: {min.Text} with {ActionLabel(min.Action)} " +
                    $"is not below {max.Text} with {ActionLabel(max.Action)}"));
            }
        }
    }

    private static string JoinActions(IReadOnlyList<HealthCheckAction> actions) => actions.Count switch
    {
        1 => ActionLabel(actions[0]),
        _ => string.Join(", ", actions.Take(actions.Count - 1).Select(ActionLabel)) + " or " + ActionLabel(actions[^1]),
    };

    private static int ParseWholeNumber(string value) => int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static void AddVersion(List<HealthCheckRow> rows, HealthCheckSetting setting, string? version, HealthCheckAction action)
    {
        if (version is not null)
        {
            rows.Add(new(setting, version, action));
        }
    }
}

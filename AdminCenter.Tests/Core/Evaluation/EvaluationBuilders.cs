using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;

namespace AdminCenter.Tests.Core.Evaluation;

/// <summary>Builds a compiled policy that starts with no health check at all, so each test adds only what it checks.</summary>
internal sealed class PolicyBuilder
{
    private string _id = "policy-1";
    private string _name = "Policy 1";
    private WindowsAppProtectionSettings _settings = new()
    {
        PeriodOfflineBeforeAccessCheck = null,
        PeriodOfflineBeforeWipeIsEnforced = null,
    };

    public PolicyBuilder Named(string id, string name)
    {
        _id = id;
        _name = name;
        return this;
    }

    /// <summary>Sets a health-check property by its Graph name, the way the tables in the tests name settings.</summary>
    public PolicyBuilder With(string setting, string value)
    {
        _settings = setting switch
        {
            "minimumWarningAppVersion" => _settings with { MinimumWarningAppVersion = value },
            "minimumRequiredAppVersion" => _settings with { MinimumRequiredAppVersion = value },
            "minimumWipeAppVersion" => _settings with { MinimumWipeAppVersion = value },
            "minimumRequiredSdkVersion" => _settings with { MinimumRequiredSdkVersion = value },
            "minimumWipeSdkVersion" => _settings with { MinimumWipeSdkVersion = value },
            "minimumWarningOsVersion" => _settings with { MinimumWarningOsVersion = value },
            "minimumRequiredOsVersion" => _settings with { MinimumRequiredOsVersion = value },
            "minimumWipeOsVersion" => _settings with { MinimumWipeOsVersion = value },
            "maximumWarningOsVersion" => _settings with { MaximumWarningOsVersion = value },
            "maximumRequiredOsVersion" => _settings with { MaximumRequiredOsVersion = value },
            "maximumWipeOsVersion" => _settings with { MaximumWipeOsVersion = value },
            _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, "Not a version setting."),
        };
        return this;
    }

    public PolicyBuilder WithOfflineBlockMinutes(int minutes)
    {
        _settings = _settings with { PeriodOfflineBeforeAccessCheck = TimeSpan.FromMinutes(minutes) };
        return this;
    }

    public PolicyBuilder WithOfflineWipeDays(int days)
    {
        _settings = _settings with { PeriodOfflineBeforeWipeIsEnforced = TimeSpan.FromDays(days) };
        return this;
    }

    public PolicyBuilder WithDisabledAccount(HealthCheckAction action)
    {
        _settings = _settings with { AppActionIfUnableToAuthenticateUser = action };
        return this;
    }

    public PolicyBuilder WithMaxThreatLevel(DeviceThreatLevel level, HealthCheckAction action = HealthCheckAction.Block)
    {
        _settings = _settings with { MaximumAllowedDeviceThreatLevel = level, MobileThreatDefenseRemediationAction = action };
        return this;
    }

    public WindowsAppProtectionSettings BuildSettings() => _settings;

    public CompiledPolicy Build() => CompiledPolicy.Compile(_id, _name, _settings);
}

/// <summary>
/// Builds an input that passes every check of a typical policy: enabled account, current versions, checked in just
/// now, a working connector that reported Secured.
/// </summary>
internal sealed class InputBuilder
{
    public static readonly DateTime Now = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private EvaluationInput _input = new(
        UserAccountEnabled: true,
        OsVersion: AppVersion.Parse("10.0.22631.3155"),
        AppVersion: AppVersion.Parse("130.0.2849.46"),
        SdkVersion: AppVersion.Parse("1.2.3"),
        LastCheckInUtc: Now,
        ThreatSource: ThreatDataSource.Working,
        ReportedThreatLevel: DeviceThreatLevel.Secured,
        NowUtc: Now);

    public InputBuilder WithAccountEnabled(bool enabled)
    {
        _input = _input with { UserAccountEnabled = enabled };
        return this;
    }

    public InputBuilder WithOsVersion(string? version)
    {
        _input = _input with { OsVersion = Parse(version) };
        return this;
    }

    public InputBuilder WithAppVersion(string? version)
    {
        _input = _input with { AppVersion = Parse(version) };
        return this;
    }

    public InputBuilder WithSdkVersion(string? version)
    {
        _input = _input with { SdkVersion = Parse(version) };
        return this;
    }

    /// <summary>Sets the version the given reason kind compares (app, SDK or Windows).</summary>
    public InputBuilder WithVersionFor(ReasonKind kind, string? version) => kind switch
    {
        ReasonKind.MinAppVersion or ReasonKind.AppVersionNotReported => WithAppVersion(version),
        ReasonKind.MinSdkVersion or ReasonKind.SdkVersionNotReported => WithSdkVersion(version),
        _ => WithOsVersion(version),
    };

    public InputBuilder OfflineFor(TimeSpan offline)
    {
        _input = _input with { LastCheckInUtc = Now - offline };
        return this;
    }

    public InputBuilder WithThreat(ThreatDataSource source, DeviceThreatLevel? reported)
    {
        _input = _input with { ThreatSource = source, ReportedThreatLevel = reported };
        return this;
    }

    public EvaluationInput Build() => _input;

    // Mirrors check-in: a missing or unparsable version is null.
    private static AppVersion? Parse(string? version) =>
        AppVersion.TryParse(version, out var parsed) ? parsed : null;
}

/// <summary>Runs the span overload the way callers do and returns the reasons written.</summary>
internal static class Evaluator
{
    public static (EvaluationOutcome Outcome, EvaluationReason[] Reasons) Run(EvaluationInput input, params CompiledPolicy[] policies)
    {
        var reasons = new EvaluationReason[EvaluationEngine.ReasonCapacity(policies.Length)];
        var outcome = EvaluationEngine.Evaluate(policies, input, reasons, out var count);
        return (outcome, reasons[..count]);
    }
}

using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using BenchmarkDotNet.Attributes;

namespace AdminCenter.Benchmarks;

/// <summary>
/// The pure evaluation over a realistic input: two policies with eight configured checks each (the Level 2 and
/// Level 3 templates plus app and SDK rows), one registration. The target is 5 million evaluations a second on one core.
/// </summary>
[MemoryDiagnoser]
public class EvaluationBenchmarks
{
    private static readonly DateTime Now = new(2025, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private readonly CompiledPolicy[] _policies =
    [
        CompiledPolicy.Compile("level-2", "Level 2 enhanced", new WindowsAppProtectionSettings
        {
            PeriodOfflineBeforeAccessCheck = TimeSpan.FromMinutes(1440),
            PeriodOfflineBeforeWipeIsEnforced = TimeSpan.FromDays(30),
            MinimumWarningAppVersion = "131.0",
            MinimumRequiredAppVersion = "120.0",
            MinimumRequiredSdkVersion = "1.0",
            AppActionIfUnableToAuthenticateUser = HealthCheckAction.Block,
            MinimumRequiredOsVersion = "10.0.22621.2506",
            MaximumAllowedDeviceThreatLevel = DeviceThreatLevel.Medium,
        }),
        CompiledPolicy.Compile("level-3", "Level 3 high", new WindowsAppProtectionSettings
        {
            PeriodOfflineBeforeAccessCheck = TimeSpan.FromMinutes(1440),
            PeriodOfflineBeforeWipeIsEnforced = TimeSpan.FromDays(30),
            MinimumWipeAppVersion = "100.0",
            MinimumWipeSdkVersion = "0.9",
            AppActionIfUnableToAuthenticateUser = HealthCheckAction.Wipe,
            MinimumRequiredOsVersion = "10.0.22621.2506",
            MaximumWarningOsVersion = "10.0.22641",
            MaximumAllowedDeviceThreatLevel = DeviceThreatLevel.Secured,
            MobileThreatDefenseRemediationAction = HealthCheckAction.Wipe,
        }),
    ];

    private readonly EvaluationReason[] _reasons = new EvaluationReason[EvaluationEngine.ReasonCapacity(2)];

    // Passes every check: the common case of a current, healthy device that checked in recently.
    private readonly EvaluationInput _realistic = new(
        UserAccountEnabled: true,
        OsVersion: AppVersion.Parse("10.0.22631.3155"),
        AppVersion: AppVersion.Parse("131.0.2903.70"),
        SdkVersion: AppVersion.Parse("1.2.3"),
        LastCheckInUtc: Now.AddMinutes(-30),
        ThreatSource: ThreatDataSource.Working,
        ReportedThreatLevel: DeviceThreatLevel.Secured,
        NowUtc: Now);

    // Fails 15 of the 16 checks (Windows cannot be both below Min OS and above Max OS): the most reasons to write and sort.
    private readonly EvaluationInput _allFail = new(
        UserAccountEnabled: false,
        OsVersion: AppVersion.Parse("10.0.19045"),
        AppVersion: AppVersion.Parse("99.0"),
        SdkVersion: AppVersion.Parse("0.1"),
        LastCheckInUtc: Now.AddDays(-45),
        ThreatSource: ThreatDataSource.Working,
        ReportedThreatLevel: DeviceThreatLevel.High,
        NowUtc: Now);

    [Benchmark(Baseline = true)]
    public EvaluationOutcome EvaluatePure() =>
        EvaluationEngine.Evaluate(_policies, _realistic, _reasons, out _);

    [Benchmark]
    public EvaluationOutcome EvaluatePureAllChecksFail() =>
        EvaluationEngine.Evaluate(_policies, _allFail, _reasons, out _);
}

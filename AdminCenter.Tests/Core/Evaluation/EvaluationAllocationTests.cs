using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;

namespace AdminCenter.Tests.Core.Evaluation;

/// <summary>Allocation checks, not timings: the hot path must allocate nothing whatever it finds.</summary>
public sealed class EvaluationAllocationTests
{
    public static TheoryData<string> Scenarios => ["all pass", "all fail", "versions missing", "partner ignored", "no policies"];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Evaluate_WarmCall_AllocatesZeroBytes(string scenario)
    {
        var policies = scenario == "no policies" ? [] : RealisticPolicies();
        var input = Input(scenario);
        Span<EvaluationReason> reasons = stackalloc EvaluationReason[EvaluationEngine.ReasonCapacity(policies.Length)];
        EvaluationEngine.Evaluate(policies, input, reasons, out _);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var outcome = EvaluationOutcome.Allow;
        var count = 0;
        for (var i = 0; i < 1_000; i++)
        {
            outcome = EvaluationEngine.Evaluate(policies, input, reasons, out count);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(count >= 1 || outcome == EvaluationOutcome.Allow);
    }

    private static CompiledPolicy[] RealisticPolicies() =>
    [
        new PolicyBuilder().Named("p1", "Level 2 enhanced")
            .WithOfflineBlockMinutes(1440).WithOfflineWipeDays(30)
            .With("minimumWarningAppVersion", "131.0").With("minimumRequiredAppVersion", "120.0")
            .With("minimumRequiredSdkVersion", "1.0").WithDisabledAccount(HealthCheckAction.Block)
            .With("minimumRequiredOsVersion", "10.0.22621.2506").WithMaxThreatLevel(DeviceThreatLevel.Medium)
            .Build(),
        new PolicyBuilder().Named("p2", "Level 3 high")
            .WithOfflineBlockMinutes(720).WithOfflineWipeDays(90)
            .With("minimumWipeAppVersion", "100.0").With("minimumWipeSdkVersion", "0.9")
            .WithDisabledAccount(HealthCheckAction.Wipe)
            .With("minimumWarningOsVersion", "10.0.26100").With("maximumWarningOsVersion", "10.0.26200")
            .WithMaxThreatLevel(DeviceThreatLevel.Secured, HealthCheckAction.Wipe)
            .Build(),
    ];

    private static EvaluationInput Input(string scenario) => scenario switch
    {
        "all fail" => new InputBuilder().WithAccountEnabled(false).WithAppVersion("90.0").WithSdkVersion("0.1").WithOsVersion("10.0.27000")
            .OfflineFor(TimeSpan.FromDays(100)).WithThreat(ThreatDataSource.Working, DeviceThreatLevel.High).Build(),
        "versions missing" => new InputBuilder().WithAppVersion(null).WithSdkVersion(null).WithOsVersion(null)
            .WithThreat(ThreatDataSource.Working, null).Build(),
        "partner ignored" => new InputBuilder().WithThreat(ThreatDataSource.Unresponsive, null).Build(),
        _ => new InputBuilder().WithOsVersion("10.0.26100.1").Build(),
    };
}

using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Filters;
using BenchmarkDotNet.Attributes;

namespace AdminCenter.Benchmarks;

/// <summary>
/// Which policies apply to a registration (spec 07): the step before the pure evaluation, run for every policy at every
/// check-in and re-evaluation. Two included groups and an excluded one; the filtered case puts the user's included group
/// behind an Include filter with two conditions that the device matches, so the filter is evaluated to the end.
/// </summary>
[MemoryDiagnoser]
public class ApplicabilityBenchmarks
{
    private const string Policy = "policy";

    private static readonly string[] Apps = [WindowsPolicyDraft.EdgeAppId];

    private readonly HashSet<string> _userGroups = new(StringComparer.Ordinal) { "sales", "all-staff", "contractors-not" };

    private readonly List<PolicyAssignment> _unfiltered =
        [new(Policy, "finance", false), new(Policy, "sales", false), new(Policy, "contractors", true)];

    private readonly List<PolicyAssignment> _filtered =
    [
        new(Policy, "finance", false),
        new(Policy, "sales", false, "surface", AssignmentFilterMode.Include),
        new(Policy, "contractors", true),
    ];

    private readonly Dictionary<string, CompiledFilter> _filters = new(StringComparer.Ordinal)
    {
        ["surface"] = new("surface", "Surface devices",
            FilterRule.Parse("(app.deviceManufacturer -eq \"Microsoft Corporation\") and (app.operatingSystemVersion -ge 10.0.22631.0)").Rule!),
    };

    private readonly FilterFacts _facts = new("131.0.2903.70", "Microsoft Corporation", "Surface Laptop 5", "10.0.22631.4460");

    [Benchmark(Baseline = true)]
    public Applicability DecideUnfiltered() =>
        PolicyApplicability.Decide(_unfiltered, Apps, WindowsPolicyDraft.EdgeAppId, _userGroups, _filters, _facts);

    [Benchmark]
    public Applicability DecideWithIncludeFilter() =>
        PolicyApplicability.Decide(_filtered, Apps, WindowsPolicyDraft.EdgeAppId, _userGroups, _filters, _facts);
}

using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Mam;

namespace AdminCenter.Tests.Core.Filters;

/// <summary>Spec 07: an included group's filter decides whether the policy applies; exclusion groups still win.</summary>
public sealed class FilteredEvaluationTests
{
    private const string Edge = WindowsPolicyDraft.EdgeAppId;
    private static readonly DateTime Now = new(2026, 12, 1, 9, 0, 0, DateTimeKind.Utc);

    private static readonly CompiledFilter Surface = Compile("surface", "Surface devices", "app.deviceManufacturer -eq \"Microsoft Corporation\"");
    private static readonly CompiledFilter CorporateModels = Compile("models", "Corporate models", "app.deviceModel -in [\"Surface Pro 9\", \"Surface Laptop 6\"]");

    private static CompiledFilter Compile(string id, string name, string rule) => new(id, name, FilterRule.Parse(rule).Rule!);

    private static RegistrationFacts Device(string manufacturer, string model) =>
        new(true, "10.0.22631.4460", "131.0.2903.70", "1.0.0", Now, null, null, manufacturer, model);

    private static TenantEvaluationContext Tenant(params PolicyAssignment[] assignments) => new(
        [new PolicyForEvaluation(CompiledPolicy.Compile("p1", "Edge level 3", new WindowsAppProtectionSettings()), assignments, [Edge])],
        ThreatDataSource.Missing,
        null,
        new Dictionary<string, CompiledFilter> { [Surface.Id] = Surface, [CorporateModels.Id] = CorporateModels });

    private static PolicyAssignment Included(string group, CompiledFilter? filter = null, AssignmentFilterMode mode = AssignmentFilterMode.Include) =>
        new("p1", group, isExclusion: false, filter?.Id, mode);

    private static (IReadOnlyList<string> Policies, IReadOnlyList<ExplainedReason> Reasons) Evaluate(TenantEvaluationContext tenant, RegistrationFacts facts, params string[] groups)
    {
        var evaluator = new RegistrationEvaluator(tenant);
        evaluator.Evaluate(Edge, groups.ToHashSet(StringComparer.OrdinalIgnoreCase), facts, Now);
        var explained = evaluator.Explain();
        return (evaluator.ApplicablePolicies().Select(p => p.DisplayName).ToList(), explained.Reasons);
    }

    [Theory]
    [InlineData("Microsoft Corporation", AssignmentFilterMode.Include, true)]
    [InlineData("microsoft corporation", AssignmentFilterMode.Include, true)]
    [InlineData("Dell Inc.", AssignmentFilterMode.Include, false)]
    [InlineData("Microsoft Corporation", AssignmentFilterMode.Exclude, false)]
    [InlineData("Dell Inc.", AssignmentFilterMode.Exclude, true)]
    public void Evaluate_IncludedGroupWithFilter_AppliesWhenTheModeLetsItThrough(string manufacturer, AssignmentFilterMode mode, bool applies)
    {
        var tenant = Tenant(Included("A", Surface, mode));

        var (policies, _) = Evaluate(tenant, Device(manufacturer, "Surface Pro 9"), "A");

        Assert.Equal(applies, policies.Count == 1);
    }

    [Fact]
    public void Evaluate_IncludeFilterDoesNotMatch_ReasonNamesTheFilterModeAndValue()
    {
        var tenant = Tenant(Included("A", CorporateModels));

        var (policies, reasons) = Evaluate(tenant, Device("Microsoft Corporation", "Surface Laptop 5"), "A");

        Assert.Empty(policies);
        var reason = Assert.Single(reasons, r => r.Setting == FilterReasons.Setting);
        Assert.Equal("Edge level 3", reason.PolicyName);
        Assert.StartsWith("Filter \"Corporate models\" (Include) does not match: app.deviceModel is Surface Laptop 5", reason.Remediation, StringComparison.Ordinal);
        Assert.Equal(EvaluationOutcome.Allow, reason.Action);
    }

    [Fact]
    public void Evaluate_ExcludeFilterMatches_ReasonSaysItMatches()
    {
        var tenant = Tenant(Included("A", Surface, AssignmentFilterMode.Exclude));

        var (_, reasons) = Evaluate(tenant, Device("Microsoft Corporation", "Surface Pro 9"), "A");

        var reason = Assert.Single(reasons, r => r.Setting == FilterReasons.Setting);
        Assert.StartsWith("Filter \"Surface devices\" (Exclude) matches: app.deviceManufacturer is Microsoft Corporation", reason.Remediation, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("A,B", true)]
    [InlineData("A", false)]
    [InlineData("B", true)]
    public void Evaluate_TwoIncludedGroups_OneThatLetsItThroughIsEnough(string userGroups, bool applies)
    {
        var tenant = Tenant(Included("A", Surface), Included("B"));

        var (policies, reasons) = Evaluate(tenant, Device("Dell Inc.", "Latitude 7440"), userGroups.Split(','));

        Assert.Equal(applies, policies.Count == 1);
        Assert.Equal(!applies, reasons.Any(r => r.Setting == FilterReasons.Setting));
    }

    [Fact]
    public void Evaluate_ExclusionGroup_WinsOverAMatchingFilter()
    {
        var tenant = Tenant(Included("A", Surface), new PolicyAssignment("p1", "X", isExclusion: true));

        var (policies, reasons) = Evaluate(tenant, Device("Microsoft Corporation", "Surface Pro 9"), "A", "X");

        Assert.Empty(policies);
        Assert.DoesNotContain(reasons, r => r.Setting == FilterReasons.Setting);
    }

    [Fact]
    public void Evaluate_SameFactsDifferentModel_ChangesTheFingerprintOnlyWhenAFilterKeptThePolicyOut()
    {
        var tenant = Tenant(Included("A", CorporateModels));
        var evaluator = new RegistrationEvaluator(tenant);
        var groups = new HashSet<string> { "A" };

        evaluator.Evaluate(Edge, groups, Device("Microsoft Corporation", "Surface Laptop 5"), Now);
        var first = evaluator.Fingerprint;
        evaluator.Evaluate(Edge, groups, Device("Microsoft Corporation", "Surface Laptop 4"), Now);
        var second = evaluator.Fingerprint;

        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Decide_WarmedUpWithAFilter_DoesNotAllocate()
    {
        List<PolicyAssignment> assignments = [Included("A", Surface), new PolicyAssignment("p1", "X", isExclusion: true)];
        List<string> apps = [Edge];
        var filters = new Dictionary<string, CompiledFilter> { [Surface.Id] = Surface };
        var groups = new HashSet<string> { "A" };
        var facts = new FilterFacts("131.0.2903.70", "Microsoft Corporation", "Surface Pro 9", "10.0.22631.4460");
        PolicyApplicability.Decide(assignments, apps, Edge, groups, filters, facts);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var decision = PolicyApplicability.Decide(assignments, apps, Edge, groups, filters, facts);
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.Equal(Applicability.Applies, decision);
        Assert.Equal(0, after - before);
    }
}

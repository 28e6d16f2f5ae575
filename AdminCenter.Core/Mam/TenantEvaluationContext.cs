using System.Text.Json;
using System.Text.Json.Serialization;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Mam;

/// <summary>A policy ready for evaluation: compiled once, with what decides whom it applies to.</summary>
public sealed record PolicyForEvaluation(CompiledPolicy Compiled, IReadOnlyList<PolicyAssignment> Assignments, IReadOnlyList<string> Apps);

/// <summary>What every registration's evaluation shares at one moment: the tenant's policies and its threat data source.</summary>
/// <remarks>A class, not a record: per-policy data is derived once at construction, which a <c>with</c> copy would carry over stale.</remarks>
public sealed class TenantEvaluationContext(
    IReadOnlyList<PolicyForEvaluation> policies, ThreatDataSource threatSource, string? threatConnectorId, IReadOnlyDictionary<string, CompiledFilter>? filters = null)
{
    private static readonly IReadOnlyDictionary<string, CompiledFilter> NoFilters = new Dictionary<string, CompiledFilter>();

    private readonly int[] _policyFingerprints = policies.Select(p => EvaluationFingerprint.Of(p.Compiled)).ToArray();

    /// <summary>The tenant's assignment filters by id, rules parsed (spec 07).</summary>
    public IReadOnlyDictionary<string, CompiledFilter> Filters { get; } = filters ?? NoFilters;

    /// <summary>Whether any assignment uses a filter: only then are a registration's filter facts needed.</summary>
    public bool UsesFilters { get; } = policies.Any(p => p.Assignments.Any(a => a.FilterId is not null));

    public IReadOnlyList<PolicyForEvaluation> Policies { get; } = policies;

    public ThreatDataSource ThreatSource { get; } = threatSource;

    /// <summary>The connector whose reports count for Windows, if any.</summary>
    public string? ThreatConnectorId { get; } = threatConnectorId;

    public static async Task<TenantEvaluationContext> LoadAsync(AdminCenterDbContext db, CancellationToken cancellationToken)
    {
        var policies = await db.WindowsManagedAppProtections.AsNoTracking().Include(p => p.Assignments).ToListAsync(cancellationToken);
        var connectors = await db.MobileThreatDefenseConnectors.AsNoTracking().ToListAsync(cancellationToken);
        var (source, connectorId) = ResolveThreatSource(connectors);
        var filters = await AssignmentFilterService.LoadCompiledAsync(db, cancellationToken);
        return new TenantEvaluationContext(
            policies.OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase)
                .Select(p => new PolicyForEvaluation(CompiledPolicy.Compile(p.Id, p.DisplayName, p.Settings), p.Assignments.ToList(), p.Apps))
                .ToList(),
            source,
            connectorId,
            filters);
    }

    /// <summary>
    /// The connector whose reports count for Windows: the one with Windows app protection evaluation on (one partner per
    /// platform may have it). Without one, a Windows-capable connector with the toggle off says why data is ignored.
    /// </summary>
    public static (ThreatDataSource Source, string? ConnectorId) ResolveThreatSource(IReadOnlyList<MobileThreatDefenseConnector> connectors)
    {
        var evaluator = connectors.FirstOrDefault(c => c.Settings.WindowsMobileApplicationManagementEnabled);
        if (evaluator is not null)
        {
            return (ThreatDataSources.From(evaluator), evaluator.Id);
        }
        var windowsCapable = connectors.FirstOrDefault(c => c.Partner.Supports(MtdPlatforms.Windows) && c.Partner.SupportsAppProtection);
        return (windowsCapable is null ? ThreatDataSource.Missing : ThreatDataSource.WindowsEvaluationOff, null);
    }

    /// <summary>Fills <paramref name="buffer"/> with the policies that apply to the user's app; returns how many.</summary>
    /// <remarks>Without the device's facts a filtered group lets nothing through.</remarks>
    public int SelectApplicable(string appId, IReadOnlySet<string> userGroupIds, CompiledPolicy[] buffer) =>
        SelectApplicable(appId, userGroupIds, buffer, null);

    /// <summary>As <see cref="SelectApplicable(string, IReadOnlySet{string}, CompiledPolicy[])"/>, also filling each policy's fingerprint.</summary>
    public int SelectApplicable(string appId, IReadOnlySet<string> userGroupIds, CompiledPolicy[] buffer, int[]? fingerprints) =>
        SelectApplicable(appId, userGroupIds, null, buffer, fingerprints, null, out _);

    /// <summary>
    /// As above, honouring assignment filters with the registration's <paramref name="facts"/>; the indexes of policies a
    /// filter kept out go to <paramref name="filteredOut"/> (when given), their count to <paramref name="filteredOutCount"/>.
    /// </summary>
    public int SelectApplicable(
        string appId, IReadOnlySet<string> userGroupIds, FilterFacts? facts, CompiledPolicy[] buffer, int[]? fingerprints, int[]? filteredOut,
        out int filteredOutCount)
    {
        var count = 0;
        filteredOutCount = 0;
        for (var i = 0; i < Policies.Count; i++)
        {
            var policy = Policies[i];
            var applicability = PolicyApplicability.Decide(policy.Assignments, policy.Apps, appId, userGroupIds, Filters, facts);
            if (applicability == Applicability.Applies)
            {
                if (fingerprints is not null)
                {
                    fingerprints[count] = _policyFingerprints[i];
                }
                buffer[count++] = policy.Compiled;
            }
            else if (applicability == Applicability.FilteredOut && filteredOut is not null)
            {
                filteredOut[filteredOutCount++] = i;
            }
        }
        return count;
    }

    /// <summary>The fingerprint of the policy at <paramref name="index"/> in <see cref="Policies"/>.</summary>
    public int PolicyFingerprint(int index) => _policyFingerprints[index];

    /// <summary>The evaluation input of a registration, versions parsed here so evaluation only compares.</summary>
    public EvaluationInput InputFor(RegistrationFacts facts, DateTime nowUtc) => new(
        facts.UserAccountEnabled,
        Parse(facts.PlatformVersion),
        Parse(facts.AppVersion),
        Parse(facts.SdkVersion),
        facts.LastCheckInUtc,
        ThreatSource,
        facts.ThreatConnectorId is not null && facts.ThreatConnectorId == ThreatConnectorId ? facts.ThreatLevel : null,
        nowUtc);

    private static AppVersion? Parse(string? text) => AppVersion.TryParse(text, out var version) ? version : null;
}

/// <summary>What evaluation needs to know of one registration and its user.</summary>
public readonly record struct RegistrationFacts(
    bool UserAccountEnabled,
    string? PlatformVersion,
    string? AppVersion,
    string? SdkVersion,
    DateTime LastCheckInUtc,
    DeviceThreatLevel? ThreatLevel,
    string? ThreatConnectorId,
    string? DeviceManufacturer = null,
    string? DeviceModel = null)
{
    /// <summary>The registration as an assignment filter sees it (spec 07: its properties at the last check-in).</summary>
    public FilterFacts ToFilterFacts() => new(AppVersion, DeviceManufacturer, DeviceModel, PlatformVersion);
}

/// <summary>How reasons are stored and summarized.</summary>
public static class ReasonFormat
{
    private static readonly JsonSerializerOptions Json = CreateJson();

    public static string ToJson(IReadOnlyList<ExplainedReason> reasons) => JsonSerializer.Serialize(reasons, Json);

    public static string ToJson(ExplainedReason[] reasons) => JsonSerializer.Serialize(reasons, ReasonJsonContext.Default.ExplainedReasonArray);

    public static IReadOnlyList<ExplainedReason> FromJson(string json) =>
        JsonSerializer.Deserialize<List<ExplainedReason>>(json, Json) ?? [];

    /// <summary>One line for the outcome history, e.g. "Edge level 2: Max allowed device threat level expected Low or lower, actual High (Block access)".</summary>
    public static string Summary(IReadOnlyList<ExplainedReason> reasons) =>
        string.Join("; ", reasons.Select(r => string.IsNullOrEmpty(r.Setting)
            ? r.Remediation
            : r.Setting == FilterReasons.Setting
            ? $"{r.PolicyName}: {r.Remediation}"
            : $"{r.PolicyName}: {r.Setting} expected {r.Expected}, actual {r.Actual} ({AppProtectionStatusLabels.ReasonAction(r.Action)})"));

    public static string PolicyNames(ReadOnlySpan<CompiledPolicy> policies)
    {
        var names = new string[policies.Length];
        for (var i = 0; i < policies.Length; i++)
        {
            names[i] = policies[i].DisplayName;
        }
        return string.Join("; ", names);
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = ReasonJsonContext.Default };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }
}

/// <summary>Source-generated JSON for stored reasons: re-evaluation writes many thousands of them at once.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, Converters = [typeof(CamelCaseOutcomeConverter)])]
[JsonSerializable(typeof(ExplainedReason[]))]
[JsonSerializable(typeof(List<ExplainedReason>))]
[JsonSerializable(typeof(IReadOnlyList<ExplainedReason>))]
internal sealed partial class ReasonJsonContext : JsonSerializerContext;

/// <summary>Outcomes as the API writes them: "allow", "warn", "block", "wipe".</summary>
internal sealed class CamelCaseOutcomeConverter() : JsonStringEnumConverter<EvaluationOutcome>(JsonNamingPolicy.CamelCase);

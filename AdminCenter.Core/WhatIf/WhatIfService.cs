using AdminCenter.Core.AppProtection;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.WhatIf;

/// <summary>A device state to try for a user (spec 04 / issue: what-if): nothing of it is stored.</summary>
public sealed record WhatIfScenario(
    string AppId,
    string? PlatformVersion,
    string? AppVersion,
    string? SdkVersion,
    DeviceThreatLevel? ThreatLevel,
    TimeSpan SinceLastCheckIn,
    string? DeviceManufacturer = null,
    string? DeviceModel = null);

/// <summary>What the user would get in that state: the outcome and every reason, as a check-in would answer.</summary>
public sealed record WhatIfResult(
    EvaluationOutcome Outcome,
    IReadOnlyList<ExplainedReason> Reasons,
    IReadOnlyList<string> PolicyNames,
    ConditionalAccessDecision ConditionalAccess);

/// <summary>A registration whose outcome would change if a policy were saved as edited.</summary>
public sealed record AffectedRegistration(
    string UserId, string UserPrincipalName, string? DeviceName, string AzureAdDeviceId, EvaluationOutcome CurrentOutcome, EvaluationOutcome NewOutcome);

/// <summary>The preview of a policy edit: how many registrations change outcome, and which.</summary>
public sealed record PolicyChangePreview(int Evaluated, int Changed, IReadOnlyList<AffectedRegistration> Registrations);

/// <summary>
/// Answers "what if" questions with the real evaluation, reading only: no registration, history or connector changes.
/// </summary>
public sealed class WhatIfService(IDbContextFactory<AdminCenterDbContext> dbFactory, TimeProvider timeProvider)
{
    /// <summary>The resource a what-if sign-in names in its remediation text.</summary>
    public const string WhatIfResource = "Office 365";

    /// <summary>Evaluates the user's app in the scenario's device state, against the tenant as it is now.</summary>
    public async Task<WhatIfResult?> EvaluateAsync(string userId, WhatIfScenario scenario, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.DirectoryUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return null;
        }
        var groups = (await db.GroupMemberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var context = await TenantEvaluationContext.LoadAsync(db, cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var evaluator = new RegistrationEvaluator(context);
        // The scenario's threat level counts as a report from the connector that evaluates Windows devices.
        evaluator.Evaluate(scenario.AppId, groups, new RegistrationFacts(user.AccountEnabled, scenario.PlatformVersion, scenario.AppVersion,
            scenario.SdkVersion, now - scenario.SinceLastCheckIn, scenario.ThreatLevel, scenario.ThreatLevel is null ? null : context.ThreatConnectorId,
            scenario.DeviceManufacturer, scenario.DeviceModel), now);
        var explained = evaluator.Explain();
        var policyNames = explained.PolicyNames.Length == 0 ? [] : explained.PolicyNames.Split("; ");

        // Conditional Access for a browser sign-in from this app in this state, with the same pure function sign-ins use.
        var access = await db.ConditionalAccessPolicies.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var decision = ConditionalAccessEvaluator.Evaluate(new ConditionalAccessInput(
            new ConditionalAccessPolicySettings(access?.State ?? ConditionalAccessState.Off, access?.IncludedGroupIds ?? [], access?.ExcludedGroupIds ?? []),
            groups,
            scenario.AppId,
            WhatIfResource,
            policyNames.Length > 0,
            new RegistrationStatus(explained.Outcome, explained.Reasons)));
        return new WhatIfResult(explained.Outcome, explained.Reasons, policyNames, decision);
    }

    /// <summary>
    /// Evaluates every registration twice, with the policy as saved and as edited in <paramref name="draft"/>, and lists
    /// those whose outcome would change. <paramref name="policyId"/> null previews a new policy.
    /// </summary>
    public async Task<PolicyChangePreview> PreviewPolicyChangeAsync(string? policyId, WindowsPolicyDraft draft, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var current = await TenantEvaluationContext.LoadAsync(db, cancellationToken);
        var id = policyId ?? "preview";
        // A new context, not `with`: the context derives per-policy data from its policy list when constructed.
        var edited = new TenantEvaluationContext(
            current.Policies.Where(p => p.Compiled.Id != id)
                .Append(new PolicyForEvaluation(
                    CompiledPolicy.Compile(id, draft.DisplayName, HealthChecks.Apply(draft.DataProtection, draft.HealthChecks)),
                    [.. draft.IncludedGroupIds.Select(g => draft.AssignmentFilters.FirstOrDefault(f => string.Equals(f.GroupId, g, StringComparison.OrdinalIgnoreCase)) is { } filter
                        ? new PolicyAssignment(id, g, isExclusion: false, filter.FilterId, filter.Mode)
                        : new PolicyAssignment(id, g, isExclusion: false)),
                     .. draft.ExcludedGroupIds.Select(g => new PolicyAssignment(id, g, isExclusion: true))],
                    draft.Apps))
                .ToList(),
            current.ThreatSource,
            current.ThreatConnectorId,
            current.Filters);
        var groupsByUser = (await db.GroupMemberships.AsNoTracking().Select(m => new { m.UserId, m.GroupId }).ToListAsync(cancellationToken))
            .GroupBy(m => m.UserId)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Select(m => m.GroupId).ToHashSet(StringComparer.OrdinalIgnoreCase));
        var enabled = await db.DirectoryUsers.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.AccountEnabled, cancellationToken);
        var registrations = await db.MamRegistrations.AsNoTracking().ToListAsync(cancellationToken);

        var before = new RegistrationEvaluator(current);
        var after = new RegistrationEvaluator(edited);
        var noGroups = new HashSet<string>();
        var affected = new List<AffectedRegistration>();
        foreach (var registration in registrations)
        {
            var groups = groupsByUser.GetValueOrDefault(registration.UserId, noGroups);
            var facts = new RegistrationFacts(enabled.GetValueOrDefault(registration.UserId, true), registration.PlatformVersion, registration.AppVersion,
                registration.SdkVersion, registration.LastCheckInDateTime, registration.ThreatLevel, registration.ThreatConnectorId,
                registration.DeviceManufacturer, registration.DeviceModel);
            before.Evaluate(registration.AppId, groups, facts, now);
            after.Evaluate(registration.AppId, groups, facts, now);
            if (before.Outcome != after.Outcome)
            {
                affected.Add(new AffectedRegistration(registration.UserId, registration.UserPrincipalName, registration.DeviceName,
                    registration.AzureAdDeviceId, before.Outcome, after.Outcome));
            }
        }
        return new PolicyChangePreview(registrations.Count, affected.Count,
            affected.OrderBy(a => a.UserPrincipalName, StringComparer.OrdinalIgnoreCase).ToList());
    }
}

using System.Text.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Audit;
using AdminCenter.Core.Common;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.Roles;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminCenter.Core.ConditionalAccess;

/// <summary>
/// The tenant's "Require app protection policy" Conditional Access policy (spec 04): reading and saving it, evaluating
/// sign-ins against it, and the sign-in logs.
/// </summary>
public sealed partial class ConditionalAccessService(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    TimeProvider timeProvider,
    ILogger<ConditionalAccessService> logger)
{
    /// <summary>The largest page <see cref="ListSignInsAsync"/> returns.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Spec 06: Conditional Access belongs to the Organization category.</summary>
    public static readonly Permission UpdatePermission = new(PermissionCategory.Organization, PermissionAction.Update);

    private DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>The policy; Off with no groups (version 0) until it is first saved.</summary>
    public async Task<ConditionalAccessPolicyView> GetPolicyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policy = await db.ConditionalAccessPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == ConditionalAccessPolicy.SingletonId, cancellationToken);
        return await ToViewAsync(db, policy, cancellationToken);
    }

    /// <summary>
    /// Saves the state and groups. A policy changed since <paramref name="expectedVersion"/> was read is refused and
    /// nothing is saved; so is a group that is both included and excluded, or that no longer exists.
    /// </summary>
    public async Task<ServiceResult<ConditionalAccessPolicyView>> SavePolicyAsync(
        ConditionalAccessPolicyDraft draft, int expectedVersion, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(UpdatePermission))
        {
            return ServiceResult<ConditionalAccessPolicyView>.Forbidden(UpdatePermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policy = await db.ConditionalAccessPolicies.SingleOrDefaultAsync(p => p.Id == ConditionalAccessPolicy.SingletonId, cancellationToken);
        if ((policy?.Version ?? 0) != expectedVersion)
        {
            return policy is null
                ? ServiceResult<ConditionalAccessPolicyView>.Conflict("version", "This policy is not the one you read; reload to see it.")
                : ChangedBy(policy);
        }
        var problems = await ValidateAsync(db, draft, cancellationToken);
        if (problems.Count > 0)
        {
            return ServiceResult<ConditionalAccessPolicyView>.Invalid(problems);
        }

        var created = policy is null;
        policy ??= db.ConditionalAccessPolicies.Add(new ConditionalAccessPolicy()).Entity;
        var before = Snapshot(policy);
        policy.Change(draft.State, draft.IncludedGroupIds.Distinct(), draft.ExcludedGroupIds.Distinct(), UtcNow, actor.AuditName);
        db.Record(new AuditEntry(AuditCategories.Organization, created ? AuditActivityType.Create : AuditActivityType.Update, actor.AuditName,
            "ConditionalAccessPolicy", policy.DisplayName, policy.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            AuditTrail.Diff(created ? null : before, Snapshot(policy))), UtcNow);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another admin saved first: a stale version, or both created the row at once.
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            return ChangedBy(await fresh.ConditionalAccessPolicies.AsNoTracking().SingleAsync(p => p.Id == ConditionalAccessPolicy.SingletonId, cancellationToken));
        }
        LogPolicySaved(actor.AuditName, policy.State, policy.IncludedGroupIds.Count, policy.ExcludedGroupIds.Count);
        return ServiceResult<ConditionalAccessPolicyView>.Success(await ToViewAsync(db, policy, cancellationToken));
    }

    /// <summary>
    /// Evaluates a sign-in and keeps it in the sign-in log. The user must exist in the directory. Edge's registration on
    /// the device is evaluated again now, from its stored facts: the offline grace period runs on between check-ins.
    /// </summary>
    public async Task<ServiceResult<ConditionalAccessDecision>> EvaluateAsync(SignInRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var problems = Validate(request);
        if (problems.Count > 0)
        {
            return ServiceResult<ConditionalAccessDecision>.Invalid(problems);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = DirectoryUser.Normalize(request.UserPrincipalName);
        var user = await db.DirectoryUsers.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserPrincipalName == normalized, cancellationToken);
        if (user is null)
        {
            return ServiceResult<ConditionalAccessDecision>.NotFound("userPrincipalName", $"There is no user '{request.UserPrincipalName}' in the directory.");
        }

        var now = UtcNow;
        var policy = await db.ConditionalAccessPolicies.AsNoTracking().SingleOrDefaultAsync(p => p.Id == ConditionalAccessPolicy.SingletonId, cancellationToken);
        var settings = new ConditionalAccessPolicySettings(policy?.State ?? ConditionalAccessState.Off, policy?.IncludedGroupIds ?? [], policy?.ExcludedGroupIds ?? []);
        var groupIds = (await db.GroupMemberships.Where(m => m.UserId == user.Id).Select(m => m.GroupId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var input = new ConditionalAccessInput(settings, groupIds, request.ClientAppId, request.Resource, AnyAppProtectionPolicyApplies: false, Registration: null);
        if (settings.State != ConditionalAccessState.Off && input.IsEdge)
        {
            input = await WithAppProtectionAsync(db, input, user, request.AzureAdDeviceId, now, cancellationToken);
        }
        var decision = ConditionalAccessEvaluator.Evaluate(input);

        db.SignInLogs.Add(new SignInLogEntry(now, user.UserPrincipalName, user.Id, request.AzureAdDeviceId, request.ClientAppId, request.Resource,
            decision.Granted, decision.ReportOnly, JsonSerializer.Serialize(decision.Reasons), JsonSerializer.Serialize(decision.Remediation)));
        await db.SaveChangesAsync(cancellationToken);
        if (decision.WouldBlock)
        {
            LogSignInBlocked(user.UserPrincipalName, request.AzureAdDeviceId, request.ClientAppId, decision.ReportOnly);
        }
        return ServiceResult<ConditionalAccessDecision>.Success(decision);
    }

    /// <summary>One page of sign-ins, newest first, and how many match in all.</summary>
    public async Task<PagedResult<SignInLogRow>> ListSignInsAsync(SignInLogFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        (skip, take) = DirectoryQueries.ClampPage(skip, take, MaxPageSize);
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        var signIns = Matching(db, filter);
        var total = await signIns.CountAsync(cancellationToken);
        var entries = total <= skip
            ? []
            : await signIns.OrderByDescending(s => s.SignInDateTime).ThenByDescending(s => s.Id).Skip(skip).Take(take).AsNoTracking().ToListAsync(cancellationToken);
        var deviceNames = await DeviceNamesAsync(db, entries.Select(e => e.AzureAdDeviceId), cancellationToken);
        return new(entries.Select(e => ToRow(e, deviceNames.GetValueOrDefault(e.AzureAdDeviceId))).ToList(), total);
    }

    /// <summary>The page's devices by the name their most recently synced registration reported (one indexed read per page).</summary>
    private static async Task<Dictionary<string, string>> DeviceNamesAsync(
        AdminCenterDbContext db, IEnumerable<string> azureAdDeviceIds, CancellationToken cancellationToken)
    {
        var ids = azureAdDeviceIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        var named = await db.MamRegistrations.AsNoTracking()
            .Where(r => ids.Contains(r.AzureAdDeviceId) && r.DeviceName != null && r.DeviceName != "")
            .Select(r => new { r.AzureAdDeviceId, r.DeviceName, r.LastCheckInDateTime })
            .ToListAsync(cancellationToken);
        return named
            .GroupBy(r => r.AzureAdDeviceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.LastCheckInDateTime)!.DeviceName!, StringComparer.Ordinal);
    }

    private static async Task<ConditionalAccessInput> WithAppProtectionAsync(
        AdminCenterDbContext db, ConditionalAccessInput input, DirectoryUser user, string azureAdDeviceId, DateTime now, CancellationToken cancellationToken)
    {
        var context = await TenantEvaluationContext.LoadAsync(db, cancellationToken);
        var applicable = context.SelectApplicable(WindowsPolicyDraft.EdgeAppId, input.UserGroupIds, new CompiledPolicy[context.Policies.Count]) > 0;
        var registration = await db.MamRegistrations.AsNoTracking().SingleOrDefaultAsync(
            r => r.UserId == user.Id && r.AppId == WindowsPolicyDraft.EdgeAppId && r.AzureAdDeviceId == azureAdDeviceId, cancellationToken);
        if (!applicable || registration is null)
        {
            return input with { AnyAppProtectionPolicyApplies = applicable };
        }
        var evaluator = new RegistrationEvaluator(context);
        evaluator.Evaluate(WindowsPolicyDraft.EdgeAppId, input.UserGroupIds, new RegistrationFacts(user.AccountEnabled, registration.PlatformVersion,
            registration.AppVersion, registration.SdkVersion, registration.LastCheckInDateTime, registration.ThreatLevel, registration.ThreatConnectorId,
            registration.DeviceManufacturer, registration.DeviceModel), now);
        var evaluation = evaluator.Explain();
        return input with { AnyAppProtectionPolicyApplies = true, Registration = new RegistrationStatus(evaluation.Outcome, evaluation.Reasons) };
    }

    private static IQueryable<SignInLogEntry> Matching(AdminCenterDbContext db, SignInLogFilter filter)
    {
        IQueryable<SignInLogEntry> signIns = db.SignInLogs;
        if (!string.IsNullOrWhiteSpace(filter.User))
        {
            // SQLite's own case folding is ASCII only; admincenter_fold is the directory's (see DirectoryQueries).
            var folded = DirectoryQueries.Fold(filter.User);
            // The substring search is the provider's (instr / strpos); {0} becomes the parameter, as in DirectoryQueries.
            var sql = $"""SELECT * FROM "SignInLogs" WHERE {SqlDialect.Of(db.Database).Contains("admincenter_fold(\"UserPrincipalName\")", "{0}")}""";
            signIns = db.SignInLogs.FromSql(System.Runtime.CompilerServices.FormattableStringFactory.Create(sql, folded));
        }
        signIns = filter.Result switch
        {
            SignInResult.Granted => signIns.Where(s => s.Granted && !s.ReportOnly),
            SignInResult.Blocked => signIns.Where(s => !s.Granted),
            SignInResult.ReportOnlyBlocked => signIns.Where(s => s.ReportOnly),
            _ => signIns,
        };
        if (filter.FromUtc is { } from)
        {
            signIns = signIns.Where(s => s.SignInDateTime >= from);
        }
        if (filter.ToUtc is { } to)
        {
            signIns = signIns.Where(s => s.SignInDateTime < to);
        }
        return signIns;
    }

    private static SignInLogRow ToRow(SignInLogEntry entry, string? deviceName) => new(
        entry.Id, entry.SignInDateTime, entry.UserPrincipalName, entry.AzureAdDeviceId, deviceName, entry.ClientAppId, entry.Resource,
        entry.ReportOnly ? SignInResult.ReportOnlyBlocked : entry.Granted ? SignInResult.Granted : SignInResult.Blocked,
        JsonSerializer.Deserialize<List<string>>(entry.ReasonsJson) ?? [],
        JsonSerializer.Deserialize<List<string>>(entry.RemediationJson) ?? []);

    private static async Task<List<ValidationProblem>> ValidateAsync(AdminCenterDbContext db, ConditionalAccessPolicyDraft draft, CancellationToken cancellationToken)
    {
        var problems = new List<ValidationProblem>();
        if (!Enum.IsDefined(draft.State))
        {
            problems.Add(new(ConditionalAccessPolicyDraft.StateField, "Choose Off, Report-only or On."));
        }
        var both = draft.IncludedGroupIds.Intersect(draft.ExcludedGroupIds, StringComparer.Ordinal).ToList();
        var groupIds = draft.IncludedGroupIds.Concat(draft.ExcludedGroupIds).Distinct().ToList();
        var names = await db.DirectoryGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.DisplayName, cancellationToken);
        if (both.Count > 0)
        {
            var listed = string.Join(", ", both.Select(id => names.GetValueOrDefault(id, id)));
            problems.Add(new(ConditionalAccessPolicyDraft.ExcludedGroupsField,
                $"A group cannot be both included and excluded: {listed}. Remove it from one of the lists."));
        }
        foreach (var (id, field) in draft.IncludedGroupIds.Select(id => (id, ConditionalAccessPolicyDraft.IncludedGroupsField))
            .Concat(draft.ExcludedGroupIds.Select(id => (id, ConditionalAccessPolicyDraft.ExcludedGroupsField))))
        {
            if (!names.ContainsKey(id))
            {
                problems.Add(new(field, $"The group '{id}' does not exist; it may have been deleted."));
            }
        }
        return problems;
    }

    private static async Task<ConditionalAccessPolicyView> ToViewAsync(AdminCenterDbContext db, ConditionalAccessPolicy? policy, CancellationToken cancellationToken)
    {
        if (policy is null)
        {
            return new(ConditionalAccessPolicy.DefaultDisplayName, ConditionalAccessState.Off, [], [], null, "", 0);
        }
        var groupIds = policy.IncludedGroupIds.Concat(policy.ExcludedGroupIds).ToList();
        var names = await db.DirectoryGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.DisplayName, cancellationToken);
        List<AssignedGroup> Groups(List<string> ids) => ids.Select(id => new AssignedGroup(id, names.GetValueOrDefault(id, "(deleted group)"))).ToList();
        return new(policy.DisplayName, policy.State, Groups(policy.IncludedGroupIds), Groups(policy.ExcludedGroupIds),
            policy.LastModifiedDateTime, policy.LastModifiedBy, policy.Version);
    }

    private static ServiceResult<ConditionalAccessPolicyView> ChangedBy(ConditionalAccessPolicy policy) =>
        ServiceResult<ConditionalAccessPolicyView>.Conflict("version",
            $"This policy was changed by {policy.LastModifiedBy} at {policy.LastModifiedDateTime:yyyy-MM-dd HH:mm} UTC; reload to see the changes.");

    private static List<ValidationProblem> Validate(SignInRequest request)
    {
        var problems = new List<ValidationProblem>();
        Require(request.UserPrincipalName, "userPrincipalName", FieldKind.UserPrincipalName);
        Require(request.AzureAdDeviceId, "azureAdDeviceId", FieldKind.Identifier);
        Require(request.ClientAppId, "clientAppId", FieldKind.Identifier);
        Require(request.Resource, "resource", FieldKind.Name);
        return problems;

        void Require(string? value, string field, FieldKind kind)
        {
            if (FieldRules.CheckRequired(field, value, kind) is { } problem)
            {
                problems.Add(new(field, problem));
            }
        }
    }

    private static PolicySnapshot Snapshot(ConditionalAccessPolicy policy) =>
        new(policy.State, [.. policy.IncludedGroupIds], [.. policy.ExcludedGroupIds]);

    private sealed record PolicySnapshot(ConditionalAccessState State, IReadOnlyList<string> IncludedGroupIds, IReadOnlyList<string> ExcludedGroupIds);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} set Conditional Access to {State} with {Included} included and {Excluded} excluded groups")]
    private partial void LogPolicySaved(string actor, ConditionalAccessState state, int included, int excluded);

    [LoggerMessage(Level = LogLevel.Information, Message = "Conditional Access blocked {User} on device {Device} in {App} (report-only {ReportOnly})")]
    private partial void LogSignInBlocked(string user, string device, string app, bool reportOnly);
}

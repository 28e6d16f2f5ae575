using AdminCenter.Core.Audit;
using AdminCenter.Core.Common;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.Roles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminCenter.Core.AppProtection;

/// <summary>Creates, edits, deletes and finds Windows app protection policies (spec 03).</summary>
public sealed partial class AppProtectionPolicyService(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    TimeProvider timeProvider,
    ILogger<AppProtectionPolicyService> logger)
{
    public const string Platform = "Windows";

    // Spec 06: what each change needs (the Managed apps category covers app protection policies).
    public static readonly Permission CreatePermission = new(PermissionCategory.ManagedApps, PermissionAction.Create);
    public static readonly Permission UpdatePermission = new(PermissionCategory.ManagedApps, PermissionAction.Update);
    public static readonly Permission AssignPermission = new(PermissionCategory.ManagedApps, PermissionAction.Assign);
    public static readonly Permission DeletePermission = new(PermissionCategory.ManagedApps, PermissionAction.Delete);

    private DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<PolicyListItem>> ListAsync(PolicyListQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policies = db.WindowsManagedAppProtections.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var search = WindowsManagedAppProtection.Normalize(query.Search);
            policies = policies.Where(p => p.NormalizedDisplayName.Contains(search));
        }
        var rows = await policies
            .Select(p => new PolicyListItem(p.Id, p.DisplayName, Platform, p.Assignments.Any(a => !a.IsExclusion), p.LastModifiedDateTime))
            .ToListAsync(cancellationToken);

        // A tenant has tens of policies, not thousands: sorting here keeps the query simple and culture-aware.
        IEnumerable<PolicyListItem> sorted = query.SortBy switch
        {
            PolicySortColumn.Platform => rows.OrderBy(r => r.Platform, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.DisplayName, StringComparer.CurrentCultureIgnoreCase),
            PolicySortColumn.Deployed => rows.OrderBy(r => r.IsAssigned).ThenBy(r => r.DisplayName, StringComparer.CurrentCultureIgnoreCase),
            PolicySortColumn.LastModified => rows.OrderBy(r => r.LastModifiedUtc),
            _ => rows.OrderBy(r => r.DisplayName, StringComparer.CurrentCultureIgnoreCase),
        };
        return (query.Descending ? sorted.Reverse() : sorted).ToList();
    }

    public async Task<PolicyDetails?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policy = await db.WindowsManagedAppProtections.AsNoTracking().Include(p => p.Assignments)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return policy is null ? null : await ToDetailsAsync(db, policy, cancellationToken);
    }

    /// <summary>Names of the other Windows policies, for the name-uniqueness rule the wizard checks as the admin types.</summary>
    public async Task<IReadOnlyList<string>> ListOtherPolicyNamesAsync(string? exceptPolicyId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WindowsManagedAppProtections.Where(p => p.Id != exceptPolicyId).Select(p => p.DisplayName).ToListAsync(cancellationToken);
    }

    public async Task<ServiceResult<PolicyDetails>> CreateAsync(WindowsPolicyDraft draft, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(CreatePermission))
        {
            return ServiceResult<PolicyDetails>.Forbidden(CreatePermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var problems = await ValidateAsync(db, draft, exceptPolicyId: null, cancellationToken);
        if (problems.Count > 0)
        {
            return ServiceResult<PolicyDetails>.Invalid(problems);
        }

        var policy = WindowsManagedAppProtection.Create(draft, HealthChecks.Apply(draft.DataProtection, draft.HealthChecks), UtcNow, actor.AuditName);
        db.WindowsManagedAppProtections.Add(policy);
        db.Record(Entry(AuditActivityType.Create, actor, policy, AuditTrail.Diff(null, draft)), UtcNow);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (SqlDialect.IsUniqueViolation(ex.InnerException))
        {
            // Another admin created a policy of this name between our check and our insert.
            return ServiceResult<PolicyDetails>.Conflict(PolicyValidator.DisplayNameField, $"A Windows policy named '{draft.DisplayName.Trim()}' already exists.");
        }
        await transaction.CommitAsync(cancellationToken);
        LogPolicyCreated(actor.AuditName, policy.DisplayName);
        return ServiceResult<PolicyDetails>.Success(await ToDetailsAsync(db, policy, cancellationToken));
    }

    /// <summary>
    /// Saves every section of the draft. A policy changed since <paramref name="expectedVersion"/> was read is refused
    /// and nothing is saved, so a second admin never overwrites the first one's change unseen.
    /// </summary>
    public Task<ServiceResult<PolicyDetails>> UpdateAsync(
        string id, WindowsPolicyDraft draft, int? expectedVersion, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, _ => draft, expectedVersion, actor, UpdatePermission, verb: null, cancellationToken);

    /// <summary>
    /// Replaces the included and excluded groups (Graph's <c>assign</c>), with the wizard's Assignments rules; every other
    /// section stays as saved. <paramref name="expectedVersion"/> as in <see cref="UpdateAsync"/>.
    /// </summary>
    public Task<ServiceResult<PolicyDetails>> ReplaceAssignmentsAsync(
        string id, IReadOnlyList<string> includedGroupIds, IReadOnlyList<string> excludedGroupIds, int? expectedVersion, Actor actor,
        CancellationToken cancellationToken = default) =>
        ReplaceAssignmentsAsync(id, includedGroupIds, excludedGroupIds, [], expectedVersion, actor, cancellationToken);

    /// <summary>As above, with the included groups' filters (spec 07).</summary>
    public Task<ServiceResult<PolicyDetails>> ReplaceAssignmentsAsync(
        string id, IReadOnlyList<string> includedGroupIds, IReadOnlyList<string> excludedGroupIds, IReadOnlyList<IncludedGroupFilter> filters,
        int? expectedVersion, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, draft => draft with { IncludedGroupIds = includedGroupIds, ExcludedGroupIds = excludedGroupIds, AssignmentFilters = filters },
            expectedVersion, actor, AssignPermission, "Assign", cancellationToken);

    /// <summary>Replaces the targeted apps (Graph's <c>targetApps</c>), with the wizard's Apps rules; every other section stays as saved.</summary>
    public Task<ServiceResult<PolicyDetails>> SetAppsAsync(
        string id, IReadOnlyList<string> apps, int? expectedVersion, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, draft => draft with { Apps = apps }, expectedVersion, actor, UpdatePermission, "Target apps", cancellationToken);

    public Task<ServiceResult<bool>> DeleteAsync(string id, Actor actor, CancellationToken cancellationToken = default) =>
        DeleteAsync(id, expectedVersion: null, actor, cancellationToken);

    /// <summary>Deletes the policy unless it changed since <paramref name="expectedVersion"/> (null: whatever its version).</summary>
    public async Task<ServiceResult<bool>> DeleteAsync(string id, int? expectedVersion, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(DeletePermission))
        {
            return ServiceResult<bool>.Forbidden(DeletePermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Loaded and removed (not a bulk delete) so the change reaches the re-evaluation of affected registrations.
        var policy = await db.WindowsManagedAppProtections.Include(p => p.Assignments).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (policy is null)
        {
            return ServiceResult<bool>.NotFound("id", "This policy no longer exists.");
        }
        if (expectedVersion is { } version && version != policy.Version)
        {
            return ChangedBy<bool>(policy.LastModifiedBy, policy.LastModifiedDateTime);
        }
        db.WindowsManagedAppProtections.Remove(policy);
        db.Record(Entry(AuditActivityType.Delete, actor, policy, []), UtcNow);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            var current = await fresh.WindowsManagedAppProtections.AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
            return current is null
                ? ServiceResult<bool>.NotFound("id", "This policy no longer exists.")
                : ChangedBy<bool>(current.LastModifiedBy, current.LastModifiedDateTime);
        }
        LogPolicyDeleted(actor.AuditName, policy.DisplayName);
        return ServiceResult<bool>.Success(true);
    }

    /// <summary>Every policy with its details, by name (a tenant has tens of policies): what the Graph list answers.</summary>
    public async Task<IReadOnlyList<PolicyDetails>> ListDetailsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policies = await db.WindowsManagedAppProtections.AsNoTracking().Include(p => p.Assignments).ToListAsync(cancellationToken);
        // One query for every assigned group's name, not one per policy.
        var groupIds = policies.SelectMany(p => p.Assignments).Select(a => a.GroupId).Distinct().ToList();
        var names = await db.DirectoryGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id))
            .ToDictionaryAsync(g => g.Id, g => g.DisplayName, cancellationToken);
        var filterNames = await FilterNamesAsync(db, policies, cancellationToken);
        return [.. policies.OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => ToDetails(p, names, filterNames))];
    }

    // The one writer of an existing policy: the change is applied to the saved draft inside the write transaction and
    // the whole result is validated, so the UI's Review + save and the API's PATCH, assign and targetApps share every rule.
    private async Task<ServiceResult<PolicyDetails>> ChangeAsync(
        string id, Func<WindowsPolicyDraft, WindowsPolicyDraft> change, int? expectedVersion, Actor actor, Permission needed, string? verb,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(needed))
        {
            return ServiceResult<PolicyDetails>.Forbidden(needed);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var policy = await db.WindowsManagedAppProtections.Include(p => p.Assignments).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (policy is null)
        {
            return ServiceResult<PolicyDetails>.NotFound("id", "This policy no longer exists.");
        }
        if (expectedVersion is { } version && version != policy.Version)
        {
            return ChangedBy<PolicyDetails>(policy.LastModifiedBy, policy.LastModifiedDateTime);
        }
        var saved = DraftOf(policy);
        var draft = change(saved);
        var problems = await ValidateAsync(db, draft, id, cancellationToken);
        if (problems.Count > 0)
        {
            return ServiceResult<PolicyDetails>.Invalid(problems);
        }

        policy.Update(draft, HealthChecks.Apply(draft.DataProtection, draft.HealthChecks), UtcNow, actor.AuditName);
        // assign and targetApps are actions on the policy (Graph's names); everything else is an update.
        db.Record(Entry(verb is null ? AuditActivityType.Update : AuditActivityType.Action, actor, policy, AuditTrail.Diff(saved, draft), verb), UtcNow);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await dbFactory.CreateDbContextAsync(cancellationToken);
            var current = await fresh.WindowsManagedAppProtections.AsNoTracking().SingleAsync(p => p.Id == id, cancellationToken);
            return ChangedBy<PolicyDetails>(current.LastModifiedBy, current.LastModifiedDateTime);
        }
        await transaction.CommitAsync(cancellationToken);
        LogPolicyUpdated(actor.AuditName, policy.DisplayName);
        return ServiceResult<PolicyDetails>.Success(await ToDetailsAsync(db, policy, cancellationToken));
    }

    /// <summary>The Windows policies that apply to the user for the app: included through a group, excluded through none.</summary>
    public async Task<IReadOnlyList<ApplicablePolicy>> ListApplicablePoliciesAsync(string userId, string appId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var groupIds = (await db.GroupMemberships.Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(cancellationToken)).ToHashSet();
        if (groupIds.Count == 0)
        {
            return [];
        }
        var candidates = await db.WindowsManagedAppProtections.AsNoTracking().Include(p => p.Assignments)
            .Where(p => p.Assignments.Any(a => !a.IsExclusion && groupIds.Contains(a.GroupId)))
            .ToListAsync(cancellationToken);
        return candidates
            .Where(p => PolicyApplicability.AppliesTo(p.Assignments, p.Apps, appId, groupIds))
            .OrderBy(p => p.DisplayName, StringComparer.OrdinalIgnoreCase)
            .Select(p => new ApplicablePolicy(p.Id, p.DisplayName, p.Settings))
            .ToList();
    }

    private static async Task<IReadOnlyList<ValidationProblem>> ValidateAsync(
        AdminCenterDbContext db, WindowsPolicyDraft draft, string? exceptPolicyId, CancellationToken cancellationToken)
    {
        var otherNames = await db.WindowsManagedAppProtections.Where(p => p.Id != exceptPolicyId).Select(p => p.DisplayName).ToListAsync(cancellationToken);
        var problems = PolicyValidator.Validate(draft, otherNames).ToList();
        var groupIds = draft.IncludedGroupIds.Concat(draft.ExcludedGroupIds).Distinct().ToList();
        var known = await db.DirectoryGroups.Where(g => groupIds.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken);
        foreach (var missing in groupIds.Except(known))
        {
            problems.Add(new ValidationProblem("assignments", $"The group '{missing}' does not exist; it may have been deleted."));
        }
        var filterIds = draft.AssignmentFilters.Select(f => f.FilterId).Where(f => !string.IsNullOrWhiteSpace(f)).Distinct().ToList();
        var knownFilters = await db.AssignmentFilters.Where(f => filterIds.Contains(f.Id)).Select(f => f.Id).ToListAsync(cancellationToken);
        foreach (var missing in filterIds.Except(knownFilters))
        {
            problems.Add(new ValidationProblem("assignments", $"The filter '{missing}' does not exist; it may have been deleted."));
        }
        return problems;
    }

    private static async Task<PolicyDetails> ToDetailsAsync(AdminCenterDbContext db, WindowsManagedAppProtection policy, CancellationToken cancellationToken)
    {
        var groupIds = policy.Assignments.Select(a => a.GroupId).ToList();
        var names = await db.DirectoryGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id))
            .ToDictionaryAsync(g => g.Id, g => g.DisplayName, cancellationToken);
        return ToDetails(policy, names, await FilterNamesAsync(db, [policy], cancellationToken));
    }

    private static async Task<Dictionary<string, string>> FilterNamesAsync(
        AdminCenterDbContext db, IEnumerable<WindowsManagedAppProtection> policies, CancellationToken cancellationToken)
    {
        var filterIds = policies.SelectMany(p => p.Assignments).Select(a => a.FilterId).OfType<string>().Distinct().ToList();
        return filterIds.Count == 0
            ? []
            : await db.AssignmentFilters.AsNoTracking().Where(f => filterIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.DisplayName, cancellationToken);
    }

    private static PolicyDetails ToDetails(WindowsManagedAppProtection policy, Dictionary<string, string> names, Dictionary<string, string> filterNames)
    {
        List<AssignedGroup> Groups(bool exclusion) => policy.Assignments
            .Where(a => a.IsExclusion == exclusion)
            .Select(a => new AssignedGroup(a.GroupId, names.GetValueOrDefault(a.GroupId, a.GroupId)))
            .OrderBy(g => g.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        var included = Groups(exclusion: false);
        var excluded = Groups(exclusion: true);
        var draft = new WindowsPolicyDraft
        {
            DisplayName = policy.DisplayName,
            Description = policy.Description,
            Apps = [.. policy.Apps],
            DataProtection = policy.Settings,
            HealthChecks = HealthChecks.ToRows(policy.Settings),
            RoleScopeTagIds = [.. policy.RoleScopeTagIds],
            IncludedGroupIds = included.Select(g => g.Id).ToList(),
            ExcludedGroupIds = excluded.Select(g => g.Id).ToList(),
            AssignmentFilters = FiltersOf(policy),
        };
        return new PolicyDetails(policy.Id, draft, policy.Settings, policy.IsAssigned, included, excluded,
            policy.CreatedDateTime, policy.LastModifiedDateTime, policy.LastModifiedBy, policy.Version)
        {
            FilterNames = filterNames,
        };
    }

    private static AuditEntry Entry(
        AuditActivityType type, Actor actor, WindowsManagedAppProtection policy, IReadOnlyList<AuditModifiedProperty> changes, string? verb = null) =>
        new(AuditCategories.ManagedApps, type, actor.AuditName, "WindowsManagedAppProtection", policy.DisplayName, policy.Id, changes, verb);

    private static WindowsPolicyDraft DraftOf(WindowsManagedAppProtection policy) => new()
    {
        DisplayName = policy.DisplayName,
        Description = policy.Description,
        Apps = [.. policy.Apps],
        DataProtection = policy.Settings,
        HealthChecks = HealthChecks.ToRows(policy.Settings),
        RoleScopeTagIds = [.. policy.RoleScopeTagIds],
        IncludedGroupIds = [.. policy.Assignments.Where(a => !a.IsExclusion).Select(a => a.GroupId)],
        ExcludedGroupIds = [.. policy.Assignments.Where(a => a.IsExclusion).Select(a => a.GroupId)],
        AssignmentFilters = FiltersOf(policy),
    };

    private static List<IncludedGroupFilter> FiltersOf(WindowsManagedAppProtection policy) =>
        [.. policy.Assignments.Where(a => !a.IsExclusion && a.FilterId is not null).OrderBy(a => a.GroupId, StringComparer.Ordinal)
            .Select(a => new IncludedGroupFilter(a.GroupId, a.FilterId!, a.FilterMode))];

    private static ServiceResult<T> ChangedBy<T>(string admin, DateTime changedUtc) =>
        ServiceResult<T>.Conflict("version",
            $"This policy was changed by {admin} at {changedUtc:yyyy-MM-dd HH:mm} UTC; reload to see the changes.");

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} created the app protection policy {Policy}")]
    private partial void LogPolicyCreated(string actor, string policy);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} changed the app protection policy {Policy}")]
    private partial void LogPolicyUpdated(string actor, string policy);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} deleted the app protection policy {Policy}")]
    private partial void LogPolicyDeleted(string actor, string policy);
}

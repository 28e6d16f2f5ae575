using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Audit;
using AdminCenter.Core.Common;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.Roles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminCenter.Core.AppConfiguration;

/// <summary>A row of Apps > App configuration policies.</summary>
public sealed record AppConfigurationListItem(string Id, string DisplayName, bool IsAssigned, DateTime LastModifiedUtc)
{
    /// <summary>The list's App column: the one app these policies configure.</summary>
    public static string AppName => "Microsoft Edge (Windows)";
}

/// <summary>A saved policy: its sections as a draft, with the groups' names and what Graph shows.</summary>
public sealed record AppConfigurationDetails(
    string Id,
    AppConfigurationDraft Draft,
    bool IsAssigned,
    IReadOnlyList<AssignedGroup> IncludedGroups,
    IReadOnlyList<AssignedGroup> ExcludedGroups,
    DateTime CreatedUtc,
    DateTime LastModifiedUtc,
    string LastModifiedBy,
    int Version)
{
    /// <summary>Names of the filters <see cref="AppConfigurationDraft.AssignmentFilters"/> use, by id.</summary>
    public IReadOnlyDictionary<string, string> FilterNames { get; init; } = new Dictionary<string, string>();
}

/// <summary>Creates, edits, assigns, deletes and finds app configuration policies for Microsoft Edge (spec 07).</summary>
public sealed partial class AppConfigurationPolicyService(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    TimeProvider timeProvider,
    ILogger<AppConfigurationPolicyService> logger)
{
    public const string TargetType = "TargetedManagedAppConfiguration";

    private static readonly Permission Create = new(PermissionCategory.ManagedApps, PermissionAction.Create);
    private static readonly Permission Update = new(PermissionCategory.ManagedApps, PermissionAction.Update);
    private static readonly Permission Assign = new(PermissionCategory.ManagedApps, PermissionAction.Assign);
    private static readonly Permission Delete = new(PermissionCategory.ManagedApps, PermissionAction.Delete);

    private DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<AppConfigurationListItem>> ListAsync(string? search, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policies = db.TargetedManagedAppConfigurations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            var normalized = TargetedManagedAppConfiguration.Normalize(search);
            policies = policies.Where(p => p.NormalizedDisplayName.Contains(normalized));
        }
        var rows = await policies
            .Select(p => new AppConfigurationListItem(p.Id, p.DisplayName, p.Assignments.Any(a => !a.IsExclusion), p.LastModifiedDateTime))
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.DisplayName, StringComparer.CurrentCultureIgnoreCase)];
    }

    public async Task<AppConfigurationDetails?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policy = await db.TargetedManagedAppConfigurations.AsNoTracking().Include(p => p.Assignments)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return policy is null ? null : ToDetails(policy, await GroupNamesAsync(db, [policy], cancellationToken));
    }

    /// <summary>Every policy with its details, by name (a tenant has tens): what the Graph list answers.</summary>
    public async Task<IReadOnlyList<AppConfigurationDetails>> ListDetailsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policies = await db.TargetedManagedAppConfigurations.AsNoTracking().Include(p => p.Assignments).ToListAsync(cancellationToken);
        var names = await GroupNamesAsync(db, policies, cancellationToken);
        return [.. policies.OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase).ThenBy(p => p.Id, StringComparer.Ordinal)
            .Select(p => ToDetails(p, names))];
    }

    /// <summary>Names of the other policies, for the uniqueness rule the wizard checks as the admin types.</summary>
    public async Task<IReadOnlyList<string>> ListOtherPolicyNamesAsync(string? exceptPolicyId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.TargetedManagedAppConfigurations.Where(p => p.Id != exceptPolicyId).Select(p => p.DisplayName).ToListAsync(cancellationToken);
    }

    public async Task<ServiceResult<AppConfigurationDetails>> CreateAsync(AppConfigurationDraft draft, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(Create))
        {
            return ServiceResult<AppConfigurationDetails>.Forbidden(Create);
        }
        if ((draft.IncludedGroupIds.Count > 0 || draft.ExcludedGroupIds.Count > 0) && !actor.May(Assign))
        {
            return ServiceResult<AppConfigurationDetails>.Forbidden(Assign);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var problems = await ValidateAsync(db, draft, exceptPolicyId: null, cancellationToken);
        if (problems.Count > 0)
        {
            return ServiceResult<AppConfigurationDetails>.Invalid(problems);
        }
        var policy = TargetedManagedAppConfiguration.Create(draft, UtcNow, actor.AuditName);
        db.TargetedManagedAppConfigurations.Add(policy);
        db.Record(Entry(AuditActivityType.Create, actor, policy, AuditTrail.Diff(null, Audited(draft))), UtcNow);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (SqlDialect.IsUniqueViolation(ex.InnerException))
        {
            return ServiceResult<AppConfigurationDetails>.Conflict(AppConfigurationValidator.DisplayNameField,
                $"An app configuration policy named '{draft.DisplayName.Trim()}' already exists.");
        }
        await transaction.CommitAsync(cancellationToken);
        LogCreated(actor.AuditName, policy.DisplayName);
        return ServiceResult<AppConfigurationDetails>.Success(ToDetails(policy, await GroupNamesAsync(db, [policy], cancellationToken)));
    }

    /// <summary>
    /// Saves every section of the draft, unless the policy changed since <paramref name="expectedVersion"/> (null: whatever
    /// its version). Changing the groups also needs Managed apps/Assign.
    /// </summary>
    public Task<ServiceResult<AppConfigurationDetails>> UpdateAsync(
        string id, AppConfigurationDraft draft, int? expectedVersion, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, _ => draft, expectedVersion, actor, verb: null, cancellationToken);

    /// <summary>Replaces the included and excluded groups (Graph's <c>assign</c>); every other section stays as saved.</summary>
    public Task<ServiceResult<AppConfigurationDetails>> ReplaceAssignmentsAsync(
        string id, IReadOnlyList<string> includedGroupIds, IReadOnlyList<string> excludedGroupIds, int? expectedVersion, Actor actor,
        CancellationToken cancellationToken = default) =>
        ReplaceAssignmentsAsync(id, includedGroupIds, excludedGroupIds, [], expectedVersion, actor, cancellationToken);

    /// <summary>As above, with the included groups' filters (spec 07).</summary>
    public Task<ServiceResult<AppConfigurationDetails>> ReplaceAssignmentsAsync(
        string id, IReadOnlyList<string> includedGroupIds, IReadOnlyList<string> excludedGroupIds, IReadOnlyList<IncludedGroupFilter> filters,
        int? expectedVersion, Actor actor, CancellationToken cancellationToken = default) =>
        ChangeAsync(id, draft => draft with { IncludedGroupIds = includedGroupIds, ExcludedGroupIds = excludedGroupIds, AssignmentFilters = filters },
            expectedVersion, actor, "Assign", cancellationToken);

    /// <summary>Deletes the policy unless it changed since <paramref name="expectedVersion"/> (null: whatever its version).</summary>
    public async Task<ServiceResult<bool>> DeleteAsync(string id, int? expectedVersion, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(Delete))
        {
            return ServiceResult<bool>.Forbidden(Delete);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policy = await db.TargetedManagedAppConfigurations.Include(p => p.Assignments).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (policy is null)
        {
            return ServiceResult<bool>.NotFound("id", "This app configuration policy no longer exists.");
        }
        if (expectedVersion is { } version && version != policy.Version)
        {
            return ChangedBy<bool>(policy);
        }
        db.TargetedManagedAppConfigurations.Remove(policy);
        db.Record(Entry(AuditActivityType.Delete, actor, policy, []), UtcNow);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ServiceResult<bool>.Conflict("version", "This app configuration policy was changed or deleted meanwhile; reload to see it.");
        }
        LogDeleted(actor.AuditName, policy.DisplayName);
        return ServiceResult<bool>.Success(true);
    }

    // The one writer of an existing policy: the change is applied to the saved draft inside the write transaction and the
    // whole result validated, so the Properties page's Review + save and the API's PATCH and assign share every rule.
    private async Task<ServiceResult<AppConfigurationDetails>> ChangeAsync(
        string id, Func<AppConfigurationDraft, AppConfigurationDraft> change, int? expectedVersion, Actor actor, string? verb, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var needed = verb is null ? Update : Assign;
        if (!actor.May(needed))
        {
            return ServiceResult<AppConfigurationDetails>.Forbidden(needed);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var policy = await db.TargetedManagedAppConfigurations.Include(p => p.Assignments).SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (policy is null)
        {
            return ServiceResult<AppConfigurationDetails>.NotFound("id", "This app configuration policy no longer exists.");
        }
        if (expectedVersion is { } version && version != policy.Version)
        {
            return ChangedBy<AppConfigurationDetails>(policy);
        }
        var saved = policy.ToDraft();
        var draft = change(saved);
        if (verb is null && !SameGroups(saved, draft) && !actor.May(Assign))
        {
            return ServiceResult<AppConfigurationDetails>.Forbidden(Assign);
        }
        var problems = await ValidateAsync(db, draft, id, cancellationToken);
        if (problems.Count > 0)
        {
            return ServiceResult<AppConfigurationDetails>.Invalid(problems);
        }
        policy.Update(draft, UtcNow, actor.AuditName);
        db.Record(Entry(verb is null ? AuditActivityType.Update : AuditActivityType.Action, actor, policy, AuditTrail.Diff(Audited(saved), Audited(draft)), verb), UtcNow);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ServiceResult<AppConfigurationDetails>.Conflict("version", "This app configuration policy was changed meanwhile; reload to see the changes.");
        }
        catch (DbUpdateException ex) when (SqlDialect.IsUniqueViolation(ex.InnerException))
        {
            return ServiceResult<AppConfigurationDetails>.Conflict(AppConfigurationValidator.DisplayNameField,
                $"An app configuration policy named '{draft.DisplayName.Trim()}' already exists.");
        }
        await transaction.CommitAsync(cancellationToken);
        LogUpdated(actor.AuditName, policy.DisplayName);
        return ServiceResult<AppConfigurationDetails>.Success(ToDetails(policy, await GroupNamesAsync(db, [policy], cancellationToken)));
    }

    private static bool SameGroups(AppConfigurationDraft a, AppConfigurationDraft b) =>
        a.IncludedGroupIds.Order(StringComparer.Ordinal).SequenceEqual(b.IncludedGroupIds.Order(StringComparer.Ordinal))
        && a.ExcludedGroupIds.Order(StringComparer.Ordinal).SequenceEqual(b.ExcludedGroupIds.Order(StringComparer.Ordinal))
        && a.AssignmentFilters.OrderBy(f => f.GroupId, StringComparer.OrdinalIgnoreCase).SequenceEqual(b.AssignmentFilters.OrderBy(f => f.GroupId, StringComparer.OrdinalIgnoreCase));

    private static async Task<IReadOnlyList<ValidationProblem>> ValidateAsync(
        AdminCenterDbContext db, AppConfigurationDraft draft, string? exceptPolicyId, CancellationToken cancellationToken)
    {
        var otherNames = await db.TargetedManagedAppConfigurations.Where(p => p.Id != exceptPolicyId).Select(p => p.DisplayName).ToListAsync(cancellationToken);
        var problems = AppConfigurationValidator.Validate(draft, otherNames).ToList();
        var groupIds = draft.IncludedGroupIds.Concat(draft.ExcludedGroupIds).Distinct().ToList();
        var known = await db.DirectoryGroups.Where(g => groupIds.Contains(g.Id)).Select(g => g.Id).ToListAsync(cancellationToken);
        foreach (var missing in groupIds.Except(known))
        {
            problems.Add(new ValidationProblem(AppConfigurationValidator.AssignmentsField, $"The group '{missing}' does not exist; it may have been deleted."));
        }
        var filterIds = draft.AssignmentFilters.Select(f => f.FilterId).Where(f => !string.IsNullOrWhiteSpace(f)).Distinct().ToList();
        var knownFilters = await db.AssignmentFilters.Where(f => filterIds.Contains(f.Id)).Select(f => f.Id).ToListAsync(cancellationToken);
        foreach (var missing in filterIds.Except(knownFilters))
        {
            problems.Add(new ValidationProblem(AppConfigurationValidator.AssignmentsField, $"The filter '{missing}' does not exist; it may have been deleted."));
        }
        return problems;
    }

    private static async Task<Names> GroupNamesAsync(
        AdminCenterDbContext db, IReadOnlyList<TargetedManagedAppConfiguration> policies, CancellationToken cancellationToken)
    {
        var groupIds = policies.SelectMany(p => p.Assignments).Select(a => a.GroupId).Distinct().ToList();
        var groups = await db.DirectoryGroups.AsNoTracking().Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => g.Id, g => g.DisplayName, cancellationToken);
        var filterIds = policies.SelectMany(p => p.Assignments).Select(a => a.FilterId).OfType<string>().Distinct().ToList();
        var filters = filterIds.Count == 0
            ? []
            : await db.AssignmentFilters.AsNoTracking().Where(f => filterIds.Contains(f.Id)).ToDictionaryAsync(f => f.Id, f => f.DisplayName, cancellationToken);
        return new Names(groups, filters);
    }

    private static AppConfigurationDetails ToDetails(TargetedManagedAppConfiguration policy, Names allNames)
    {
        var names = allNames.Groups;
        List<AssignedGroup> Groups(bool exclusion) => [.. policy.Assignments
            .Where(a => a.IsExclusion == exclusion)
            .Select(a => new AssignedGroup(a.GroupId, names.GetValueOrDefault(a.GroupId, a.GroupId)))
            .OrderBy(g => g.DisplayName, StringComparer.CurrentCultureIgnoreCase)];
        var included = Groups(exclusion: false);
        var excluded = Groups(exclusion: true);
        var draft = policy.ToDraft() with { IncludedGroupIds = [.. included.Select(g => g.Id)], ExcludedGroupIds = [.. excluded.Select(g => g.Id)] };
        return new AppConfigurationDetails(policy.Id, draft, policy.IsAssigned, included, excluded,
            policy.CreatedDateTime, policy.LastModifiedDateTime, policy.LastModifiedBy, policy.Version)
        {
            FilterNames = allNames.Filters,
        };
    }

    // The audit log shows settings as "Name = value" lines, which read better than the records' JSON.
    private static AuditedDraft Audited(AppConfigurationDraft draft) => new(
        draft.DisplayName,
        draft.Description,
        string.Join(", ", draft.Apps),
        string.Join("; ", draft.EdgeSettings.Select(s => $"{s.Name} = {s.Value}")),
        string.Join("; ", draft.GeneralSettings.Select(s => $"{s.Name} = {s.Value}")),
        string.Join(", ", draft.IncludedGroupIds),
        string.Join(", ", draft.ExcludedGroupIds),
        string.Join(", ", draft.AssignmentFilters.Select(f => $"{f.GroupId}: {f.FilterId} ({f.Mode})")));

    private static AuditEntry Entry(AuditActivityType type, Actor actor, TargetedManagedAppConfiguration policy, IReadOnlyList<AuditModifiedProperty> changes, string? verb = null) =>
        new(AuditCategories.ManagedApps, type, actor.AuditName, TargetType, policy.DisplayName, policy.Id, changes, verb);

    private static ServiceResult<T> ChangedBy<T>(TargetedManagedAppConfiguration policy) =>
        ServiceResult<T>.Conflict("version",
            $"This app configuration policy was changed by {policy.LastModifiedBy} at {policy.LastModifiedDateTime:yyyy-MM-dd HH:mm} UTC; reload to see the changes.");

    private sealed record AuditedDraft(
        string DisplayName, string? Description, string Apps, string EdgeSettings, string GeneralSettings, string IncludedGroupIds, string ExcludedGroupIds, string AssignmentFilters);

    private sealed record Names(Dictionary<string, string> Groups, Dictionary<string, string> Filters);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} created the app configuration policy {Policy}")]
    private partial void LogCreated(string actor, string policy);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} changed the app configuration policy {Policy}")]
    private partial void LogUpdated(string actor, string policy);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Actor} deleted the app configuration policy {Policy}")]
    private partial void LogDeleted(string actor, string policy);
}

using AdminCenter.Core.Audit;
using AdminCenter.Core.Common;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.Roles;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Filters;

/// <summary>
/// Creates, edits, deletes, lists and previews assignment filters for managed apps (spec 07). Saving a filter is
/// watched by the re-evaluation interceptor, so a rule edit re-evaluates the registrations it touches.
/// </summary>
public sealed class AssignmentFilterService(IDbContextFactory<AdminCenterDbContext> dbFactory, TimeProvider timeProvider)
{
    public const string Platform = "Windows";
    public const string ManagementType = "Apps";

    private const string TargetType = "DeviceAndAppManagementAssignmentFilter";

    private DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>The filters whose name contains <paramref name="search"/> (case-insensitive), by name.</summary>
    public async Task<ServiceResult<IReadOnlyList<AssignmentFilterDetails>>> ListAsync(Actor actor, string? search = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(PermissionCategory.Filters, PermissionAction.Read))
        {
            return ServiceResult<IReadOnlyList<AssignmentFilterDetails>>.Forbidden(new(PermissionCategory.Filters, PermissionAction.Read));
        }
        var all = await ListAllAsync(cancellationToken);
        var needle = search?.Trim() ?? "";
        return ServiceResult<IReadOnlyList<AssignmentFilterDetails>>.Success(
            [.. all.Where(f => needle.Length == 0 || f.DisplayName.Contains(needle, StringComparison.OrdinalIgnoreCase))]);
    }

    /// <summary>Every filter by name, for the Filter picker of an Assignments step (its names only are shown there).</summary>
    public async Task<IReadOnlyList<AssignmentFilterDetails>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var filters = await db.AssignmentFilters.AsNoTracking().ToListAsync(cancellationToken);
        // A tenant has tens of filters: sorting here keeps it culture-aware.
        return [.. filters.OrderBy(f => f.DisplayName, StringComparer.CurrentCultureIgnoreCase).Select(ToDetails)];
    }

    public async Task<ServiceResult<AssignmentFilterDetails>> GetAsync(Actor actor, string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(PermissionCategory.Filters, PermissionAction.Read))
        {
            return ServiceResult<AssignmentFilterDetails>.Forbidden(new(PermissionCategory.Filters, PermissionAction.Read));
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var filter = await db.AssignmentFilters.AsNoTracking().SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        return filter is null ? NotFound<AssignmentFilterDetails>() : ServiceResult<AssignmentFilterDetails>.Success(ToDetails(filter));
    }

    /// <summary>Names of the other filters, for the uniqueness rule the wizard checks as the admin types.</summary>
    public async Task<IReadOnlyList<string>> ListOtherNamesAsync(string? exceptFilterId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AssignmentFilters.Where(f => f.Id != exceptFilterId).Select(f => f.DisplayName).ToListAsync(cancellationToken);
    }

    public async Task<ServiceResult<AssignmentFilterDetails>> CreateAsync(Actor actor, AssignmentFilterDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draft);
        if (!actor.May(PermissionCategory.Filters, PermissionAction.Create))
        {
            return ServiceResult<AssignmentFilterDetails>.Forbidden(new(PermissionCategory.Filters, PermissionAction.Create));
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var problems = await ValidateAsync(db, draft, exceptFilterId: null, cancellationToken);
        if (problems.Count > 0)
        {
            return ServiceResult<AssignmentFilterDetails>.Invalid(problems);
        }
        var filter = AssignmentFilter.Create(draft, UtcNow, actor.AuditName);
        db.AssignmentFilters.Add(filter);
        db.Record(Entry(AuditActivityType.Create, actor, filter, AuditTrail.Diff(null, DraftOf(filter))), UtcNow);
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return DuplicateName(draft);
        }
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<AssignmentFilterDetails>.Success(ToDetails(filter));
    }

    /// <summary>Saves name, description and rule, unless the filter changed since <paramref name="expectedVersion"/> was read.</summary>
    public async Task<ServiceResult<AssignmentFilterDetails>> UpdateAsync(
        Actor actor, string id, AssignmentFilterDraft draft, int? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(draft);
        if (!actor.May(PermissionCategory.Filters, PermissionAction.Update))
        {
            return ServiceResult<AssignmentFilterDetails>.Forbidden(new(PermissionCategory.Filters, PermissionAction.Update));
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var filter = await db.AssignmentFilters.SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (filter is null)
        {
            return NotFound<AssignmentFilterDetails>();
        }
        if (expectedVersion is { } version && version != filter.Version)
        {
            return ChangedBy<AssignmentFilterDetails>(filter);
        }
        var problems = await ValidateAsync(db, draft, id, cancellationToken);
        if (problems.Count > 0)
        {
            return ServiceResult<AssignmentFilterDetails>.Invalid(problems);
        }
        var before = DraftOf(filter);
        filter.Update(draft, UtcNow, actor.AuditName);
        db.Record(Entry(AuditActivityType.Update, actor, filter, AuditTrail.Diff(before, DraftOf(filter))), UtcNow);
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return DuplicateName(draft);
        }
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<AssignmentFilterDetails>.Success(ToDetails(filter));
    }

    /// <summary>Deletes the filter; refused, naming the policies, while an assignment uses it.</summary>
    public async Task<ServiceResult<bool>> DeleteAsync(Actor actor, string id, int? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(PermissionCategory.Filters, PermissionAction.Delete))
        {
            return ServiceResult<bool>.Forbidden(new(PermissionCategory.Filters, PermissionAction.Delete));
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var filter = await db.AssignmentFilters.SingleOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (filter is null)
        {
            return NotFound<bool>();
        }
        if (expectedVersion is { } version && version != filter.Version)
        {
            return ChangedBy<bool>(filter);
        }
        var users = await PoliciesUsingAsync(db, id, cancellationToken);
        if (users.Count > 0)
        {
            return ServiceResult<bool>.Conflict("id",
                $"'{filter.DisplayName}' is used by {string.Join(", ", users.Select(n => $"'{n}'"))}. Remove it from those assignments first.");
        }
        db.AssignmentFilters.Remove(filter);
        db.Record(Entry(AuditActivityType.Delete, actor, filter, []), UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ServiceResult<bool>.Success(true);
    }

    /// <summary>
    /// How many current registrations <paramref name="rule"/> matches with the properties of their last check-in, and the
    /// first <see cref="FilterPreview.RowLimit"/> by user. A rule that does not parse is refused at the rule field.
    /// </summary>
    public async Task<ServiceResult<FilterPreview>> PreviewAsync(Actor actor, string? rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(PermissionCategory.Filters, PermissionAction.Read))
        {
            return ServiceResult<FilterPreview>.Forbidden(new(PermissionCategory.Filters, PermissionAction.Read));
        }
        var (parsed, error) = FilterRule.Parse(rule);
        if (parsed is null)
        {
            return ServiceResult<FilterPreview>.Invalid([new(AssignmentFilterValidator.RuleField, error!.ToString())]);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var evaluated = 0;
        var matches = new List<FilterPreviewRow>();
        var matching = 0;
        var registrations = db.MamRegistrations.AsNoTracking()
            .OrderBy(r => r.UserPrincipalName).ThenBy(r => r.DeviceName)
            .Select(r => new FilterPreviewRow(r.UserPrincipalName, r.DeviceName, r.DeviceManufacturer, r.DeviceModel, r.PlatformVersion, r.AppVersion))
            .AsAsyncEnumerable();
        await foreach (var row in registrations.WithCancellation(cancellationToken))
        {
            evaluated++;
            if (FilterRule.Matches(parsed, new FilterFacts(row.AppVersion, row.DeviceManufacturer, row.DeviceModel, row.OsVersion)))
            {
                matching++;
                if (matches.Count < FilterPreview.RowLimit)
                {
                    matches.Add(row);
                }
            }
        }
        return ServiceResult<FilterPreview>.Success(new FilterPreview(evaluated, matching, matches));
    }

    /// <summary>Every filter with its rule parsed, for evaluation (rules are only saved when they parse).</summary>
    public static async Task<IReadOnlyDictionary<string, CompiledFilter>> LoadCompiledAsync(AdminCenterDbContext db, CancellationToken cancellationToken)
    {
        var filters = await db.AssignmentFilters.AsNoTracking().Select(f => new { f.Id, f.DisplayName, f.Rule }).ToListAsync(cancellationToken);
        var compiled = new Dictionary<string, CompiledFilter>(StringComparer.OrdinalIgnoreCase);
        foreach (var filter in filters)
        {
            if (FilterRule.Parse(filter.Rule).Rule is { } rule)
            {
                compiled[filter.Id] = new CompiledFilter(filter.Id, filter.DisplayName, rule);
            }
        }
        return compiled;
    }

    // App protection and app configuration policies both take filters; the refusal names every one that uses it.
    private static async Task<List<string>> PoliciesUsingAsync(AdminCenterDbContext db, string filterId, CancellationToken cancellationToken)
    {
        var protection = await db.WindowsManagedAppProtections.AsNoTracking()
            .Where(p => p.Assignments.Any(a => a.FilterId == filterId))
            .Select(p => p.DisplayName)
            .ToListAsync(cancellationToken);
        var configuration = await db.TargetedManagedAppConfigurations.AsNoTracking()
            .Where(p => p.Assignments.Any(a => a.FilterId == filterId))
            .Select(p => p.DisplayName)
            .ToListAsync(cancellationToken);
        return [.. protection.Concat(configuration).Order(StringComparer.CurrentCultureIgnoreCase)];
    }

    private static async Task<IReadOnlyList<ValidationProblem>> ValidateAsync(
        AdminCenterDbContext db, AssignmentFilterDraft draft, string? exceptFilterId, CancellationToken cancellationToken)
    {
        var others = await db.AssignmentFilters.Where(f => f.Id != exceptFilterId).Select(f => f.DisplayName).ToListAsync(cancellationToken);
        return AssignmentFilterValidator.Validate(draft, others);
    }

    private static async Task<bool> TrySaveAsync(AdminCenterDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException ex) when (SqlDialect.IsUniqueViolation(ex.InnerException))
        {
            // Another admin saved a filter of this name between our check and our write.
            return false;
        }
    }

    private static ServiceResult<AssignmentFilterDetails> DuplicateName(AssignmentFilterDraft draft) =>
        ServiceResult<AssignmentFilterDetails>.Conflict(AssignmentFilterValidator.DisplayNameField, $"A filter named '{draft.DisplayName.Trim()}' already exists.");

    private static ServiceResult<T> NotFound<T>() => ServiceResult<T>.NotFound("id", "This filter no longer exists.");

    private static ServiceResult<T> ChangedBy<T>(AssignmentFilter filter) =>
        ServiceResult<T>.Conflict("version",
            $"This filter was changed by {filter.LastModifiedBy} at {filter.LastModifiedDateTime:yyyy-MM-dd HH:mm} UTC; reload to see the changes.");

    private static AssignmentFilterDetails ToDetails(AssignmentFilter filter) => new(
        filter.Id, filter.DisplayName, filter.Description, filter.Rule, filter.CreatedDateTime, filter.LastModifiedDateTime, filter.LastModifiedBy, filter.Version);

    private static AssignmentFilterDraft DraftOf(AssignmentFilter filter) =>
        new() { DisplayName = filter.DisplayName, Description = filter.Description, Rule = filter.Rule };

    private static AuditEntry Entry(AuditActivityType type, Actor actor, AssignmentFilter filter, IReadOnlyList<AuditModifiedProperty> changes) =>
        new(AuditCategories.Filters, type, actor.AuditName, TargetType, filter.DisplayName, filter.Id, changes);
}

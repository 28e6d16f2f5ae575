using AdminCenter.Core.Audit;
using AdminCenter.Core.Common;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.Roles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminCenter.Core.UsersAndGroups;

/// <summary>Lists, finds, creates, changes and deletes groups, and manages their members (spec 04).</summary>
public sealed partial class GroupService(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    TimeProvider timeProvider,
    ILogger<GroupService> logger)
{
    /// <summary>The largest page <see cref="ListGroupsAsync"/> returns.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Spec 06: users, groups and the CSV import belong to the Organization category.</summary>
    public static readonly Permission UpdatePermission = new(PermissionCategory.Organization, PermissionAction.Update);

    private DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>One page of groups whose name contains <paramref name="search"/> (ignoring case), sorted by name.</summary>
    public async Task<PagedResult<GroupSummary>> ListGroupsAsync(string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        (skip, take) = DirectoryQueries.ClampPage(skip, take, MaxPageSize);
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        var matching = DirectoryQueries.GroupsMatching(db, search);
        var total = await matching.CountAsync(cancellationToken);
        var items = await matching.OrderByName().Skip(skip).Take(take).ToSummaries().ToListAsync(cancellationToken);
        return new(items, total);
    }

    /// <summary>The first <paramref name="take"/> matching groups with their member counts, for group pickers.</summary>
    public async Task<IReadOnlyList<GroupSummary>> SearchGroupsAsync(string? text, int take, CancellationToken cancellationToken = default)
    {
        (_, take) = DirectoryQueries.ClampPage(0, take, MaxPageSize);
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        return await DirectoryQueries.GroupsMatching(db, text).OrderByName().Take(take).ToSummaries().ToListAsync(cancellationToken);
    }

    /// <summary>One page of groups named <paramref name="displayName"/> (ignoring case; null matches any), sorted by name: Graph's <c>$filter</c> with <c>eq</c>.</summary>
    public async Task<PagedResult<GroupSummary>> FindGroupsAsync(string? displayName, int skip, int take, CancellationToken cancellationToken = default)
    {
        (skip, take) = DirectoryQueries.ClampPage(skip, take, MaxPageSize);
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        var matching = db.DirectoryGroups.AsQueryable();
        if (displayName is not null)
        {
            var normalized = DirectoryGroup.Normalize(displayName);
            matching = matching.Where(g => g.NormalizedDisplayName == normalized);
        }
        var total = await matching.CountAsync(cancellationToken);
        var items = await matching.OrderByName().Skip(skip).Take(take).ToSummaries().ToListAsync(cancellationToken);
        return new(items, total);
    }

    /// <summary>One page of the group's members sorted by display name, or null when the group does not exist.</summary>
    public async Task<PagedResult<GroupMember>?> ListMembersAsync(string groupId, int skip, int take, CancellationToken cancellationToken = default)
    {
        (skip, take) = DirectoryQueries.ClampPage(skip, take, MaxPageSize);
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        if (!await db.DirectoryGroups.AnyAsync(g => g.Id == groupId, cancellationToken))
        {
            return null;
        }
        var members = db.GroupMemberships.Where(m => m.GroupId == groupId).Join(db.DirectoryUsers, m => m.UserId, u => u.Id, (_, u) => u);
        var total = await members.CountAsync(cancellationToken);
        var items = await members.OrderByDisplayName().Skip(skip).Take(take)
            .Select(u => new GroupMember(u.Id, u.UserPrincipalName, u.DisplayName)).ToListAsync(cancellationToken);
        return new(items, total);
    }

    /// <summary>
    /// Adds one user to the group, refusing a user who is already in it (Graph's <c>members/$ref</c>; the UI's
    /// <see cref="AddMembersAsync"/> leaves such users as they are instead).
    /// </summary>
    public async Task<ServiceResult<GroupMember>> AddMemberAsync(string groupId, string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(UpdatePermission))
        {
            return ServiceResult<GroupMember>.Forbidden(UpdatePermission);
        }
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var group = await db.DirectoryGroups.Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return ServiceResult<GroupMember>.NotFound(DirectoryValidator.IdField, GroupNotFoundMessage);
        }
        var user = await db.DirectoryUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return ServiceResult<GroupMember>.Invalid([new(DirectoryValidator.MembersField, DirectoryValidator.UserNotFoundMessage)]);
        }
        if (!group.AddMember(userId, UtcNow))
        {
            return ServiceResult<GroupMember>.Conflict(DirectoryValidator.MembersField, DirectoryValidator.AlreadyMemberMessage(user.UserPrincipalName, group.DisplayName));
        }
        db.Record(Entry(AuditActivityType.Action, actor.AuditName, group, [new("members", null, user.UserPrincipalName)], "Add member"), UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogMembersAdded(1, group.DisplayName);
        return ServiceResult<GroupMember>.Success(new(user.Id, user.UserPrincipalName, user.DisplayName));
    }

    public async Task<GroupDetails?> GetGroupAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        var group = await db.DirectoryGroups.AsNoTracking().SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        return group is null ? null : await ToDetailsAsync(db, group, cancellationToken);
    }

    /// <summary>Creates the group with <paramref name="memberIds"/> as its first members.</summary>
    public async Task<ServiceResult<GroupDetails>> CreateGroupAsync(
        GroupInput input, IReadOnlyCollection<string>? memberIds, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(UpdatePermission))
        {
            return ServiceResult<GroupDetails>.Forbidden(UpdatePermission);
        }
        var problems = DirectoryValidator.ValidateGroup(input);
        if (problems.Count > 0)
        {
            return ServiceResult<GroupDetails>.Invalid(problems);
        }

        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await IsNameTakenAsync(db, input.DisplayName!, exceptGroupId: null, cancellationToken))
        {
            return NameTaken(input.DisplayName!);
        }
        var ids = memberIds?.Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (await CountMissingUsersAsync(db, ids, cancellationToken) is > 0 and var missing)
        {
            return MembersMissing(missing);
        }

        var now = UtcNow;
        var group = DirectoryGroup.Create(input.DisplayName!, input.Description, now);
        foreach (var userId in ids)
        {
            group.AddMember(userId, now);
        }
        db.DirectoryGroups.Add(group);
        db.Record(Entry(AuditActivityType.Create, actor.AuditName, group, [
            .. AuditTrail.Diff(null, Snapshot(group)),
            .. ids.Count == 0 ? [] : AuditTrail.Property("members", null, await UserPrincipalNamesAsync(db, ids, cancellationToken)),
        ]), now);
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return NameTaken(input.DisplayName!);
        }
        await transaction.CommitAsync(cancellationToken);
        LogGroupCreated(group.DisplayName, ids.Count);
        return ServiceResult<GroupDetails>.Success(await ToDetailsAsync(db, group, cancellationToken));
    }

    /// <summary>Renames the group or changes its description.</summary>
    public async Task<ServiceResult<GroupDetails>> UpdateGroupAsync(string id, GroupInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(UpdatePermission))
        {
            return ServiceResult<GroupDetails>.Forbidden(UpdatePermission);
        }
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var group = await db.DirectoryGroups.SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return GroupNotFound();
        }
        var problems = DirectoryValidator.ValidateGroup(input);
        if (problems.Count > 0)
        {
            return ServiceResult<GroupDetails>.Invalid(problems);
        }
        if (await IsNameTakenAsync(db, input.DisplayName!, exceptGroupId: id, cancellationToken))
        {
            return NameTaken(input.DisplayName!);
        }

        var before = Snapshot(group);
        group.Update(input.DisplayName!, input.Description, UtcNow);
        db.Record(Entry(AuditActivityType.Update, actor.AuditName, group, AuditTrail.Diff(before, Snapshot(group))), UtcNow);
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return NameTaken(input.DisplayName!);
        }
        await transaction.CommitAsync(cancellationToken);
        LogGroupUpdated(group.DisplayName);
        return ServiceResult<GroupDetails>.Success(await ToDetailsAsync(db, group, cancellationToken));
    }

    /// <summary>Deletes the group, its memberships and its policy assignments; the users stay. Not found if it was already gone.</summary>
    public async Task<ServiceResult<bool>> DeleteGroupAsync(string id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(UpdatePermission))
        {
            return ServiceResult<bool>.Forbidden(UpdatePermission);
        }
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        var group = await db.DirectoryGroups.Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == id, cancellationToken);
        if (group is null)
        {
            return ServiceResult<bool>.NotFound(DirectoryValidator.IdField, GroupNotFoundMessage);
        }
        db.DirectoryGroups.Remove(group);
        db.Record(Entry(AuditActivityType.Delete, actor.AuditName, group, []), UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        LogGroupDeleted(group.DisplayName);
        return ServiceResult<bool>.Success(true);
    }

    /// <summary>Adds the users to the group; users already in it are left as they are. Nothing is added if any user is gone.</summary>
    public async Task<ServiceResult<GroupDetails>> AddMembersAsync(
        string groupId, IReadOnlyCollection<string> userIds, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(UpdatePermission))
        {
            return ServiceResult<GroupDetails>.Forbidden(UpdatePermission);
        }
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var group = await db.DirectoryGroups.Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return GroupNotFound();
        }
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return ServiceResult<GroupDetails>.Invalid([new(DirectoryValidator.MembersField, "Select at least one user to add.")]);
        }
        if (await CountMissingUsersAsync(db, ids, cancellationToken) is > 0 and var missing)
        {
            return MembersMissing(missing);
        }

        var now = UtcNow;
        var addedIds = ids.Where(userId => group.AddMember(userId, now)).ToList();
        var added = addedIds.Count;
        if (added > 0)
        {
            db.Record(Entry(AuditActivityType.Action, actor.AuditName, group,
                [new("members", null, await UserPrincipalNamesAsync(db, addedIds, cancellationToken))], "Add member"), now);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogMembersAdded(added, group.DisplayName);
        return ServiceResult<GroupDetails>.Success(await ToDetailsAsync(db, group, cancellationToken));
    }

    public async Task<ServiceResult<GroupDetails>> RemoveMemberAsync(string groupId, string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(UpdatePermission))
        {
            return ServiceResult<GroupDetails>.Forbidden(UpdatePermission);
        }
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        var group = await db.DirectoryGroups.Include(g => g.Members).SingleOrDefaultAsync(g => g.Id == groupId, cancellationToken);
        if (group is null)
        {
            return GroupNotFound();
        }
        if (group.RemoveMember(userId, UtcNow))
        {
            db.Record(Entry(AuditActivityType.Action, actor.AuditName, group,
                [new("members", await UserPrincipalNamesAsync(db, [userId], cancellationToken), null)], "Remove member"), UtcNow);
            await db.SaveChangesAsync(cancellationToken);
            LogMemberRemoved(group.DisplayName);
        }
        return ServiceResult<GroupDetails>.Success(await ToDetailsAsync(db, group, cancellationToken));
    }

    private static async Task<bool> IsNameTakenAsync(AdminCenterDbContext db, string displayName, string? exceptGroupId, CancellationToken cancellationToken)
    {
        var normalized = DirectoryGroup.Normalize(displayName);
        return await db.DirectoryGroups.AnyAsync(g => g.NormalizedDisplayName == normalized && g.Id != exceptGroupId, cancellationToken);
    }

    private static async Task<int> CountMissingUsersAsync(AdminCenterDbContext db, List<string> userIds, CancellationToken cancellationToken) =>
        userIds.Count == 0 ? 0 : userIds.Count - await db.DirectoryUsers.CountAsync(u => userIds.Contains(u.Id), cancellationToken);

    private static async Task<bool> TrySaveAsync(AdminCenterDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException exception) when (DirectoryQueries.IsUniqueViolation(exception))
        {
            return false;
        }
    }

    private static async Task<GroupDetails> ToDetailsAsync(AdminCenterDbContext db, DirectoryGroup group, CancellationToken cancellationToken)
    {
        var members = await db.GroupMemberships.Where(m => m.GroupId == group.Id)
            .Join(db.DirectoryUsers, m => m.UserId, u => u.Id, (_, u) => u)
            .OrderByDisplayName()
            .Select(u => new GroupMember(u.Id, u.UserPrincipalName, u.DisplayName))
            .ToListAsync(cancellationToken);
        return new(group.Id, group.DisplayName, group.Description, group.CreatedDateTime, group.LastModifiedDateTime, members);
    }

    private static GroupSnapshot Snapshot(DirectoryGroup group) => new(group.DisplayName, group.Description);

    private static AuditEntry Entry(
        AuditActivityType type, string actor, DirectoryGroup group, IReadOnlyList<AuditModifiedProperty> changes, string? verb = null) =>
        new(AuditCategories.Organization, type, actor, "Group", group.DisplayName, group.Id, changes, verb);

    private static async Task<string> UserPrincipalNamesAsync(AdminCenterDbContext db, List<string> userIds, CancellationToken cancellationToken) =>
        string.Join(", ", (await db.DirectoryUsers.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => u.UserPrincipalName)
            .ToListAsync(cancellationToken)).Order(StringComparer.OrdinalIgnoreCase));

    private sealed record GroupSnapshot(string DisplayName, string? Description);

    private const string GroupNotFoundMessage = "This group no longer exists. It may have been deleted.";

    private static ServiceResult<GroupDetails> GroupNotFound() => ServiceResult<GroupDetails>.NotFound(DirectoryValidator.IdField, GroupNotFoundMessage);

    private static ServiceResult<GroupDetails> NameTaken(string displayName) =>
        ServiceResult<GroupDetails>.Conflict(DirectoryValidator.DisplayNameField, DirectoryValidator.GroupNameTakenMessage(displayName));

    private static ServiceResult<GroupDetails> MembersMissing(int missing) =>
        ServiceResult<GroupDetails>.Invalid([new(DirectoryValidator.MembersField, missing == 1
            ? "One of the selected users no longer exists; nothing was saved."
            : $"{missing} of the selected users no longer exist; nothing was saved.")]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created group {Group} with {MemberCount} members")]
    private partial void LogGroupCreated(string group, int memberCount);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated group {Group}")]
    private partial void LogGroupUpdated(string group);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted group {Group}")]
    private partial void LogGroupDeleted(string group);

    [LoggerMessage(Level = LogLevel.Information, Message = "Added {Count} members to group {Group}")]
    private partial void LogMembersAdded(int count, string group);

    [LoggerMessage(Level = LogLevel.Information, Message = "Removed a member from group {Group}")]
    private partial void LogMemberRemoved(string group);
}

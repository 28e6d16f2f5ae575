using AdminCenter.Core.Audit;
using AdminCenter.Core.Common;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.Roles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminCenter.Core.UsersAndGroups;

/// <summary>Lists, finds, creates and changes the directory's users (spec 04).</summary>
public sealed partial class UserService(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    TimeProvider timeProvider,
    ILogger<UserService> logger)
{
    /// <summary>The largest page <see cref="ListUsersAsync"/> returns.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Spec 06: users, groups and the CSV import belong to the Organization category.</summary>
    public static readonly Permission UpdatePermission = new(PermissionCategory.Organization, PermissionAction.Update);

    private DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>
    /// One page of users whose user principal name or display name contains <paramref name="search"/> (ignoring case),
    /// sorted by display name, and how many users match in all.
    /// </summary>
    public async Task<PagedResult<UserSummary>> ListUsersAsync(string? search, int skip, int take, CancellationToken cancellationToken = default)
    {
        (skip, take) = DirectoryQueries.ClampPage(skip, take, MaxPageSize);
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        var matching = DirectoryQueries.UsersMatching(db, search);
        var total = await matching.CountAsync(cancellationToken);
        var items = await matching.AsNoTracking().OrderByDisplayName().Skip(skip).Take(take).ToSummaries().ToListAsync(cancellationToken);
        return new(items, total);
    }

    /// <summary>The first <paramref name="take"/> matching users, for user pickers.</summary>
    public async Task<IReadOnlyList<UserSummary>> SearchUsersAsync(string? text, int take, CancellationToken cancellationToken = default)
    {
        (_, take) = DirectoryQueries.ClampPage(0, take, MaxPageSize);
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        var matching = DirectoryQueries.UsersMatching(db, text);
        return await matching.AsNoTracking().OrderByDisplayName().Take(take).ToSummaries().ToListAsync(cancellationToken);
    }

    /// <summary>
    /// One page of users whose user principal name and display name equal the given ones (ignoring case; null matches
    /// any), sorted as <see cref="ListUsersAsync"/> sorts them: Graph's <c>$filter</c> with <c>eq</c>.
    /// </summary>
    public async Task<PagedResult<UserSummary>> FindUsersAsync(string? userPrincipalName, string? displayName, int skip, int take, CancellationToken cancellationToken = default)
    {
        (skip, take) = DirectoryQueries.ClampPage(skip, take, MaxPageSize);
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        var matching = DirectoryQueries.UsersNamed(db, displayName);
        if (userPrincipalName is not null)
        {
            var normalized = DirectoryUser.Normalize(userPrincipalName);
            matching = matching.Where(u => u.NormalizedUserPrincipalName == normalized);
        }
        var total = await matching.CountAsync(cancellationToken);
        var items = await matching.AsNoTracking().OrderByDisplayName().Skip(skip).Take(take).ToSummaries().ToListAsync(cancellationToken);
        return new(items, total);
    }

    /// <summary>The user with this id, or else with this user principal name (ignoring case), as Graph's <c>/users/{id or userPrincipalName}</c>.</summary>
    public async Task<UserSummary?> FindUserAsync(string idOrUserPrincipalName, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        var normalized = DirectoryUser.Normalize(idOrUserPrincipalName);
        return await db.DirectoryUsers.AsNoTracking()
            .Where(u => u.Id == idOrUserPrincipalName || u.NormalizedUserPrincipalName == normalized)
            .OrderBy(u => u.Id == idOrUserPrincipalName ? 0 : 1)
            .ToSummaries()
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<UserDetails?> GetUserAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        var user = await db.DirectoryUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        return user is null ? null : ToDetails(user, await LoadGroupsAsync(db, id, cancellationToken));
    }

    /// <summary>The ids of the groups <paramref name="userId"/> is a member of: whom group-assigned policies target.</summary>
    public async Task<IReadOnlyList<string>> GetGroupIdsOfUserAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        return await db.GroupMemberships.Where(m => m.UserId == userId).Select(m => m.GroupId).OrderBy(id => id).ToListAsync(cancellationToken);
    }

    public async Task<ServiceResult<UserDetails>> CreateUserAsync(UserInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(UpdatePermission))
        {
            return ServiceResult<UserDetails>.Forbidden(UpdatePermission);
        }
        var problems = DirectoryValidator.ValidateUser(input);
        if (problems.Count > 0)
        {
            return ServiceResult<UserDetails>.Invalid(problems);
        }

        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await IsUserPrincipalNameTakenAsync(db, input.UserPrincipalName!, exceptUserId: null, cancellationToken))
        {
            return UserPrincipalNameTaken(input.UserPrincipalName!);
        }

        var user = DirectoryUser.Create(input.UserPrincipalName!, input.DisplayName!, input.AccountEnabled, UtcNow);
        db.DirectoryUsers.Add(user);
        db.Record(Entry(AuditActivityType.Create, actor.AuditName, user, AuditTrail.Diff(null, Snapshot(user))), UtcNow);
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return UserPrincipalNameTaken(input.UserPrincipalName!);
        }
        await transaction.CommitAsync(cancellationToken);
        LogUserCreated(user.UserPrincipalName);
        return ServiceResult<UserDetails>.Success(ToDetails(user, []));
    }

    public async Task<ServiceResult<UserDetails>> UpdateUserAsync(string id, UserInput input, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(UpdatePermission))
        {
            return ServiceResult<UserDetails>.Forbidden(UpdatePermission);
        }
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var user = await db.DirectoryUsers.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return UserNotFound();
        }
        var problems = DirectoryValidator.ValidateUser(input);
        if (problems.Count > 0)
        {
            return ServiceResult<UserDetails>.Invalid(problems);
        }
        if (await IsUserPrincipalNameTakenAsync(db, input.UserPrincipalName!, exceptUserId: id, cancellationToken))
        {
            return UserPrincipalNameTaken(input.UserPrincipalName!);
        }

        var before = Snapshot(user);
        user.Update(input.UserPrincipalName!, input.DisplayName!, input.AccountEnabled, UtcNow);
        db.Record(Entry(AuditActivityType.Update, actor.AuditName, user, AuditTrail.Diff(before, Snapshot(user))), UtcNow);
        if (!await TrySaveAsync(db, cancellationToken))
        {
            return UserPrincipalNameTaken(input.UserPrincipalName!);
        }
        await transaction.CommitAsync(cancellationToken);
        LogUserUpdated(user.UserPrincipalName);
        return ServiceResult<UserDetails>.Success(ToDetails(user, await LoadGroupsAsync(db, id, cancellationToken)));
    }

    /// <summary>Enables or disables sign-in for the user.</summary>
    public async Task<ServiceResult<UserDetails>> SetAccountEnabledAsync(string id, bool enabled, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(UpdatePermission))
        {
            return ServiceResult<UserDetails>.Forbidden(UpdatePermission);
        }
        await using var db = await dbFactory.CreateDirectoryContextAsync(cancellationToken);
        var user = await db.DirectoryUsers.SingleOrDefaultAsync(u => u.Id == id, cancellationToken);
        if (user is null)
        {
            return UserNotFound();
        }
        if (user.AccountEnabled != enabled)
        {
            user.SetAccountEnabled(enabled, UtcNow);
            db.Record(Entry(AuditActivityType.Update, actor.AuditName, user,
                AuditTrail.Property("accountEnabled", (!enabled).ToString().ToLowerInvariant(), enabled.ToString().ToLowerInvariant())), UtcNow);
            await db.SaveChangesAsync(cancellationToken);
            LogAccountEnabledChanged(user.UserPrincipalName, enabled);
        }
        return ServiceResult<UserDetails>.Success(ToDetails(user, await LoadGroupsAsync(db, id, cancellationToken)));
    }

    private static async Task<bool> IsUserPrincipalNameTakenAsync(AdminCenterDbContext db, string userPrincipalName, string? exceptUserId, CancellationToken cancellationToken)
    {
        var normalized = DirectoryUser.Normalize(userPrincipalName);
        return await db.DirectoryUsers.AnyAsync(u => u.NormalizedUserPrincipalName == normalized && u.Id != exceptUserId, cancellationToken);
    }

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

    private static async Task<IReadOnlyList<GroupReference>> LoadGroupsAsync(AdminCenterDbContext db, string userId, CancellationToken cancellationToken) =>
        await db.GroupMemberships.Where(m => m.UserId == userId)
            .Join(db.DirectoryGroups, m => m.GroupId, g => g.Id, (_, g) => g)
            .OrderByName()
            .Select(g => new GroupReference(g.Id, g.DisplayName, g.Description))
            .ToListAsync(cancellationToken);

    internal static UserSnapshot Snapshot(DirectoryUser user) => new(user.UserPrincipalName, user.DisplayName, user.AccountEnabled);

    internal static AuditEntry Entry(AuditActivityType type, string actor, DirectoryUser user, IReadOnlyList<AuditModifiedProperty> changes) =>
        new(AuditCategories.Organization, type, actor, "User", user.DisplayName, user.Id, changes);

    internal sealed record UserSnapshot(string UserPrincipalName, string DisplayName, bool AccountEnabled);

    private static ServiceResult<UserDetails> UserNotFound() =>
        ServiceResult<UserDetails>.NotFound(DirectoryValidator.IdField, "This user no longer exists. It may have been deleted.");

    private static ServiceResult<UserDetails> UserPrincipalNameTaken(string userPrincipalName) =>
        ServiceResult<UserDetails>.Conflict(DirectoryValidator.UserPrincipalNameField, DirectoryValidator.UserPrincipalNameTakenMessage(userPrincipalName));

    private static UserDetails ToDetails(DirectoryUser user, IReadOnlyList<GroupReference> groups) => new(
        user.Id, user.UserPrincipalName, user.DisplayName, user.AccountEnabled, user.CreatedDateTime, user.LastModifiedDateTime, groups);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created user {UserPrincipalName}")]
    private partial void LogUserCreated(string userPrincipalName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Updated user {UserPrincipalName}")]
    private partial void LogUserUpdated(string userPrincipalName);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserPrincipalName} account enabled: {Enabled}")]
    private partial void LogAccountEnabledChanged(string userPrincipalName, bool enabled);
}

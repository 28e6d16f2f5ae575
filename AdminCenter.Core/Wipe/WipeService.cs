using AdminCenter.Core.Audit;
using AdminCenter.Core.Common;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.Roles;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminCenter.Core.Wipe;

/// <summary>
/// Selective wipe (spec 04): wipe requests per registration (automatic on a Wipe outcome, manual from the admin, or from
/// the User-Level Wipe list), their delivery at check-in, the client's result, and their retention.
/// </summary>
public sealed partial class WipeService(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    TimeProvider timeProvider,
    ILogger<WipeService> logger)
{
    /// <summary>Who created automatic and user-level requests.</summary>
    public const string SystemActor = "AdminCenter";

    /// <summary>Completed requests are kept this long after they completed; pending ones until deleted.</summary>
    public static readonly TimeSpan RetentionPeriod = TimeSpan.FromDays(4);

    public const int MaxPageSize = 500;

    /// <summary>Spec 06: an admin's or a token's wipe requests and the User-Level Wipe list need Managed apps/Wipe.</summary>
    public static readonly Permission WipePermission = new(PermissionCategory.ManagedApps, PermissionAction.Wipe);
    public const int MaxMessageLength = FieldRules.MessageMaxLength;

    private DateTime UtcNow => timeProvider.GetUtcNow().UtcDateTime;

    /// <summary>One page of wipe requests, newest first, and how many there are in all.</summary>
    public Task<PagedResult<WipeRequestRow>> ListRequestsAsync(int skip, int take, CancellationToken cancellationToken = default) =>
        ListRequestsAsync(null, skip, take, cancellationToken);

    /// <summary>One page of the wipe requests in <paramref name="status"/> (every status when null), newest first, and how many match.</summary>
    public async Task<PagedResult<WipeRequestRow>> ListRequestsAsync(
        WipeRequestStatus? status, int skip, int take, CancellationToken cancellationToken = default)
    {
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var requests = status is { } only ? db.WipeRequests.Where(w => w.Status == only) : db.WipeRequests;
        var total = await requests.CountAsync(cancellationToken);
        var page = await requests.AsNoTracking()
            .OrderByDescending(w => w.CreatedDateTime).ThenBy(w => w.Id)
            .Skip(skip).Take(take).ToListAsync(cancellationToken);
        var names = await DisplayNamesAsync(db, page.Select(w => w.UserId), cancellationToken);
        return new(page.Select(w => WipeRequestRow.From(w, names.GetValueOrDefault(w.UserId))).ToList(), total);
    }

    public async Task<WipeRequestRow?> GetRequestAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.WipeRequests.AsNoTracking().SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (request is null)
        {
            return null;
        }
        var names = await DisplayNamesAsync(db, [request.UserId], cancellationToken);
        return WipeRequestRow.From(request, names.GetValueOrDefault(request.UserId));
    }

    /// <summary>The user's registrations (one app on one device each), for the Create wipe request pane's device list.</summary>
    public async Task<IReadOnlyList<WipeTarget>> ListTargetsAsync(string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var registrations = await db.MamRegistrations.AsNoTracking().Where(r => r.UserId == userId)
            .Select(r => new { r.Id, r.DeviceName, r.AzureAdDeviceId, r.AppId }).ToListAsync(cancellationToken);
        var ids = registrations.Select(r => r.Id).ToList();
        var pending = (await db.WipeRequests.Where(w => ids.Contains(w.RegistrationId) && w.Status == WipeRequestStatus.Pending)
            .Select(w => w.RegistrationId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return registrations
            .Select(r => new WipeTarget(r.Id, r.DeviceName, r.AzureAdDeviceId, r.AppId, pending.Contains(r.Id)))
            .OrderBy(t => t.Label, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>An admin's request to wipe one registration; refused while one is already pending for it.</summary>
    public async Task<ServiceResult<WipeRequestRow>> CreateManualAsync(string registrationId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(WipePermission))
        {
            return ServiceResult<WipeRequestRow>.Forbidden(WipePermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var registration = await db.MamRegistrations.AsNoTracking().SingleOrDefaultAsync(r => r.Id == registrationId, cancellationToken);
        if (registration is null)
        {
            return ServiceResult<WipeRequestRow>.NotFound("registrationId",
                "That registration no longer exists: the user signed out or the app was already wiped. Pick the device again.");
        }
        if (await HasPendingAsync(db, registrationId, cancellationToken))
        {
            return ServiceResult<WipeRequestRow>.Conflict("registrationId",
                $"A wipe request for {DeviceOf(registration)} ({registration.UserPrincipalName}) is already pending; it is sent at the app's next check-in.");
        }
        var request = db.WipeRequests.Add(NewRequest(registration, WipeRequestOrigin.Manual, actor.AuditName)).Entity;
        RecordRequest(db, AuditActivityType.Create, actor.AuditName, request);
        await db.SaveChangesAsync(cancellationToken);
        LogCreated(request.Origin, request.UserPrincipalName, request.AzureAdDeviceId, actor.AuditName);
        var names = await DisplayNamesAsync(db, [request.UserId], cancellationToken);
        return ServiceResult<WipeRequestRow>.Success(WipeRequestRow.From(request, names.GetValueOrDefault(request.UserId)));
    }

    /// <summary>
    /// Graph's <c>wipeManagedAppRegistrationsByAzureAdDeviceId</c>: a manual request for each of the user's registrations on
    /// the device that has none pending yet. Returns how many were created (0 when all were already pending).
    /// </summary>
    public async Task<ServiceResult<int>> CreateForDeviceAsync(string userPrincipalName, string azureAdDeviceId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(WipePermission))
        {
            return ServiceResult<int>.Forbidden(WipePermission);
        }
        var problems = new List<ValidationProblem>();
        if (FieldRules.CheckRequired("userPrincipalName", userPrincipalName, FieldKind.UserPrincipalName) is { } upnProblem)
        {
            problems.Add(new("userPrincipalName", upnProblem));
        }
        if (FieldRules.CheckRequired("azureAdDeviceId", azureAdDeviceId, FieldKind.Identifier) is { } deviceProblem)
        {
            problems.Add(new("azureAdDeviceId", deviceProblem));
        }
        if (problems.Count > 0)
        {
            return ServiceResult<int>.Invalid(problems);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = DirectoryUser.Normalize(userPrincipalName);
        var user = await db.DirectoryUsers.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedUserPrincipalName == normalized, cancellationToken);
        if (user is null)
        {
            return ServiceResult<int>.NotFound("userPrincipalName", $"There is no user '{userPrincipalName}' in the directory.");
        }
        var registrations = await db.MamRegistrations.AsNoTracking()
            .Where(r => r.UserId == user.Id && r.AzureAdDeviceId == azureAdDeviceId).ToListAsync(cancellationToken);
        if (registrations.Count == 0)
        {
            return ServiceResult<int>.NotFound("azureAdDeviceId", $"'{user.UserPrincipalName}' has no app registration on device '{azureAdDeviceId}'.");
        }
        var ids = registrations.Select(r => r.Id).ToList();
        var pending = (await db.WipeRequests.Where(w => ids.Contains(w.RegistrationId) && w.Status == WipeRequestStatus.Pending)
            .Select(w => w.RegistrationId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var created = registrations.Where(r => !pending.Contains(r.Id)).Select(r => NewRequest(r, WipeRequestOrigin.Manual, actor.AuditName)).ToList();
        db.WipeRequests.AddRange(created);
        foreach (var request in created)
        {
            RecordRequest(db, AuditActivityType.Create, actor.AuditName, request);
        }
        await db.SaveChangesAsync(cancellationToken);
        foreach (var request in created)
        {
            LogCreated(request.Origin, request.UserPrincipalName, request.AzureAdDeviceId, actor.AuditName);
        }
        return ServiceResult<int>.Success(created.Count);
    }

    /// <summary>
    /// An automatic request for a registration whose outcome is Wipe; idempotent: nothing new while one is pending.
    /// Returns the pending request.
    /// </summary>
    public async Task<WipeRequestRow> RequestAutomaticAsync(string registrationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var registration = await db.MamRegistrations.AsNoTracking().SingleAsync(r => r.Id == registrationId, cancellationToken);
        var request = await EnsurePendingAsync(db, registration, WipeRequestOrigin.Automatic, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return WipeRequestRow.From(request, null);
    }

    /// <summary>
    /// The pending request a check-in delivers, marked delivered; null when none is pending for the registration.
    /// </summary>
    public async Task<WipeRequestRow?> GetPendingForCheckInAsync(string registrationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var pending = await DeliverPendingAsync(db, registrationId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return pending is null ? null : WipeRequestRow.From(pending, null);
    }

    /// <summary>
    /// The check-in's part, in the check-in's own context (saved by the caller): an automatic request on a Wipe outcome,
    /// a user-level one when the user is on the list, and delivery of whichever is pending. Returns whether a wipe is requested.
    /// </summary>
    internal async Task<bool> ApplyAtCheckInAsync(AdminCenterDbContext db, MamRegistration registration, bool outcomeIsWipe, CancellationToken cancellationToken)
    {
        var pending = await DeliverPendingAsync(db, registration.Id, cancellationToken);
        if (pending is not null)
        {
            return true;
        }
        WipeRequestOrigin? origin = outcomeIsWipe ? WipeRequestOrigin.Automatic
            : await db.UserLevelWipes.AnyAsync(u => u.UserId == registration.UserId, cancellationToken) ? WipeRequestOrigin.UserLevel
            : null;
        if (origin is not { } value)
        {
            return false;
        }
        var request = db.WipeRequests.Add(NewRequest(registration, value, SystemActor)).Entity;
        request.MarkDelivered(UtcNow);
        RecordRequest(db, AuditActivityType.Create, SystemActor, request);
        LogCreated(value, registration.UserPrincipalName, registration.AzureAdDeviceId, SystemActor);
        return true;
    }

    /// <summary>
    /// The client's result: completes the pending request. Successful removes the registration (the user may enroll
    /// again); Failed keeps it, with the client's reason. A conflict when no request is pending.
    /// </summary>
    public async Task<ServiceResult<WipeRequestRow>> CompleteAsync(string registrationId, bool succeeded, string? message, CancellationToken cancellationToken = default)
    {
        if (FieldRules.CheckRequired("registrationId", registrationId, FieldKind.Identifier) is { } idProblem)
        {
            return ServiceResult<WipeRequestRow>.Invalid([new("registrationId", idProblem)]);
        }
        if (FieldRules.Check("message", message, FieldKind.Message) is { } messageProblem)
        {
            return ServiceResult<WipeRequestRow>.Invalid([new("message", messageProblem)]);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var registration = await db.MamRegistrations.SingleOrDefaultAsync(r => r.Id == registrationId, cancellationToken);
        if (registration is null)
        {
            return ServiceResult<WipeRequestRow>.NotFound("registrationId", $"No registration with id '{registrationId}'.");
        }
        var pending = await PendingQuery(db, registrationId).FirstOrDefaultAsync(cancellationToken);
        if (pending is null)
        {
            return ServiceResult<WipeRequestRow>.Conflict("registrationId", "No wipe request is pending for this registration.");
        }
        var reason = succeeded || !string.IsNullOrWhiteSpace(message) ? message : "The app reported a failure without a reason.";
        pending.Complete(succeeded, reason, UtcNow);
        if (succeeded)
        {
            db.MamRegistrations.Remove(registration);
        }
        await db.SaveChangesAsync(cancellationToken);
        LogCompleted(pending.UserPrincipalName, pending.AzureAdDeviceId, pending.Status, reason ?? "");
        return ServiceResult<WipeRequestRow>.Success(WipeRequestRow.From(pending, null));
    }

    /// <summary>Deletes a pending request (Delete wipe request); completed ones are kept for their 4 days.</summary>
    public async Task<ServiceResult<string>> DeleteAsync(string id, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(WipePermission))
        {
            return ServiceResult<string>.Forbidden(WipePermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var request = await db.WipeRequests.SingleOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (request is null)
        {
            return ServiceResult<string>.NotFound("id", "That wipe request no longer exists.");
        }
        if (request.Status != WipeRequestStatus.Pending)
        {
            return ServiceResult<string>.Conflict("id",
                $"Only a pending wipe request can be deleted; this one is {WipeLabels.Status(request.Status)} and is kept for 4 days after it completed.");
        }
        db.WipeRequests.Remove(request);
        RecordRequest(db, AuditActivityType.Delete, actor.AuditName, request);
        await db.SaveChangesAsync(cancellationToken);
        LogDeleted(request.UserPrincipalName, request.AzureAdDeviceId, actor.AuditName);
        return ServiceResult<string>.Success(request.Id);
    }

    /// <summary>Deletes completed requests older than <see cref="RetentionPeriod"/>; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = UtcNow - RetentionPeriod;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // The bulk delete and its audit event share one transaction: both or neither.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var deleted = await db.WipeRequests
            .Where(w => w.Status != WipeRequestStatus.Pending && w.CompletedDateTime < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
        if (deleted > 0)
        {
            db.Record(new AuditEntry(AuditCategories.ManagedApps, AuditActivityType.Delete, AuditActors.System, "WipeRequest",
                "Completed wipe requests past their 4 days", "", [new("count", null, deleted.ToString(System.Globalization.CultureInfo.InvariantCulture))]), UtcNow);
            await db.SaveChangesAsync(cancellationToken);
            LogExpired(deleted);
        }
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    public async Task<IReadOnlyList<UserLevelWipeRow>> ListUserLevelWipesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var listed = await db.UserLevelWipes.AsNoTracking().ToListAsync(cancellationToken);
        var names = await DisplayNamesAsync(db, listed.Select(u => u.UserId), cancellationToken);
        return listed
            .Select(u => new UserLevelWipeRow(u.UserId, u.UserPrincipalName, names.GetValueOrDefault(u.UserId), u.AddedDateTime, u.AddedBy))
            .OrderBy(u => u.DisplayName ?? u.UserPrincipalName, StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    /// <summary>Puts a user on the User-Level Wipe list: each of their registrations is wiped at every check-in.</summary>
    public async Task<ServiceResult<UserLevelWipeRow>> AddUserLevelWipeAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(WipePermission))
        {
            return ServiceResult<UserLevelWipeRow>.Forbidden(WipePermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.DirectoryUsers.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return ServiceResult<UserLevelWipeRow>.NotFound("userId", "That user is no longer in the directory.");
        }
        if (await db.UserLevelWipes.AnyAsync(u => u.UserId == userId, cancellationToken))
        {
            return ServiceResult<UserLevelWipeRow>.Conflict("userId", $"{user.DisplayName} is already on the User-Level Wipe list.");
        }
        var entry = db.UserLevelWipes.Add(new UserLevelWipe(user.Id, user.UserPrincipalName, UtcNow, actor.AuditName)).Entity;
        db.Record(new AuditEntry(AuditCategories.ManagedApps, AuditActivityType.Create, actor.AuditName, "UserLevelWipe", entry.UserPrincipalName, entry.UserId,
            [new("userPrincipalName", null, entry.UserPrincipalName)]), UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        LogUserLevelAdded(user.UserPrincipalName, actor.AuditName);
        return ServiceResult<UserLevelWipeRow>.Success(new(entry.UserId, entry.UserPrincipalName, user.DisplayName, entry.AddedDateTime, entry.AddedBy));
    }

    /// <summary>Takes a user off the User-Level Wipe list; requests already created stay as they are.</summary>
    public async Task<ServiceResult<string>> RemoveUserLevelWipeAsync(string userId, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(WipePermission))
        {
            return ServiceResult<string>.Forbidden(WipePermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entry = await db.UserLevelWipes.SingleOrDefaultAsync(u => u.UserId == userId, cancellationToken);
        if (entry is null)
        {
            return ServiceResult<string>.NotFound("userId", "That user is not on the User-Level Wipe list.");
        }
        db.UserLevelWipes.Remove(entry);
        db.Record(new AuditEntry(AuditCategories.ManagedApps, AuditActivityType.Delete, actor.AuditName, "UserLevelWipe", entry.UserPrincipalName, entry.UserId,
            [new("userPrincipalName", entry.UserPrincipalName, null)]), UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        LogUserLevelRemoved(entry.UserPrincipalName, actor.AuditName);
        return ServiceResult<string>.Success(entry.UserId);
    }

    private static IQueryable<WipeRequest> PendingQuery(AdminCenterDbContext db, string registrationId) =>
        db.WipeRequests.Where(w => w.RegistrationId == registrationId && w.Status == WipeRequestStatus.Pending).OrderBy(w => w.CreatedDateTime);

    private static Task<bool> HasPendingAsync(AdminCenterDbContext db, string registrationId, CancellationToken cancellationToken) =>
        PendingQuery(db, registrationId).AnyAsync(cancellationToken);

    private async Task<WipeRequest?> DeliverPendingAsync(AdminCenterDbContext db, string registrationId, CancellationToken cancellationToken)
    {
        var pending = await PendingQuery(db, registrationId).FirstOrDefaultAsync(cancellationToken);
        pending?.MarkDelivered(UtcNow);
        return pending;
    }

    private async Task<WipeRequest> EnsurePendingAsync(AdminCenterDbContext db, MamRegistration registration, WipeRequestOrigin origin, CancellationToken cancellationToken)
    {
        var pending = await PendingQuery(db, registration.Id).FirstOrDefaultAsync(cancellationToken);
        if (pending is not null)
        {
            return pending;
        }
        LogCreated(origin, registration.UserPrincipalName, registration.AzureAdDeviceId, SystemActor);
        var request = db.WipeRequests.Add(NewRequest(registration, origin, SystemActor)).Entity;
        RecordRequest(db, AuditActivityType.Create, SystemActor, request);
        return request;
    }

    private void RecordRequest(AdminCenterDbContext db, AuditActivityType type, string actor, WipeRequest request)
    {
        var target = $"{request.UserPrincipalName} on {request.DeviceName ?? request.AzureAdDeviceId}";
        IReadOnlyList<AuditModifiedProperty> changes = type == AuditActivityType.Create
            ? [new("origin", null, WipeLabels.Origin(request.Origin)), new("userPrincipalName", null, request.UserPrincipalName), new("azureAdDeviceId", null, request.AzureAdDeviceId)]
            : [new("status", WipeLabels.Status(request.Status), null)];
        db.Record(new AuditEntry(AuditCategories.ManagedApps, type, actor == SystemActor ? AuditActors.System : actor,
            "WipeRequest", target, request.Id, changes), UtcNow);
    }

    private WipeRequest NewRequest(MamRegistration registration, WipeRequestOrigin origin, string createdBy) =>
        WipeRequest.Create(registration.Id, registration.UserId, registration.UserPrincipalName, registration.AppId,
            registration.AzureAdDeviceId, registration.DeviceName, origin, createdBy, UtcNow);

    private static string DeviceOf(MamRegistration registration) =>
        string.IsNullOrWhiteSpace(registration.DeviceName) ? registration.AzureAdDeviceId : registration.DeviceName;

    private static async Task<Dictionary<string, string>> DisplayNamesAsync(AdminCenterDbContext db, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        return await db.DirectoryUsers.AsNoTracking().Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, StringComparer.Ordinal, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Origin} wipe request for {User} on device {Device}, by {Actor}")]
    private partial void LogCreated(WipeRequestOrigin origin, string user, string device, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wipe of {User} on device {Device} completed: {Status} {Message}")]
    private partial void LogCompleted(string user, string device, WipeRequestStatus status, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pending wipe request for {User} on device {Device} deleted by {Actor}")]
    private partial void LogDeleted(string user, string device, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} completed wipe requests past their retention")]
    private partial void LogExpired(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} added to the User-Level Wipe list by {Actor}")]
    private partial void LogUserLevelAdded(string user, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "{User} removed from the User-Level Wipe list by {Actor}")]
    private partial void LogUserLevelRemoved(string user, string actor);
}

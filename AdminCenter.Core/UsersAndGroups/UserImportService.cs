using AdminCenter.Core.Audit;
using AdminCenter.Core.Common;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.Roles;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace AdminCenter.Core.UsersAndGroups;

/// <summary>
/// Applies a users CSV (see <see cref="UserCsvImporter"/>) in one transaction: new users are created enabled, existing
/// users (same user principal name, ignoring case) get the file's display name, and every user is added to the row's
/// groups, which are created when missing. If any row is rejected, nothing is imported.
/// </summary>
public sealed partial class UserImportService(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    TimeProvider timeProvider,
    ILogger<UserImportService> logger)
{
    // One event for the whole file: it is one all-or-nothing change.
    private static AuditEntry ImportEntry(string actor, List<UserImportRowResult> results, List<string> createdGroups)
    {
        static string? Join(IEnumerable<string> names) => names.Any() ? string.Join(", ", names) : null;
        return new(AuditCategories.Organization, AuditActivityType.Action, actor, "User", "CSV import", "", [
            .. AuditTrail.Property("usersCreated", null, Join(results.Where(r => r.Status == UserImportStatus.Created).Select(r => r.UserPrincipalName))),
            .. AuditTrail.Property("usersUpdated", null, Join(results.Where(r => r.Status == UserImportStatus.Updated && r.Reason != "Already up to date.").Select(r => r.UserPrincipalName))),
            .. AuditTrail.Property("groupsCreated", null, Join(createdGroups)),
        ], "Import");
    }

    private const string NotImportedReason = "Valid, but not imported because another row was rejected.";

    /// <summary>The import, or Forbidden without Organization/Update (spec 06); a refused file is a report, not an error.</summary>
    public async Task<ServiceResult<UserImportReport>> ImportAsync(string? csv, Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(UserService.UpdatePermission))
        {
            return ServiceResult<UserImportReport>.Forbidden(UserService.UpdatePermission);
        }
        var parsed = UserCsvImporter.Parse(csv);
        if (!parsed.CanImport)
        {
            var refused = Refused(parsed);
            LogImportRefused(refused.RejectedCount, parsed.FileProblem ?? "");
            return ServiceResult<UserImportReport>.Success(refused);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var users = await LoadUsersAsync(db, parsed.Rows, cancellationToken);
        var groups = await LoadGroupsAsync(db, parsed.Rows, cancellationToken);
        var createdGroups = new List<string>();
        var results = new List<UserImportRowResult>();

        foreach (var row in parsed.Rows)
        {
            var key = DirectoryUser.Normalize(row.UserPrincipalName);
            var notes = new List<string>();
            UserImportStatus status;
            if (users.TryGetValue(key, out var user))
            {
                status = UserImportStatus.Updated;
                if (user.DisplayName != row.DisplayName)
                {
                    notes.Add($"Display name changed from {user.DisplayName}.");
                    user.Update(user.UserPrincipalName, row.DisplayName, user.AccountEnabled, now);
                }
            }
            else
            {
                status = UserImportStatus.Created;
                user = DirectoryUser.Create(row.UserPrincipalName, row.DisplayName, accountEnabled: true, now);
                db.DirectoryUsers.Add(user);
                users.Add(key, user);
            }

            var joined = new List<string>();
            foreach (var name in row.Groups)
            {
                if (!groups.TryGetValue(DirectoryGroup.Normalize(name), out var group))
                {
                    group = DirectoryGroup.Create(name, null, now);
                    db.DirectoryGroups.Add(group);
                    groups.Add(group.NormalizedDisplayName, group);
                    createdGroups.Add(group.DisplayName);
                }
                if (group.AddMember(user.Id, now))
                {
                    joined.Add(group.DisplayName);
                }
            }
            if (joined.Count > 0)
            {
                notes.Add($"Added to {string.Join(", ", joined)}.");
            }
            if (status == UserImportStatus.Updated && notes.Count == 0)
            {
                notes.Add("Already up to date.");
            }
            results.Add(new(row.RowNumber, row.LineNumber, user.UserPrincipalName, status, string.Join(" ", notes)));
        }

        if (db.ChangeTracker.HasChanges())
        {
            db.Record(ImportEntry(actor.AuditName, results, createdGroups), now);
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (DirectoryQueries.IsUniqueViolation(exception))
        {
            // Someone created one of these users or groups while the import ran; the transaction rolls back whole.
            const string changedMeanwhile = "The directory changed while the file was being imported. Import it again.";
            LogImportRefused(0, changedMeanwhile);
            return ServiceResult<UserImportReport>.Success(new(false, changedMeanwhile, parsed.Rows.Select(r => NotImported(r, changedMeanwhile)).ToList(), []));
        }
        await transaction.CommitAsync(cancellationToken);
        var created = results.Count(r => r.Status == UserImportStatus.Created);
        LogImported(created, results.Count - created, createdGroups.Count);
        return ServiceResult<UserImportReport>.Success(new UserImportReport(true, null, results, createdGroups));
    }

    private static UserImportReport Refused(UserCsvParseResult parsed) => new(
        false,
        parsed.FileProblem,
        parsed.Rows.Select(r => r.IsValid
                ? NotImported(r, NotImportedReason)
                : new UserImportRowResult(r.RowNumber, r.LineNumber, r.UserPrincipalName, UserImportStatus.Rejected, string.Join(" ", r.Problems)))
            .ToList(),
        []);

    private static UserImportRowResult NotImported(UserCsvRow row, string reason) =>
        new(row.RowNumber, row.LineNumber, row.UserPrincipalName, UserImportStatus.NotImported, reason);

    private static async Task<Dictionary<string, DirectoryUser>> LoadUsersAsync(AdminCenterDbContext db, IReadOnlyList<UserCsvRow> rows, CancellationToken cancellationToken)
    {
        var keys = rows.Select(r => DirectoryUser.Normalize(r.UserPrincipalName)).ToList();
        return await db.DirectoryUsers.Where(u => keys.Contains(u.NormalizedUserPrincipalName))
            .ToDictionaryAsync(u => u.NormalizedUserPrincipalName, StringComparer.Ordinal, cancellationToken);
    }

    private static async Task<Dictionary<string, DirectoryGroup>> LoadGroupsAsync(AdminCenterDbContext db, IReadOnlyList<UserCsvRow> rows, CancellationToken cancellationToken)
    {
        var keys = rows.SelectMany(r => r.Groups).Select(DirectoryGroup.Normalize).Distinct(StringComparer.Ordinal).ToList();
        return await db.DirectoryGroups.Include(g => g.Members).Where(g => keys.Contains(g.NormalizedDisplayName))
            .ToDictionaryAsync(g => g.NormalizedDisplayName, StringComparer.Ordinal, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported users: {Created} created, {Updated} updated, {GroupsCreated} groups created")]
    private partial void LogImported(int created, int updated, int groupsCreated);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a users import: {Rejected} rows rejected. {FileProblem}")]
    private partial void LogImportRefused(int rejected, string fileProblem);
}

using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.Roles;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Mam;

/// <summary>
/// Who app protection reaches (spec 07, Report parity): a user's User report, the tenant's "Targeted but not checked in"
/// users, and a policy's Deployment status. Targeting is decided by <see cref="PolicyApplicability"/>, the rule evaluation
/// uses, so these reports and evaluation never disagree about whom a policy's groups target.
/// </summary>
/// <remarks>
/// A user who never checked in has no device facts, so an assignment filter (which matches a registration's device) can
/// keep a policy off no such user: they count as targeted. For registrations, the policies shown are those their last
/// evaluation applied, filters included.
/// </remarks>
public sealed class AppProtectionCoverageQueries(IDbContextFactory<AdminCenterDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The largest page <see cref="ListTargetedNotCheckedInAsync"/> returns.</summary>
    public const int MaxPageSize = 500;

    private static readonly Permission ReadPermission = new(PermissionCategory.ManagedApps, PermissionAction.Read);

    /// <summary>The user's registrations, and each targeted app they never checked in with; NotFound for no such user.</summary>
    public async Task<ServiceResult<UserReport>> GetUserReportAsync(Actor actor, string userId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(ReadPermission))
        {
            return ServiceResult<UserReport>.Forbidden(ReadPermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.DirectoryUsers.AsNoTracking()
            .Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.DisplayName, u.UserPrincipalName })
            .SingleOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return ServiceResult<UserReport>.NotFound("userId", "This user no longer exists. They may have been deleted.");
        }

        var policies = await LoadPoliciesAsync(db, cancellationToken);
        var groupIds = await db.GroupMemberships.AsNoTracking().Where(m => m.UserId == userId).Select(m => m.GroupId).ToListAsync(cancellationToken);
        var groups = new HashSet<string>(groupIds, StringComparer.OrdinalIgnoreCase);
        var registrations = await db.MamRegistrations.AsNoTracking()
            .Where(r => r.UserId == userId)
            .Select(r => new { r.AppId, r.DeviceName, r.PolicyNames, r.LastCheckInDateTime })
            .ToListAsync(cancellationToken);

        var rows = registrations
            .Select(r => new UserReportRow(r.AppId, CheckInStatus.CheckedIn, r.DeviceName, SplitNames(r.PolicyNames), r.LastCheckInDateTime))
            .ToList();
        var registeredApps = registrations.Select(r => r.AppId).ToHashSet(StringComparer.Ordinal);
        foreach (var (appId, policyNames) in Targeting(policies, groups))
        {
            if (!registeredApps.Contains(appId))
            {
                rows.Add(new UserReportRow(appId, CheckInStatus.NotCheckedIn, null, policyNames, null));
            }
        }
        var ordered = rows
            .OrderBy(r => r.AppName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(r => r.Status)
            .ThenByDescending(r => r.LastSyncDateTime)
            .ToList();
        return ServiceResult<UserReport>.Success(new UserReport(user.Id, user.DisplayName, user.UserPrincipalName, ordered));
    }

    /// <summary>
    /// One page (by display name) of the users some assigned policy targets for an app they have no registration of, and
    /// how many there are in all.
    /// </summary>
    public async Task<ServiceResult<PagedResult<TargetedUserRow>>> ListTargetedNotCheckedInAsync(
        Actor actor, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(ReadPermission))
        {
            return ServiceResult<PagedResult<TargetedUserRow>>.Forbidden(ReadPermission);
        }
        (skip, take) = DirectoryQueries.ClampPage(skip, take, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policies = (await LoadPoliciesAsync(db, cancellationToken)).Where(p => p.Apps.Count > 0 && p.Assignments.Any(a => !a.IsExclusion)).ToList();
        if (policies.Count == 0)
        {
            return ServiceResult<PagedResult<TargetedUserRow>>.Success(new([], 0));
        }
        var included = policies.SelectMany(p => p.Assignments).Where(a => !a.IsExclusion).Select(a => a.GroupId).Distinct().ToArray();
        var assigned = policies.SelectMany(p => p.Assignments).Select(a => a.GroupId).Distinct().ToArray();
        var apps = policies.SelectMany(p => p.Apps).Distinct(StringComparer.Ordinal).ToArray();

        // Narrowed in SQL to members of an included group who lack a registration of at least one targeted app: in a
        // tenant where protection works, few. Exclusions and the per-app rule are then decided by PolicyApplicability.
        var candidates = db.DirectoryUsers.AsNoTracking()
            .Where(u => db.GroupMemberships.Any(m => m.UserId == u.Id && included.Contains(m.GroupId)))
            .Where(u => db.MamRegistrations.Where(r => r.UserId == u.Id && apps.Contains(r.AppId)).Select(r => r.AppId).Distinct().Count() < apps.Length);
        var users = await candidates.Select(u => new { u.Id, u.DisplayName, u.UserPrincipalName }).ToListAsync(cancellationToken);
        var candidateIds = candidates.Select(u => u.Id);
        var memberships = (await db.GroupMemberships.AsNoTracking()
                .Where(m => assigned.Contains(m.GroupId) && candidateIds.Contains(m.UserId))
                .Select(m => new { m.UserId, m.GroupId })
                .ToListAsync(cancellationToken))
            .ToLookup(m => m.UserId, m => m.GroupId, StringComparer.Ordinal);
        var registered = (await db.MamRegistrations.AsNoTracking()
                .Where(r => candidateIds.Contains(r.UserId))
                .Select(r => new { r.UserId, r.AppId })
                .Distinct()
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.UserId, r => r.AppId, StringComparer.Ordinal);

        var matches = new List<TargetedUserRow>();
        foreach (var user in users)
        {
            var groups = new HashSet<string>(memberships[user.Id], StringComparer.OrdinalIgnoreCase);
            var registeredApps = registered[user.Id].ToHashSet(StringComparer.Ordinal);
            var missing = Targeting(policies, groups).Where(t => !registeredApps.Contains(t.AppId)).ToList();
            if (missing.Count > 0)
            {
                matches.Add(new TargetedUserRow(user.Id, user.DisplayName, user.UserPrincipalName,
                    [.. missing.Select(t => t.AppId)],
                    [.. missing.SelectMany(t => t.PolicyNames).Distinct(StringComparer.Ordinal)]));
            }
        }
        var page = matches
            .OrderBy(u => u.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .ThenBy(u => u.UserPrincipalName, StringComparer.OrdinalIgnoreCase)
            .Skip(skip).Take(take)
            .ToList();
        return ServiceResult<PagedResult<TargetedUserRow>>.Success(new(page, matches.Count));
    }

    /// <summary>The policy's Deployment status, computed now; NotFound for no such policy.</summary>
    public async Task<ServiceResult<PolicyDeploymentSummary>> GetDeploymentSummaryAsync(Actor actor, string policyId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.May(ReadPermission))
        {
            return ServiceResult<PolicyDeploymentSummary>.Forbidden(ReadPermission);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var policy = await db.WindowsManagedAppProtections.AsNoTracking().Include(p => p.Assignments)
            .SingleOrDefaultAsync(p => p.Id == policyId, cancellationToken);
        if (policy is null)
        {
            return ServiceResult<PolicyDeploymentSummary>.NotFound("id", "This policy no longer exists. It may have been deleted.");
        }

        var assignments = policy.Assignments.ToList();
        var groupIds = assignments.Select(a => a.GroupId).Distinct().ToArray();
        var memberships = await db.GroupMemberships.AsNoTracking()
            .Where(m => groupIds.Contains(m.GroupId))
            .Select(m => new { m.UserId, m.GroupId })
            .ToListAsync(cancellationToken);
        var targeted = memberships
            .GroupBy(m => m.UserId, StringComparer.Ordinal)
            .Count(user =>
            {
                var groups = new HashSet<string>(user.Select(m => m.GroupId), StringComparer.OrdinalIgnoreCase);
                return policy.Apps.Any(app => PolicyApplicability.AppliesTo(assignments, policy.Apps, app, groups));
            });

        // PolicyNames is "; "-joined: match the whole name, as the status report's Policy filter does.
        var needle = $"; {policy.DisplayName}; ";
        var applied = db.MamRegistrations.AsNoTracking().Where(r => ("; " + r.PolicyNames + "; ").Contains(needle));
        var appliedUsers = await applied.Select(r => r.UserId).Distinct().CountAsync(cancellationToken);
        var perApp = (await applied.Select(r => new { r.AppId, r.UserId }).Distinct().ToListAsync(cancellationToken))
            .GroupBy(r => r.AppId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return ServiceResult<PolicyDeploymentSummary>.Success(new PolicyDeploymentSummary(
            policy.Id,
            policy.DisplayName,
            policy.Version,
            targeted,
            appliedUsers,
            [.. policy.Apps.Select(app => new AppDeployment(app, perApp.GetValueOrDefault(app)))],
            clock.GetUtcNow().UtcDateTime));
    }

    private static async Task<List<TargetingPolicy>> LoadPoliciesAsync(AdminCenterDbContext db, CancellationToken cancellationToken)
    {
        var policies = await db.WindowsManagedAppProtections.AsNoTracking().Include(p => p.Assignments).ToListAsync(cancellationToken);
        return [.. policies
            .OrderBy(p => p.DisplayName, StringComparer.CurrentCultureIgnoreCase)
            .Select(p => new TargetingPolicy(p.DisplayName, p.Assignments.ToList(), p.Apps))];
    }

    /// <summary>Each app some policy targets for a user in <paramref name="groups"/>, with those policies' names.</summary>
    private static IEnumerable<(string AppId, IReadOnlyList<string> PolicyNames)> Targeting(IReadOnlyList<TargetingPolicy> policies, IReadOnlySet<string> groups) =>
        policies
            .SelectMany(p => p.Apps.Distinct(StringComparer.Ordinal)
                .Where(app => PolicyApplicability.AppliesTo(p.Assignments, p.Apps, app, groups))
                .Select(app => (App: app, p.DisplayName)))
            .GroupBy(t => t.App, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(t => t.DisplayName)]));

    private static string[] SplitNames(string policyNames) =>
        policyNames.Split("; ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private sealed record TargetingPolicy(string DisplayName, IReadOnlyList<PolicyAssignment> Assignments, IReadOnlyList<string> Apps);
}

using System.Runtime.CompilerServices;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Audit;

/// <summary>
/// Which events to list. <see cref="From"/> and <see cref="To"/> are inclusive UTC bounds; text filters match exactly
/// (Initiated by ignoring case), as the page offers them from the stored values.
/// </summary>
public sealed record AuditEventFilter
{
    public DateTime? From { get; init; }

    public DateTime? To { get; init; }

    public string? Category { get; init; }

    public string? InitiatedBy { get; init; }

    public string? Activity { get; init; }
}

/// <summary>Reads the audit log (Tenant administration > Audit logs, its CSV and the Graph API), newest first.</summary>
public sealed class AuditEventQueries(IDbContextFactory<AdminCenterDbContext> dbFactory, TimeProvider timeProvider)
{
    /// <summary>Events are kept a year (spec 06), then the retention job removes them.</summary>
    public static readonly TimeSpan RetentionPeriod = TimeSpan.FromDays(365);

    public async Task<PagedResult<AuditEvent>> ListAsync(AuditEventFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Apply(db.AuditEvents.AsNoTracking(), filter);
        var total = await query.CountAsync(cancellationToken);
        var items = await Newest(query).Skip(Math.Max(0, skip)).Take(Math.Max(0, take)).ToListAsync(cancellationToken);
        return new(items, total);
    }

    public async Task<AuditEvent?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEvents.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, cancellationToken);
    }

    /// <summary>Every event of the filter, streamed (the CSV export), newest first.</summary>
    public async IAsyncEnumerable<AuditEvent> StreamAsync(AuditEventFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await foreach (var item in Newest(Apply(db.AuditEvents.AsNoTracking(), filter)).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return item;
        }
    }

    /// <summary>The distinct initiators and activities recorded, for the page's filter choices.</summary>
    public async Task<(IReadOnlyList<string> Initiators, IReadOnlyList<string> Activities)> ListChoicesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var initiators = await db.AuditEvents.Select(e => e.InitiatedBy).Distinct().ToListAsync(cancellationToken);
        var activities = await db.AuditEvents.Select(e => e.Activity).Distinct().ToListAsync(cancellationToken);
        return ([.. initiators.Order(StringComparer.OrdinalIgnoreCase)], [.. activities.Order(StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>Removes events older than <see cref="RetentionPeriod"/>; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken = default)
    {
        var cutoff = timeProvider.GetUtcNow().UtcDateTime - RetentionPeriod;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEvents.Where(e => e.ActivityDateTime < cutoff).ExecuteDeleteAsync(cancellationToken);
    }

    private static IQueryable<AuditEvent> Apply(IQueryable<AuditEvent> query, AuditEventFilter filter)
    {
        if (filter.From is { } from)
        {
            query = query.Where(e => e.ActivityDateTime >= from);
        }
        if (filter.To is { } to)
        {
            query = query.Where(e => e.ActivityDateTime <= to);
        }
        if (!string.IsNullOrWhiteSpace(filter.Category))
        {
            query = query.Where(e => e.Category == filter.Category);
        }
        if (!string.IsNullOrWhiteSpace(filter.InitiatedBy))
        {
            // NOCASE ignores case only, so lookalikes are not merged (practice: identities). SQLite has it built in (ASCII);
            // on PostgreSQL it is an ICU collation of the same name (SqlDialect.PostgreSqlSchemaObjects).
            query = query.Where(e => EF.Functions.Collate(e.InitiatedBy, "NOCASE") == filter.InitiatedBy);
        }
        if (!string.IsNullOrWhiteSpace(filter.Activity))
        {
            query = query.Where(e => e.Activity == filter.Activity);
        }
        return query;
    }

    private static IQueryable<AuditEvent> Newest(IQueryable<AuditEvent> query) =>
        query.OrderByDescending(e => e.ActivityDateTime).ThenByDescending(e => e.Id);
}

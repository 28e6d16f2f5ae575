using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Mam;

/// <summary>A registration as Graph's <c>managedAppRegistrations</c> lists it.</summary>
public sealed record ManagedAppRegistrationRecord(
    string Id,
    string UserId,
    string AzureAdDeviceId,
    string? DeviceName,
    string? DeviceModel,
    string? DeviceManufacturer,
    string? PlatformVersion,
    string? AppVersion,
    string? SdkVersion,
    string AppId,
    DateTime EnrolledDateTime,
    DateTime LastCheckInDateTime);

/// <summary>One page of registrations, whether more follow, and the total when it was asked for.</summary>
public sealed record ManagedAppRegistrationPage(IReadOnlyList<ManagedAppRegistrationRecord> Items, bool HasMore, int? TotalCount);

/// <summary>
/// Reads registrations page by page for the API (spec 05 §1). Paged in SQL by id, the primary key: tenants hold
/// 100,000+ registrations, and the total is counted only when asked for.
/// </summary>
public sealed class ManagedAppRegistrationQueries(IDbContextFactory<AdminCenterDbContext> dbFactory)
{
    public const int MaxPageSize = 999;

    public async Task<ManagedAppRegistrationPage> ListAsync(string? userId, int skip, int take, bool count, CancellationToken cancellationToken = default)
    {
        skip = Math.Max(0, skip);
        take = Math.Clamp(take, 0, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var matching = db.MamRegistrations.AsNoTracking();
        if (userId is not null)
        {
            matching = matching.Where(r => r.UserId == userId);
        }
        int? total = count ? await matching.CountAsync(cancellationToken) : null;
        // One row past the page tells whether another page follows without counting them all.
        var rows = await matching.OrderBy(r => r.Id).Skip(skip).Take(take + 1).Select(Record).ToListAsync(cancellationToken);
        var hasMore = rows.Count > take;
        return new(hasMore ? rows[..take] : rows, hasMore, total);
    }

    public async Task<ManagedAppRegistrationRecord?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.MamRegistrations.AsNoTracking().Where(r => r.Id == id).Select(Record).SingleOrDefaultAsync(cancellationToken);
    }

    private static readonly System.Linq.Expressions.Expression<Func<MamRegistration, ManagedAppRegistrationRecord>> Record = r =>
        new ManagedAppRegistrationRecord(r.Id, r.UserId, r.AzureAdDeviceId, r.DeviceName, r.DeviceModel, r.DeviceManufacturer,
            r.PlatformVersion, r.AppVersion, r.SdkVersion, r.AppId, r.EnrolledDateTime, r.LastCheckInDateTime);
}

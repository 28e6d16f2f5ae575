using AdminCenter.Core.Filters;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.AppConfiguration;

/// <summary>
/// What a registration was given at its last check-in (spec 07 monitoring): the policies that applied, the settings
/// delivered (tokens replaced) and the conflicts withheld. One per registration; it goes with the registration.
/// </summary>
public sealed class AppConfigurationDeliveryRecord
{
    private AppConfigurationDeliveryRecord()
    {
    }

    public string RegistrationId { get; private set; } = "";

    public string UserId { get; private set; } = "";

    public string UserPrincipalName { get; private set; } = "";

    public string AppId { get; private set; } = "";

    public string AzureAdDeviceId { get; private set; } = "";

    public string? DeviceName { get; private set; }

    public DateTime DeliveredDateTime { get; private set; }

    public List<AppliedConfigurationPolicy> Policies { get; private set; } = [];

    public List<AppConfigSetting> Settings { get; private set; } = [];

    public List<AppConfigurationConflict> Conflicts { get; private set; } = [];

    /// <summary>Whether any setting was withheld, for the report's filter.</summary>
    public bool HasConflicts { get; private set; }

    internal static AppConfigurationDeliveryRecord For(MamRegistration registration) => new()
    {
        RegistrationId = registration.Id,
        UserId = registration.UserId,
        AppId = registration.AppId,
        AzureAdDeviceId = registration.AzureAdDeviceId,
    };

    internal void Record(MamRegistration registration, AppConfigurationDeliveryResult result, DateTime nowUtc)
    {
        UserPrincipalName = registration.UserPrincipalName;
        DeviceName = registration.DeviceName;
        DeliveredDateTime = nowUtc;
        Policies = [.. result.Policies];
        Settings = [.. result.Settings];
        Conflicts = [.. result.Conflicts];
        HasConflicts = result.Conflicts.Count > 0;
    }
}

/// <summary>Delivery at check-in: computes what the registration gets and stores it with the check-in's own save.</summary>
public static class AppConfigurationCheckIn
{
    /// <summary>
    /// The app configuration for <paramref name="registration"/> now, recorded on <paramref name="db"/> (saved by the
    /// caller's SaveChanges, inside its check-in transaction).
    /// </summary>
    public static Task<AppConfigurationDeliveryResult> DeliverAsync(
        AdminCenterDbContext db, MamRegistration registration, DirectoryUser user, IReadOnlySet<string> groupIds, DateTime nowUtc,
        CancellationToken cancellationToken) =>
        DeliverAsync(db, registration, user, groupIds, filters: null, nowUtc, cancellationToken);

    /// <summary>
    /// As above; <paramref name="filters"/> are the tenant's compiled assignment filters when the caller has them loaded
    /// already (null: loaded here when some assignment has a filter). Filters see the registration as of this check-in.
    /// </summary>
    public static async Task<AppConfigurationDeliveryResult> DeliverAsync(
        AdminCenterDbContext db, MamRegistration registration, DirectoryUser user, IReadOnlySet<string> groupIds,
        IReadOnlyDictionary<string, CompiledFilter>? filters, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(registration);
        ArgumentNullException.ThrowIfNull(user);
        var policies = await db.TargetedManagedAppConfigurations.AsNoTracking().Include(p => p.Assignments).ToListAsync(cancellationToken);
        FilterFacts? facts = null;
        if (policies.Any(p => p.Assignments.Any(a => a.FilterId is not null)))
        {
            filters ??= await AssignmentFilterService.LoadCompiledAsync(db, cancellationToken);
            facts = new FilterFacts(registration.AppVersion, registration.DeviceManufacturer, registration.DeviceModel, registration.PlatformVersion);
        }
        var result = AppConfigurationDelivery.Compute(
            [.. policies.Select(p => new AppConfigurationForDelivery(p.Id, p.DisplayName, p.Assignments, p.Apps, [.. p.EdgeSettings, .. p.GeneralSettings]))],
            registration.AppId, groupIds, new TokenUser(user.Id, user.UserPrincipalName, user.DisplayName), filters, facts);
        var record = await db.AppConfigurationDeliveries.SingleOrDefaultAsync(r => r.RegistrationId == registration.Id, cancellationToken);
        if (record is null)
        {
            record = AppConfigurationDeliveryRecord.For(registration);
            db.AppConfigurationDeliveries.Add(record);
        }
        record.Record(registration, result, nowUtc);
        return result;
    }
}

using System.Diagnostics;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Jobs;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.Roles;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminCenter.Core.Demo;

/// <summary>What a seeding run did; <see cref="Seeded"/> false when the tenant was not empty and was left alone.</summary>
public sealed record DemoSeedResult(bool Seeded, int Users, int Groups, int Policies, int Registrations, int HealthReportsAccepted, TimeSpan Elapsed)
{
    public static DemoSeedResult Skipped { get; } = new(false, 0, 0, 0, 0, 0, TimeSpan.Zero);
}

/// <summary>
/// Fills an empty tenant with the demo tenant (spec 01, <c>--seed-demo</c>): users, groups, the Windows Security Center
/// connector, a Level 1/2/3 policy set, about 200 MAM registrations with health reports, wipe requests and sign-in log
/// entries. Everything evaluation touches goes through the Core services, so outcomes, history and the connector's
/// status are the real ones. Deterministic: a seeded <see cref="Random"/> picks every device and report.
/// </summary>
public sealed partial class DemoTenantSeeder(
    IDbContextFactory<AdminCenterDbContext> dbFactory,
    UserService users,
    GroupService groups,
    AppProtectionPolicyService policies,
    MtdConnectorService connectors,
    HealthReportIngestion healthReports,
    RegistrationReevaluator reevaluator,
    JobLeases leases,
    TimeProvider timeProvider,
    ILogger<DemoTenantSeeder> logger)
{
    /// <summary>The lease seeding runs under, one per database.</summary>
    public const string LeaseName = "DemoTenantSeeding";

    public const int RandomSeed = 20261125;
    public const int RegistrationCount = 200;
    public const string Level1PolicyName = "Edge – Level 1 basic";
    public const string Level2PolicyName = "Edge – Level 2 enhanced";
    public const string Level3PolicyName = "Edge – Level 3 high";

    // Their first device has been offline for five weeks: Level 2's 30-day offline rule wipes it.
    private static readonly HashSet<string> LongOfflineUsers = ["patti.fernandez@contoso.com", "emily.braun@contoso.com"];

    /// <summary>
    /// Seeds the demo tenant when the directory has no users; otherwise changes nothing and says so in the log. Instances
    /// starting together on an empty database seed it once: they take turns under one lease, and the ones after the first
    /// find users.
    /// </summary>
    public async Task<DemoSeedResult> SeedIfEmptyAsync(CancellationToken cancellationToken = default)
    {
        await using var lease = await leases.AcquireAsync(LeaseName, cancellationToken);
        return await SeedIfEmptyUnderLeaseAsync(cancellationToken);
    }

    private async Task<DemoSeedResult> SeedIfEmptyUnderLeaseAsync(CancellationToken cancellationToken)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.DirectoryUsers.AnyAsync(cancellationToken))
            {
                LogTenantNotEmpty();
                return DemoSeedResult.Skipped;
            }
        }

        var stopwatch = Stopwatch.StartNew();
        var random = new Random(RandomSeed);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var userIds = await CreateUsersAsync(cancellationToken);
        var groupIds = await CreateGroupsAsync(userIds, cancellationToken);
        Require(await connectors.CreateAsync(PartnerCatalog.WindowsSecurityCenterId, null, Actor.System, cancellationToken), "the Windows Security Center connector");
        var policyCount = await CreatePoliciesAsync(groupIds, cancellationToken);
        var devices = await EnrollDevicesAsync(random, now, cancellationToken);
        var accepted = await SendHealthReportsAsync(random, devices, now, cancellationToken);
        foreach (var user in DemoDirectory.Users.Where(u => u.Disabled))
        {
            Require(await users.SetAccountEnabledAsync(userIds[user.UserPrincipalName], false, Actor.System, cancellationToken), $"disabling {user.UserPrincipalName}");
        }
        // What the background job does after admin changes; here it also applies offline grace periods as of now.
        await reevaluator.ReevaluateAllAsync(cancellationToken);
        await DemoActivity.AddWipeRequestsAndSignInsAsync(dbFactory, random, groupIds, now, cancellationToken);

        var result = new DemoSeedResult(true, userIds.Count, groupIds.Count, policyCount, devices.Count, accepted, stopwatch.Elapsed);
        LogSeeded(result.Users, result.Groups, result.Policies, result.Registrations, result.HealthReportsAccepted, (long)result.Elapsed.TotalMilliseconds);
        return result;
    }

    private async Task<Dictionary<string, string>> CreateUsersAsync(CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in DemoDirectory.Users)
        {
            var created = Require(await users.CreateUserAsync(new UserInput(user.UserPrincipalName, user.DisplayName), Actor.System, cancellationToken), user.UserPrincipalName);
            ids[user.UserPrincipalName] = created.Id;
        }
        return ids;
    }

    private async Task<Dictionary<string, string>> CreateGroupsAsync(Dictionary<string, string> userIds, CancellationToken cancellationToken)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in DemoDirectory.Groups)
        {
            var members = DemoDirectory.Users.Where(u => u.Groups.Contains(group.DisplayName)).Select(u => userIds[u.UserPrincipalName]).ToList();
            var created = Require(await groups.CreateGroupAsync(new GroupInput(group.DisplayName, group.Description), members, Actor.System, cancellationToken), group.DisplayName);
            ids[group.DisplayName] = created.Id;
        }
        return ids;
    }

    private async Task<int> CreatePoliciesAsync(Dictionary<string, string> groupIds, CancellationToken cancellationToken)
    {
        (PolicyTemplateLevel Level, string Name, string[] Included, string[] Excluded)[] set =
        [
            (PolicyTemplateLevel.Level1Basic, Level1PolicyName, [DemoDirectory.Sales, DemoDirectory.Marketing, DemoDirectory.Contractors], []),
            (PolicyTemplateLevel.Level2Enhanced, Level2PolicyName, [DemoDirectory.Finance, DemoDirectory.InformationTechnology], [DemoDirectory.Executives]),
            (PolicyTemplateLevel.Level3High, Level3PolicyName, [DemoDirectory.Executives], []),
        ];
        foreach (var (level, name, included, excluded) in set)
        {
            var draft = PolicyTemplates.Create(level) with
            {
                DisplayName = name,
                IncludedGroupIds = included.Select(g => groupIds[g]).ToList(),
                ExcludedGroupIds = excluded.Select(g => groupIds[g]).ToList(),
            };
            Require(await policies.CreateAsync(draft, Actor.System, cancellationToken), name);
        }
        return set.Length;
    }

    /// <summary>
    /// Two check-ins per device, on a clock set back in time: the enrollment weeks ago (with an older Edge), then the
    /// latest check-in minutes to days ago. Through <see cref="MamCheckInService"/> itself, so evaluation is the real one.
    /// </summary>
    private async Task<List<EnrolledDevice>> EnrollDevicesAsync(Random random, DateTime now, CancellationToken cancellationToken)
    {
        var clock = new DemoClock(now);
        // Its own instance only for the clock; one log line per demo enrollment would drown the start-up log.
        var checkIns = new MamCheckInService(dbFactory, connectors, clock, NullLogger<MamCheckInService>.Instance);
        var enrolled = new List<EnrolledDevice>(RegistrationCount);
        foreach (var (user, deviceCount) in DeviceCounts(random))
        {
            for (var d = 0; d < deviceCount; d++)
            {
                var current = DemoDevices.Create(random, user.DisplayName);
                var lastCheckIn = d == 0 && LongOfflineUsers.Contains(user.UserPrincipalName)
                    ? now.AddDays(-35).AddMinutes(-random.Next(600))
                    : now - LastSyncAge(random);
                var enrolledAt = lastCheckIn.AddDays(-random.Next(1, 60)).AddMinutes(-random.Next(1440));
                var first = current with { AppVersion = DemoDevices.EdgeVersions[Math.Max(0, DemoDevices.EdgeVersions.ToList().IndexOf(current.AppVersion) - 1)] };

                clock.NowUtc = enrolledAt;
                Require(await checkIns.CheckInAsync(first.CheckIn(user.UserPrincipalName), cancellationToken), $"enrolling {current.DeviceName}");
                clock.NowUtc = lastCheckIn;
                Require(await checkIns.CheckInAsync(current.CheckIn(user.UserPrincipalName), cancellationToken), $"checking in {current.DeviceName}");
                enrolled.Add(new EnrolledDevice(user.UserPrincipalName, current, enrolledAt, lastCheckIn));
            }
        }
        return enrolled;
    }

    /// <summary>
    /// Windows Security Center's reports: about one device in ten never reports; a quarter of the others reported a
    /// different level earlier, so the history has something to show. Older reports go first, as they would have.
    /// </summary>
    private async Task<int> SendHealthReportsAsync(Random random, List<EnrolledDevice> devices, DateTime now, CancellationToken cancellationToken)
    {
        var earlier = new List<HealthReportInput>();
        var current = new List<HealthReportInput>();
        foreach (var device in devices)
        {
            if (random.Next(10) == 0)
            {
                continue;
            }
            var level = ThreatLevel(random);
            if (random.Next(4) == 0)
            {
                earlier.Add(Report(device, ThreatLevel(random), device.EnrolledUtc.AddHours(1)));
            }
            var reported = device.LastCheckInUtc.AddMinutes(random.Next(1, 30));
            current.Add(Report(device, level, reported > now ? now : reported));
        }
        var accepted = 0;
        foreach (var batch in new[] { earlier, current }.Where(b => b.Count > 0).SelectMany(b => b.Chunk(HealthReportIngestion.MaxBatchSize)))
        {
            var answers = Require(await healthReports.IngestAsync(PartnerCatalog.WindowsSecurityCenterId, batch, cancellationToken), "health reports");
            accepted += answers.Count(a => a.Accepted);
            foreach (var refused in answers.Where(a => !a.Accepted))
            {
                LogReportRefused(refused.Reason ?? "");
            }
        }
        return accepted;
    }

    private static HealthReportInput Report(EnrolledDevice device, string level, DateTime reportedUtc) =>
        new(device.UserPrincipalName, WindowsPolicyDraft.EdgeAppId, device.Device.AzureAdDeviceId, level, reportedUtc);

    /// <summary>Three to seven devices per user, evened out to exactly <see cref="RegistrationCount"/>.</summary>
    private static List<(DemoUser User, int Devices)> DeviceCounts(Random random)
    {
        var counts = DemoDirectory.Users.Select(_ => random.Next(3, 8)).ToArray();
        for (var i = 0; counts.Sum() != RegistrationCount; i = (i + 1) % counts.Length)
        {
            counts[i] += counts.Sum() < RegistrationCount ? 1 : counts[i] > 1 ? -1 : 0;
        }
        return DemoDirectory.Users.Select((u, i) => (u, counts[i])).ToList();
    }

    /// <summary>Mostly within the last hours; some a day or more, which Level 2/3's one-day offline rule blocks.</summary>
    private static TimeSpan LastSyncAge(Random random) => TimeSpan.FromSeconds(random.Next(60)) + random.Next(100) switch
    {
        < 65 => TimeSpan.FromMinutes(random.Next(2, 120)),
        < 85 => TimeSpan.FromMinutes(random.Next(120, 1380)),
        < 96 => TimeSpan.FromMinutes(random.Next(1500, 4 * 1440)),
        _ => TimeSpan.FromMinutes(random.Next(7 * 1440 + 60, 9 * 1440)),
    };

    private static string ThreatLevel(Random random) => random.Next(100) switch
    {
        < 62 => "secured",
        < 82 => "low",
        < 93 => "medium",
        _ => "high",
    };

    private static T Require<T>(ServiceResult<T> result, string what) => result.Succeeded
        ? result.Value!
        : throw new InvalidOperationException($"Seeding the demo tenant failed at {what}: {string.Join(" ", result.Problems.Select(p => p.Message))}");

    private sealed record EnrolledDevice(string UserPrincipalName, DemoDevice Device, DateTime EnrolledUtc, DateTime LastCheckInUtc);

    [LoggerMessage(Level = LogLevel.Information, Message = "The tenant already has users; the demo tenant is not seeded and nothing was changed")]
    private partial void LogTenantNotEmpty();

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Seeded the demo tenant: {Users} users, {Groups} groups, {Policies} policies, {Registrations} registrations, {Reports} health reports in {ElapsedMs} ms")]
    private partial void LogSeeded(int users, int groups, int policies, int registrations, int reports, long elapsedMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A demo health report was refused: {Reason}")]
    private partial void LogReportRefused(string reason);
}

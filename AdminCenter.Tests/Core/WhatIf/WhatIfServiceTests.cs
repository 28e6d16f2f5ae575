using System.Security.Cryptography;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Core.WhatIf;
using AdminCenter.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.WhatIf;

public sealed class WhatIfServiceTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
    private readonly WhatIfService _whatIf;

    public WhatIfServiceTests()
    {
        _whatIf = new WhatIfService(_database, _clock);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task EvaluateAsync_HighThreatOnLevel3User_BlocksWithTheThreatReason()
    {
        var (userId, _) = await Level3TenantAsync();

        var result = await _whatIf.EvaluateAsync(userId, Scenario(DeviceThreatLevel.High));

        Assert.NotNull(result);
        Assert.Equal(EvaluationOutcome.Block, result.Outcome);
        var threat = Assert.Single(result.Reasons, r => r.Setting == EvaluationExplainer.ThreatLevelSetting);
        Assert.Equal("High", threat.Actual);
        Assert.Equal(["Edge level 3"], result.PolicyNames);
    }

    [Fact]
    public async Task EvaluateAsync_ConditionalAccessOnForTheUsersGroup_ReportsTheBlockWithRemediation()
    {
        var (userId, _) = await Level3TenantAsync();
        await using (var db = _database.CreateDbContext())
        {
            var groupId = await db.GroupMemberships.Where(m => m.UserId == userId).Select(m => m.GroupId).SingleAsync();
            var access = new ConditionalAccessPolicy();
            access.Change(ConditionalAccessState.On, [groupId], [], _clock.GetUtcNow().UtcDateTime, "admin");
            db.ConditionalAccessPolicies.Add(access);
            await db.SaveChangesAsync();
        }

        var blocked = await _whatIf.EvaluateAsync(userId, Scenario(DeviceThreatLevel.High));
        var granted = await _whatIf.EvaluateAsync(userId, Scenario(DeviceThreatLevel.Secured));

        Assert.False(blocked!.ConditionalAccess.Granted);
        Assert.Contains(blocked.ConditionalAccess.Remediation, r => r.Contains("Open Windows Security", StringComparison.Ordinal));
        Assert.True(granted!.ConditionalAccess.Granted);
    }

    [Fact]
    public async Task EvaluateAsync_SecuredAndCurrent_Allows()
    {
        var (userId, _) = await Level3TenantAsync();

        var result = await _whatIf.EvaluateAsync(userId, Scenario(DeviceThreatLevel.Secured) with { PlatformVersion = "10.0.22631.4460" });

        Assert.Equal(EvaluationOutcome.Allow, result!.Outcome);
    }

    [Fact]
    public async Task EvaluateAsync_UnknownUser_IsNull()
    {
        Assert.Null(await _whatIf.EvaluateAsync(Guid.NewGuid().ToString(), Scenario(null)));
    }

    [Fact]
    public async Task WhatIfAndPreview_Run_LeaveTheDatabaseByteForByteUnchanged()
    {
        var (userId, policyId) = await Level3TenantAsync();
        await EnrollAsync(userId, "10.0.19045.1000");
        var before = Snapshot();
        var policies = new AppProtectionPolicyService(_database, _clock, NullLogger<AppProtectionPolicyService>.Instance);
        var draft = (await policies.GetAsync(policyId))!.Draft;

        await _whatIf.EvaluateAsync(userId, Scenario(DeviceThreatLevel.High));
        await _whatIf.PreviewPolicyChangeAsync(policyId, draft with { HealthChecks = [] });

        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task PreviewPolicyChangeAsync_RemovingTheOsRule_ListsTheRegistrationThatWouldBeAllowed()
    {
        var (userId, policyId) = await Level3TenantAsync(threatRow: false);
        await EnrollAsync(userId, "10.0.19045.1000");
        var policies = new AppProtectionPolicyService(_database, _clock, NullLogger<AppProtectionPolicyService>.Instance);
        var draft = (await policies.GetAsync(policyId))!.Draft;
        var withoutOsRules = draft with
        {
            HealthChecks = draft.HealthChecks.Where(r => r.Setting is not HealthCheckSetting.MinOsVersion and not HealthCheckSetting.MaxOsVersion).ToList(),
        };

        var preview = await _whatIf.PreviewPolicyChangeAsync(policyId, withoutOsRules);

        Assert.Equal(1, preview.Evaluated);
        var affected = Assert.Single(preview.Registrations);
        Assert.Equal(EvaluationOutcome.Block, affected.CurrentOutcome);
        Assert.Equal(EvaluationOutcome.Allow, affected.NewOutcome);
    }

    private static WhatIfScenario Scenario(DeviceThreatLevel? level) =>
        new(WindowsPolicyDraft.EdgeAppId, "10.0.22631.4460", "131.0.2903.70", "1.0.0", level, TimeSpan.Zero);

    /// <summary>A user in a group with the Level 3 policy and a working Windows Security Center connector.</summary>
    private async Task<(string UserId, string PolicyId)> Level3TenantAsync(bool threatRow = true)
    {
        var users = new UserService(_database, _clock, NullLogger<UserService>.Instance);
        var groups = new GroupService(_database, _clock, NullLogger<GroupService>.Instance);
        var policies = new AppProtectionPolicyService(_database, _clock, NullLogger<AppProtectionPolicyService>.Instance);
        var connectors = new MtdConnectorService(_database, _clock, NullLogger<MtdConnectorService>.Instance);
        var user = (await users.CreateUserAsync(new UserInput("megan@contoso.com", "Megan Bowen"), actor: TestActors.System)).Value!;
        var group = (await groups.CreateGroupAsync(new GroupInput("Finance", null), [user.Id], actor: TestActors.System)).Value!;
        var level3 = PolicyTemplates.Create(PolicyTemplateLevel.Level3High);
        var draft = level3 with
        {
            DisplayName = "Edge level 3",
            IncludedGroupIds = [group.Id],
            HealthChecks = threatRow ? level3.HealthChecks : level3.HealthChecks.Where(r => r.Setting != HealthCheckSetting.MaxAllowedDeviceThreatLevel).ToList(),
        };
        var policy = (await policies.CreateAsync(draft, TestActors.Named("admin"))).Value!;
        await connectors.CreateAsync(PartnerCatalog.WindowsSecurityCenterId, null, TestActors.Named("admin"));
        await connectors.RecordAppProtectionActivityAsync("test");
        return (user.Id, policy.Id);
    }

    private async Task EnrollAsync(string userId, string platformVersion)
    {
        await using var db = _database.CreateDbContext();
        var now = _clock.GetUtcNow().UtcDateTime;
        var registration = MamRegistration.Enroll(userId, "megan@contoso.com", WindowsPolicyDraft.EdgeAppId, "device-1", now);
        registration.CheckIn(new MamDeviceInfo("MEGAN-LAPTOP", "Surface", "Microsoft", platformVersion, "131.0.2903.70", "1.0.0"), now);
        registration.SetEvaluation(EvaluationOutcome.Block, "Edge level 3", 0, now);
        db.MamRegistrations.Add(registration);
        await db.SaveChangesAsync();
    }

    /// <summary>What a what-if must not change: the whole database, in the form the provider allows.</summary>
    private string Snapshot() => TestProvider.Current == DatabaseProvider.PostgreSql ? PostgreSqlSnapshot() : SqliteSnapshot();

    /// <summary>
    /// PostgreSQL has no database file to hash: a checksum of every row of every table (in a fixed order), and every
    /// sequence's position, so that any insert, update, delete or consumed id shows.
    /// </summary>
    private string PostgreSqlSnapshot()
    {
        using var db = _database.CreateDbContext();
        var tables = db.Database.SqlQueryRaw<string>(
            "SELECT tablename AS \"Value\" FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename").ToList();
        var sequences = db.Database.SqlQueryRaw<string>(
            "SELECT sequencename AS \"Value\" FROM pg_sequences WHERE schemaname = 'public' ORDER BY sequencename").ToList();
        Assert.Contains("MamRegistrations", tables);
        // Identifiers cannot be parameters; these names come from the catalog just read.
        var checksums = tables.Select(table => (table, sql: $"""SELECT count(*) || '/' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') AS "Value" FROM "{table}" t"""))
            .Concat(sequences.Select(sequence => (table: sequence, sql: $"""SELECT last_value || '/' || is_called AS "Value" FROM "{sequence}" """)));
        return string.Join(";", checksums.Select(c => $"{c.table}:" + Scalar(db, c.sql)));
    }

    private static string Scalar(AdminCenterDbContext db, string sql) => db.Database.SqlQueryRaw<string>(sql).Single();

    /// <summary>The database file's bytes after folding the write-ahead log in.</summary>
    private string SqliteSnapshot()
    {
        using (var db = _database.CreateDbContext())
        {
            db.Database.ExecuteSqlRaw("PRAGMA wal_checkpoint(TRUNCATE);");
        }
        SqliteConnection.ClearAllPools();
        string path;
        using (var db = _database.CreateDbContext())
        {
            path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        }
        return Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));
    }
}

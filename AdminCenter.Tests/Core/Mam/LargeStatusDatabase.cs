using AdminCenter.Core.Persistence;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Core.Mam;

/// <summary>
/// 20,000 users with 100,000 registrations (five devices each), written in one SQL statement per table so the fixture
/// takes about a second. Outcomes, threat levels, policies and sync times are spread so that every filter keeps a share.
/// </summary>
public sealed class LargeStatusDatabase : IDisposable
{
    public const int UserCount = 20_000;
    public const int RegistrationCount = 100_000;

    public LargeStatusDatabase()
    {
        using var db = Database.CreateDbContext();
        if (TestProvider.Current == DatabaseProvider.PostgreSql)
        {
            FillPostgreSql(db);
            return;
        }
        db.Database.ExecuteSql($"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {UserCount})
            INSERT INTO "Users" ("Id", "UserPrincipalName", "NormalizedUserPrincipalName", "DisplayName", "AccountEnabled", "CreatedDateTime", "LastModifiedDateTime")
            SELECT printf('user-%05d', i), printf('user%05d@contoso.com', i), printf('USER%05d@CONTOSO.COM', i), printf('User %05d', i), 1,
                   '2026-01-01 00:00:00', '2026-01-01 00:00:00'
            FROM n
            """);
        db.Database.ExecuteSql($"""
            WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < {RegistrationCount})
            INSERT INTO "MamRegistrations" ("Id", "UserId", "UserPrincipalName", "AppId", "AzureAdDeviceId", "DeviceName", "DeviceModel",
                "DeviceManufacturer", "PlatformVersion", "AppVersion", "SdkVersion", "EnrolledDateTime", "LastCheckInDateTime", "ThreatLevel",
                "ThreatReportedDateTime", "ThreatConnectorId", "Outcome", "OutcomeChangedDateTime", "EvaluationFingerprint", "PolicyNames")
            SELECT printf('reg-%06d', i), printf('user-%05d', i % {UserCount}), printf('user%05d@contoso.com', i % {UserCount}),
                   'com.microsoft.edge', printf('dev-%06d', i), printf('PC-%06d', i), 'Surface Laptop 5', 'Microsoft Corporation',
                   '10.0.22631.2506', '120.0.2210.91', '1.2.0', '2026-01-01 00:00:00',
                   strftime('%Y-%m-%d %H:%M:%S', '2026-11-25 08:00:00', printf('-%d seconds', (i * 7919) % 7776000)),
                   CASE i % 5 WHEN 0 THEN NULL ELSE i % 5 END,
                   CASE i % 5 WHEN 0 THEN NULL ELSE '2026-11-25 07:00:00' END,
                   CASE i % 5 WHEN 0 THEN NULL ELSE 'e6f777f8-e4c2-4a5b-be01-50b5c124bc7f' END,
                   CASE i % 7 WHEN 0 THEN 2 WHEN 1 THEN 1 WHEN 2 THEN 3 ELSE 0 END,
                   '2026-11-01 00:00:00', 0,
                   CASE i % 3 WHEN 0 THEN 'Edge level 2' WHEN 1 THEN 'Edge level 1; Contractors' ELSE '' END
            FROM n
            """);
    }

    public TestDatabase Database { get; } = new();

    // The same rows in PostgreSQL's functions (generate_series, lpad, timestamptz arithmetic).
    private static void FillPostgreSql(AdminCenterDbContext db)
    {
        db.Database.ExecuteSql($"""
            INSERT INTO "Users" ("Id", "UserPrincipalName", "NormalizedUserPrincipalName", "DisplayName", "AccountEnabled", "CreatedDateTime", "LastModifiedDateTime")
            SELECT 'user-' || lpad(i::text, 5, '0'), 'user' || lpad(i::text, 5, '0') || '@contoso.com', 'USER' || lpad(i::text, 5, '0') || '@CONTOSO.COM',
                   'User ' || lpad(i::text, 5, '0'), TRUE, timestamptz '2026-01-01 00:00:00+00', timestamptz '2026-01-01 00:00:00+00'
            FROM generate_series(0, {UserCount} - 1) AS n(i)
            """);
        db.Database.ExecuteSql($"""
            INSERT INTO "MamRegistrations" ("Id", "UserId", "UserPrincipalName", "AppId", "AzureAdDeviceId", "DeviceName", "DeviceModel",
                "DeviceManufacturer", "PlatformVersion", "AppVersion", "SdkVersion", "EnrolledDateTime", "LastCheckInDateTime", "ThreatLevel",
                "ThreatReportedDateTime", "ThreatConnectorId", "Outcome", "OutcomeChangedDateTime", "EvaluationFingerprint", "PolicyNames")
            SELECT 'reg-' || lpad(i::text, 6, '0'), 'user-' || lpad((i % {UserCount})::text, 5, '0'), 'user' || lpad((i % {UserCount})::text, 5, '0') || '@contoso.com',
                   'com.microsoft.edge', 'dev-' || lpad(i::text, 6, '0'), 'PC-' || lpad(i::text, 6, '0'), 'Surface Laptop 5', 'Microsoft Corporation',
                   '10.0.22631.2506', '120.0.2210.91', '1.2.0', timestamptz '2026-01-01 00:00:00+00',
                   timestamptz '2026-11-25 08:00:00+00' - make_interval(secs => (i * 7919) % 7776000),
                   CASE i % 5 WHEN 0 THEN NULL ELSE i % 5 END,
                   CASE i % 5 WHEN 0 THEN NULL ELSE timestamptz '2026-11-25 07:00:00+00' END,
                   CASE i % 5 WHEN 0 THEN NULL ELSE 'e6f777f8-e4c2-4a5b-be01-50b5c124bc7f' END,
                   CASE i % 7 WHEN 0 THEN 2 WHEN 1 THEN 1 WHEN 2 THEN 3 ELSE 0 END,
                   timestamptz '2026-11-01 00:00:00+00', 0,
                   CASE i % 3 WHEN 0 THEN 'Edge level 2' WHEN 1 THEN 'Edge level 1; Contractors' ELSE '' END
            FROM generate_series(0, {RegistrationCount} - 1) AS n(i)
            """);
    }

    public void Dispose() => Database.Dispose();
}

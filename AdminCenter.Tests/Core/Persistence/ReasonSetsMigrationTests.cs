using AdminCenter.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminCenter.Tests.Core.Persistence;

/// <summary>The migration that moved reasons out of the registrations and the history keeps what they held.</summary>
public sealed class ReasonSetsMigrationTests : IDisposable
{
    private const string BeforeReasonSets = "20261125091239_WipeRequestsAndConditionalAccess";
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"admincenter-migration-{Guid.NewGuid():N}.db");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task Migrate_RegistrationReasonsAndHistorySummaries_MoveIntoReasonSets()
    {
        await using var db = new AdminCenterDbContext(new DbContextOptionsBuilder<AdminCenterDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString()).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(BeforeReasonSets);
        // Raw SQL is a format string here: {{ }} stand for literal braces.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Users (Id, UserPrincipalName, NormalizedUserPrincipalName, DisplayName, AccountEnabled, CreatedDateTime, LastModifiedDateTime)
            VALUES ('u1', 'megan@contoso.com', 'MEGAN@CONTOSO.COM', 'Megan', 1, '2026-11-01 00:00:00', '2026-11-01 00:00:00');
            INSERT INTO MamRegistrations (Id, UserId, UserPrincipalName, AppId, AzureAdDeviceId, EnrolledDateTime, LastCheckInDateTime, Outcome,
                OutcomeChangedDateTime, ReasonsJson, PolicyNames, EvaluationFingerprint)
            VALUES ('r1', 'u1', 'megan@contoso.com', 'com.microsoft.edge', 'd1', '2026-11-01 00:00:00', '2026-11-01 00:00:00', 'Block',
                '2026-11-01 00:00:00', '[{{"setting":"minimumRequiredOsVersion"}}]', 'Edge level 2', 42);
            INSERT INTO RegistrationOutcomeChanges (RegistrationId, UserId, AppId, AzureAdDeviceId, PreviousOutcome, Outcome, ChangedDateTime, ReasonsSummary)
            VALUES ('r1', 'u1', 'com.microsoft.edge', 'd1', 'Allow', 'Block', '2026-11-01 00:00:00', 'Edge level 2: minimumRequiredOsVersion (block)');
            """);

        await migrator.MigrateAsync();

        Assert.Equal(42, await db.MamRegistrations.Where(r => r.Id == "r1").Select(r => r.EvaluationFingerprint).SingleAsync());
        Assert.Equal("""[{"setting":"minimumRequiredOsVersion"}]""", (await db.EvaluationReasonSets.SingleAsync(s => s.Fingerprint == 42)).ReasonsJson);
        var change = await db.RegistrationOutcomeChanges.SingleAsync();
        var summary = (await db.EvaluationReasonSets.SingleAsync(s => s.Fingerprint == change.ReasonSetFingerprint)).Summary;
        Assert.Equal("Edge level 2: minimumRequiredOsVersion (block)", summary);
    }
}

using AdminCenter.Core.Connectors;
using AdminCenter.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace AdminCenter.Tests.Core.Persistence;

/// <summary>Connectors provisioned before classic policies existed get theirs from the migration; Microsoft's never do.</summary>
public sealed class ClassicPoliciesMigrationTests : IDisposable
{
    private const string BeforeClassicPolicies = "20261201091452_ApiTokens";
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private const string Zimperium = "08a8455c-48dd-45ff-ad82-7211355354f3";
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"admincenter-migration-{Guid.NewGuid():N}.db");

    public void Dispose() => File.Delete(_path);

    [Fact]
    public async Task Migrate_ProvisionedThirdPartyConnector_GetsItsClassicPolicy()
    {
        await using var db = new AdminCenterDbContext(new DbContextOptionsBuilder<AdminCenterDbContext>()
            .UseSqlite(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString()).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(BeforeClassicPolicies);
        await InsertConnectorAsync(db, Lookout, "Enabled", "'2026-11-01 00:00:00'");
        await InsertConnectorAsync(db, Zimperium, "NotSetUp", "NULL");
        await InsertConnectorAsync(db, PartnerCatalog.MicrosoftDefenderForEndpointId, "Enabled", "'2026-11-01 00:00:00'");

        await migrator.MigrateAsync();

        var policy = await db.ClassicConditionalAccessPolicies.SingleAsync();
        Assert.Equal((Lookout, "Lookout for Work Mobile Threat Defense"), (policy.ConnectorId, policy.DisplayName));
        var states = await db.MobileThreatDefenseConnectors.OrderBy(c => c.Id).Select(c => new { c.Id, c.ClassicPolicyState }).ToListAsync();
        Assert.Equal(ClassicPolicyState.Active, states.Single(s => s.Id == Lookout).ClassicPolicyState);
        Assert.Equal(ClassicPolicyState.NotCreated, states.Single(s => s.Id == Zimperium).ClassicPolicyState);
        Assert.Equal(ClassicPolicyState.NotCreated, states.Single(s => s.Id == PartnerCatalog.MicrosoftDefenderForEndpointId).ClassicPolicyState);
    }

    // Every other column of the old table is a flag, a number or a time: zero or a fixed time is enough here.
    private static async Task InsertConnectorAsync(AdminCenterDbContext db, string id, string state, string activated)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var columns = new List<(string Name, string Type, bool NotNull)>();
        await using (var info = connection.CreateCommand())
        {
            info.CommandText = "PRAGMA table_info(MobileThreatDefenseConnectors)";
            await using var reader = await info.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(1), reader.GetString(2), reader.GetInt32(3) == 1));
            }
        }
        var values = columns.Select(c => c.Name switch
        {
            "Id" => $"'{id}'",
            "PartnerState" => $"'{state}'",
            "ActivatedDateTime" => activated,
            _ when !c.NotNull => "NULL",
            _ when c.Type == "INTEGER" => "0",
            _ when c.Name.EndsWith("DateTime", StringComparison.Ordinal) => "'2026-11-01 00:00:00'",
            _ => "''",
        });
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO MobileThreatDefenseConnectors ({string.Join(", ", columns.Select(c => c.Name))}) VALUES ({string.Join(", ", values)})";
        await insert.ExecuteNonQueryAsync();
    }
}

using AdminCenter.Core.Audit;
using AdminCenter.Core.Connectors;
using AdminCenter.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Audit;

public sealed class AuditEventQueriesTests : IDisposable
{
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly MtdConnectorService _connectors;
    private readonly AuditEventQueries _queries;

    public AuditEventQueriesTests()
    {
        _connectors = new MtdConnectorService(_database, _time, NullLogger<MtdConnectorService>.Instance);
        _queries = new AuditEventQueries(_database, _time);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task ListAsync_DateRangeInitiatorAndActivity_FiltersAndOrdersNewestFirst()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named("first@contoso.com"));
        _time.Advance(TimeSpan.FromDays(2));
        await _connectors.RegeneratePartnerSecretAsync(Lookout, TestActors.Named("Second@Contoso.com"));
        _time.Advance(TimeSpan.FromDays(2));
        await _connectors.DeleteAsync(Lookout, TestActors.Named("first@contoso.com"));

        var all = await _queries.ListAsync(new AuditEventFilter(), 0, 50);
        var ranged = await _queries.ListAsync(new AuditEventFilter { From = Start.UtcDateTime.AddDays(1), To = Start.UtcDateTime.AddDays(3) }, 0, 50);
        var byInitiator = await _queries.ListAsync(new AuditEventFilter { InitiatedBy = "second@contoso.com" }, 0, 50);
        var byActivity = await _queries.ListAsync(new AuditEventFilter { Activity = "Delete MobileThreatDefenseConnector", Category = AuditCategories.MobileThreatDefense }, 0, 50);
        var otherCategory = await _queries.ListAsync(new AuditEventFilter { Category = AuditCategories.Organization }, 0, 50);
        var secondPage = await _queries.ListAsync(new AuditEventFilter(), 2, 2);

        Assert.Equal(["Delete", "Regenerate partner secret", "Create"], all.Items.Select(e => e.Activity.Split(' ')[0] == "Regenerate" ? "Regenerate partner secret" : e.Activity.Split(' ')[0]));
        Assert.Equal("Second@Contoso.com", Assert.Single(ranged.Items).InitiatedBy);
        Assert.Equal("Second@Contoso.com", Assert.Single(byInitiator.Items).InitiatedBy);
        Assert.Equal(AuditActivityType.Delete, Assert.Single(byActivity.Items).ActivityType);
        Assert.Equal(0, otherCategory.TotalCount);
        Assert.Equal((3, "Create MobileThreatDefenseConnector"), (secondPage.TotalCount, Assert.Single(secondPage.Items).Activity));
    }

    [Fact]
    public async Task AuditEventCsv_FilteredSet_WritesHeaderAndEveryEventWithSecretsAsChanged()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named("first@contoso.com"));
        await _connectors.RegeneratePartnerSecretAsync(Lookout, TestActors.Named("=cmd@contoso.com"));
        using var stream = new MemoryStream();

        await AuditEventCsv.WriteAsync(_queries.StreamAsync(new AuditEventFilter { Activity = "Regenerate partner secret MobileThreatDefenseConnector" }), stream);

        var lines = System.Text.Encoding.UTF8.GetString(stream.ToArray()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("Date (UTC),Activity,Activity type,Category,Initiated by", lines[0], StringComparison.Ordinal);
        Assert.Contains("2026-11-01T09:00:00Z,Regenerate partner secret MobileThreatDefenseConnector,Action,Mobile Threat Defense,'=cmd@contoso.com", lines[1], StringComparison.Ordinal);
        Assert.Contains("partnerSecret:  → (changed)", lines[1], StringComparison.Ordinal);
    }
}

using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Mam;

public sealed class AppProtectionStatusQueriesTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    private readonly TestDatabase _database = new();
    private readonly AppProtectionStatusQueries _queries;
    private readonly StatusSeed _seed;

    public AppProtectionStatusQueriesTests()
    {
        _queries = new AppProtectionStatusQueries(_database);
        _seed = new StatusSeed(_database, Now);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task QueryAsync_NoFilter_PagesNewestSyncFirstWithTheTotal()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        await _seed.RegistrationAsync(alice, "ALICE-OLD", minutesAgo: 300);
        await _seed.RegistrationAsync(alice, "ALICE-NEW", minutesAgo: 5);
        await _seed.RegistrationAsync(alice, "ALICE-MID", minutesAgo: 60);

        var first = await _queries.QueryAsync(new AppProtectionStatusFilter(), skip: 0, take: 2);
        var second = await _queries.QueryAsync(new AppProtectionStatusFilter(), skip: 2, take: 2);

        Assert.Equal(3, first.TotalCount);
        Assert.Equal(["ALICE-NEW", "ALICE-MID"], first.Items.Select(r => r.DeviceName));
        Assert.Equal(3, second.TotalCount);
        Assert.Equal(["ALICE-OLD"], second.Items.Select(r => r.DeviceName));
    }

    [Fact]
    public async Task QueryAsync_Row_CarriesUserDeviceHealthAndOutcome()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        var registration = await _seed.RegistrationAsync(alice, "ALICE-LAPTOP", minutesAgo: 10, EvaluationOutcome.Block, DeviceThreatLevel.High, "Edge level 2");

        var row = Assert.Single((await _queries.QueryAsync(new AppProtectionStatusFilter(), 0, 50)).Items);

        Assert.Equal(
            (alice.Id, "Alice Smith", "alice@contoso.com", "Microsoft Edge", "120.0.2210.91", "ALICE-LAPTOP"),
            (row.UserId, row.UserDisplayName, row.UserPrincipalName, row.AppName, row.AppVersion, row.DeviceName));
        Assert.Equal(("Microsoft Corporation Surface Laptop 5", registration.AzureAdDeviceId, "10.0.22631.2506", "Edge level 2"),
            (row.DeviceType, row.AzureAdDeviceId, row.PlatformVersion, row.PolicyNames));
        Assert.Equal((ReportedThreatLevel.High, EvaluationOutcome.Block, Now.AddMinutes(-10)), (row.ThreatLevel, row.Outcome, row.LastSyncDateTime));
    }

    [Theory]
    [InlineData("smith", "ALICE-LAPTOP")]
    [InlineData("BOB@FABRIKAM", "BOB-DESKTOP")]
    [InlineData("élodie", "ELODIE-PC")]
    [InlineData("desktop", "BOB-DESKTOP")]
    public async Task QueryAsync_Search_MatchesDisplayNameUpnOrDeviceNameIgnoringCase(string search, string expectedDevice)
    {
        await _seed.RegistrationAsync(await _seed.UserAsync("alice@contoso.com", "Alice Smith"), "ALICE-LAPTOP", 10);
        await _seed.RegistrationAsync(await _seed.UserAsync("bob@fabrikam.com", "Bob Jones"), "BOB-DESKTOP", 20);
        await _seed.RegistrationAsync(await _seed.UserAsync("elodie@contoso.com", "Élodie Martin"), "ELODIE-PC", 30);

        var page = await _queries.QueryAsync(new AppProtectionStatusFilter { Search = search }, 0, 50);

        Assert.Equal(1, page.TotalCount);
        Assert.Equal(expectedDevice, Assert.Single(page.Items).DeviceName);
    }

    [Fact]
    public async Task QueryAsync_OutcomeFilter_KeepsOnlyTheChosenOutcomes()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        await _seed.RegistrationAsync(alice, "ALLOWED", 10, EvaluationOutcome.Allow);
        await _seed.RegistrationAsync(alice, "WARNED", 20, EvaluationOutcome.Warn);
        await _seed.RegistrationAsync(alice, "BLOCKED", 30, EvaluationOutcome.Block);
        await _seed.RegistrationAsync(alice, "WIPED", 40, EvaluationOutcome.Wipe);

        var page = await _queries.QueryAsync(new AppProtectionStatusFilter { Outcomes = [EvaluationOutcome.Block, EvaluationOutcome.Wipe] }, 0, 50);

        Assert.Equal(2, page.TotalCount);
        Assert.Equal(["BLOCKED", "WIPED"], page.Items.Select(r => r.DeviceName));
    }

    [Theory]
    [InlineData(new[] { ReportedThreatLevel.NotReported }, new[] { "NO-REPORT" })]
    [InlineData(new[] { ReportedThreatLevel.High }, new[] { "HIGH" })]
    [InlineData(new[] { ReportedThreatLevel.Secured, ReportedThreatLevel.NotReported }, new[] { "SECURED", "NO-REPORT" })]
    [InlineData(new[] { ReportedThreatLevel.Low, ReportedThreatLevel.Medium }, new string[0])]
    public async Task QueryAsync_ThreatLevelFilter_KeepsTheChosenLevelsWithNoReportAsALevel(ReportedThreatLevel[] levels, string[] expected)
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        await _seed.RegistrationAsync(alice, "SECURED", 10, threatLevel: DeviceThreatLevel.Secured);
        await _seed.RegistrationAsync(alice, "NO-REPORT", 20);
        await _seed.RegistrationAsync(alice, "HIGH", 30, threatLevel: DeviceThreatLevel.High);

        var page = await _queries.QueryAsync(new AppProtectionStatusFilter { ThreatLevels = levels }, 0, 50);

        Assert.Equal(expected, page.Items.Select(r => r.DeviceName));
        Assert.Equal(expected.Length, page.TotalCount);
    }

    [Fact]
    public async Task QueryAsync_PolicyFilter_MatchesAWholePolicyNameOnly()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        await _seed.RegistrationAsync(alice, "BOTH", 10, policyNames: "Edge; Edge level 2");
        await _seed.RegistrationAsync(alice, "LEVEL-2", 20, policyNames: "Edge level 2");
        await _seed.RegistrationAsync(alice, "EDGE", 30, policyNames: "Edge");
        await _seed.RegistrationAsync(alice, "NONE", 40);

        var edge = await _queries.QueryAsync(new AppProtectionStatusFilter { Policy = "Edge" }, 0, 50);
        var level2 = await _queries.QueryAsync(new AppProtectionStatusFilter { Policy = "Edge level 2" }, 0, 50);

        Assert.Equal(["BOTH", "EDGE"], edge.Items.Select(r => r.DeviceName));
        Assert.Equal(["BOTH", "LEVEL-2"], level2.Items.Select(r => r.DeviceName));
    }

    [Fact]
    public async Task QueryAsync_FiltersTogether_AllMustHold()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        var bob = await _seed.UserAsync("bob@contoso.com", "Bob Jones");
        await _seed.RegistrationAsync(alice, "ALICE-1", 10, EvaluationOutcome.Block, DeviceThreatLevel.High, "Edge level 2");
        await _seed.RegistrationAsync(alice, "ALICE-2", 20, EvaluationOutcome.Block, null, "Edge level 2");
        await _seed.RegistrationAsync(bob, "BOB-1", 30, EvaluationOutcome.Block, DeviceThreatLevel.High, "Edge level 2");

        var page = await _queries.QueryAsync(new AppProtectionStatusFilter
        {
            Search = "alice",
            Outcomes = [EvaluationOutcome.Block],
            ThreatLevels = [ReportedThreatLevel.High],
            Policy = "Edge level 2",
        }, 0, 50);

        Assert.Equal("ALICE-1", Assert.Single(page.Items).DeviceName);
        Assert.Equal(1, page.TotalCount);
    }

    [Theory]
    [InlineData(AppProtectionStatusSort.Outcome, false, new[] { "ALLOWED", "WARNED", "BLOCKED", "WIPED" })]
    [InlineData(AppProtectionStatusSort.Outcome, true, new[] { "WIPED", "BLOCKED", "WARNED", "ALLOWED" })]
    [InlineData(AppProtectionStatusSort.ThreatLevel, true, new[] { "BLOCKED", "WARNED", "WIPED", "ALLOWED" })]
    [InlineData(AppProtectionStatusSort.User, false, new[] { "ALLOWED", "WIPED", "WARNED", "BLOCKED" })]
    [InlineData(AppProtectionStatusSort.DeviceName, false, new[] { "ALLOWED", "BLOCKED", "WARNED", "WIPED" })]
    [InlineData(AppProtectionStatusSort.LastSync, false, new[] { "WIPED", "BLOCKED", "WARNED", "ALLOWED" })]
    public async Task QueryAsync_Sort_OrdersBySeverityNameOrTime(AppProtectionStatusSort sort, bool descending, string[] expected)
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        var bob = await _seed.UserAsync("bob@contoso.com", "Bob Jones");
        var carol = await _seed.UserAsync("carol@contoso.com", "Carol White");
        await _seed.RegistrationAsync(alice, "ALLOWED", 10, EvaluationOutcome.Allow, DeviceThreatLevel.Secured);
        await _seed.RegistrationAsync(carol, "WARNED", 20, EvaluationOutcome.Warn, DeviceThreatLevel.Medium);
        await _seed.RegistrationAsync(carol, "BLOCKED", 30, EvaluationOutcome.Block, DeviceThreatLevel.High);
        await _seed.RegistrationAsync(bob, "WIPED", 40, EvaluationOutcome.Wipe, DeviceThreatLevel.Low);

        var page = await _queries.QueryAsync(new AppProtectionStatusFilter { Sort = sort, Descending = descending }, 0, 50);

        Assert.Equal(expected, page.Items.Select(r => r.DeviceName));
    }

    [Fact]
    public async Task QueryAsync_SkipBeyondTheEnd_ReturnsNoRowsButTheTotal()
    {
        await _seed.RegistrationAsync(await _seed.UserAsync("alice@contoso.com", "Alice Smith"), "ALICE-LAPTOP", 10);

        var page = await _queries.QueryAsync(new AppProtectionStatusFilter(), skip: 50, take: 50);

        Assert.Empty(page.Items);
        Assert.Equal(1, page.TotalCount);
    }

    [Fact]
    public async Task StreamAsync_Filter_YieldsEveryMatchingRowInThePageOrder()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        for (var i = 0; i < 7; i++)
        {
            await _seed.RegistrationAsync(alice, $"DEVICE-{i}", minutesAgo: i, i % 2 == 0 ? EvaluationOutcome.Block : EvaluationOutcome.Allow);
        }
        var filter = new AppProtectionStatusFilter { Outcomes = [EvaluationOutcome.Block] };

        var streamed = new List<AppProtectionStatusRow>();
        await foreach (var row in _queries.StreamAsync(filter))
        {
            streamed.Add(row);
        }

        Assert.Equal(["DEVICE-0", "DEVICE-2", "DEVICE-4", "DEVICE-6"], streamed.Select(r => r.DeviceName));
        Assert.Equal((await _queries.QueryAsync(filter, 0, 50)).Items, streamed);
    }

    [Fact]
    public async Task ListPolicyNamesAsync_Policies_ReturnsTheirNamesAlphabetically()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(Now));
        var policies = new AppProtectionPolicyService(_database, clock, NullLogger<AppProtectionPolicyService>.Instance);
        await policies.CreateAsync(PolicyTemplates.Create(PolicyTemplateLevel.Level2Enhanced) with { DisplayName = "Edge level 2" }, TestActors.Named("admin"));
        await policies.CreateAsync(PolicyTemplates.Create(PolicyTemplateLevel.Level1Basic) with { DisplayName = "contractors" }, TestActors.Named("admin"));

        var names = await _queries.ListPolicyNamesAsync();

        Assert.Equal(["contractors", "Edge level 2"], names);
    }

    [Fact]
    public async Task GetUserAsync_UnknownUser_IsNull()
    {
        var view = await _queries.GetUserAsync("no-such-user");

        Assert.Null(view);
    }

    [Fact]
    public async Task GetUserAsync_Registrations_ListsHealthOutcomeReasonsAndHistoryNewestFirst()
    {
        const string reasons = """
            [{"policyId":"p1","policyName":"Edge level 2","setting":"Max allowed device threat level","expected":"Low","actual":"High",
              "action":"block","remediation":"Open Windows Security and resolve the threats it lists."},
             {"policyId":"p1","policyName":"Edge level 2","setting":"Min OS version","expected":"10.0.22631","actual":"10.0.22621",
              "action":"warn","remediation":"Update Windows."}]
            """;
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        var bob = await _seed.UserAsync("bob@contoso.com", "Bob Jones");
        var laptop = await _seed.RegistrationAsync(alice, "ALICE-LAPTOP", 5, EvaluationOutcome.Block, DeviceThreatLevel.High, "Edge level 2", reasons);
        await _seed.RegistrationAsync(alice, "ALICE-DESKTOP", 50);
        await _seed.RegistrationAsync(bob, "BOB-LAPTOP", 1, EvaluationOutcome.Wipe);
        await _seed.OutcomeChangeAsync(laptop, null, EvaluationOutcome.Allow, 120, "No app protection policy applies");
        await _seed.OutcomeChangeAsync(laptop, EvaluationOutcome.Allow, EvaluationOutcome.Block, 5, "Edge level 2: Max allowed device threat level: High above Low (Block access)");

        var view = await _queries.GetUserAsync(alice.Id);

        Assert.NotNull(view);
        Assert.Equal(("Alice Smith", "alice@contoso.com"), (view.DisplayName, view.UserPrincipalName));
        Assert.Equal(["ALICE-LAPTOP", "ALICE-DESKTOP"], view.Registrations.Select(r => r.DeviceName));
        var current = view.Registrations[0];
        Assert.Equal((ReportedThreatLevel.High, Now.AddMinutes(-6), "Windows Security Center"),
            (current.ThreatLevel, current.ThreatReportedDateTime, current.ThreatConnectorName));
        Assert.Equal((EvaluationOutcome.Block, "Microsoft Edge"), (current.Outcome, current.AppName));
        Assert.Equal(
            [
                new OutcomeReason("p1", "Edge level 2", "Max allowed device threat level", "Low", "High", EvaluationOutcome.Block, "Open Windows Security and resolve the threats it lists."),
                new OutcomeReason("p1", "Edge level 2", "Min OS version", "10.0.22631", "10.0.22621", EvaluationOutcome.Warn, "Update Windows."),
            ],
            current.Reasons);
        Assert.Equal(ReportedThreatLevel.NotReported, view.Registrations[1].ThreatLevel);
        Assert.Null(view.Registrations[1].ThreatConnectorName);
        Assert.Equal([(EvaluationOutcome?)EvaluationOutcome.Allow, null], view.History.Select(h => h.PreviousOutcome));
        Assert.Equal([EvaluationOutcome.Block, EvaluationOutcome.Allow], view.History.Select(h => h.Outcome));
        Assert.All(view.History, h => Assert.Equal("ALICE-LAPTOP", h.DeviceName));
        Assert.Equal(2, view.HistoryTotal);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"policyId\":\"p1\"}")]
    [InlineData("")]
    public void ParseReasons_MalformedDocument_ReadsAsNoReasons(string json)
    {
        var reasons = AppProtectionStatusQueries.ParseReasons(json);

        Assert.Empty(reasons);
    }

    [Fact]
    public async Task GetTilesAsync_Registrations_CountsByOutcomeAndDevicesAtTheirWorstLevel()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        var bob = await _seed.UserAsync("bob@contoso.com", "Bob Jones");
        const string shared = "5f0c9a4e-2b1d-4c8e-9f3a-7d6e5b4a3c21";
        await _seed.RegistrationAsync(alice, "SHARED-PC", 10, EvaluationOutcome.Allow, DeviceThreatLevel.Low, deviceId: shared);
        await _seed.RegistrationAsync(bob, "SHARED-PC", 20, EvaluationOutcome.Block, DeviceThreatLevel.High, deviceId: shared);
        await _seed.RegistrationAsync(alice, "ALICE-LAPTOP", 30, EvaluationOutcome.Block);
        await _seed.RegistrationAsync(bob, "BOB-LAPTOP", 40, EvaluationOutcome.Warn, DeviceThreatLevel.Secured);

        var tiles = await _queries.GetTilesAsync();

        Assert.Equal(new Dictionary<EvaluationOutcome, int> { [EvaluationOutcome.Allow] = 1, [EvaluationOutcome.Block] = 2, [EvaluationOutcome.Warn] = 1 },
            tiles.RegistrationsByOutcome);
        Assert.Equal(new Dictionary<ReportedThreatLevel, int> { [ReportedThreatLevel.High] = 1, [ReportedThreatLevel.NotReported] = 1, [ReportedThreatLevel.Secured] = 1 },
            tiles.DevicesByThreatLevel);
        Assert.Equal((4, 3), (tiles.RegistrationCount, tiles.DeviceCount));
    }
}

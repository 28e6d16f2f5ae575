using AdminCenter.Core.Common;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Connectors;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.ConditionalAccess;

/// <summary>The classic Conditional Access policy's life (spec 02): created by provisioning, deleted, recreated with the connector.</summary>
public sealed class ClassicPolicyServiceTests : IDisposable
{
    private const string Actor = "admin@contoso.example";
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";

    private readonly TestDatabase _database = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly MtdConnectorService _connectors;
    private readonly ClassicPolicyService _classicPolicies;

    public ClassicPolicyServiceTests()
    {
        _connectors = new MtdConnectorService(_database, _time, NullLogger<MtdConnectorService>.Instance);
        _classicPolicies = new ClassicPolicyService(_database, _time, NullLogger<ClassicPolicyService>.Instance);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task RecordHeartbeatAsync_FirstProvisioningOfLookout_CreatesItsClassicPolicy()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named(Actor));
        Assert.Empty(await _classicPolicies.ListAsync());
        _time.Advance(TimeSpan.FromHours(1));

        await _connectors.RecordHeartbeatAsync(Lookout, null);

        var policy = Assert.Single(await _classicPolicies.ListAsync());
        Assert.Equal("Lookout for Work Mobile Threat Defense", policy.DisplayName);
        Assert.Equal("Lookout for Work", policy.PartnerName);
        Assert.Equal(Lookout, policy.ConnectorId);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, policy.CreatedUtc);
        Assert.False((await _connectors.GetAsync(Lookout))!.ClassicPolicyDeleted);
    }

    [Fact]
    public async Task RecordHeartbeatAsync_LaterHeartbeats_KeepOnePolicy()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _connectors.RecordHeartbeatAsync(Lookout, null);

        await _connectors.RecordHeartbeatAsync(Lookout, "token rejected");
        await _connectors.RecordHeartbeatAsync(Lookout, null);

        Assert.Single(await _classicPolicies.ListAsync());
    }

    [Fact]
    public async Task RecordHeartbeatAsync_ErrorFirstThenGoodHeartbeat_CreatesThePolicyWhenItStartsWorking()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _connectors.RecordHeartbeatAsync(Lookout, "not licensed yet");
        Assert.Empty(await _classicPolicies.ListAsync());

        await _connectors.RecordHeartbeatAsync(Lookout, null);

        Assert.Single(await _classicPolicies.ListAsync());
    }

    [Fact]
    public async Task DeleteAsync_ClassicPolicy_RemovesItAndFlagsTheConnector()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _connectors.RecordHeartbeatAsync(Lookout, null);
        var policy = Assert.Single(await _classicPolicies.ListAsync());

        var result = await _classicPolicies.DeleteAsync(policy.Id, TestActors.Named(Actor));

        Assert.Equal(ServiceOutcome.Succeeded, result.Outcome);
        Assert.Empty(await _classicPolicies.ListAsync());
        Assert.True((await _connectors.GetAsync(Lookout))!.ClassicPolicyDeleted);
        await _connectors.RecordHeartbeatAsync(Lookout, null);
        Assert.Empty(await _classicPolicies.ListAsync());
    }

    [Fact]
    public async Task DeleteAsync_UnknownPolicy_IsNotFoundAndChangesNothing()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _connectors.RecordHeartbeatAsync(Lookout, null);

        var result = await _classicPolicies.DeleteAsync("no-such-policy", TestActors.Named(Actor));

        Assert.Equal(ServiceOutcome.NotFound, result.Outcome);
        Assert.Single(await _classicPolicies.ListAsync());
        Assert.False((await _connectors.GetAsync(Lookout))!.ClassicPolicyDeleted);
    }

    [Fact]
    public async Task DeleteConnector_WithClassicPolicy_DeletesThePolicyToo()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _connectors.RecordHeartbeatAsync(Lookout, null);

        await _connectors.DeleteAsync(Lookout, TestActors.Named(Actor));

        await using var db = _database.CreateDbContext();
        Assert.Equal(0, await db.ClassicConditionalAccessPolicies.CountAsync());
    }

    [Fact]
    public async Task RecreateConnector_AfterItsPolicyWasDeleted_FirstHeartbeatBringsThePolicyBack()
    {
        await _connectors.CreateAsync(Lookout, null, TestActors.Named(Actor));
        await _connectors.RecordHeartbeatAsync(Lookout, null);
        await _classicPolicies.DeleteAsync(Assert.Single(await _classicPolicies.ListAsync()).Id, TestActors.Named(Actor));
        await _connectors.DeleteAsync(Lookout, TestActors.Named(Actor));

        await _connectors.CreateAsync(Lookout, null, TestActors.Named(Actor));
        Assert.Empty(await _classicPolicies.ListAsync());
        await _connectors.RecordHeartbeatAsync(Lookout, null);

        Assert.Equal("Lookout for Work", Assert.Single(await _classicPolicies.ListAsync()).PartnerName);
        Assert.False((await _connectors.GetAsync(Lookout))!.ClassicPolicyDeleted);
    }

    [Fact]
    public async Task Provisioning_DefenderAndWindowsSecurityCenter_CreatesNoClassicPolicy()
    {
        await _connectors.CreateAsync(PartnerCatalog.MicrosoftDefenderForEndpointId, null, TestActors.Named(Actor));
        await _connectors.CreateAsync(PartnerCatalog.WindowsSecurityCenterId, null, TestActors.Named(Actor));

        Assert.True((await _connectors.RecordHeartbeatAsync(PartnerCatalog.MicrosoftDefenderForEndpointId, null)).Succeeded);
        await _connectors.RecordAppProtectionActivityAsync("first MAM registration");

        Assert.Equal(ConnectorPartnerState.Enabled, (await _connectors.GetAsync(PartnerCatalog.WindowsSecurityCenterId))!.State);
        Assert.Empty(await _classicPolicies.ListAsync());
    }
}

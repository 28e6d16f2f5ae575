using AdminCenter.Core.Connectors;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Connectors;

public sealed class ConnectorHealthRulesTests
{
    private static readonly MtdPartner Lookout = PartnerCatalog.Get("2c7790de-8b02-4814-85cf-e0c59380dee8");
    private static readonly MtdPartner Zimperium = PartnerCatalog.Get("08a8455c-48dd-45ff-ad82-7211355354f3");
    private static readonly MtdPartner WindowsSecurityCenter = PartnerCatalog.Get(PartnerCatalog.WindowsSecurityCenterId);
    private static readonly DateTimeOffset Start = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ConnectorPartnerState.Enabled, 0, ConnectorHealth.Healthy, "Heartbeat received within the last day")]
    [InlineData(ConnectorPartnerState.Available, 23, ConnectorHealth.Healthy, "Heartbeat received within the last day")]
    [InlineData(ConnectorPartnerState.Enabled, 24, ConnectorHealth.Warning, "No heartbeat for 1 day")]
    [InlineData(ConnectorPartnerState.Enabled, 71, ConnectorHealth.Warning, "No heartbeat for 2 days")]
    [InlineData(ConnectorPartnerState.Enabled, 72, ConnectorHealth.Unhealthy, "No heartbeat for 3 days")]
    [InlineData(ConnectorPartnerState.Unresponsive, 8 * 24, ConnectorHealth.Unhealthy, "Unresponsive: no heartbeat for 8 days")]
    [InlineData(ConnectorPartnerState.Unresponsive, 1, ConnectorHealth.Unhealthy, "Unresponsive: no heartbeat for 0 days")]
    [InlineData(ConnectorPartnerState.Error, 1, ConnectorHealth.Unhealthy, "The partner reported an error")]
    [InlineData(ConnectorPartnerState.Unavailable, 1, ConnectorHealth.Unhealthy, "Unavailable: the partner deprovisioned the connector")]
    public void Assess_StateAndHoursSinceHeartbeat_GivesHealthAndReason(ConnectorPartnerState state, int hoursSilent, ConnectorHealth health, string reason)
    {
        var clock = new FakeTimeProvider(Start);
        var lastHeartbeat = clock.GetUtcNow().UtcDateTime;
        clock.Advance(TimeSpan.FromHours(hoursSilent));

        var result = ConnectorHealthRules.Assess(new ConnectorHealthInput(Lookout, state, lastHeartbeat, lastHeartbeat.AddDays(-30)), clock.GetUtcNow().UtcDateTime);

        Assert.Equal((health, reason), result);
    }

    [Fact]
    public void Assess_NotSetUp_IsWarningWaitingForThePartner()
    {
        var clock = new FakeTimeProvider(Start);

        var result = ConnectorHealthRules.Assess(new ConnectorHealthInput(Lookout, ConnectorPartnerState.NotSetUp, null, null), clock.GetUtcNow().UtcDateTime);

        Assert.Equal((ConnectorHealth.Warning, "Waiting for the partner to set it up"), result);
    }

    [Fact]
    public void Assess_ErrorWithMessage_SaysThePartnersMessage()
    {
        var now = new FakeTimeProvider(Start).GetUtcNow().UtcDateTime;

        var result = ConnectorHealthRules.Assess(new ConnectorHealthInput(Lookout, ConnectorPartnerState.Error, now, now, "license expired"), now);

        Assert.Equal((ConnectorHealth.Unhealthy, "The partner reported an error: license expired"), result);
    }

    [Fact]
    public void Assess_WindowsSecurityCenterNeverActivated_IsUnhealthyWaitingForAppProtection()
    {
        var now = new FakeTimeProvider(Start).GetUtcNow().UtcDateTime;

        var (health, reason) = ConnectorHealthRules.Assess(new ConnectorHealthInput(WindowsSecurityCenter, ConnectorPartnerState.Unavailable, null, null), now);

        Assert.Equal(ConnectorHealth.Unhealthy, health);
        Assert.StartsWith("Unavailable: waiting for the first MAM enrollment", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_NoWindowsSecurityCenter_AddsItNotEnabledAndSortsLeastHealthyFirst()
    {
        var clock = new FakeTimeProvider(Start);
        var now = clock.GetUtcNow().UtcDateTime;
        ConnectorHealthInput[] connectors =
        [
            new(Zimperium, ConnectorPartnerState.Enabled, now.AddHours(-2), now.AddDays(-9)),
            new(Lookout, ConnectorPartnerState.NotSetUp, null, null),
            new(PartnerCatalog.Get("8d0ed095-8191-4bd3-8a41-953b22d51ff7"), ConnectorPartnerState.Unresponsive, now.AddDays(-8), now.AddDays(-20)),
        ];

        var rows = ConnectorHealthRules.Rows(connectors, now);

        Assert.Equal(["Pradeo", "Lookout for Work", "Zimperium", "Windows Security Center"], rows.Select(r => r.Name));
        Assert.Equal([ConnectorHealth.Unhealthy, ConnectorHealth.Warning, ConnectorHealth.Healthy, ConnectorHealth.NotEnabled], rows.Select(r => r.Health));
        Assert.False(rows[^1].Exists);
        Assert.Equal("Not Enabled", rows[^1].Health.ToDisplayName());
    }

    [Fact]
    public void Rows_WindowsSecurityCenterExists_ListsItOnceAsItIs()
    {
        var now = new FakeTimeProvider(Start).GetUtcNow().UtcDateTime;

        var rows = ConnectorHealthRules.Rows([new(WindowsSecurityCenter, ConnectorPartnerState.Enabled, now.AddMinutes(-5), now.AddDays(-1))], now);

        var row = Assert.Single(rows);
        Assert.Equal(ConnectorHealth.Healthy, row.Health);
        Assert.True(row.Exists);
    }
}

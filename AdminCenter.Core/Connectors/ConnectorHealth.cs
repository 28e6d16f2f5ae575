namespace AdminCenter.Core.Connectors;

/// <summary>A connector's health on Tenant status, least healthy first (the list's order).</summary>
public enum ConnectorHealth
{
    Unhealthy,
    Warning,
    Healthy,

    /// <summary>The Windows Security Center connector does not exist yet.</summary>
    NotEnabled,
}

/// <summary>What the health rule needs to know of a connector.</summary>
/// <param name="Partner">The connector's partner.</param>
/// <param name="State">Its connection status.</param>
/// <param name="LastSynchronizedUtc">The last heartbeat (any health report counts as one).</param>
/// <param name="ActivatedUtc">When it last started working; the silence baseline before any heartbeat.</param>
/// <param name="ErrorMessage">The partner's error, when <paramref name="State"/> is Error and it said one.</param>
public sealed record ConnectorHealthInput(
    MtdPartner Partner,
    ConnectorPartnerState State,
    DateTime? LastSynchronizedUtc,
    DateTime? ActivatedUtc,
    string? ErrorMessage = null);

/// <summary>A row of Tenant status > Connector status; <see cref="State"/> is null for a connector that does not exist.</summary>
public sealed record ConnectorHealthRow(
    string ConnectorId,
    string Name,
    ConnectorPartnerState? State,
    DateTime? LastSynchronizedUtc,
    ConnectorHealth Health,
    string Reason)
{
    public bool Exists => State is not null;
}

/// <summary>
/// The connector status health of spec 02 as pure functions: under 1 day since the last sync Healthy, over 1 day
/// Warning, 3 days or more Unhealthy; Unresponsive, Error and Unavailable are Unhealthy whatever the last sync.
/// </summary>
public static class ConnectorHealthRules
{
    public const string NotSetUpReason = "Waiting for the partner to set it up";
    public const string ErrorReason = "The partner reported an error";

    public static (ConnectorHealth Health, string Reason) Assess(ConnectorHealthInput connector, DateTime nowUtc)
    {
        var silentFor = DaysSilent(connector, nowUtc);
        return connector.State switch
        {
            ConnectorPartnerState.Unresponsive => (ConnectorHealth.Unhealthy, $"Unresponsive: no heartbeat for {Days(silentFor)}"),
            ConnectorPartnerState.Error => (ConnectorHealth.Unhealthy,
                string.IsNullOrWhiteSpace(connector.ErrorMessage) ? ErrorReason : $"{ErrorReason}: {connector.ErrorMessage}"),
            ConnectorPartnerState.Unavailable when connector.Partner.IsActivatedByAppProtection && connector.ActivatedUtc is null =>
                (ConnectorHealth.Unhealthy, "Unavailable: waiting for the first MAM enrollment or the first app protection policy to reach a user"),
            ConnectorPartnerState.Unavailable => (ConnectorHealth.Unhealthy, "Unavailable: the partner deprovisioned the connector"),
            // (decision) Not Set Up is a Warning, not Unhealthy: nothing is broken yet, the partner has not acted.
            ConnectorPartnerState.NotSetUp => (ConnectorHealth.Warning, NotSetUpReason),
            _ => ConnectorPartnerStateExtensions.SyncHealth(connector.LastSynchronizedUtc ?? connector.ActivatedUtc, nowUtc) switch
            {
                ConnectorSyncHealth.Healthy => (ConnectorHealth.Healthy, "Heartbeat received within the last day"),
                ConnectorSyncHealth.Warning => (ConnectorHealth.Warning, $"No heartbeat for {Days(silentFor)}"),
                _ => (ConnectorHealth.Unhealthy, $"No heartbeat for {Days(silentFor)}"),
            },
        };
    }

    /// <summary>
    /// Every connector, plus Windows Security Center as Not Enabled when it has none, least healthy first, then by name.
    /// </summary>
    public static IReadOnlyList<ConnectorHealthRow> Rows(IEnumerable<ConnectorHealthInput> connectors, DateTime nowUtc)
    {
        var rows = connectors.Select(c =>
        {
            var (health, reason) = Assess(c, nowUtc);
            return new ConnectorHealthRow(c.Partner.ConnectorId, c.Partner.Name, c.State, c.LastSynchronizedUtc, health, reason);
        }).ToList();
        if (!rows.Any(r => r.ConnectorId == PartnerCatalog.WindowsSecurityCenterId))
        {
            var wsc = PartnerCatalog.Get(PartnerCatalog.WindowsSecurityCenterId);
            rows.Add(new(wsc.ConnectorId, wsc.Name, null, null, ConnectorHealth.NotEnabled,
                "Not enabled: add the Windows Security Center connector to use its reports in Windows app protection evaluation"));
        }
        return rows.OrderBy(r => r.Health).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public static string ToDisplayName(this ConnectorHealth health) => health switch
    {
        ConnectorHealth.NotEnabled => "Not Enabled",
        _ => health.ToString(),
    };

    private static int DaysSilent(ConnectorHealthInput connector, DateTime nowUtc) =>
        (connector.LastSynchronizedUtc ?? connector.ActivatedUtc) is { } since ? Math.Max(0, (int)(nowUtc - since).TotalDays) : 0;

    private static string Days(int days) => days == 1 ? "1 day" : $"{days} days";
}

namespace AdminCenter.Core.Connectors;

/// <summary>The connector's connection status; Graph's <c>partnerState</c> (spec 02).</summary>
public enum ConnectorPartnerState
{
    Unavailable,
    NotSetUp,
    Available,
    Enabled,
    Unresponsive,
    Error,
}

/// <summary>Connector status health for badges (spec 02): how fresh the last synchronization is.</summary>
public enum ConnectorSyncHealth
{
    Healthy,
    Warning,
    Unhealthy,
}

public static class ConnectorPartnerStateExtensions
{
    /// <summary>The label the admin center shows for a status.</summary>
    public static string ToDisplayName(this ConnectorPartnerState state) => state switch
    {
        ConnectorPartnerState.Unavailable => "Unavailable",
        ConnectorPartnerState.NotSetUp => "Not Set Up",
        ConnectorPartnerState.Available => "Available",
        ConnectorPartnerState.Enabled => "Enabled",
        ConnectorPartnerState.Unresponsive => "Unresponsive",
        ConnectorPartnerState.Error => "Error",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    /// <summary>The Graph enum value (camelCase) of a status.</summary>
    public static string ToGraphName(this ConnectorPartnerState state) => state switch
    {
        ConnectorPartnerState.NotSetUp => "notSetUp",
        _ => state.ToString().ToLowerInvariant(),
    };

    /// <summary>Whether the partner's data counts in evaluation.</summary>
    public static bool IsWorking(this ConnectorPartnerState state) =>
        state is ConnectorPartnerState.Available or ConnectorPartnerState.Enabled;

    public static string ToDisplayName(this ConnectorSyncHealth health) => health.ToString();

    /// <summary>Healthy under 1 day since the last sync, Warning over 1 day, Unhealthy at 3 days or more.</summary>
    public static ConnectorSyncHealth SyncHealth(DateTime? lastSynchronizedUtc, DateTime nowUtc)
    {
        if (lastSynchronizedUtc is not { } last)
        {
            return ConnectorSyncHealth.Unhealthy;
        }
        var age = nowUtc - last;
        return age >= TimeSpan.FromDays(3) ? ConnectorSyncHealth.Unhealthy
            : age >= TimeSpan.FromDays(1) ? ConnectorSyncHealth.Warning
            : ConnectorSyncHealth.Healthy;
    }
}

using AdminCenter.Core.Connectors;

namespace AdminCenter.Core.Evaluation;

/// <summary>
/// The state of the connector that has Windows app protection evaluation on, as evaluation sees it (spec 04):
/// only <see cref="Working"/> lets the Max allowed device threat level rule use partner data.
/// </summary>
public enum ThreatDataSource
{
    /// <summary>No Mobile Threat Defense connector exists for Windows.</summary>
    Missing,

    /// <summary>A connector exists but its Windows app protection evaluation toggle is off.</summary>
    WindowsEvaluationOff,

    /// <summary>The connector's status is Not Set Up.</summary>
    NotSetUp,

    /// <summary>The connector's status is Unavailable.</summary>
    Unavailable,

    /// <summary>The connector's status is Unresponsive.</summary>
    Unresponsive,

    /// <summary>The connector's status is Error.</summary>
    Error,

    /// <summary>The connector is Available or Enabled with Windows evaluation on: its reports count.</summary>
    Working,
}

/// <summary>Derives a <see cref="ThreatDataSource"/> from a connector, and says why a source's data is ignored.</summary>
public static class ThreatDataSources
{
    /// <summary>
    /// The source for the connector that has (or would have) Windows app protection evaluation on; null when there is
    /// none. Available counts as working, as <see cref="ConnectorPartnerStateExtensions.IsWorking"/> says.
    /// </summary>
    public static ThreatDataSource From(MobileThreatDefenseConnector? connector) =>
        connector is null
            ? ThreatDataSource.Missing
            : From(connector.PartnerState, connector.Settings.WindowsMobileApplicationManagementEnabled);

    /// <summary>The source for a connector in <paramref name="state"/>; null <paramref name="state"/> means no connector.</summary>
    public static ThreatDataSource From(ConnectorPartnerState? state, bool windowsEvaluationEnabled)
    {
        if (state is not { } known)
        {
            return ThreatDataSource.Missing;
        }
        if (!windowsEvaluationEnabled)
        {
            return ThreatDataSource.WindowsEvaluationOff;
        }
        return known switch
        {
            ConnectorPartnerState.Available or ConnectorPartnerState.Enabled => ThreatDataSource.Working,
            ConnectorPartnerState.NotSetUp => ThreatDataSource.NotSetUp,
            ConnectorPartnerState.Unavailable => ThreatDataSource.Unavailable,
            ConnectorPartnerState.Unresponsive => ThreatDataSource.Unresponsive,
            ConnectorPartnerState.Error => ThreatDataSource.Error,
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown connector state."),
        };
    }

    /// <summary>Why partner data from <paramref name="source"/> is ignored; empty for <see cref="ThreatDataSource.Working"/>.</summary>
    public static string IgnoredBecause(ThreatDataSource source) => source switch
    {
        ThreatDataSource.Missing => "no Mobile Threat Defense connector evaluates Windows devices",
        ThreatDataSource.WindowsEvaluationOff => "Windows app protection evaluation is off on the connector",
        ThreatDataSource.NotSetUp => "the connector is Not Set Up",
        ThreatDataSource.Unavailable => "the connector is Unavailable",
        ThreatDataSource.Unresponsive => "the connector is Unresponsive",
        ThreatDataSource.Error => "the connector is in Error",
        ThreatDataSource.Working => "",
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, "Unknown threat data source."),
    };
}

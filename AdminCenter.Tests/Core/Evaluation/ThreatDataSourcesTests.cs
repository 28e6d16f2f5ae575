using AdminCenter.Core.Connectors;
using AdminCenter.Core.Evaluation;

namespace AdminCenter.Tests.Core.Evaluation;

public sealed class ThreatDataSourcesTests
{
    [Theory]
    [InlineData(null, true, ThreatDataSource.Missing)]
    [InlineData(null, false, ThreatDataSource.Missing)]
    [InlineData(ConnectorPartnerState.Enabled, false, ThreatDataSource.WindowsEvaluationOff)]
    [InlineData(ConnectorPartnerState.Unresponsive, false, ThreatDataSource.WindowsEvaluationOff)]
    [InlineData(ConnectorPartnerState.Enabled, true, ThreatDataSource.Working)]
    [InlineData(ConnectorPartnerState.Available, true, ThreatDataSource.Working)]
    [InlineData(ConnectorPartnerState.NotSetUp, true, ThreatDataSource.NotSetUp)]
    [InlineData(ConnectorPartnerState.Unavailable, true, ThreatDataSource.Unavailable)]
    [InlineData(ConnectorPartnerState.Unresponsive, true, ThreatDataSource.Unresponsive)]
    [InlineData(ConnectorPartnerState.Error, true, ThreatDataSource.Error)]
    public void From_ConnectorStateAndToggle_MapsToSource(ConnectorPartnerState? state, bool windowsOn, ThreatDataSource expected)
    {
        var source = ThreatDataSources.From(state, windowsOn);

        Assert.Equal(expected, source);
    }

    [Fact]
    public void From_NoConnector_IsMissing()
    {
        var source = ThreatDataSources.From((MobileThreatDefenseConnector?)null);

        Assert.Equal(ThreatDataSource.Missing, source);
    }

    [Theory]
    [InlineData(ThreatDataSource.Missing, "no Mobile Threat Defense connector evaluates Windows devices")]
    [InlineData(ThreatDataSource.WindowsEvaluationOff, "Windows app protection evaluation is off on the connector")]
    [InlineData(ThreatDataSource.NotSetUp, "the connector is Not Set Up")]
    [InlineData(ThreatDataSource.Unavailable, "the connector is Unavailable")]
    [InlineData(ThreatDataSource.Unresponsive, "the connector is Unresponsive")]
    [InlineData(ThreatDataSource.Error, "the connector is in Error")]
    [InlineData(ThreatDataSource.Working, "")]
    public void IgnoredBecause_Source_SaysWhy(ThreatDataSource source, string expected)
    {
        var why = ThreatDataSources.IgnoredBecause(source);

        Assert.Equal(expected, why);
    }
}

using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;

namespace AdminCenter.Tests.Core.Mam;

public sealed class AppProtectionStatusLabelsTests
{
    [Theory]
    [InlineData("minimumRequiredOsVersion", "Min OS version")]
    [InlineData("maximumWarningOsVersion", "Max OS version")]
    [InlineData("minimumWipeAppVersion", "Min app version")]
    [InlineData("minimumRequiredSdkVersion", "Min SDK version")]
    [InlineData("periodOfflineBeforeWipeIsEnforced", "Offline grace period")]
    [InlineData("appActionIfUnableToAuthenticateUser", "Disabled account")]
    [InlineData("maximumAllowedDeviceThreatLevel", "Max allowed device threat level")]
    [InlineData("Something else", "Something else")]
    [InlineData(null, "")]
    public void Setting_GraphName_ReadsAsTheHealthChecksLabel(string? setting, string expected)
    {
        var label = AppProtectionStatusLabels.Setting(setting);

        Assert.Equal(expected, label);
    }

    [Fact]
    public void Summary_StoredSummary_NamesSettingsByTheirLabels()
    {
        var summary = AppProtectionStatusLabels.Summary(
            "Edge: minimumRequiredOsVersion expected 10.0.22631 or later, actual 10.0.22621 (block); Edge: maximumWarningOsVersion expected minimum effort (warn)");

        Assert.Equal("Edge: Min OS version expected 10.0.22631 or later, actual 10.0.22621 (Block access); Edge: Max OS version expected minimum effort (Warn)", summary);
    }

    [Theory]
    [InlineData(null, ReportedThreatLevel.NotReported)]
    [InlineData(DeviceThreatLevel.NotConfigured, ReportedThreatLevel.NotReported)]
    [InlineData(DeviceThreatLevel.Secured, ReportedThreatLevel.Secured)]
    [InlineData(DeviceThreatLevel.High, ReportedThreatLevel.High)]
    public void ToReported_StoredLevel_NoReportIsALevelOfItsOwn(DeviceThreatLevel? stored, ReportedThreatLevel expected)
    {
        var reported = AppProtectionStatusLabels.ToReported(stored);

        Assert.Equal(expected, reported);
    }

    [Theory]
    [InlineData("Microsoft Corporation", "Surface Laptop 5", "Microsoft Corporation Surface Laptop 5")]
    [InlineData("Dell Inc.", "Dell Inc. Latitude 7440", "Dell Inc. Latitude 7440")]
    [InlineData(null, "Latitude 7440", "Latitude 7440")]
    [InlineData("LENOVO", null, "LENOVO")]
    [InlineData(null, null, "")]
    public void DeviceType_MakeAndModel_ReadsOnceEach(string? manufacturer, string? model, string expected)
    {
        var type = AppProtectionStatusLabels.DeviceType(manufacturer, model);

        Assert.Equal(expected, type);
    }

    [Fact]
    public void Outcome_EveryOutcome_HasItsPastTenseWord()
    {
        var words = AppProtectionStatusLabels.Outcomes.Select(AppProtectionStatusLabels.Outcome);

        Assert.Equal(["Allowed", "Warned", "Blocked", "Wiped"], words);
        Assert.Equal(EvaluationOutcome.Wipe, AppProtectionStatusLabels.Outcomes[^1]);
    }
}

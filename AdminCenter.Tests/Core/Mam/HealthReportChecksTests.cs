using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Mam;

namespace AdminCenter.Tests.Core.Mam;

public sealed class HealthReportChecksTests
{
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    public static TheoryData<HealthReportInput, string> Refused => new()
    {
        { new(null, null, null, null, null, "the item must be a JSON object"), "the item must be a JSON object" },
        { new(null, "com.microsoft.edge", "device-1", "high", Now), "userPrincipalName is required" },
        { new(" ", "com.microsoft.edge", "device-1", "high", Now), "userPrincipalName is required" },
        { new("a@contoso.com", null, "device-1", "high", Now), "appId is required" },
        { new("a@contoso.com", "com.microsoft.edge", "", "high", Now), "azureAdDeviceId is required" },
        { new("a\u0000@contoso.com", "com.microsoft.edge", "device-1", "high", Now), "userPrincipalName contains the control character U+0000" },
        { new("a@contoso.com", new string('e', 129), "device-1", "high", Now), "appId is 129 characters long" },
        { new("a@contoso.com", "com.microsoft.edge", new string(['d', '\uD800']), "high", Now), "azureAdDeviceId is not valid Unicode text" },
        { new("a@contoso.com", "com.microsoft.edge", "device-1", "severe", Now), "threatLevel must be one of secured, low, medium, high (got 'severe')" },
        { new("a@contoso.com", "com.microsoft.edge", "device-1", "notConfigured", Now), "threatLevel must be one of secured, low, medium, high (got 'notConfigured')" },
        { new("a@contoso.com", "com.microsoft.edge", "device-1", null, Now), "threatLevel must be one of secured, low, medium, high (got '')" },
        { new("a@contoso.com", "com.microsoft.edge", "device-1", "high", null), "reportedDateTime is required" },
        {
            new("a@contoso.com", "com.microsoft.edge", "device-1", "high", Now.AddMinutes(5).AddSeconds(1)),
            "reportedDateTime 2026-11-25T09:05:01Z is in the future (more than 5 minutes ahead of the server's clock)"
        },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public void CheckItem_BadItem_IsRefusedWithTheReason(HealthReportInput item, string expected)
    {
        var checkedItem = HealthReportChecks.CheckItem(item, Now);

        Assert.True(checkedItem.IsRefused);
        Assert.StartsWith(expected, checkedItem.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckItem_GoodItem_IsAcceptedWithLevelUtcTimeAndNormalizedUser()
    {
        var reported = new DateTimeOffset(2026, 11, 25, 10, 4, 0, TimeSpan.FromHours(1)).UtcDateTime;

        var checkedItem = HealthReportChecks.CheckItem(new("Megan@Contoso.com", "com.microsoft.edge", "device-1", "Medium", reported), Now);

        Assert.False(checkedItem.IsRefused);
        Assert.Equal(DeviceThreatLevel.Medium, checkedItem.Level);
        Assert.Equal(new DateTime(2026, 11, 25, 9, 4, 0, DateTimeKind.Utc), checkedItem.ReportedUtc);
        Assert.Equal("MEGAN@CONTOSO.COM", checkedItem.NormalizedUserPrincipalName);
    }

    [Fact]
    public void CheckItem_FiveMinutesAhead_IsAcceptedAsClockSkew()
    {
        var checkedItem = HealthReportChecks.CheckItem(new("a@contoso.com", "com.microsoft.edge", "device-1", "low", Now.AddMinutes(5)), Now);

        Assert.False(checkedItem.IsRefused);
    }

    [Theory]
    [InlineData(false, false, "unknown user: 'a@contoso.com' is not in the directory")]
    [InlineData(false, true, "unknown user: 'a@contoso.com' is not in the directory")]
    [InlineData(true, false, "user not MAM-enrolled: 'a@contoso.com' has no registration of com.microsoft.edge on device device-1")]
    [InlineData(true, true, null)]
    public void CheckFound_WhatTheLookupFound_DecidesTheRefusal(bool userFound, bool registrationFound, string? expected)
    {
        var refusal = HealthReportChecks.CheckFound(new("a@contoso.com", "com.microsoft.edge", "device-1", "high", Now), userFound, registrationFound);

        Assert.Equal(expected, refusal);
    }

    [Fact]
    public void CheckConnector_Missing_IsNotFoundNamingTheId()
    {
        var refused = HealthReportChecks.CheckConnector("no-such-connector", null);

        Assert.Equal(ServiceOutcome.NotFound, refused!.Outcome);
        Assert.Equal("No connector with id 'no-such-connector'.", refused.MessageFor("connectorId"));
    }

    [Fact]
    public void CheckConnector_NotSetUp_IsConflictSayingReportsAreNotAccepted()
    {
        var connector = MobileThreatDefenseConnector.Create(PartnerCatalog.Get(Lookout), new MtdConnectorSettings(), Now, "admin");

        var refused = HealthReportChecks.CheckConnector(Lookout, connector);

        Assert.Equal(ServiceOutcome.Conflict, refused!.Outcome);
        Assert.EndsWith("its health reports are not accepted.", refused.MessageFor("connectorId"), StringComparison.Ordinal);
    }

    [Fact]
    public void CheckConnector_Available_AcceptsTheRequest()
    {
        var connector = MobileThreatDefenseConnector.Create(PartnerCatalog.Get(Lookout), new MtdConnectorSettings(), Now, "admin");
        connector.Apply(new ConnectorEvent.Heartbeat(), Now);

        Assert.Equal(ConnectorPartnerState.Available, connector.PartnerState);
        Assert.Null(HealthReportChecks.CheckConnector(Lookout, connector));
    }

    [Theory]
    [InlineData(1000, null)]
    [InlineData(1001, "A request holds at most 1000 reports; this one has 1001.")]
    public void CheckBatchSize_Count_RefusesOnlyAboveTheMaximum(int count, string? expected) =>
        Assert.Equal(expected, HealthReportChecks.CheckBatchSize(count));

    [Fact]
    public void CanonicalConnectorId_OtherCasing_IsTheCatalogSpelling() =>
        Assert.Equal(Lookout, HealthReportChecks.CanonicalConnectorId(Lookout.ToUpperInvariant()));
}

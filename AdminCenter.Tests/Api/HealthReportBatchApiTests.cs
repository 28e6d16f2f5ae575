using System.Net;
using System.Text.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Api;

/// <summary>Health-report batches (spec 05 §2): a bad item is refused on its own; empty and all-refused batches are a 200.</summary>
public sealed class HealthReportBatchApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Wsc = PartnerCatalog.WindowsSecurityCenterId;
    private const string Reported = "2026-11-25T09:00:00Z";

    [Fact]
    public async Task HealthReports_MixedBatchWithBadStringItems_StoresTheOthersAndRefusesEachNamingItsField()
    {
        var (upn, devices, partner) = await EnrolledAsync(2);
        var body = $$"""
            {"value": [
              {{Item(upn, devices[0], "low")}},
              {"userPrincipalName": "{{upn}}", "appId": "com.microsoft.edge", "azureAdDeviceId": "a\ud800b", "threatLevel": "low", "reportedDateTime": "{{Reported}}"},
              {"userPrincipalName": "{{upn}}\u0000", "appId": "com.microsoft.edge", "azureAdDeviceId": "{{devices[1]}}", "threatLevel": "low", "reportedDateTime": "{{Reported}}"},
              {"userPrincipalName": "{{upn}}", "appId": "{{new string('e', 129)}}", "azureAdDeviceId": "{{devices[1]}}", "threatLevel": "low", "reportedDateTime": "{{Reported}}"},
              {{Item(upn, devices[1], "medium")}}
            ]}
            """;

        var response = await partner.PostAsync($"/partner/v1/connectors/{Wsc}/healthReports", BadInputTenant.JsonContent(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await MamApiTests.JsonAsync(response);
        Assert.Equal((2, 3), (answer.GetProperty("accepted").GetInt32(), answer.GetProperty("refused").GetInt32()));
        var items = answer.GetProperty("value").EnumerateArray().ToList();
        Assert.Equal(["accepted", "refused", "refused", "refused", "accepted"], items.Select(i => i.GetProperty("status").GetString()));
        Assert.Contains("'value[1].azureAdDeviceId' is not valid Unicode text", items[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("'value[2].userPrincipalName' contains the control character U+0000", items[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("'value[3].appId' is 129 characters long; at most 128", items[3].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, await api.QueryAsync(db => db.HealthReports.CountAsync(r => devices.Contains(r.AzureAdDeviceId))));
    }

    [Fact]
    public async Task HealthReports_EmptyBatch_Is200WithNoItems()
    {
        var (_, _, partner) = await EnrolledAsync(1);

        var response = await partner.PostAsync($"/partner/v1/connectors/{Wsc}/healthReports", BadInputTenant.JsonContent("""{"value": []}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await MamApiTests.JsonAsync(response);
        Assert.Equal((0, 0, 0), (answer.GetProperty("accepted").GetInt32(), answer.GetProperty("refused").GetInt32(), answer.GetProperty("value").GetArrayLength()));
    }

    [Theory]
    [InlineData("{}", "userPrincipalName is required")]
    [InlineData("""{"userPrincipalName":"u@contoso.com","appId":"com.microsoft.edge","azureAdDeviceId":"d","threatLevel":"severe","reportedDateTime":"2026-11-25T09:00:00Z"}""", "threatLevel must be one of")]
    [InlineData("""{"userPrincipalName":"u@contoso.com","appId":"com.microsoft.edge","azureAdDeviceId":"d","threatLevel":"high","reportedDateTime":"2099-01-01T00:00:00Z"}""", "in the future")]
    [InlineData("""{"userPrincipalName":"a\ud800b","appId":"com.microsoft.edge","azureAdDeviceId":"d","threatLevel":"high","reportedDateTime":"2026-11-25T09:00:00Z"}""", "'userPrincipalName' is not valid Unicode text")]
    public async Task HealthReports_SingleReportRefused_Is200WithTheReasonAndStoresNothing(string body, string reason)
    {
        var (_, _, partner) = await EnrolledAsync(1);
        var before = await api.QueryAsync(db => db.HealthReports.CountAsync());

        var response = await partner.PostAsync($"/partner/v1/connectors/{Wsc}/healthReports", BadInputTenant.JsonContent(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var item = Assert.Single((await MamApiTests.JsonAsync(response)).GetProperty("value").EnumerateArray());
        Assert.Equal("refused", item.GetProperty("status").GetString());
        Assert.Contains(reason, item.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await api.QueryAsync(db => db.HealthReports.CountAsync()));
    }

    [Fact]
    public async Task HealthReports_EveryItemRefused_Is200WithAReasonPerItem()
    {
        var (upn, devices, partner) = await EnrolledAsync(1);
        var body = $$"""
            {"value": [
              {{Item(upn, devices[0], "severe")}},
              {{Item(upn, devices[0], "high").Replace("2026-11-25", "2099-11-25", StringComparison.Ordinal)}},
              {"userPrincipalName": "{{upn}}", "appId": "com.microsoft.edge", "azureAdDeviceId": "{{new string('d', 100_000)}}", "threatLevel": "low", "reportedDateTime": "{{Reported}}"},
              {}
            ]}
            """;

        var response = await partner.PostAsync($"/partner/v1/connectors/{Wsc}/healthReports", BadInputTenant.JsonContent(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await MamApiTests.JsonAsync(response);
        Assert.Equal((0, 4), (answer.GetProperty("accepted").GetInt32(), answer.GetProperty("refused").GetInt32()));
        Assert.Equal([0, 1, 2, 3], answer.GetProperty("value").EnumerateArray().Select(i => i.GetProperty("index").GetInt32()));
        Assert.Contains("100,000 characters", answer.GetProperty("value")[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await api.QueryAsync(db => db.HealthReports.CountAsync(r => r.AzureAdDeviceId == devices[0])));
    }

    [Fact]
    public async Task HealthReports_BatchThatChangesThreatLevels_WritesNoAuditEvent()
    {
        // Spec 06: health reports are data, not configuration; their effects are in the registration history.
        var (upn, devices, partner) = await EnrolledAsync(2);
        var auditBefore = await api.QueryAsync(db => db.AuditEvents.CountAsync());
        var body = $$"""{"value": [{{Item(upn, devices[0], "high")}}, {{Item(upn, devices[1], "medium")}}]}""";

        var response = await partner.PostAsync($"/partner/v1/connectors/{Wsc}/healthReports", BadInputTenant.JsonContent(body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, (await MamApiTests.JsonAsync(response)).GetProperty("accepted").GetInt32());
        Assert.Equal(2, await api.QueryAsync(db => db.HealthReports.CountAsync(r => devices.Contains(r.AzureAdDeviceId))));
        Assert.Equal(auditBefore, await api.QueryAsync(db => db.AuditEvents.CountAsync()));
    }

    private static string Item(string upn, string device, string level) => JsonSerializer.Serialize(new
    {
        userPrincipalName = upn,
        appId = WindowsPolicyDraft.EdgeAppId,
        azureAdDeviceId = device,
        threatLevel = level,
        reportedDateTime = Reported,
    });

    /// <summary>A new user checked in on <paramref name="deviceCount"/> new devices, and a partner client for Windows Security Center.</summary>
    private async Task<(string Upn, string[] Devices, HttpClient Partner)> EnrolledAsync(int deviceCount)
    {
        var secret = await api.ConnectorWithSecretAsync(Wsc);
        var upn = $"batch.{Guid.NewGuid():N}@contoso.com";
        await api.CreateUserAsync(upn);
        var devices = Enumerable.Range(0, deviceCount).Select(_ => MamApiTests.NewDevice()).ToArray();
        using var client = api.CreateMamClient();
        foreach (var device in devices)
        {
            var checkIn = await client.PostAsync("/mam/v1/checkIn", BadInputTenant.JsonContent(
                $$"""{"userPrincipalName":"{{upn}}","appId":"{{WindowsPolicyDraft.EdgeAppId}}","azureAdDeviceId":"{{device}}"}"""));
            Assert.Equal(HttpStatusCode.OK, checkIn.StatusCode);
        }
        return (upn, devices, api.CreatePartnerClient(secret));
    }
}

using System.Net;
using System.Net.Http.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Api;

public sealed class PartnerApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private const string Zimperium = "08a8455c-48dd-45ff-ad82-7211355354f3";
    private const string Wsc = PartnerCatalog.WindowsSecurityCenterId;

    [Fact]
    public async Task Heartbeat_WrongSecret_Is401AndChangesNothing()
    {
        await api.ConnectorWithSecretAsync(Zimperium);

        var response = await api.CreatePartnerClient("not-the-secret").PostAsJsonAsync($"/partner/v1/connectors/{Zimperium}/heartbeat", new { status = "ok" });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(ConnectorPartnerState.NotSetUp, (await api.Get<MtdConnectorService>().GetAsync(Zimperium))!.State);
    }

    [Fact]
    public async Task Heartbeats_ProvisionErrorRecoverDeprovision_FollowSpec02()
    {
        var client = api.CreatePartnerClient(await api.ConnectorWithSecretAsync(Lookout));
        var connectors = api.Get<MtdConnectorService>();

        var provisioned = await client.PostAsJsonAsync($"/partner/v1/connectors/{Lookout}/heartbeat", new { status = "ok" });
        Assert.Equal(HttpStatusCode.OK, provisioned.StatusCode);
        Assert.Equal("available", (await MamApiTests.JsonAsync(provisioned)).GetProperty("partnerState").GetString());
        await client.PostAsJsonAsync($"/partner/v1/connectors/{Lookout}/heartbeat", new { status = "error", errorCode = 17, message = "license expired" });
        Assert.Equal(ConnectorPartnerState.Error, (await connectors.GetAsync(Lookout))!.State);
        await client.PostAsJsonAsync($"/partner/v1/connectors/{Lookout}/heartbeat", new { status = "ok" });
        Assert.Equal(ConnectorPartnerState.Available, (await connectors.GetAsync(Lookout))!.State);
        var deprovisioned = await client.PostAsync($"/partner/v1/connectors/{Lookout}/deprovision", null);
        Assert.Equal(HttpStatusCode.OK, deprovisioned.StatusCode);

        var refused = await client.PostAsJsonAsync($"/partner/v1/connectors/{Lookout}/heartbeat", new { status = "ok" });

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Unavailable", (await MamApiTests.ErrorAsync(refused)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(ConnectorPartnerState.Unavailable, (await connectors.GetAsync(Lookout))!.State);
    }

    [Fact]
    public async Task HealthReports_NotSetUpConnector_Is409AndStoresNothing()
    {
        var client = api.CreatePartnerClient(await api.ConnectorWithSecretAsync(Zimperium));
        var before = await api.QueryAsync(db => db.HealthReports.CountAsync());

        var response = await client.PostAsJsonAsync($"/partner/v1/connectors/{Zimperium}/healthReports",
            Report("someone@contoso.com", "device", "high", api.Clock.GetUtcNow().UtcDateTime));

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("Not Set Up", (await MamApiTests.ErrorAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, await api.QueryAsync(db => db.HealthReports.CountAsync()));
    }

    [Fact]
    public async Task HealthReports_ThreatLevelFlow_BlocksOnHighAndAllowsOnSecured()
    {
        var (upn, device, client) = await EnrolledUserWithThreatPolicyAsync();
        var now = api.Clock.GetUtcNow().UtcDateTime;

        var high = await client.PostAsJsonAsync($"/partner/v1/connectors/{Wsc}/healthReports", Report(upn, device, "high", now));

        Assert.Equal(HttpStatusCode.OK, high.StatusCode);
        Assert.Equal(1, (await MamApiTests.JsonAsync(high)).GetProperty("accepted").GetInt32());
        var blocked = await RegistrationAsync(device);
        Assert.Equal(EvaluationOutcome.Block, blocked.Outcome);
        var reasons = await api.QueryAsync(db => ReasonSetStore.LoadReasonsAsync(db, blocked.EvaluationFingerprint));
        Assert.Contains(reasons, r => r.Setting == "maximumAllowedDeviceThreatLevel");
        Assert.NotNull((await api.Get<MtdConnectorService>().GetAsync(Wsc))!.LastSynchronizedUtc);

        await client.PostAsJsonAsync($"/partner/v1/connectors/{Wsc}/healthReports", Report(upn, device, "secured", now.AddMinutes(1)));

        Assert.Equal(EvaluationOutcome.Allow, (await RegistrationAsync(device)).Outcome);
        // Enrolled Blocked (no report yet), High kept it Blocked (no new history: the outcome did not change), Secured allowed.
        var history = await api.QueryAsync(db => db.RegistrationOutcomeChanges.Where(c => c.AzureAdDeviceId == device).OrderBy(c => c.Id).Select(c => c.Outcome).ToListAsync());
        Assert.Equal([EvaluationOutcome.Block, EvaluationOutcome.Allow], history);
    }

    [Fact]
    public async Task HealthReports_UserLeavesThePolicyGroupBetweenReports_NextReportIsEvaluatedWithoutThePolicy()
    {
        var (upn, device, partner, user, group) = await EnrollUnderThreatPolicyAsync();
        using var partnerClient = partner;
        var now = api.Clock.GetUtcNow().UtcDateTime;
        await partner.PostAsJsonAsync($"/partner/v1/connectors/{Wsc}/healthReports", Report(upn, device, "high", now));
        Assert.Equal(EvaluationOutcome.Block, (await RegistrationAsync(device)).Outcome);

        // Ingestion caches reported users; leaving the group must reach the very next report's evaluation.
        Assert.True((await api.Get<GroupService>().RemoveMemberAsync(group, user, actor: TestActors.System)).Succeeded);
        await partner.PostAsJsonAsync($"/partner/v1/connectors/{Wsc}/healthReports", Report(upn, device, "high", now.AddMinutes(1)));

        var registration = await RegistrationAsync(device);
        Assert.Equal(EvaluationOutcome.Allow, registration.Outcome);
        Assert.Equal("", registration.PolicyNames);
    }

    [Fact]
    public async Task HealthReports_OlderThanStored_IsKeptAsHistoryButDoesNotReplace()
    {
        var (upn, device, client) = await EnrolledUserWithThreatPolicyAsync();
        var now = api.Clock.GetUtcNow().UtcDateTime;
        await client.PostAsJsonAsync($"/partner/v1/connectors/{Wsc}/healthReports", Report(upn, device, "secured", now));

        var response = await client.PostAsJsonAsync($"/partner/v1/connectors/{Wsc}/healthReports", Report(upn, device, "high", now.AddHours(-1)));

        Assert.Equal(1, (await MamApiTests.JsonAsync(response)).GetProperty("accepted").GetInt32());
        var registration = await RegistrationAsync(device);
        Assert.Equal(DeviceThreatLevel.Secured, registration.ThreatLevel);
        Assert.Equal(EvaluationOutcome.Allow, registration.Outcome);
        Assert.Equal(2, await api.QueryAsync(db => db.HealthReports.CountAsync(r => r.AzureAdDeviceId == device)));
    }

    [Fact]
    public async Task HealthReports_BadItems_AreRefusedOneByOneWithReasonsAndStoreNothing()
    {
        var (upn, device, client) = await EnrolledUserWithThreatPolicyAsync();
        var now = api.Clock.GetUtcNow().UtcDateTime;
        var stranger = $"stranger.{Guid.NewGuid():N}@contoso.com";
        await api.CreateUserAsync(stranger);
        object[] items =
        [
            Report("nobody@contoso.com", device, "high", now),
            Report(stranger, device, "high", now),
            Report(upn, device, "high", now.AddMinutes(10)),
            Report(upn, device, "severe", now),
            Report(upn, device, "low", now),
        ];

        var response = await client.PostAsJsonAsync($"/partner/v1/connectors/{Wsc}/healthReports", new { value = items });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answers = (await MamApiTests.JsonAsync(response)).GetProperty("value").EnumerateArray().ToList();
        Assert.Equal(["refused", "refused", "refused", "refused", "accepted"], answers.Select(a => a.GetProperty("status").GetString()));
        Assert.Contains("unknown user", answers[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("user not MAM-enrolled", answers[1].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("in the future", answers[2].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Contains("secured, low, medium, high", answers[3].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(1, await api.QueryAsync(db => db.HealthReports.CountAsync(r => r.AzureAdDeviceId == device)));
        Assert.Equal(DeviceThreatLevel.Low, (await RegistrationAsync(device)).ThreatLevel);
    }

    [Fact]
    public async Task HealthReports_Over1000Items_Is400AndStoresNothing()
    {
        var (upn, device, client) = await EnrolledUserWithThreatPolicyAsync();
        var now = api.Clock.GetUtcNow().UtcDateTime;
        var items = Enumerable.Range(0, 1001).Select(_ => Report(upn, device, "low", now)).ToArray();

        var response = await client.PostAsJsonAsync($"/partner/v1/connectors/{Wsc}/healthReports", new { value = items });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1000", (await MamApiTests.ErrorAsync(response)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await api.QueryAsync(db => db.HealthReports.CountAsync(r => r.AzureAdDeviceId == device)));
    }

    [Fact]
    public async Task HealthReports_AfterSignOut_AreRefused()
    {
        var (upn, device, client) = await EnrolledUserWithThreatPolicyAsync();
        await api.CreateMamClient().PostAsJsonAsync("/mam/v1/signOut", new { userPrincipalName = upn, appId = WindowsPolicyDraft.EdgeAppId, azureAdDeviceId = device });

        var response = await client.PostAsJsonAsync($"/partner/v1/connectors/{Wsc}/healthReports", Report(upn, device, "high", api.Clock.GetUtcNow().UtcDateTime));

        var answer = (await MamApiTests.JsonAsync(response)).GetProperty("value")[0];
        Assert.Equal("refused", answer.GetProperty("status").GetString());
        Assert.Contains("user not MAM-enrolled", answer.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    private async Task<(string Upn, string Device, HttpClient Partner)> EnrolledUserWithThreatPolicyAsync()
    {
        var (upn, device, partner, _, _) = await EnrollUnderThreatPolicyAsync();
        return (upn, device, partner);
    }

    /// <summary>A user in a group with a "Max allowed device threat level: Low, Block access" policy, checked in on a new device.</summary>
    private async Task<(string Upn, string Device, HttpClient Partner, string UserId, string GroupId)> EnrollUnderThreatPolicyAsync()
    {
        var secret = await api.ConnectorWithSecretAsync(Wsc);
        var upn = $"threat.{Guid.NewGuid():N}@contoso.com";
        var user = await api.CreateUserAsync(upn);
        var group = await api.CreateGroupAsync($"Threat {Guid.NewGuid():N}", user);
        await api.CreatePolicyAsync($"Threat Low {Guid.NewGuid():N}", group, new HealthCheckRow(HealthCheckSetting.MaxAllowedDeviceThreatLevel, "low", HealthCheckAction.Block));
        var device = MamApiTests.NewDevice();
        var checkIn = await api.CreateMamClient().PostAsJsonAsync("/mam/v1/checkIn", new
        {
            userPrincipalName = upn,
            appId = WindowsPolicyDraft.EdgeAppId,
            azureAdDeviceId = device,
            platformVersion = "10.0.22631.4000",
            appVersion = "131.0.2903.70",
        });
        Assert.Equal(HttpStatusCode.OK, checkIn.StatusCode);
        return (upn, device, api.CreatePartnerClient(secret), user, group);
    }

    private Task<AdminCenter.Core.Mam.MamRegistration> RegistrationAsync(string device) =>
        api.QueryAsync(db => db.MamRegistrations.AsNoTracking().SingleAsync(r => r.AzureAdDeviceId == device));

    private static object Report(string upn, string device, string level, DateTime reported) => new
    {
        userPrincipalName = upn,
        appId = WindowsPolicyDraft.EdgeAppId,
        azureAdDeviceId = device,
        threatLevel = level,
        reportedDateTime = reported.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
    };
}

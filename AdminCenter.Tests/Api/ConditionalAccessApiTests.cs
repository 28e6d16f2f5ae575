using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Evaluation;
using AdminCenter.Tests.TestSupport;

namespace AdminCenter.Tests.Api;

/// <summary>
/// POST /ca/v1/evaluate (spec 05 §4) through the real app. The policy is one per tenant, so every test sets it first;
/// tests of a class run one after another.
/// </summary>
public sealed class ConditionalAccessApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Resource = "SharePoint Online";
    private const string Chrome = "com.google.chrome";
    private const string OldWindows = "10.0.19045.1000";
    private const string UseEdge = "Use Microsoft Edge and sign in with your work profile to access SharePoint Online";

    [Fact]
    public async Task Evaluate_NoToken_Is401WithGraphError()
    {
        var response = await api.CreateClient().PostAsJsonAsync("/ca/v1/evaluate", Body("a@contoso.com", "device", Chrome));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", (await ErrorAsync(response)).GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("{not json", "JSON")]
    [InlineData("{\"userPrincipalName\": \"a@contoso.com\", \"azureAdDeviceId\": \"d\", \"clientAppId\": \"x\", \"resource\": \"r\", \"colour\": 1}", "colour")]
    [InlineData("{\"userPrincipalName\": \"a@contoso.com\", \"azureAdDeviceId\": \"d\", \"clientAppId\": \"x\"}", "resource")]
    [InlineData("{\"userPrincipalName\": true, \"azureAdDeviceId\": \"d\", \"clientAppId\": \"x\", \"resource\": \"r\"}", "userPrincipalName")]
    [InlineData("{\"userPrincipalName\": \"a@contoso.com\", \"azureAdDeviceId\": \"\", \"clientAppId\": \"x\", \"resource\": \"r\"}", "azureAdDeviceId")]
    public async Task Evaluate_BadBody_Is400NamingTheProblem(string body, string named)
    {
        var response = await api.CreateMamClient().PostAsync("/ca/v1/evaluate", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await ErrorAsync(response);
        Assert.Equal("BadRequest", error.GetProperty("code").GetString());
        Assert.Contains(named, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_UnknownUser_Is404()
    {
        var response = await EvaluateAsync("nobody@contoso.com", MamApiTests.NewDevice(), Chrome);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("NotFound", (await ErrorAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task Evaluate_UserNotTargeted_IsGranted()
    {
        var user = await SignedUpAsync(group: false);
        await SetPolicyAsync(ConditionalAccessState.On, [await api.CreateGroupAsync($"Others {Guid.NewGuid():N}")], []);

        var body = await DecideAsync(user.Upn, user.Device, Chrome, "grant");

        Assert.False(body.GetProperty("reportOnly").GetBoolean());
        Assert.Contains(ConditionalAccessTexts.UserNotIncluded, Strings(body, "reasons"));
        await AssertLoggedAsync(user.Upn, SignInResult.Granted);
    }

    [Fact]
    public async Task Evaluate_PolicyOff_IsGrantedEvenFromAnUnmanagedApp()
    {
        var user = await SignedUpAsync();
        await SetPolicyAsync(ConditionalAccessState.Off, [user.Group], []);

        var body = await DecideAsync(user.Upn, user.Device, Chrome, "grant");

        Assert.Equal([ConditionalAccessTexts.PolicyOff], Strings(body, "reasons"));
        Assert.Empty(Strings(body, "remediation"));
        await AssertLoggedAsync(user.Upn, SignInResult.Granted);
    }

    [Fact]
    public async Task Evaluate_UnmanagedClientApp_IsBlockedWithUseEdge()
    {
        var user = await SignedUpAsync();
        await api.CreatePolicyAsync($"Any {Guid.NewGuid():N}", user.Group);
        await SetPolicyAsync(ConditionalAccessState.On, [user.Group], []);

        var body = await DecideAsync(user.Upn, user.Device, Chrome, "block");

        Assert.Equal([UseEdge], Strings(body, "remediation"));
        Assert.Contains(ConditionalAccessTexts.UnmanagedApp(Chrome), Strings(body, "reasons"));
        await AssertLoggedAsync(user.Upn, SignInResult.Blocked);
    }

    [Fact]
    public async Task Evaluate_EdgeWithNoApplicablePolicy_IsBlockedWithUseEdge()
    {
        var user = await SignedUpAsync();
        await CheckInAsync(user);
        await SetPolicyAsync(ConditionalAccessState.On, [user.Group], []);

        var body = await DecideAsync(user.Upn, user.Device, WindowsPolicyDraft.EdgeAppId, "block");

        Assert.Equal([UseEdge], Strings(body, "remediation"));
        Assert.Contains(ConditionalAccessTexts.NoPolicyApplies, Strings(body, "reasons"));
        await AssertLoggedAsync(user.Upn, SignInResult.Blocked);
    }

    [Fact]
    public async Task Evaluate_EdgeNeverCheckedInOnTheDevice_IsBlockedWithUseEdge()
    {
        var user = await SignedUpAsync();
        await api.CreatePolicyAsync($"Any {Guid.NewGuid():N}", user.Group);
        await SetPolicyAsync(ConditionalAccessState.On, [user.Group], []);

        var body = await DecideAsync(user.Upn, user.Device, WindowsPolicyDraft.EdgeAppId, "block");

        Assert.Equal([UseEdge], Strings(body, "remediation"));
        Assert.Contains(ConditionalAccessTexts.NotRegistered, Strings(body, "reasons"));
    }

    [Fact]
    public async Task Evaluate_RegistrationAllowed_IsGranted()
    {
        var user = await SignedUpAsync();
        await api.CreatePolicyAsync($"Min OS {Guid.NewGuid():N}", user.Group, MinOs(HealthCheckAction.Block));
        await CheckInAsync(user, "10.0.22631.4000");
        await SetPolicyAsync(ConditionalAccessState.On, [user.Group], []);

        var body = await DecideAsync(user.Upn, user.Device, WindowsPolicyDraft.EdgeAppId, "grant");

        Assert.Contains(ConditionalAccessTexts.OutcomeAllowed, Strings(body, "reasons"));
        Assert.Empty(Strings(body, "remediation"));
        await AssertLoggedAsync(user.Upn, SignInResult.Granted);
    }

    [Fact]
    public async Task Evaluate_RegistrationWarned_IsGrantedWithTheWarningsSteps()
    {
        var user = await SignedUpAsync();
        await api.CreatePolicyAsync($"Warn OS {Guid.NewGuid():N}", user.Group, MinOs(HealthCheckAction.Warn));
        await CheckInAsync(user, OldWindows);
        await SetPolicyAsync(ConditionalAccessState.On, [user.Group], []);

        var body = await DecideAsync(user.Upn, user.Device, WindowsPolicyDraft.EdgeAppId, "grant");

        Assert.Contains(ConditionalAccessTexts.OutcomeWarned, Strings(body, "reasons"));
        Assert.Equal(["Update Windows to version 10.0.22621.2506 or later"], Strings(body, "remediation"));
        await AssertLoggedAsync(user.Upn, SignInResult.Granted);
    }

    [Fact]
    public async Task Evaluate_RegistrationBlocked_IsBlockedWithTheOutcomesRemediation()
    {
        var user = await SignedUpAsync();
        var policyName = $"Min OS {Guid.NewGuid():N}";
        await api.CreatePolicyAsync(policyName, user.Group, MinOs(HealthCheckAction.Block));
        await CheckInAsync(user, OldWindows);
        await SetPolicyAsync(ConditionalAccessState.On, [user.Group], []);

        var body = await DecideAsync(user.Upn, user.Device, WindowsPolicyDraft.EdgeAppId, "block");

        Assert.Equal(["Update Windows to version 10.0.22621.2506 or later"], Strings(body, "remediation"));
        Assert.Contains($"{policyName}: Min OS version expected 10.0.22621.2506 or later, actual 10.0.19045.1000 (Block access)", Strings(body, "reasons"));
        var row = await AssertLoggedAsync(user.Upn, SignInResult.Blocked);
        Assert.Equal((user.Device, WindowsPolicyDraft.EdgeAppId, Resource), (row.AzureAdDeviceId, row.ClientAppId, row.Resource));
        Assert.Equal(["Update Windows to version 10.0.22621.2506 or later"], row.Remediation);
    }

    [Fact]
    public async Task Evaluate_RegistrationWiped_IsBlockedAndTheWipeIsPending()
    {
        var user = await SignedUpAsync(enabled: false);
        await api.CreatePolicyAsync($"Disabled {Guid.NewGuid():N}", user.Group, new HealthCheckRow(HealthCheckSetting.DisabledAccount, "", HealthCheckAction.Wipe));
        await CheckInAsync(user);
        await SetPolicyAsync(ConditionalAccessState.On, [user.Group], []);

        var body = await DecideAsync(user.Upn, user.Device, WindowsPolicyDraft.EdgeAppId, "block");

        Assert.Contains(ConditionalAccessTexts.OutcomeWipePending, Strings(body, "reasons"));
        Assert.Equal([EvaluationTexts.DisabledAccountRemediation, ConditionalAccessTexts.WipePendingRemediation], Strings(body, "remediation"));
        await AssertLoggedAsync(user.Upn, SignInResult.Blocked);
    }

    [Fact]
    public async Task Evaluate_ReportOnlyWouldBlock_IsGrantedReportOnlyWithTheBlocksReasons()
    {
        var user = await SignedUpAsync();
        await api.CreatePolicyAsync($"Min OS {Guid.NewGuid():N}", user.Group, MinOs(HealthCheckAction.Block));
        await CheckInAsync(user, OldWindows);
        await SetPolicyAsync(ConditionalAccessState.ReportOnly, [user.Group], []);

        var body = await DecideAsync(user.Upn, user.Device, WindowsPolicyDraft.EdgeAppId, "grant");

        Assert.True(body.GetProperty("reportOnly").GetBoolean());
        Assert.Contains(ConditionalAccessTexts.OutcomeBlocked, Strings(body, "reasons"));
        Assert.Equal(["Update Windows to version 10.0.22621.2506 or later"], Strings(body, "remediation"));
        await AssertLoggedAsync(user.Upn, SignInResult.ReportOnlyBlocked);
    }

    [Fact]
    public async Task Evaluate_UserInAnExcludedGroupToo_IsGranted()
    {
        var user = await SignedUpAsync();
        var excluded = await api.CreateGroupAsync($"Excluded {Guid.NewGuid():N}", user.Id);
        await SetPolicyAsync(ConditionalAccessState.On, [user.Group], [excluded]);

        var body = await DecideAsync(user.Upn, user.Device, Chrome, "grant");

        Assert.Contains(ConditionalAccessTexts.UserExcluded, Strings(body, "reasons"));
        await AssertLoggedAsync(user.Upn, SignInResult.Granted);
    }

    private static HealthCheckRow MinOs(HealthCheckAction action) => new(HealthCheckSetting.MinOsVersion, "10.0.22621.2506", action);

    private static object Body(string upn, string device, string app) =>
        new { userPrincipalName = upn, azureAdDeviceId = device, clientAppId = app, resource = Resource };

    private static List<string> Strings(JsonElement body, string property) =>
        body.GetProperty(property).EnumerateArray().Select(e => e.GetString()!).ToList();

    private static async Task<JsonElement> ErrorAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error");

    private async Task<SignUp> SignedUpAsync(bool group = true, bool enabled = true)
    {
        var upn = $"ca.{Guid.NewGuid():N}@contoso.com";
        var id = await api.CreateUserAsync(upn, enabled);
        var groupId = group ? await api.CreateGroupAsync($"CA {Guid.NewGuid():N}", id) : "";
        return new SignUp(id, upn, groupId, MamApiTests.NewDevice());
    }

    private async Task CheckInAsync(SignUp user, string platformVersion = "10.0.22631.4000")
    {
        var response = await api.CreateMamClient().PostAsJsonAsync("/mam/v1/checkIn", new
        {
            userPrincipalName = user.Upn,
            appId = WindowsPolicyDraft.EdgeAppId,
            azureAdDeviceId = user.Device,
            platformVersion,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task SetPolicyAsync(ConditionalAccessState state, IReadOnlyList<string> included, IReadOnlyList<string> excluded)
    {
        var service = api.Get<ConditionalAccessService>();
        var current = await service.GetPolicyAsync();
        var result = await service.SavePolicyAsync(new(state, included, excluded), current.Version, TestActors.Named("api-tests"));
        Assert.True(result.Succeeded, string.Join(" ", result.Problems.Select(p => p.Message)));
    }

    private Task<HttpResponseMessage> EvaluateAsync(string upn, string device, string app) =>
        api.CreateMamClient().PostAsJsonAsync("/ca/v1/evaluate", Body(upn, device, app));

    private async Task<JsonElement> DecideAsync(string upn, string device, string app, string expectedResult)
    {
        var response = await EvaluateAsync(upn, device, app);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(expectedResult, body.GetProperty("result").GetString());
        return body;
    }

    private async Task<SignInLogRow> AssertLoggedAsync(string upn, SignInResult result)
    {
        var page = await api.Get<ConditionalAccessService>().ListSignInsAsync(new SignInLogFilter { User = upn }, 0, 10);
        var row = Assert.Single(page.Items);
        Assert.Equal(result, row.Result);
        Assert.Equal(api.Clock.GetUtcNow().UtcDateTime, row.SignInDateTime);
        return row;
    }

    private sealed record SignUp(string Id, string Upn, string Group, string Device);
}

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Identity;
using AdminCenter.Tests.TestSupport;

namespace AdminCenter.Tests.Api;

/// <summary>The connector endpoints over raw HTTP: Graph's JSON, OData query options, If-Match and the token's role.</summary>
public sealed class GraphConnectorApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/graph/v1.0/deviceManagement/mobileThreatDefenseConnectors";
    private const string BetaPath = "/graph/beta/deviceManagement/mobileThreatDefenseConnectors";

    private static readonly string[] V1Properties =
    [
        "id", "lastHeartbeatDateTime", "partnerState", "partnerUnresponsivenessThresholdInDays", "partnerUnsupportedOsVersionBlocked",
        "androidEnabled", "iosEnabled", "windowsEnabled", "androidDeviceBlockedOnMissingPartnerData", "iosDeviceBlockedOnMissingPartnerData",
        "windowsDeviceBlockedOnMissingPartnerData", "androidMobileApplicationManagementEnabled", "iosMobileApplicationManagementEnabled",
        "microsoftDefenderForEndpointAttachEnabled", "allowPartnerToCollectIOSApplicationMetadata", "allowPartnerToCollectIOSPersonalApplicationMetadata",
    ];

    private static readonly string[] BetaAdditions =
    [
        "windowsMobileApplicationManagementEnabled", "macEnabled", "macDeviceBlockedOnMissingPartnerData",
        "allowPartnerToCollectIosCertificateMetadata", "allowPartnerToCollectIosPersonalCertificateMetadata",
        "partnerSupportsAndroidMam", "partnerSupportsIosMam", "partnerSupportsWindowsMam", "partnerSupportsIosCertificateSync",
        "partnerMinimumSupportedAndroidVersion", "partnerMinimumSupportedIosVersion", "partnerMinimumSupportedMacVersion", "partnerMinimumSupportedWindowsVersion",
    ];

    private static readonly string[] Annotations = ["@odata.context", "@odata.type", "@odata.etag"];

    [Fact]
    public async Task Get_V1AndBeta_ReturnExactlyTheirPropertyLists()
    {
        const string Zimperium = "08a8455c-48dd-45ff-ad82-7211355354f3";
        await CreateAsync(Zimperium);
        using var client = api.CreateMamClient();

        using var v1 = await JsonAsync(await client.GetAsync($"{Path}/{Zimperium}"));
        using var beta = await JsonAsync(await client.GetAsync($"{BetaPath}/{Zimperium}"));

        Assert.Equal([.. Annotations, .. V1Properties], v1.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal([.. Annotations, .. V1Properties, .. BetaAdditions], beta.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("http://localhost/graph/v1.0/$metadata#deviceManagement/mobileThreatDefenseConnectors/$entity", v1.RootElement.GetProperty("@odata.context").GetString());
        Assert.Equal("#microsoft.graph.mobileThreatDefenseConnector", v1.RootElement.GetProperty("@odata.type").GetString());
        Assert.Equal("W/\"1\"", v1.RootElement.GetProperty("@odata.etag").GetString());
        Assert.Equal("notSetUp", v1.RootElement.GetProperty("partnerState").GetString());
        var b = beta.RootElement;
        Assert.True(b.GetProperty("partnerSupportsIosCertificateSync").GetBoolean());
        Assert.True(b.GetProperty("partnerSupportsIosMam").GetBoolean());
        Assert.False(b.GetProperty("partnerSupportsWindowsMam").GetBoolean());
        Assert.Equal(("4.4", "11.0"), (b.GetProperty("partnerMinimumSupportedAndroidVersion").GetString(), b.GetProperty("partnerMinimumSupportedIosVersion").GetString()));
        Assert.Equal(JsonValueKind.Null, b.GetProperty("partnerMinimumSupportedWindowsVersion").ValueKind);
    }

    [Fact]
    public async Task PostBeta_CertificateToggles_AreSavedAndCatalogueValuesAreReadOnly()
    {
        const string Defender = PartnerCatalog.MicrosoftDefenderForEndpointId;
        using var client = api.CreateMamClient();

        var created = await client.PostAsJsonAsync(BetaPath, new { id = Defender, windowsMobileApplicationManagementEnabled = true, windowsEnabled = true });
        var readOnly = await client.PatchAsJsonAsync($"{BetaPath}/{Defender}", new { partnerSupportsWindowsMam = false });
        var unsupported = await client.PatchAsJsonAsync($"{BetaPath}/{Defender}", new { allowPartnerToCollectIosCertificateMetadata = true });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"http://localhost{BetaPath}/{Defender}", created.Headers.Location?.ToString());
        using var body = await JsonAsync(created);
        Assert.True(body.RootElement.GetProperty("windowsMobileApplicationManagementEnabled").GetBoolean());
        Assert.Equal("10.0.15063", body.RootElement.GetProperty("partnerMinimumSupportedWindowsVersion").GetString());
        Assert.Equal("http://localhost/graph/beta/$metadata#deviceManagement/mobileThreatDefenseConnectors/$entity", body.RootElement.GetProperty("@odata.context").GetString());
        await AssertErrorAsync(readOnly, HttpStatusCode.BadRequest, "BadRequest", "The property 'partnerSupportsWindowsMam' is read-only");
        await AssertErrorAsync(unsupported, HttpStatusCode.BadRequest, "BadRequest", "Microsoft Defender for Endpoint does not support 'Enable Certificate Sync for iOS/iPadOS devices'.");
        Assert.True((await api.Get<MtdConnectorService>().GetAsync(Defender))!.Settings.WindowsEnabled);
    }

    [Fact]
    public async Task Post_BetaOnlyPropertyOnV1_IsAnUnknownProperty()
    {
        using var client = api.CreateMamClient();

        var response = await client.PostAsJsonAsync(Path, new { id = "860d3ab4-8fd1-45f5-89cd-ecf51e4f92e5", macEnabled = false });

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest", "The property 'macEnabled' is not known here");
        Assert.Null(await api.Get<MtdConnectorService>().GetAsync("860d3ab4-8fd1-45f5-89cd-ecf51e4f92e5"));
    }

    [Fact]
    public async Task List_QueryOptions_SelectFilterPageAndCount()
    {
        string[] ids = ["a447eca6-a986-4d3f-9838-5862bf50776c", "d3ddeae8-441f-4681-b80f-aef644f7195a", "29ee2d98-e795-475f-a0f8-0802dc3384a9"];
        foreach (var id in ids)
        {
            await CreateAsync(id);
        }
        // One of them becomes Enabled (a platform toggle on and a heartbeat); the others stay Not Set Up.
        Assert.True((await api.Get<MtdConnectorService>().UpdateAsync(ids[0], new MtdConnectorSettings { IosEnabled = true }, null, TestActors.Named("api-tests"))).Succeeded);
        Assert.True((await api.Get<MtdConnectorService>().RecordHeartbeatAsync(ids[0], null)).Succeeded);
        using var client = api.CreateMamClient();
        using var all = await JsonAsync(await client.GetAsync(Path));
        var allIds = all.RootElement.GetProperty("value").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();

        using var selected = await JsonAsync(await client.GetAsync($"{Path}?$select=id,partnerState"));
        using var enabled = await JsonAsync(await client.GetAsync($"{Path}?$filter=partnerState eq 'enabled' and iosEnabled eq true&$count=true"));
        using var first = await JsonAsync(await client.GetAsync($"{Path}?$top=2&$count=true"));
        var next = first.RootElement.GetProperty("@odata.nextLink").GetString()!;
        using var second = await JsonAsync(await client.GetAsync(next));
        using var skipped = await JsonAsync(await client.GetAsync($"{Path}?$skip=1"));

        Assert.Equal("http://localhost/graph/v1.0/$metadata#deviceManagement/mobileThreatDefenseConnectors", all.RootElement.GetProperty("@odata.context").GetString());
        Assert.False(all.RootElement.TryGetProperty("@odata.nextLink", out _));
        Assert.Subset(allIds.ToHashSet(), ids.ToHashSet());
        Assert.Equal("http://localhost/graph/v1.0/$metadata#deviceManagement/mobileThreatDefenseConnectors(id,partnerState)", selected.RootElement.GetProperty("@odata.context").GetString());
        Assert.All(selected.RootElement.GetProperty("value").EnumerateArray(),
            c => Assert.Equal(["@odata.type", "@odata.etag", "id", "partnerState"], c.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(ids[0], Assert.Single(enabled.RootElement.GetProperty("value").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(1, enabled.RootElement.GetProperty("@odata.count").GetInt32());
        Assert.Equal(allIds.Count, first.RootElement.GetProperty("@odata.count").GetInt32());
        Assert.Equal(allIds.Take(2), first.RootElement.GetProperty("value").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal($"http://localhost{Path}?$top=2&$count=true&$skip=2", next);
        Assert.Equal(allIds.Skip(2).Take(2), second.RootElement.GetProperty("value").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
        Assert.Equal(allIds.Count > 4, second.RootElement.TryGetProperty("@odata.nextLink", out _));
        Assert.Equal(allIds.Skip(1), skipped.RootElement.GetProperty("value").EnumerateArray().Select(c => c.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("$filter=partnerState ne 'enabled'", "$filter supports only 'property eq value' clauses joined by 'and'")]
    [InlineData("$filter=partnerState eq 'enabled' or androidEnabled eq true", "$filter supports only 'property eq value' clauses joined by 'and'")]
    [InlineData("$filter=(partnerState eq 'enabled')", "cannot be filtered on")]
    [InlineData("$filter=partnerState eq 'asleep'", "partnerState is one of 'unavailable', 'notSetUp', 'available', 'enabled', 'unresponsive', 'error'")]
    [InlineData("$filter=startswith(id,'2c')", "$filter supports only")]
    [InlineData("$filter=lastHeartbeatDateTime eq 2026-11-25T09:00:00Z", "'lastHeartbeatDateTime' cannot be filtered on")]
    [InlineData("$filter=macEnabled eq false", "'macEnabled' cannot be filtered on")]
    [InlineData("$filter=partnerState eq 'enabled", "without its closing quote")]
    [InlineData("$filter=androidEnabled eq 'true'", "androidEnabled is true or false in $filter")]
    [InlineData("$select=id,colour", "'colour' in $select is not a property of mobileThreatDefenseConnector in v1.0")]
    [InlineData("$top=-1", "$top must be a whole number from 0 to 999")]
    [InlineData("$top=1000", "$top must be a whole number from 0 to 999")]
    [InlineData("$skip=x", "$skip must be a whole number of 0 or more")]
    [InlineData("$count=yes", "$count must be true or false")]
    [InlineData("$orderby=id", "The query option '$orderby' is not supported here; use $top, $skip, $count, $select, $filter")]
    [InlineData("$top=1&$top=2", "appears more than once")]
    public async Task List_UnsupportedQuery_IsABadRequestSayingWhatIsSupported(string query, string expect)
    {
        using var client = api.CreateMamClient();

        var response = await client.GetAsync($"{Path}?{query}");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest", expect);
    }

    [Fact]
    public async Task Patch_StaleIfMatch_IsAConflictAndChangesNothing()
    {
        const string Sentinel = "bb13fe25-ce1f-45aa-b278-cabbc6b9072e";
        await CreateAsync(Sentinel);
        using var client = api.CreateMamClient();
        using var read = await JsonAsync(await client.GetAsync($"{Path}/{Sentinel}"));
        var etag = read.RootElement.GetProperty("@odata.etag").GetString()!;

        var fresh = await SendAsync(client, HttpMethod.Patch, $"{Path}/{Sentinel}", new { partnerUnresponsivenessThresholdInDays = 14 }, etag);
        var stale = await SendAsync(client, HttpMethod.Patch, $"{Path}/{Sentinel}", new { partnerUnresponsivenessThresholdInDays = 60, androidEnabled = true }, etag);
        var staleDelete = await SendAsync(client, HttpMethod.Delete, $"{Path}/{Sentinel}", null, etag);
        var malformed = await SendAsync(client, HttpMethod.Patch, $"{Path}/{Sentinel}", new { androidEnabled = true }, "3");

        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        Assert.Equal("W/\"2\"", fresh.Headers.ETag?.ToString());
        await AssertErrorAsync(stale, HttpStatusCode.Conflict, "Conflict", "This connector was changed by API token: Bootstrap at");
        await AssertErrorAsync(staleDelete, HttpStatusCode.Conflict, "Conflict", "reload to see the changes");
        await AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "BadRequest", "If-Match must be the connector's @odata.etag");
        var saved = (await api.Get<MtdConnectorService>().GetAsync(Sentinel))!;
        Assert.Equal((14, false, 2), (saved.Settings.PartnerUnresponsivenessThresholdInDays, saved.Settings.AndroidEnabled, saved.Version));
    }

    [Fact]
    public async Task Patch_WithoutIfMatch_ChangesOnlyWhatItNamesAndShowsInCoreAtOnce()
    {
        const string Symantec = "28fd67fd-b179-4629-a8b0-dad420b697c7";
        await CreateAsync(Symantec, new MtdConnectorSettings { IosEnabled = true });
        using var client = api.CreateMamClient();

        var response = await client.PatchAsJsonAsync($"{Path}/{Symantec}", new { androidEnabled = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = (await api.Get<MtdConnectorService>().GetAsync(Symantec))!;
        Assert.Equal((true, true, 7), (saved.Settings.AndroidEnabled, saved.Settings.IosEnabled, saved.Settings.PartnerUnresponsivenessThresholdInDays));
        Assert.Equal("API token: Bootstrap", saved.LastModifiedBy);
    }

    [Theory]
    [InlineData("{\"partnerState\":\"enabled\"}", "The property 'partnerState' is read-only")]
    [InlineData("{\"lastHeartbeatDateTime\":\"2026-11-25T09:00:00Z\"}", "The property 'lastHeartbeatDateTime' is read-only")]
    [InlineData("{\"PartnerState\":\"enabled\"}", "The property 'partnerState' is read-only")]
    [InlineData("{\"id\":\"08a8455c-48dd-45ff-ad82-7211355354f3\"}", "The property 'id' is read-only")]
    [InlineData("{\"windowsDeviceBlockedOnMissingPartnerData\":true}", "'windowsDeviceBlockedOnMissingPartnerData' can only be false")]
    [InlineData("{\"@odata.type\":\"#microsoft.graph.user\"}", "'@odata.type' must be \"#microsoft.graph.mobileThreatDefenseConnector\"")]
    [InlineData("{\"partnerUnresponsivenessThresholdInDays\":91}", "Number of days until partner is unresponsive must be a whole number from 1 to 90.")]
    public async Task Patch_RefusedProperty_IsABadRequestNamingItAndChangesNothing(string body, string expect)
    {
        const string Pradeo = "8d0ed095-8191-4bd3-8a41-953b22d51ff7";
        if (await api.Get<MtdConnectorService>().GetAsync(Pradeo) is null)
        {
            await CreateAsync(Pradeo);
        }
        var before = (await api.Get<MtdConnectorService>().GetAsync(Pradeo))!.Version;
        using var client = api.CreateMamClient();

        var response = await client.PatchAsync($"{Path}/{Pradeo}", BadInputTenant.JsonContent(body));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest", expect);
        Assert.Equal(before, (await api.Get<MtdConnectorService>().GetAsync(Pradeo))!.Version);
    }

    [Fact]
    public async Task UnknownId_IsNotFoundForGetPatchAndDelete()
    {
        using var client = api.CreateMamClient();

        var get = await client.GetAsync($"{Path}/no-such-connector");
        var patch = await client.PatchAsJsonAsync($"{Path}/no-such-connector", new { androidEnabled = true });
        var delete = await client.DeleteAsync($"{BetaPath}/no-such-connector");

        await AssertErrorAsync(get, HttpStatusCode.NotFound, "NotFound", "There is no Mobile Threat Defense connector with id 'no-such-connector'.");
        await AssertErrorAsync(patch, HttpStatusCode.NotFound, "NotFound", "no-such-connector");
        await AssertErrorAsync(delete, HttpStatusCode.NotFound, "NotFound", "no-such-connector");
    }

    [Fact]
    public async Task Delete_Existing_IsNoContentAndGone()
    {
        const string Trend = "4928f0f6-2660-4f69-b4c5-5170ec921f7b";
        await CreateAsync(Trend);
        using var client = api.CreateMamClient();

        var response = await client.DeleteAsync($"{BetaPath}/{Trend}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Null(await api.Get<MtdConnectorService>().GetAsync(Trend));
    }

    [Fact]
    public async Task ManagedAppClientToken_IsForbiddenEverywhere()
    {
        const string Sophos = "870b252b-0ef0-4707-8847-50fc571472b3";
        await CreateAsync(Sophos);
        using var client = await ClientWithRoleAsync(ApiTokenRoles.ManagedAppClient);

        HttpResponseMessage[] responses =
        [
            await client.GetAsync(Path),
            await client.GetAsync($"{BetaPath}/{Sophos}"),
            await client.PostAsJsonAsync(Path, new { id = "tsd-8a2e6c14-7f3b-4d95-b0e8-61c9a5d3f207" }),
            await client.PatchAsJsonAsync($"{Path}/{Sophos}", new { androidEnabled = true }),
            await client.DeleteAsync($"{Path}/{Sophos}"),
        ];

        foreach (var response in responses)
        {
            await AssertErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "this token's role (Managed app client) does not have it");
        }
        Assert.NotNull(await api.Get<MtdConnectorService>().GetAsync(Sophos));
    }

    [Fact]
    public async Task ReadOnlyOperatorToken_MayReadButNotChange()
    {
        const string Iverify = "ivr-5f1c2a8e-3b7d-4e0a-9c61-2d84f0b7a913";
        await CreateAsync(Iverify);
        using var client = await ClientWithRoleAsync(AdminRoles.ReadOnlyOperator);

        var get = await client.GetAsync($"{Path}/{Iverify}");
        var list = await client.GetAsync(Path);
        var patch = await client.PatchAsJsonAsync($"{Path}/{Iverify}", new { androidEnabled = true });
        var delete = await client.DeleteAsync($"{Path}/{Iverify}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (get.StatusCode, list.StatusCode));
        await AssertErrorAsync(patch, HttpStatusCode.Forbidden, "Forbidden", "needs the Mobile Threat Defense/Modify permission");
        await AssertErrorAsync(delete, HttpStatusCode.Forbidden, "Forbidden", "Read Only Operator");
        Assert.False((await api.Get<MtdConnectorService>().GetAsync(Iverify))!.Settings.AndroidEnabled);
    }

    [Fact]
    public async Task OtherMethodsAndVersions_GetGraphShaped405And404()
    {
        using var client = api.CreateMamClient();

        var put = await client.PutAsJsonAsync(Path, new { id = "x" });
        var unknownVersion = await client.GetAsync("/graph/v2.0/deviceManagement/mobileThreatDefenseConnectors");

        await AssertErrorAsync(put, HttpStatusCode.MethodNotAllowed, "MethodNotAllowed", "use GET or POST");
        Assert.Equal("GET, POST", put.Content.Headers.Allow.Count == 0 ? string.Join(", ", put.Headers.GetValues("Allow")) : string.Join(", ", put.Content.Headers.Allow));
        await AssertErrorAsync(unknownVersion, HttpStatusCode.NotFound, "NotFound", "There is no API endpoint");
    }

    [Fact]
    public async Task NoToken_IsUnauthorizedInGraphShape()
    {
        using var client = api.CreateClient();

        var response = await client.GetAsync(Path);

        await AssertErrorAsync(response, HttpStatusCode.Unauthorized, "InvalidAuthenticationToken", "Bearer");
    }

    private async Task CreateAsync(string id, MtdConnectorSettings? settings = null) =>
        Assert.True((await api.Get<MtdConnectorService>().CreateAsync(id, settings, TestActors.Named("api-tests"))).Succeeded);

    private async Task<HttpClient> ClientWithRoleAsync(string role)
    {
        var token = await api.Get<ApiTokenService>().CreateAsync(
            new ApiTokenInput($"{role} {Guid.NewGuid():N}", role, api.Clock.GetUtcNow().UtcDateTime.AddDays(30)), TestActors.Named("api-tests"));
        Assert.True(token.Succeeded);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value!.Value);
        return client;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, object? body, string ifMatch)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code, string expect)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        BadInputApiTests.AssertNoLeak(text);
        using var json = JsonDocument.Parse(text);
        BadInputApiTests.AssertGraphError(json.RootElement, code, expect);
    }
}

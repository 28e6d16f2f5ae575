using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.AppConfiguration;
using AdminCenter.Core.Filters;
using AdminCenter.Tests.TestSupport;

namespace AdminCenter.Tests.Api;

/// <summary>Graph beta's <c>targetedManagedAppConfigurations</c> over raw HTTP, with Graph-documentation-shaped bodies.</summary>
public sealed class GraphAppConfigurationApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/graph/beta/deviceAppManagement/targetedManagedAppConfigurations";

    [Fact]
    public async Task Post_CustomSettings_CreatesPolicyWithEdgeAndGeneralSettings()
    {
        var client = api.CreateMamClient();
        var name = $"Edge home page {Guid.NewGuid():N}";

        var response = await client.PostAsync(Path, Json($$"""
            {"@odata.type": "#microsoft.graph.targetedManagedAppConfiguration", "displayName": "{{name}}", "description": "Intranet",
             "customSettings": [{"@odata.type": "microsoft.graph.keyValuePair", "name": "HomepageLocation", "value": "https://contoso.sharepoint.com"},
                                {"name": "com.contoso.signInName", "value": "{{"{{userprincipalname}}"}}"}]}
            """));

        using var created = await JsonAsync(response, HttpStatusCode.Created);
        var root = created.RootElement;
        Assert.Equal("#microsoft.graph.targetedManagedAppConfiguration", root.GetProperty("@odata.type").GetString());
        Assert.Equal(name, root.GetProperty("displayName").GetString());
        Assert.Equal("1", root.GetProperty("version").GetString());
        Assert.Equal("W/\"1\"", root.GetProperty("@odata.etag").GetString());
        Assert.Equal(2, root.GetProperty("customSettings").GetArrayLength());
        Assert.NotNull(response.Headers.Location);
        var saved = await api.Get<AppConfigurationPolicyService>().GetAsync(root.GetProperty("id").GetString()!);
        Assert.Equal(["HomepageLocation"], saved!.Draft.EdgeSettings.Select(s => s.Name));
        Assert.Equal("{{userprincipalname}}", Assert.Single(saved.Draft.GeneralSettings).Value);
        Assert.Equal(["com.microsoft.edge"], saved.Draft.Apps);
    }

    [Theory]
    [InlineData("""{"name": "HomepageLocation", "value": "contoso"}""", "HomepageLocation must be an absolute http or https URL")]
    [InlineData("""{"name": "TrackingPrevention", "value": "Strict"}""", "TrackingPrevention must be one of")]
    [InlineData("""{"name": "com.contoso.key", "value": "{{upn}}"}""", "{{upn}}, which is not a token")]
    public async Task Post_InvalidCustomSetting_Is400WithTheRule(string setting, string expect)
    {
        var response = await api.CreateMamClient().PostAsync(Path, Json($$"""{"displayName": "Bad {{Guid.NewGuid():N}}", "customSettings": [{{setting}}]}"""));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest", expect);
    }

    [Fact]
    public async Task Post_DuplicateName_Is409()
    {
        var client = api.CreateMamClient();
        var name = $"Duplicate {Guid.NewGuid():N}";
        await JsonAsync(await client.PostAsync(Path, Json($$"""{"displayName": "{{name}}"}""")), HttpStatusCode.Created);

        var second = await client.PostAsync(Path, Json($$"""{"displayName": "{{name.ToUpperInvariant()}}"}"""));

        await AssertErrorAsync(second, HttpStatusCode.Conflict, "Conflict", "already exists");
    }

    [Fact]
    public async Task Post_ReadOnlyProperty_Is400NamingIt()
    {
        var response = await api.CreateMamClient().PostAsync(Path, Json("""{"displayName": "x", "version": "3"}"""));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest", "'version' is read-only");
    }

    [Fact]
    public async Task Patch_StaleIfMatch_Is409AndNothingChanges()
    {
        var client = api.CreateMamClient();
        var id = await CreateAsync(client);
        using (await JsonAsync(await SendAsync(client, HttpMethod.Patch, $"{Path}/{id}", """{"description": "first"}""", "W/\"1\""), HttpStatusCode.OK))
        {
        }

        var stale = await SendAsync(client, HttpMethod.Patch, $"{Path}/{id}", """{"description": "second"}""", "W/\"1\"");

        await AssertErrorAsync(stale, HttpStatusCode.Conflict, "Conflict", "reload");
        Assert.Equal("first", (await api.Get<AppConfigurationPolicyService>().GetAsync(id))!.Draft.Description);
    }

    [Fact]
    public async Task Patch_CustomSettings_ReplacesThemWhole()
    {
        var client = api.CreateMamClient();
        var id = await CreateAsync(client, """, "customSettings": [{"name": "a", "value": "1"}, {"name": "b", "value": "2"}]""");

        using var patched = await JsonAsync(await client.PatchAsync($"{Path}/{id}", Json("""{"customSettings": [{"name": "PasswordManagerEnabled", "value": "false"}]}""")), HttpStatusCode.OK);

        var settings = patched.RootElement.GetProperty("customSettings");
        Assert.Equal("PasswordManagerEnabled", Assert.Single(settings.EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal("2", patched.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Assign_ThenGetAssignmentsAndExpand_ShowsTheGroups()
    {
        var client = api.CreateMamClient();
        var id = await CreateAsync(client);
        var included = await api.CreateGroupAsync($"Included {Guid.NewGuid():N}");
        var excluded = await api.CreateGroupAsync($"Excluded {Guid.NewGuid():N}");

        var assign = await client.PostAsync($"{Path}/{id}/assign", Json($$$"""
            {"assignments": [{"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "{{{included}}}"}},
                             {"target": {"@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", "groupId": "{{{excluded}}}"}}]}
            """));

        Assert.Equal(HttpStatusCode.NoContent, assign.StatusCode);
        using var assignments = await JsonAsync(await client.GetAsync($"{Path}/{id}/assignments"), HttpStatusCode.OK);
        var targets = assignments.RootElement.GetProperty("value").EnumerateArray().Select(a => a.GetProperty("target")).ToList();
        Assert.Contains(targets, t => t.GetProperty("groupId").GetString() == included && t.GetProperty("@odata.type").GetString() == "#microsoft.graph.groupAssignmentTarget");
        Assert.Contains(targets, t => t.GetProperty("groupId").GetString() == excluded && t.GetProperty("@odata.type").GetString() == "#microsoft.graph.exclusionGroupAssignmentTarget");
        using var expanded = await JsonAsync(await client.GetAsync($"{Path}/{id}?$expand=apps,assignments"), HttpStatusCode.OK);
        Assert.True(expanded.RootElement.GetProperty("isAssigned").GetBoolean());
        Assert.Equal(2, expanded.RootElement.GetProperty("assignments").GetArrayLength());
        Assert.Equal("com.microsoft.edge", expanded.RootElement.GetProperty("apps")[0].GetProperty("mobileAppIdentifier").GetProperty("windowsAppId").GetString());
    }

    [Fact]
    public async Task List_FilterOnDisplayName_FindsIt()
    {
        var client = api.CreateMamClient();
        var name = $"Listed {Guid.NewGuid():N}";
        await JsonAsync(await client.PostAsync(Path, Json($$"""{"displayName": "{{name}}"}""")), HttpStatusCode.Created);

        using var list = await JsonAsync(await client.GetAsync($"{Path}?$filter=displayName eq '{name}'&$count=true"), HttpStatusCode.OK);

        Assert.Equal(1, list.RootElement.GetProperty("@odata.count").GetInt32());
        Assert.Equal(name, list.RootElement.GetProperty("value")[0].GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task Delete_ThenGet_Is404()
    {
        var client = api.CreateMamClient();
        var id = await CreateAsync(client);

        var deleted = await client.DeleteAsync($"{Path}/{id}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await AssertErrorAsync(await client.GetAsync($"{Path}/{id}"), HttpStatusCode.NotFound, "NotFound", id);
    }

    [Fact]
    public async Task Post_ReadOnlyOperatorToken_Is403NamingThePermission()
    {
        var client = await ClientWithRoleAsync("Read Only Operator");

        var response = await client.PostAsync(Path, Json("""{"displayName": "Not allowed"}"""));

        await AssertErrorAsync(response, HttpStatusCode.Forbidden, "Forbidden", "Managed apps/Create");
    }

    [Fact]
    public async Task V1_NoSuchEntitySet_Is404()
    {
        var response = await api.CreateMamClient().GetAsync("/graph/v1.0/deviceAppManagement/targetedManagedAppConfigurations");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Assign_TargetWithFilter_SavedAndShownInAssignmentsAndExpand()
    {
        var client = api.CreateMamClient();
        var id = await CreateAsync(client);
        var filterId = await CreateFilterAsync(client);
        var included = await api.CreateGroupAsync($"Filtered {Guid.NewGuid():N}");
        var excluded = await api.CreateGroupAsync($"Excluded {Guid.NewGuid():N}");

        var assign = await client.PostAsync($"{Path}/{id}/assign", Json($$$"""
            {"assignments": [{"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "{{{included}}}",
                                         "deviceAndAppManagementAssignmentFilterId": "{{{filterId}}}", "deviceAndAppManagementAssignmentFilterType": "exclude"}},
                             {"target": {"@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", "groupId": "{{{excluded}}}", "deviceAndAppManagementAssignmentFilterType": "none"}}]}
            """));

        Assert.Equal(HttpStatusCode.NoContent, assign.StatusCode);
        using var assignments = await JsonAsync(await client.GetAsync($"{Path}/{id}/assignments"), HttpStatusCode.OK);
        var targets = assignments.RootElement.GetProperty("value").EnumerateArray().Select(a => a.GetProperty("target"))
            .ToDictionary(t => t.GetProperty("groupId").GetString()!, t => (
                t.GetProperty("deviceAndAppManagementAssignmentFilterId").GetString(), t.GetProperty("deviceAndAppManagementAssignmentFilterType").GetString()));
        Assert.Equal((filterId, "exclude"), targets[included]);
        Assert.Equal((null, "none"), targets[excluded]);
        using var expanded = await JsonAsync(await client.GetAsync($"{Path}/{id}?$expand=assignments"), HttpStatusCode.OK);
        Assert.Contains(expanded.RootElement.GetProperty("assignments").EnumerateArray(),
            a => a.GetProperty("target").GetProperty("deviceAndAppManagementAssignmentFilterId").GetString() == filterId);
        var saved = (await api.Get<AppConfigurationPolicyService>().GetAsync(id))!;
        Assert.Equal(new IncludedGroupFilter(included, filterId, AssignmentFilterMode.Exclude), Assert.Single(saved.Draft.AssignmentFilters));
    }

    [Fact]
    public async Task Assign_FilterOnAnExcludedGroup_Is400AndChangesNothing()
    {
        var client = api.CreateMamClient();
        var id = await CreateAsync(client);
        var filterId = await CreateFilterAsync(client);
        var group = await api.CreateGroupAsync($"Excluded {Guid.NewGuid():N}");

        var response = await client.PostAsync($"{Path}/{id}/assign", Json($$$"""
            {"assignments": [{"target": {"@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", "groupId": "{{{group}}}",
                                         "deviceAndAppManagementAssignmentFilterId": "{{{filterId}}}", "deviceAndAppManagementAssignmentFilterType": "include"}}]}
            """));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest", "only included groups take a filter");
        Assert.Empty((await api.Get<AppConfigurationPolicyService>().GetAsync(id))!.Draft.ExcludedGroupIds);
    }

    private static async Task<string> CreateFilterAsync(HttpClient client)
    {
        using var created = await JsonAsync(await client.PostAsync("/graph/beta/deviceManagement/assignmentFilters", Json($$"""
            {"@odata.type": "#microsoft.graph.deviceAndAppManagementAssignmentFilter", "displayName": "Surface {{Guid.NewGuid():N}}",
             "platform": "windowsMobileApplicationManagement", "assignmentFilterManagementType": "apps", "rule": "app.deviceManufacturer -eq \"Microsoft Corporation\""}
            """)), HttpStatusCode.Created);
        return created.RootElement.GetProperty("id").GetString()!;
    }

    private static async Task<string> CreateAsync(HttpClient client, string extra = "")
    {
        using var created = await JsonAsync(await client.PostAsync(Path, Json($$"""{"displayName": "Edge {{Guid.NewGuid():N}}"{{extra}}}""")), HttpStatusCode.Created);
        return created.RootElement.GetProperty("id").GetString()!;
    }

    private async Task<HttpClient> ClientWithRoleAsync(string role)
    {
        var token = await api.Get<ApiTokenService>().CreateAsync(
            new ApiTokenInput($"{role} {Guid.NewGuid():N}", role, api.Clock.GetUtcNow().UtcDateTime.AddDays(30)), TestActors.Named("api-tests"));
        Assert.True(token.Succeeded);
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Value!.Value);
        return client;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? body, string ifMatch)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = Json(body);
        }
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
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

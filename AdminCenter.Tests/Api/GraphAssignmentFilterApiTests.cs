using System.Net;
using System.Text;
using System.Text.Json;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Roles;
using AdminCenter.Tests.TestSupport;

namespace AdminCenter.Tests.Api;

/// <summary>Graph beta's assignmentFilters and the filter properties of an app protection policy's assignment targets (spec 07).</summary>
public sealed class GraphAssignmentFilterApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/graph/beta/deviceManagement/assignmentFilters";
    private const string PoliciesPath = "/graph/beta/deviceAppManagement/windowsManagedAppProtections";

    [Fact]
    public async Task PostGetPatchDelete_DocumentationShapedBodies_RoundTripThroughTheService()
    {
        using var client = api.CreateMamClient();
        var name = $"Surface devices {Guid.NewGuid():N}";

        using var created = await JsonAsync(await PostAsync(client, Path, Body(name, "(app.deviceManufacturer -eq \\\"Microsoft Corporation\\\")")), HttpStatusCode.Created);
        var id = created.RootElement.GetProperty("id").GetString()!;
        using var fetched = await JsonAsync(await client.GetAsync($"{Path}/{id}"), HttpStatusCode.OK);
        using var patched = await JsonAsync(await client.PatchAsync($"{Path}/{id}", Json("""{"rule": "app.deviceModel -startsWith \"Surface\""}""")), HttpStatusCode.OK);
        using var listed = await JsonAsync(await client.GetAsync($"{Path}?$filter=displayName eq '{name}'"), HttpStatusCode.OK);
        var deleted = await client.DeleteAsync($"{Path}/{id}");
        var gone = await client.GetAsync($"{Path}/{id}");

        var root = fetched.RootElement;
        Assert.Equal("#microsoft.graph.deviceAndAppManagementAssignmentFilter", root.GetProperty("@odata.type").GetString());
        Assert.Equal(("windowsMobileApplicationManagement", "apps"), (root.GetProperty("platform").GetString(), root.GetProperty("assignmentFilterManagementType").GetString()));
        Assert.Equal("(app.deviceManufacturer -eq \"Microsoft Corporation\")", root.GetProperty("rule").GetString());
        Assert.Equal("2026-11-25T09:00:00Z", root.GetProperty("lastModifiedDateTime").GetString());
        Assert.Equal("app.deviceModel -startsWith \"Surface\"", patched.RootElement.GetProperty("rule").GetString());
        Assert.Equal(name, patched.RootElement.GetProperty("displayName").GetString());
        Assert.Equal(id, Assert.Single(listed.RootElement.GetProperty("value").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Theory]
    [InlineData("""{"displayName": "Bad rule", "rule": "app.deviceManufacturer -equals \"x\""}""", "'rule': Position 24: Expected an operator for app.deviceManufacturer")]
    [InlineData("""{"displayName": "No rule"}""", "The properties 'displayName' and 'rule' are required.")]
    [InlineData("""{"displayName": "iOS", "rule": "app.deviceModel -eq \"x\"", "platform": "iOS"}""", "The property 'platform' is 'iOS'")]
    [InlineData("""{"displayName": "Devices", "rule": "app.deviceModel -eq \"x\"", "assignmentFilterManagementType": "devices"}""", "The property 'assignmentFilterManagementType' is 'devices'")]
    [InlineData("""{"displayName": "Id", "rule": "app.deviceModel -eq \"x\"", "id": "mine"}""", "The property 'id' is read-only.")]
    [InlineData("""{"displayName": "Unknown", "rule": "app.deviceModel -eq \"x\"", "colour": "red"}""", "colour")]
    public async Task Post_BadInput_Is400NamingTheProblem(string body, string expect)
    {
        using var client = api.CreateMamClient();

        var response = await PostAsync(client, Path, body);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, expect);
    }

    [Fact]
    public async Task PostAndDelete_DuplicateNameOrFilterInUse_AreConflicts()
    {
        using var client = api.CreateMamClient();
        var name = $"Used {Guid.NewGuid():N}";
        var filterId = await CreateFilterAsync(client, name);
        var group = await api.CreateGroupAsync($"Filtered {Guid.NewGuid():N}");
        var policyName = $"Filtered policy {Guid.NewGuid():N}";
        var policyId = await api.CreatePolicyAsync(policyName, group);
        var assign = await PostAsync(client, $"{PoliciesPath}/{policyId}/assign", Assignment(group, filterId, "include"));

        var duplicate = await PostAsync(client, Path, Body(name.ToUpperInvariant(), "app.deviceModel -eq \\\"x\\\""));
        var delete = await client.DeleteAsync($"{Path}/{filterId}");

        Assert.Equal(HttpStatusCode.NoContent, assign.StatusCode);
        await AssertErrorAsync(duplicate, HttpStatusCode.Conflict, "already exists");
        await AssertErrorAsync(delete, HttpStatusCode.Conflict, $"'{policyName}'");
    }

    [Fact]
    public async Task Assign_TargetWithFilter_IsSavedAndShownInAssignments()
    {
        using var client = api.CreateMamClient();
        var filterId = await CreateFilterAsync(client, $"Target {Guid.NewGuid():N}");
        var group = await api.CreateGroupAsync($"Target {Guid.NewGuid():N}");
        var policyId = await api.CreatePolicyAsync($"Target {Guid.NewGuid():N}", group);

        var assign = await PostAsync(client, $"{PoliciesPath}/{policyId}/assign", Assignment(group, filterId, "exclude"));
        using var assignments = await JsonAsync(await client.GetAsync($"{PoliciesPath}/{policyId}/assignments"), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, assign.StatusCode);
        var target = Assert.Single(assignments.RootElement.GetProperty("value").EnumerateArray()).GetProperty("target");
        Assert.Equal((filterId, "exclude"), (target.GetProperty("deviceAndAppManagementAssignmentFilterId").GetString(),
            target.GetProperty("deviceAndAppManagementAssignmentFilterType").GetString()));
        var saved = (await api.Get<AppProtectionPolicyService>().GetAsync(policyId))!;
        Assert.Equal(new IncludedGroupFilter(group, filterId, AssignmentFilterMode.Exclude), Assert.Single(saved.Draft.AssignmentFilters));
    }

    [Theory]
    [InlineData("include", null, "is required with a filter type of \"include\"")]
    [InlineData("sometimes", "FILTER", "use \"include\", \"exclude\" or \"none\"")]
    [InlineData("none", "FILTER", "must be \"include\" or \"exclude\" with a filter id")]
    [InlineData("include", "no-such-filter", "The filter 'no-such-filter' does not exist")]
    public async Task Assign_BadFilterProperties_Are400AndChangeNothing(string type, string? filter, string expect)
    {
        using var client = api.CreateMamClient();
        var filterId = await CreateFilterAsync(client, $"Bad target {Guid.NewGuid():N}");
        var group = await api.CreateGroupAsync($"Bad target {Guid.NewGuid():N}");
        var policyId = await api.CreatePolicyAsync($"Bad target {Guid.NewGuid():N}", group);

        var response = await PostAsync(client, $"{PoliciesPath}/{policyId}/assign", Assignment(group, filter == "FILTER" ? filterId : filter, type));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, expect);
        Assert.Empty((await api.Get<AppProtectionPolicyService>().GetAsync(policyId))!.Draft.AssignmentFilters);
    }

    [Fact]
    public async Task Assign_FilterOnAnExcludedGroup_Is400()
    {
        using var client = api.CreateMamClient();
        var filterId = await CreateFilterAsync(client, $"Excluded {Guid.NewGuid():N}");
        var group = await api.CreateGroupAsync($"Excluded {Guid.NewGuid():N}");
        var policyId = await api.CreatePolicyAsync($"Excluded {Guid.NewGuid():N}", group);

        var response = await PostAsync(client, $"{PoliciesPath}/{policyId}/assign",
            $$$"""{"assignments": [{"target": {"@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", "groupId": "{{{group}}}", "deviceAndAppManagementAssignmentFilterId": "{{{filterId}}}", "deviceAndAppManagementAssignmentFilterType": "include"}}]}""");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "only included groups take a filter");
    }

    [Fact]
    public async Task Roles_ReadOnlyOperatorMayReadNotCreate()
    {
        using var client = api.CreateMamClient();
        await CreateFilterAsync(client, $"Readable {Guid.NewGuid():N}");
        var token = await api.Get<AdminCenter.Core.ApiTokens.ApiTokenService>().CreateAsync(
            new AdminCenter.Core.ApiTokens.ApiTokenInput($"reader {Guid.NewGuid():N}", AdminCenter.Core.Identity.AdminRoles.ReadOnlyOperator,
                api.Clock.GetUtcNow().UtcDateTime.AddDays(30)), TestActors.Named("api-tests"));
        using var reader = api.CreateClient();
        reader.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token.Value!.Value);

        var read = await reader.GetAsync(Path);
        var create = await PostAsync(reader, Path, Body("Not allowed", "app.deviceModel -eq \\\"x\\\""));

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await AssertErrorAsync(create, HttpStatusCode.Forbidden, new Permission(PermissionCategory.Filters, PermissionAction.Create).ToString());
    }

    private static string Body(string name, string rule) =>
        $$"""{"@odata.type": "#microsoft.graph.deviceAndAppManagementAssignmentFilter", "displayName": "{{name}}", "description": "Microsoft hardware", "platform": "windowsMobileApplicationManagement", "assignmentFilterManagementType": "apps", "rule": "{{rule}}"}""";

    private static string Assignment(string group, string? filterId, string type) =>
        $$$"""{"assignments": [{"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "{{{group}}}", "deviceAndAppManagementAssignmentFilterId": {{{(filterId is null ? "null" : $"\"{filterId}\"")}}}, "deviceAndAppManagementAssignmentFilterType": "{{{type}}}"}}]}""";

    private static async Task<string> CreateFilterAsync(HttpClient client, string name)
    {
        using var created = await JsonAsync(await PostAsync(client, Path, Body(name, "app.deviceManufacturer -eq \\\"Microsoft Corporation\\\"")), HttpStatusCode.Created);
        return created.RootElement.GetProperty("id").GetString()!;
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string body) => client.PostAsync(path, Json(body));

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text);
    }

    private static async Task AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string expect)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        BadInputApiTests.AssertNoLeak(text);
        using var json = JsonDocument.Parse(text);
        Assert.Contains(expect, json.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Identity;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Api;

/// <summary>
/// Graph beta's Windows app protection policies over raw HTTP, with bodies shaped like the Graph documentation's examples:
/// create, targetApps, assign, $expand, OData query options, If-Match, roles, and that the UI's service sees every change.
/// </summary>
public sealed class GraphPolicyApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/graph/beta/deviceAppManagement/windowsManagedAppProtections";

    private static readonly string[] Properties =
    [
        "@odata.context", "@odata.type", "@odata.etag",
        "id", "displayName", "description", "createdDateTime", "lastModifiedDateTime", "roleScopeTagIds", "version", "isAssigned",
        "deployedAppCount", "printBlocked", "allowedInboundDataTransferSources", "allowedOutboundClipboardSharingLevel",
        "allowedOutboundDataTransferDestinations", "appActionIfUnableToAuthenticateUser", "maximumAllowedDeviceThreatLevel",
        "mobileThreatDefenseRemediationAction", "minimumRequiredSdkVersion", "minimumWipeSdkVersion", "minimumRequiredOsVersion",
        "minimumWarningOsVersion", "minimumWipeOsVersion", "minimumRequiredAppVersion", "minimumWarningAppVersion", "minimumWipeAppVersion",
        "maximumRequiredOsVersion", "maximumWarningOsVersion", "maximumWipeOsVersion", "periodOfflineBeforeWipeIsEnforced",
        "periodOfflineBeforeAccessCheck",
    ];

    [Fact]
    public async Task Post_GraphDocumentationShapedBody_CreatesThePolicyTheUiLists()
    {
        using var client = api.CreateMamClient();
        var body = $$"""
            {
              "@odata.type": "#microsoft.graph.windowsManagedAppProtection",
              "displayName": "Edge level 2 {{Guid.NewGuid():N}}",
              "description": "Enhanced data protection",
              "roleScopeTagIds": ["0"],
              "printBlocked": true,
              "allowedInboundDataTransferSources": "none",
              "allowedOutboundClipboardSharingLevel": "none",
              "allowedOutboundDataTransferDestinations": "none",
              "appActionIfUnableToAuthenticateUser": "block",
              "maximumAllowedDeviceThreatLevel": "medium",
              "mobileThreatDefenseRemediationAction": "block",
              "minimumRequiredOsVersion": "10.0.22621.2506",
              "maximumWarningOsVersion": "10.0.22641",
              "periodOfflineBeforeWipeIsEnforced": "P30D",
              "periodOfflineBeforeAccessCheck": "PT1440M"
            }
            """;

        var response = await PostAsync(client, Path, body);

        using var created = await JsonAsync(response, HttpStatusCode.Created);
        var root = created.RootElement;
        var id = root.GetProperty("id").GetString()!;
        Assert.Equal($"http://localhost{Path}/{id}", response.Headers.Location?.ToString());
        Assert.Equal(Properties, root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("http://localhost/graph/beta/$metadata#deviceAppManagement/windowsManagedAppProtections/$entity", root.GetProperty("@odata.context").GetString());
        Assert.Equal("#microsoft.graph.windowsManagedAppProtection", root.GetProperty("@odata.type").GetString());
        Assert.Equal("W/\"1\"", root.GetProperty("@odata.etag").GetString());
        Assert.Equal(("1", false, 1), (root.GetProperty("version").GetString(), root.GetProperty("isAssigned").GetBoolean(), root.GetProperty("deployedAppCount").GetInt32()));
        Assert.Equal(("none", "none", "none"), (root.GetProperty("allowedInboundDataTransferSources").GetString(),
            root.GetProperty("allowedOutboundClipboardSharingLevel").GetString(), root.GetProperty("allowedOutboundDataTransferDestinations").GetString()));
        Assert.Equal(("P30D", "PT1440M"), (root.GetProperty("periodOfflineBeforeWipeIsEnforced").GetString(), root.GetProperty("periodOfflineBeforeAccessCheck").GetString()));
        Assert.Equal(("medium", "block", "block"), (root.GetProperty("maximumAllowedDeviceThreatLevel").GetString(),
            root.GetProperty("mobileThreatDefenseRemediationAction").GetString(), root.GetProperty("appActionIfUnableToAuthenticateUser").GetString()));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("minimumWipeOsVersion").ValueKind);
        Assert.Equal("2026-11-25T09:00:00Z", root.GetProperty("createdDateTime").GetString());
        var listed = await api.Get<AppProtectionPolicyService>().ListAsync(new PolicyListQuery());
        Assert.Contains(listed, p => p.Id == id && p.DisplayName == root.GetProperty("displayName").GetString() && p.Platform == "Windows");
        var saved = (await api.Get<AppProtectionPolicyService>().GetAsync(id))!;
        Assert.Equal((true, DeviceThreatLevel.Medium, "10.0.22621.2506", "10.0.22641", TimeSpan.FromDays(30), TimeSpan.FromMinutes(1440)),
            (saved.Settings.PrintBlocked, saved.Settings.MaximumAllowedDeviceThreatLevel, saved.Settings.MinimumRequiredOsVersion,
                saved.Settings.MaximumWarningOsVersion, saved.Settings.PeriodOfflineBeforeWipeIsEnforced, saved.Settings.PeriodOfflineBeforeAccessCheck));
        Assert.Equal([WindowsPolicyDraft.EdgeAppId], saved.Draft.Apps);
        Assert.Equal("API token: Bootstrap", saved.LastModifiedBy);
    }

    [Fact]
    public async Task TargetAppsAndAssign_DocumentationBodies_ShowInExpandNavigationAndCore()
    {
        var included = await api.CreateGroupAsync($"Finance {Guid.NewGuid():N}");
        var excluded = await api.CreateGroupAsync($"Finance contractors {Guid.NewGuid():N}");
        using var client = api.CreateMamClient();
        var id = await CreateAsync(client, "Expand");

        var targetApps = await PostAsync(client, $"{Path}/{id}/targetApps", """
            {"apps": [{"@odata.type": "#microsoft.graph.managedMobileApp",
                       "mobileAppIdentifier": {"@odata.type": "microsoft.graph.windowsAppIdentifier", "windowsAppId": "com.microsoft.edge"},
                       "id": "0a129715-9715-0a12-1597-120a1597120a", "version": "Version value"}]}
            """);
        var assign = await PostAsync(client, $"{Path}/{id}/assign", $$$"""
            {"assignments": [
              {"@odata.type": "#microsoft.graph.targetedManagedAppPolicyAssignment", "id": "8b68c4a6-c4a6-8b68-a6c4-688ba6c4688b",
               "target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "{{{included}}}"}, "source": "direct", "sourceId": null},
              {"target": {"@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", "groupId": "{{{excluded}}}",
                          "deviceAndAppManagementAssignmentFilterType": "none"}}
            ]}
            """);
        using var expanded = await JsonAsync(await client.GetAsync($"{Path}/{id}?$expand=apps,assignments"), HttpStatusCode.OK);
        using var apps = await JsonAsync(await client.GetAsync($"{Path}/{id}/apps"), HttpStatusCode.OK);
        using var assignments = await JsonAsync(await client.GetAsync($"{Path}/{id}/assignments?$count=true"), HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.NoContent, targetApps.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, assign.StatusCode);
        var root = expanded.RootElement;
        Assert.Equal("http://localhost/graph/beta/$metadata#deviceAppManagement/windowsManagedAppProtections(apps(),assignments())/$entity",
            root.GetProperty("@odata.context").GetString());
        Assert.True(root.GetProperty("isAssigned").GetBoolean());
        Assert.Equal("W/\"3\"", root.GetProperty("@odata.etag").GetString());
        var app = Assert.Single(root.GetProperty("apps").EnumerateArray());
        Assert.Equal("#microsoft.graph.managedMobileApp", app.GetProperty("@odata.type").GetString());
        Assert.Equal("#microsoft.graph.windowsAppIdentifier", app.GetProperty("mobileAppIdentifier").GetProperty("@odata.type").GetString());
        Assert.Equal("com.microsoft.edge", app.GetProperty("mobileAppIdentifier").GetProperty("windowsAppId").GetString());
        var targets = root.GetProperty("assignments").EnumerateArray()
            .Select(a => (a.GetProperty("@odata.type").GetString(), a.GetProperty("target").GetProperty("@odata.type").GetString(), a.GetProperty("target").GetProperty("groupId").GetString()))
            .ToList();
        Assert.Equal(
        [
            ("#microsoft.graph.targetedManagedAppPolicyAssignment", "#microsoft.graph.groupAssignmentTarget", included),
            ("#microsoft.graph.targetedManagedAppPolicyAssignment", "#microsoft.graph.exclusionGroupAssignmentTarget", excluded),
        ], targets);
        Assert.Equal($"http://localhost/graph/beta/$metadata#deviceAppManagement/windowsManagedAppProtections('{id}')/apps", apps.RootElement.GetProperty("@odata.context").GetString());
        Assert.Equal("com.microsoft.edge", Assert.Single(apps.RootElement.GetProperty("value").EnumerateArray()).GetProperty("mobileAppIdentifier").GetProperty("windowsAppId").GetString());
        Assert.Equal(2, assignments.RootElement.GetProperty("@odata.count").GetInt32());
        Assert.All(assignments.RootElement.GetProperty("value").EnumerateArray(),
            a => Assert.Equal(["@odata.type", "id", "target", "source", "sourceId"], a.EnumerateObject().Select(p => p.Name)));
        var saved = (await api.Get<AppProtectionPolicyService>().GetAsync(id))!;
        Assert.Equal([included], saved.IncludedGroups.Select(g => g.Id));
        Assert.Equal([excluded], saved.ExcludedGroups.Select(g => g.Id));
        Assert.Contains(await api.Get<AppProtectionPolicyService>().ListAsync(new PolicyListQuery()), p => p.Id == id && p.IsAssigned);
    }

    [Fact]
    public async Task Assign_EmptyList_RemovesEveryAssignment()
    {
        var group = await api.CreateGroupAsync($"Sales {Guid.NewGuid():N}");
        var id = await api.CreatePolicyAsync($"Unassign {Guid.NewGuid():N}", group);
        using var client = api.CreateMamClient();

        var response = await PostAsync(client, $"{Path}/{id}/assign", """{"assignments": []}""");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var saved = (await api.Get<AppProtectionPolicyService>().GetAsync(id))!;
        Assert.Equal((false, 0, 0), (saved.IsAssigned, saved.IncludedGroups.Count, saved.ExcludedGroups.Count));
    }

    [Fact]
    public async Task Assign_RefusedTargets_Are400NamingTheProblemAndChangeNothing()
    {
        var group = await api.CreateGroupAsync($"Legal {Guid.NewGuid():N}");
        var id = await api.CreatePolicyAsync($"Refused assign {Guid.NewGuid():N}", group);
        using var client = api.CreateMamClient();
        string Assign(string type, string groupId) => $$$"""{"target": {"@odata.type": "{{{type}}}", "groupId": "{{{groupId}}}"}}""";
        const string Include = "#microsoft.graph.groupAssignmentTarget";
        const string Exclude = "#microsoft.graph.exclusionGroupAssignmentTarget";

        var both = await PostAsync(client, $"{Path}/{id}/assign", $$"""{"assignments": [{{Assign(Include, group)}}, {{Assign(Exclude, group)}}]}""");
        var unknownGroup = await PostAsync(client, $"{Path}/{id}/assign", $$"""{"assignments": [{{Assign(Include, "no-such-group")}}]}""");
        var allUsers = await PostAsync(client, $"{Path}/{id}/assign", """{"assignments": [{"target": {"@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget"}}]}""");
        var filter = await PostAsync(client, $"{Path}/{id}/assign",
            $$$"""{"assignments": [{"target": {"@odata.type": "{{{Include}}}", "groupId": "{{{group}}}", "deviceAndAppManagementAssignmentFilterId": "f1", "deviceAndAppManagementAssignmentFilterType": "include"}}]}""");

        await AssertErrorAsync(both, HttpStatusCode.BadRequest, "BadRequest", $"'assignments': Group '{group}' is both included and excluded; a group can be one or the other.");
        await AssertErrorAsync(unknownGroup, HttpStatusCode.BadRequest, "BadRequest", "'assignments': The group 'no-such-group' does not exist");
        await AssertErrorAsync(allUsers, HttpStatusCode.BadRequest, "BadRequest", "The property 'assignments[0].target.@odata.type' is '#microsoft.graph.allLicensedUsersAssignmentTarget'");
        await AssertErrorAsync(filter, HttpStatusCode.BadRequest, "BadRequest", "'assignments': The filter 'f1' does not exist");
        var saved = (await api.Get<AppProtectionPolicyService>().GetAsync(id))!;
        Assert.Equal([group], saved.IncludedGroups.Select(g => g.Id));
        Assert.Equal((0, 1), (saved.ExcludedGroups.Count, saved.Version));
    }

    [Theory]
    [InlineData("""{"apps": []}""", "'apps': Select at least one app.")]
    [InlineData("""{"apps": [{"mobileAppIdentifier": {"@odata.type": "#microsoft.graph.windowsAppIdentifier", "windowsAppId": "com.microsoft.teams"}}]}""",
        "'apps': 'com.microsoft.teams' is not an app Windows app protection policies can target; only Microsoft Edge (com.microsoft.edge) can be selected.")]
    [InlineData("""{"apps": [{"mobileAppIdentifier": {"@odata.type": "#microsoft.graph.androidMobileAppIdentifier", "windowsAppId": "com.microsoft.edge"}}]}""",
        "'apps[0].mobileAppIdentifier.@odata.type' must be \"#microsoft.graph.windowsAppIdentifier\"")]
    [InlineData("""{"apps": [{"mobileAppIdentifier": {"@odata.type": "#microsoft.graph.windowsAppIdentifier"}}]}""",
        "The required property 'apps[0].mobileAppIdentifier.windowsAppId' is missing.")]
    public async Task TargetApps_RefusedApps_Are400AndChangeNothing(string body, string expect)
    {
        var id = await api.CreatePolicyAsync($"Apps {Guid.NewGuid():N}", await api.CreateGroupAsync($"Apps group {Guid.NewGuid():N}"));
        using var client = api.CreateMamClient();

        var response = await PostAsync(client, $"{Path}/{id}/targetApps", body);

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest", expect);
        var saved = (await api.Get<AppProtectionPolicyService>().GetAsync(id))!;
        Assert.Equal([WindowsPolicyDraft.EdgeAppId], saved.Draft.Apps);
        Assert.Equal(1, saved.Version);
    }

    [Fact]
    public async Task List_FilterSelectTopAndNextLink()
    {
        var prefix = $"Paging {Guid.NewGuid():N}";
        var group = await api.CreateGroupAsync($"Paging group {Guid.NewGuid():N}");
        using var client = api.CreateMamClient();
        var ids = new List<string>();
        foreach (var n in new[] { 1, 2, 3 })
        {
            ids.Add(await CreateAsync(client, $"{prefix} {n}", exact: true));
        }
        Assert.Equal(HttpStatusCode.NoContent, (await PostAsync(client, $"{Path}/{ids[1]}/assign",
            $$$"""{"assignments": [{"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "{{{group}}}"}}]}""")).StatusCode);
        using var all = await JsonAsync(await client.GetAsync($"{Path}?$select=id,displayName&$count=true"), HttpStatusCode.OK);
        var allIds = all.RootElement.GetProperty("value").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToList();

        using var byName = await JsonAsync(await client.GetAsync($"{Path}?$filter=displayName eq '{prefix} 2' and isAssigned eq true&$select=displayName,isAssigned"), HttpStatusCode.OK);
        using var unassignedByName = await JsonAsync(await client.GetAsync($"{Path}?$filter=displayName eq '{prefix} 2' and isAssigned eq false"), HttpStatusCode.OK);
        using var first = await JsonAsync(await client.GetAsync($"{Path}?$top=2&$select=id&$expand=assignments"), HttpStatusCode.OK);
        var next = first.RootElement.GetProperty("@odata.nextLink").GetString()!;
        using var second = await JsonAsync(await client.GetAsync(next), HttpStatusCode.OK);

        Assert.Equal("http://localhost/graph/beta/$metadata#deviceAppManagement/windowsManagedAppProtections(id,displayName)", all.RootElement.GetProperty("@odata.context").GetString());
        Assert.Equal(allIds.Count, all.RootElement.GetProperty("@odata.count").GetInt32());
        Assert.Subset(allIds.ToHashSet(), ids.ToHashSet());
        var match = Assert.Single(byName.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(["@odata.type", "@odata.etag", "displayName", "isAssigned"], match.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"{prefix} 2", match.GetProperty("displayName").GetString());
        Assert.Empty(unassignedByName.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(allIds.Take(2), first.RootElement.GetProperty("value").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
        Assert.All(first.RootElement.GetProperty("value").EnumerateArray(), p => Assert.Equal(JsonValueKind.Array, p.GetProperty("assignments").ValueKind));
        Assert.Equal($"http://localhost{Path}?$top=2&$select=id&$expand=assignments&$skip=2", next);
        Assert.Equal(allIds.Skip(2).Take(2), second.RootElement.GetProperty("value").EnumerateArray().Select(p => p.GetProperty("id").GetString()));
    }

    [Theory]
    [InlineData("$expand=deploymentSummary", "'deploymentSummary' cannot be expanded. $expand supports apps and assignments")]
    [InlineData("$expand=*", "'*' cannot be expanded")]
    [InlineData("$expand=apps($select=id)", "cannot be expanded")]
    [InlineData("$filter=displayName ne 'x'", "$filter supports only 'property eq value' clauses joined by 'and'")]
    [InlineData("$filter=createdDateTime eq 2026-11-25T09:00:00Z", "'createdDateTime' cannot be filtered on")]
    [InlineData("$filter=isAssigned eq 'true'", "isAssigned is true or false in $filter")]
    [InlineData("$select=id,colour", "'colour' in $select is not a property of windowsManagedAppProtection in beta")]
    [InlineData("$orderby=displayName", "The query option '$orderby' is not supported here; use $top, $skip, $count, $select, $filter, $expand")]
    public async Task List_UnsupportedQuery_IsABadRequestSayingWhatIsSupported(string query, string expect)
    {
        using var client = api.CreateMamClient();

        var response = await client.GetAsync($"{Path}?{query}");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest", expect);
    }

    [Fact]
    public async Task Patch_WithIfMatch_ThenStaleIfMatch_IsAConflictAndChangesNothing()
    {
        using var client = api.CreateMamClient();
        var id = await CreateAsync(client, "Concurrency");
        using var read = await JsonAsync(await client.GetAsync($"{Path}/{id}"), HttpStatusCode.OK);
        var etag = read.RootElement.GetProperty("@odata.etag").GetString()!;

        var fresh = await SendAsync(client, HttpMethod.Patch, $"{Path}/{id}", """{"printBlocked": true, "minimumWarningOsVersion": "10.0.22631.1"}""", etag);
        var stale = await SendAsync(client, HttpMethod.Patch, $"{Path}/{id}", """{"printBlocked": false, "description": "lost"}""", etag);
        var staleDelete = await SendAsync(client, HttpMethod.Delete, $"{Path}/{id}", null, etag);
        var staleAssign = await SendAsync(client, HttpMethod.Post, $"{Path}/{id}/assign", """{"assignments": []}""", etag);
        var malformed = await SendAsync(client, HttpMethod.Patch, $"{Path}/{id}", """{"printBlocked": false}""", "3");

        using var patched = await JsonAsync(fresh, HttpStatusCode.OK);
        Assert.Equal("W/\"2\"", fresh.Headers.ETag?.ToString());
        Assert.True(patched.RootElement.GetProperty("printBlocked").GetBoolean());
        Assert.Equal("10.0.22631.1", patched.RootElement.GetProperty("minimumWarningOsVersion").GetString());
        await AssertErrorAsync(stale, HttpStatusCode.Conflict, "Conflict", "This policy was changed by API token: Bootstrap at");
        await AssertErrorAsync(staleDelete, HttpStatusCode.Conflict, "Conflict", "reload to see the changes");
        await AssertErrorAsync(staleAssign, HttpStatusCode.Conflict, "Conflict", "reload to see the changes");
        await AssertErrorAsync(malformed, HttpStatusCode.BadRequest, "BadRequest", "If-Match must be the policy's @odata.etag");
        var saved = (await api.Get<AppProtectionPolicyService>().GetAsync(id))!;
        Assert.Equal((true, (string?)null, 2), (saved.Settings.PrintBlocked, saved.Draft.Description, saved.Version));
    }

    [Fact]
    public async Task Patch_WithoutIfMatch_ChangesOnlyWhatItNamesAndNullClears()
    {
        using var client = api.CreateMamClient();
        var id = await CreateAsync(client, "Partial", """, "minimumRequiredAppVersion": "120.0", "printBlocked": true""");

        var response = await client.PatchAsync($"{Path}/{id}", Json("""{"minimumRequiredAppVersion": null, "description": "Edge for finance", "periodOfflineBeforeAccessCheck": "PT12H"}"""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var saved = (await api.Get<AppProtectionPolicyService>().GetAsync(id))!;
        Assert.Equal(((string?)null, true, "Edge for finance", TimeSpan.FromHours(12), TimeSpan.FromDays(90)),
            (saved.Settings.MinimumRequiredAppVersion, saved.Settings.PrintBlocked, saved.Draft.Description,
                saved.Settings.PeriodOfflineBeforeAccessCheck, saved.Settings.PeriodOfflineBeforeWipeIsEnforced));
    }

    [Theory]
    [InlineData("""{"minimumRequiredOsVersion": "22631.3155"}""", "'minimumRequiredOsVersion': '22631.3155' looks like a build number, not a full version. Write the full version, for example 10.0.22631.3155.")]
    [InlineData("""{"periodOfflineBeforeAccessCheck": "PT30S"}""", "'periodOfflineBeforeAccessCheck': Offline grace period with Block access must be a whole number of minutes from 1 to 525600.")]
    [InlineData("""{"periodOfflineBeforeWipeIsEnforced": "soon"}""", "The property 'periodOfflineBeforeWipeIsEnforced' must be an ISO 8601 duration such as P90D")]
    [InlineData("""{"appActionIfUnableToAuthenticateUser": "warn"}""", "'appActionIfUnableToAuthenticateUser': Disabled account supports Block access or Wipe data only.")]
    [InlineData("""{"maximumAllowedDeviceThreatLevel": "low", "mobileThreatDefenseRemediationAction": "warn"}""", "'maximumAllowedDeviceThreatLevel': Max allowed device threat level supports Block access or Wipe data only.")]
    [InlineData("""{"mobileThreatDefenseRemediationAction": "wipe"}""", "'mobileThreatDefenseRemediationAction' can be \"wipe\" only with a 'maximumAllowedDeviceThreatLevel'")]
    [InlineData("""{"minimumWipeOsVersion": "10.0.22631.5", "minimumRequiredOsVersion": "10.0.22631.1"}""", "'minimumWipeOsVersion': Min OS version with Wipe data (10.0.22631.5) must not be higher than with Block access (10.0.22631.1)")]
    [InlineData("""{"displayName": ""}""", "'displayName': Name is required.")]
    [InlineData("""{"roleScopeTagIds": ["7"]}""", "'roleScopeTagIds': Scope tag '7' does not exist; the only scope tag is Default.")]
    [InlineData("""{"allowedInboundDataTransferSources": "someApps"}""", "The property 'allowedInboundDataTransferSources' must be one of \"allApps\", \"none\".")]
    [InlineData("""{"printBlocked": null}""", "The property 'printBlocked' cannot be null; it must be true or false.")]
    [InlineData("""{"isAssigned": true}""", "The property 'isAssigned' is read-only")]
    [InlineData("""{"version": "7"}""", "The property 'version' is read-only")]
    [InlineData("""{"id": "x"}""", "The property 'id' is read-only")]
    [InlineData("""{"CreatedDateTime": "2026-11-25T09:00:00Z"}""", "The property 'createdDateTime' is read-only")]
    [InlineData("""{"lastModifiedDateTime": "2026-11-25T09:00:00Z"}""", "The property 'lastModifiedDateTime' is read-only")]
    [InlineData("""{"assignments": []}""", "The property 'assignments' is read-only (change the groups with POST .../assign)")]
    [InlineData("""{"present": ["printBlocked"]}""", "The property 'present' is not known here")]
    [InlineData("""{"@odata.type": "#microsoft.graph.iosManagedAppProtection"}""", "'@odata.type' must be \"#microsoft.graph.windowsManagedAppProtection\"")]
    public async Task Patch_InvalidValue_Is400NamingThePropertyAndChangesNothing(string body, string expect)
    {
        using var client = api.CreateMamClient();
        var id = await CreateAsync(client, "Invalid");

        var response = await client.PatchAsync($"{Path}/{id}", Json(body));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "BadRequest", expect);
        Assert.Equal(1, (await api.Get<AppProtectionPolicyService>().GetAsync(id))!.Version);
    }

    [Fact]
    public async Task PostAndPatch_DuplicateName_IsAConflict()
    {
        using var client = api.CreateMamClient();
        var name = $"Duplicate {Guid.NewGuid():N}";
        await CreateAsync(client, name, exact: true);
        var other = await CreateAsync(client, "Other");

        var post = await PostAsync(client, Path, $$"""{"displayName": "{{name.ToUpperInvariant()}}"}""");
        var patch = await client.PatchAsync($"{Path}/{other}", Json($$"""{"displayName": "{{name}}"}"""));

        await AssertErrorAsync(post, HttpStatusCode.Conflict, "Conflict", $"'displayName': A Windows policy named '{name.ToUpperInvariant()}' already exists.");
        await AssertErrorAsync(patch, HttpStatusCode.Conflict, "Conflict", $"'displayName': A Windows policy named '{name}' already exists.");
        Assert.Single(await api.Get<AppProtectionPolicyService>().ListAsync(new PolicyListQuery(name)));
    }

    [Fact]
    public async Task Post_MissingNameOrReadOnlyProperty_Is400()
    {
        using var client = api.CreateMamClient();
        var before = (await api.Get<AppProtectionPolicyService>().ListAsync(new PolicyListQuery())).Count;

        var missing = await PostAsync(client, Path, """{"description": "no name"}""");
        var readOnly = await PostAsync(client, Path, """{"displayName": "Has an id", "id": "mine"}""");

        await AssertErrorAsync(missing, HttpStatusCode.BadRequest, "BadRequest", "The required property 'displayName' is missing.");
        await AssertErrorAsync(readOnly, HttpStatusCode.BadRequest, "BadRequest", "The property 'id' is read-only");
        Assert.Equal(before, (await api.Get<AppProtectionPolicyService>().ListAsync(new PolicyListQuery())).Count);
    }

    [Fact]
    public async Task Delete_Is204ThenEveryPathIs404()
    {
        using var client = api.CreateMamClient();
        var id = await CreateAsync(client, "Delete");
        using var read = await JsonAsync(await client.GetAsync($"{Path}/{id}"), HttpStatusCode.OK);

        var deleted = await SendAsync(client, HttpMethod.Delete, $"{Path}/{id}", null, read.RootElement.GetProperty("@odata.etag").GetString()!);

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(await api.Get<AppProtectionPolicyService>().GetAsync(id));
        var expect = $"There is no Windows app protection policy with id '{id}'.";
        await AssertErrorAsync(await client.GetAsync($"{Path}/{id}"), HttpStatusCode.NotFound, "NotFound", expect);
        await AssertErrorAsync(await client.DeleteAsync($"{Path}/{id}"), HttpStatusCode.NotFound, "NotFound", expect);
        await AssertErrorAsync(await client.PatchAsync($"{Path}/{id}", Json("""{"printBlocked": true}""")), HttpStatusCode.NotFound, "NotFound", expect);
        await AssertErrorAsync(await PostAsync(client, $"{Path}/{id}/assign", """{"assignments": []}"""), HttpStatusCode.NotFound, "NotFound", expect);
        await AssertErrorAsync(await PostAsync(client, $"{Path}/{id}/targetApps", """{"apps": []}"""), HttpStatusCode.NotFound, "NotFound", expect);
        await AssertErrorAsync(await client.GetAsync($"{Path}/{id}/apps"), HttpStatusCode.NotFound, "NotFound", expect);
        await AssertErrorAsync(await client.GetAsync($"{Path}/{id}/assignments"), HttpStatusCode.NotFound, "NotFound", expect);
    }

    [Fact]
    public async Task V1_HasNoWindowsManagedAppProtections()
    {
        using var client = api.CreateMamClient();

        var list = await client.GetAsync("/graph/v1.0/deviceAppManagement/windowsManagedAppProtections");
        var create = await PostAsync(client, "/graph/v1.0/deviceAppManagement/windowsManagedAppProtections", """{"displayName": "v1"}""");

        await AssertErrorAsync(list, HttpStatusCode.NotFound, "NotFound", "There is no API endpoint");
        await AssertErrorAsync(create, HttpStatusCode.NotFound, "NotFound", "There is no API endpoint");
    }

    [Fact]
    public async Task Roles_ReadOnlyOperatorMayReadNotWrite_ManagedAppClientMayDoNeither()
    {
        using var client = api.CreateMamClient();
        var id = await CreateAsync(client, "Roles");
        using var reader = await ClientWithRoleAsync(AdminRoles.ReadOnlyOperator);
        using var mamClient = await ClientWithRoleAsync(ApiTokenRoles.ManagedAppClient);

        var read = await reader.GetAsync($"{Path}/{id}?$expand=apps");
        var create = await PostAsync(reader, Path, """{"displayName": "Not allowed"}""");
        var patch = await reader.PatchAsync($"{Path}/{id}", Json("""{"printBlocked": true}"""));
        var assign = await PostAsync(reader, $"{Path}/{id}/assign", """{"assignments": []}""");
        var delete = await reader.DeleteAsync($"{Path}/{id}");
        var clientRead = await mamClient.GetAsync(Path);

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await AssertErrorAsync(create, HttpStatusCode.Forbidden, "Forbidden", "Creating Windows app protection policies needs the Managed apps/Create permission");
        await AssertErrorAsync(patch, HttpStatusCode.Forbidden, "Forbidden", "Managed apps/Update");
        await AssertErrorAsync(assign, HttpStatusCode.Forbidden, "Forbidden", "Managed apps/Assign");
        await AssertErrorAsync(delete, HttpStatusCode.Forbidden, "Forbidden", "this token's role (Read Only Operator) does not have it");
        await AssertErrorAsync(clientRead, HttpStatusCode.Forbidden, "Forbidden", "Managed apps/Read");
        Assert.Equal(1, (await api.Get<AppProtectionPolicyService>().GetAsync(id))!.Version);
    }

    [Fact]
    public async Task Assign_ViaApi_ReevaluatesRegistrationsLikeAUiChange()
    {
        var upn = $"reeval.{Guid.NewGuid():N}@contoso.com";
        var device = $"device-{Guid.NewGuid():N}";
        var group = await api.CreateGroupAsync($"Reevaluation {Guid.NewGuid():N}", await api.CreateUserAsync(upn));
        using var client = api.CreateMamClient();
        var checkIn = await PostAsync(client, "/mam/v1/checkIn",
            $$"""{"userPrincipalName": "{{upn}}", "appId": "com.microsoft.edge", "azureAdDeviceId": "{{device}}", "platformVersion": "10.0.22621.1"}""");
        Assert.Equal(HttpStatusCode.OK, checkIn.StatusCode);
        var id = await CreateAsync(client, "Reevaluation", """, "minimumRequiredOsVersion": "10.0.22631.1" """);
        Assert.Equal(EvaluationOutcome.Allow, await OutcomeAsync(device));

        var assign = await PostAsync(client, $"{Path}/{id}/assign",
            $$$"""{"assignments": [{"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "{{{group}}}"}}]}""");

        Assert.Equal(HttpStatusCode.NoContent, assign.StatusCode);
        // The background pass the assignment asked for blocks the device, with no further check-in.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        EvaluationOutcome outcome;
        while ((outcome = await OutcomeAsync(device)) != EvaluationOutcome.Block && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25); // a polling interval, not a wait for the outcome: the loop ends on the state
        }
        Assert.Equal(EvaluationOutcome.Block, outcome);
    }

    private Task<EvaluationOutcome> OutcomeAsync(string device) =>
        api.QueryAsync(db => db.MamRegistrations.Where(r => r.AzureAdDeviceId == device).Select(r => r.Outcome).SingleAsync());

    private static async Task<string> CreateAsync(HttpClient client, string name, string extra = "", bool exact = false)
    {
        var displayName = exact ? name : $"{name} {Guid.NewGuid():N}";
        using var created = await JsonAsync(await PostAsync(client, Path, $$"""{"displayName": "{{displayName}}"{{extra}}}"""), HttpStatusCode.Created);
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

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string body) => client.PostAsync(path, Json(body));

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

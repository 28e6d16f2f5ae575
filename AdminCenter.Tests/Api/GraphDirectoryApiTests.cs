using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.Identity;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;

namespace AdminCenter.Tests.Api;

/// <summary>Graph's directory subset and managedAppRegistrations over raw HTTP: shape, $filter, paging, 404 and the token's role.</summary>
public sealed class GraphDirectoryApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Edge = "com.microsoft.edge";

    [Fact]
    public async Task GetUsers_FilterOnUserPrincipalNameAndDisplayName_ReturnsGraphUsers()
    {
        var upn = $"adele.{Guid.NewGuid():N}@contoso.com";
        var id = await api.CreateUserAsync(upn);
        using var client = api.CreateMamClient();

        using var byUpn = await JsonAsync(await client.GetAsync($"/graph/v1.0/users?$filter=userPrincipalName eq '{upn.ToUpperInvariant()}'"));
        using var byName = await JsonAsync(await client.GetAsync($"/graph/beta/users?$filter=displayName eq '{upn.Split('@')[0]}'&$count=true"));
        using var byId = await JsonAsync(await client.GetAsync($"/graph/v1.0/users/{id}"));
        using var byUpnPath = await JsonAsync(await client.GetAsync($"/graph/v1.0/users/{upn}"));

        var user = Assert.Single(byUpn.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(["@odata.type", "id", "userPrincipalName", "displayName", "accountEnabled"], user.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("#microsoft.graph.user", id, upn, true), (user.GetProperty("@odata.type").GetString(), user.GetProperty("id").GetString(),
            user.GetProperty("userPrincipalName").GetString(), user.GetProperty("accountEnabled").GetBoolean()));
        Assert.Equal("http://localhost/graph/v1.0/$metadata#users", byUpn.RootElement.GetProperty("@odata.context").GetString());
        Assert.Equal(1, byName.RootElement.GetProperty("@odata.count").GetInt32());
        Assert.Equal(id, Assert.Single(byName.RootElement.GetProperty("value").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal("http://localhost/graph/v1.0/$metadata#users/$entity", byId.RootElement.GetProperty("@odata.context").GetString());
        Assert.Equal(id, byUpnPath.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task GetUsers_Top_PagesWithNextLinkUntilTheEnd()
    {
        var prefix = $"pager{Guid.NewGuid():N}"[..12];
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await api.Get<UserService>().CreateUserAsync(new UserInput($"{prefix}{i}@contoso.com", prefix), actor: TestActors.System)).Succeeded);
        }
        using var client = api.CreateMamClient();

        var ids = new List<string>();
        string? next = $"/graph/v1.0/users?$filter=displayName eq '{prefix}'&$top=2";
        var pages = 0;
        while (next is not null)
        {
            using var page = await JsonAsync(await client.GetAsync(next));
            ids.AddRange(page.RootElement.GetProperty("value").EnumerateArray().Select(u => u.GetProperty("id").GetString()!));
            next = page.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
            pages++;
        }

        using var countOnly = await JsonAsync(await client.GetAsync($"/graph/beta/users?$filter=displayName eq '{prefix}'&$top=0&$count=true"));

        Assert.Equal(2, pages);
        Assert.Equal(3, ids.Distinct().Count());
        Assert.Equal(0, countOnly.RootElement.GetProperty("value").GetArrayLength());
        Assert.Equal(3, countOnly.RootElement.GetProperty("@odata.count").GetInt32());
        Assert.False(countOnly.RootElement.TryGetProperty("@odata.nextLink", out _));
    }

    [Fact]
    public async Task GetGroupsAndMembers_FilterAndShape_MatchGraph()
    {
        var userId = await api.CreateUserAsync($"member.{Guid.NewGuid():N}@contoso.com");
        var name = $"Sales {Guid.NewGuid():N}";
        var groupId = await api.CreateGroupAsync(name, userId);
        using var client = api.CreateMamClient();

        using var list = await JsonAsync(await client.GetAsync($"/graph/v1.0/groups?$filter=displayName eq '{name.ToLowerInvariant()}'"));
        using var single = await JsonAsync(await client.GetAsync($"/graph/beta/groups/{groupId}"));
        using var members = await JsonAsync(await client.GetAsync($"/graph/v1.0/groups/{groupId}/members"));

        var group = Assert.Single(list.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(["@odata.type", "id", "displayName", "description", "securityEnabled", "mailEnabled"], group.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("#microsoft.graph.group", groupId, true, false), (group.GetProperty("@odata.type").GetString(), group.GetProperty("id").GetString(),
            group.GetProperty("securityEnabled").GetBoolean(), group.GetProperty("mailEnabled").GetBoolean()));
        Assert.Equal(name, single.RootElement.GetProperty("displayName").GetString());
        var member = Assert.Single(members.RootElement.GetProperty("value").EnumerateArray());
        Assert.Equal(("#microsoft.graph.user", userId), (member.GetProperty("@odata.type").GetString(), member.GetProperty("id").GetString()));
        Assert.Equal("http://localhost/graph/v1.0/$metadata#directoryObjects", members.RootElement.GetProperty("@odata.context").GetString());
    }

    [Fact]
    public async Task PostMemberRef_NewUser_IsAddedAndSeenByTheUiService()
    {
        var userId = await api.CreateUserAsync($"added.{Guid.NewGuid():N}@contoso.com");
        var groupId = await api.CreateGroupAsync($"Added {Guid.NewGuid():N}");
        using var client = api.CreateMamClient();

        var added = await client.PostAsJsonAsync($"/graph/beta/groups/{groupId}/members/$ref",
            new Dictionary<string, string> { ["@odata.id"] = $"https://example.test/graph/v1.0/directoryObjects/{userId}" });
        var again = await client.PostAsJsonAsync($"/graph/v1.0/groups/{groupId}/members/$ref",
            new Dictionary<string, string> { ["@odata.id"] = $"https://graph.microsoft.com/v1.0/directoryObjects/{userId}" });
        var unknown = await client.PostAsJsonAsync($"/graph/v1.0/groups/{groupId}/members/$ref",
            new Dictionary<string, string> { ["@odata.id"] = "https://graph.microsoft.com/v1.0/directoryObjects/no-such-user" });
        var noGroup = await client.PostAsJsonAsync("/graph/v1.0/groups/no-such-group/members/$ref",
            new Dictionary<string, string> { ["@odata.id"] = $"https://graph.microsoft.com/v1.0/directoryObjects/{userId}" });
        using var members = await JsonAsync(await client.GetAsync($"/graph/v1.0/groups/{groupId}/members"));

        Assert.Equal(HttpStatusCode.NoContent, added.StatusCode);
        await AssertErrorAsync(again, HttpStatusCode.BadRequest, "BadRequest", "is already a member of Added");
        await AssertErrorAsync(unknown, HttpStatusCode.BadRequest, "BadRequest", "The property '@odata.id' names no user of this directory ('no-such-user')");
        await AssertErrorAsync(noGroup, HttpStatusCode.NotFound, "NotFound", "There is no group with id 'no-such-group'");
        Assert.Equal(userId, Assert.Single(members.RootElement.GetProperty("value").EnumerateArray()).GetProperty("id").GetString());
        Assert.Equal(userId, Assert.Single((await api.Get<GroupService>().GetGroupAsync(groupId))!.Members).UserId);
    }

    [Fact]
    public async Task GetManagedAppRegistrations_FilterOnUserIdAndPaging_ReturnWindowsRegistrations()
    {
        var upn = $"mam.{Guid.NewGuid():N}@contoso.com";
        var userId = await api.CreateUserAsync(upn);
        using var client = api.CreateMamClient();
        foreach (var device in new[] { "device-a", "device-b" })
        {
            var checkIn = await client.PostAsJsonAsync("/mam/v1/checkIn", new
            {
                userPrincipalName = upn, appId = Edge, azureAdDeviceId = $"{device}-{userId}", deviceName = "LAPTOP-1", deviceModel = "Surface Laptop 5",
                deviceManufacturer = "Microsoft", platformVersion = "10.0.22631.4000", appVersion = "131.0.2903.70", sdkVersion = "1.0.0",
            });
            Assert.Equal(HttpStatusCode.OK, checkIn.StatusCode);
        }
        var path = "/graph/v1.0/deviceAppManagement/managedAppRegistrations";

        using var first = await JsonAsync(await client.GetAsync($"{path}?$filter=userId eq '{userId}'&$top=1&$count=true"));
        using var second = await JsonAsync(await client.GetAsync(first.RootElement.GetProperty("@odata.nextLink").GetString()));
        var id = first.RootElement.GetProperty("value")[0].GetProperty("id").GetString();
        using var single = await JsonAsync(await client.GetAsync($"/graph/beta/deviceAppManagement/managedAppRegistrations/{id}"));
        var missing = await client.GetAsync($"{path}/no-such-registration");
        var badFilter = await client.GetAsync($"{path}?$filter=deviceName eq 'x'");

        Assert.Equal(2, first.RootElement.GetProperty("@odata.count").GetInt32());
        Assert.False(second.RootElement.TryGetProperty("@odata.nextLink", out _));
        Assert.NotEqual(id, second.RootElement.GetProperty("value")[0].GetProperty("id").GetString());
        var r = single.RootElement;
        Assert.Equal(
            ["@odata.context", "@odata.type", "id", "userId", "azureADDeviceId", "deviceName", "deviceModel", "deviceManufacturer", "platformVersion",
                "applicationVersion", "managementSdkVersion", "appIdentifier", "createdDateTime", "lastSyncDateTime", "flaggedReasons"],
            r.EnumerateObject().Select(p => p.Name));
        Assert.Equal("#microsoft.graph.windowsManagedAppRegistration", r.GetProperty("@odata.type").GetString());
        Assert.Equal((userId, "Surface Laptop 5", "131.0.2903.70", "1.0.0"), (r.GetProperty("userId").GetString(), r.GetProperty("deviceModel").GetString(),
            r.GetProperty("applicationVersion").GetString(), r.GetProperty("managementSdkVersion").GetString()));
        Assert.Equal("""{"@odata.type":"#microsoft.graph.windowsAppIdentifier","windowsAppId":"com.microsoft.edge"}""", r.GetProperty("appIdentifier").GetRawText());
        Assert.Equal("2026-11-25T09:00:00Z", r.GetProperty("createdDateTime").GetString());
        Assert.Equal(0, r.GetProperty("flaggedReasons").GetArrayLength());
        await AssertErrorAsync(missing, HttpStatusCode.NotFound, "NotFound", "There is no managed app registration with id 'no-such-registration'");
        await AssertErrorAsync(badFilter, HttpStatusCode.BadRequest, "BadRequest", "'deviceName' cannot be filtered on");
    }

    [Fact]
    public async Task UnknownIds_AreNotFound()
    {
        using var client = api.CreateMamClient();

        await AssertErrorAsync(await client.GetAsync("/graph/v1.0/users/nobody@contoso.com"), HttpStatusCode.NotFound, "NotFound", "There is no user");
        await AssertErrorAsync(await client.GetAsync("/graph/v1.0/groups/no-such-group"), HttpStatusCode.NotFound, "NotFound", "There is no group");
        await AssertErrorAsync(await client.GetAsync("/graph/beta/groups/no-such-group/members"), HttpStatusCode.NotFound, "NotFound", "There is no group");
    }

    [Fact]
    public async Task ManagedAppClientToken_IsForbiddenEverywhere()
    {
        using var client = await ClientWithRoleAsync(ApiTokenRoles.ManagedAppClient);

        foreach (var path in new[] { "/graph/v1.0/users", "/graph/beta/groups", "/graph/v1.0/groups/x/members", "/graph/v1.0/deviceAppManagement/managedAppRegistrations" })
        {
            await AssertErrorAsync(await client.GetAsync(path), HttpStatusCode.Forbidden, "Forbidden", "this token's role (Managed app client) does not have it");
        }
        var post = await client.PostAsJsonAsync("/graph/v1.0/groups/x/members/$ref", new Dictionary<string, string> { ["@odata.id"] = "x" });
        await AssertErrorAsync(post, HttpStatusCode.Forbidden, "Forbidden", "Organization/Update");
    }

    [Fact]
    public async Task PostMemberRef_ReadOnlyOperator_IsForbiddenButMayRead()
    {
        using var client = await ClientWithRoleAsync(AdminRoles.ReadOnlyOperator);

        var read = await client.GetAsync("/graph/v1.0/groups");
        var post = await client.PostAsJsonAsync("/graph/v1.0/groups/x/members/$ref", new Dictionary<string, string> { ["@odata.id"] = "x" });

        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        await AssertErrorAsync(post, HttpStatusCode.Forbidden, "Forbidden", "needs the Organization/Update permission (Global Administrator, Intune Administrator)");
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

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
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

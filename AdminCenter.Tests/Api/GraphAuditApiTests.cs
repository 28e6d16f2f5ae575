using System.Net;
using System.Text.Json;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;

namespace AdminCenter.Tests.Api;

/// <summary>Graph beta's deviceManagement/auditEvents over raw HTTP: shape, $filter (ge/le, eq), $top paging, bad input.</summary>
public sealed class GraphAuditApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    private const string Path = "/graph/beta/deviceManagement/auditEvents";

    [Fact]
    public async Task GetAuditEvents_FilterOnActorAndTop_PagesThroughEveryEventOfTheActor()
    {
        var actor = $"auditor.{Guid.NewGuid():N}@contoso.com";
        var groups = api.Get<GroupService>();
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await groups.CreateGroupAsync(new GroupInput($"Audit {Guid.NewGuid():N}", null), [], TestActors.Named(actor))).Succeeded);
        }
        using var client = api.CreateMamClient();

        var names = new List<string>();
        string? next = $"{Path}?$filter=actor/userPrincipalName eq '{actor}' and category eq 'Organization'&$top=2";
        var pages = 0;
        while (next is not null)
        {
            using var page = await JsonAsync(await client.GetAsync(next));
            names.AddRange(page.RootElement.GetProperty("value").EnumerateArray()
                .Select(e => e.GetProperty("resources")[0].GetProperty("displayName").GetString()!));
            next = page.RootElement.TryGetProperty("@odata.nextLink", out var link) ? link.GetString() : null;
            pages++;
        }

        Assert.Equal((3, 2), (names.Distinct().Count(), pages));
    }

    [Fact]
    public async Task GetAuditEvents_ChangeThroughTheApi_HasGraphShapeAndTheTokenAsActor()
    {
        var userId = await api.CreateUserAsync($"member.{Guid.NewGuid():N}@contoso.com");
        var groupId = await api.CreateGroupAsync($"Audited {Guid.NewGuid():N}");
        using var client = api.CreateMamClient();
        using var add = await client.PostAsync($"/graph/v1.0/groups/{groupId}/members/$ref",
            new StringContent($$"""{"@odata.id": "http://localhost/graph/v1.0/directoryObjects/{{userId}}"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NoContent, add.StatusCode);

        using var today = await JsonAsync(await client.GetAsync(
            $"{Path}?$filter=activityDateTime ge 2026-11-25T00:00:00Z and activityDateTime le 2026-11-25T23:59:59Z and actor/userPrincipalName eq 'API token: Bootstrap'"));
        using var tomorrow = await JsonAsync(await client.GetAsync(
            $"{Path}?$filter=activityDateTime ge 2026-11-26T00:00:00Z and actor/userPrincipalName eq 'API token: Bootstrap'"));

        var audit = Assert.Single(today.RootElement.GetProperty("value").EnumerateArray(), e => e.GetProperty("resources")[0].GetProperty("resourceId").GetString() == groupId);
        Assert.Equal(("#microsoft.graph.auditEvent", "Add member Group", "Action", "Success", "Organization"),
            (audit.GetProperty("@odata.type").GetString(), audit.GetProperty("activity").GetString(), audit.GetProperty("activityOperationType").GetString(),
             audit.GetProperty("activityResult").GetString(), audit.GetProperty("category").GetString()));
        Assert.Equal("2026-11-25T09:00:00Z", audit.GetProperty("activityDateTime").GetString());
        Assert.Equal(("API token: Bootstrap", "Application"), (audit.GetProperty("actor").GetProperty("userPrincipalName").GetString(), audit.GetProperty("actor").GetProperty("type").GetString()));
        var property = Assert.Single(audit.GetProperty("resources")[0].GetProperty("modifiedProperties").EnumerateArray());
        Assert.Equal("members", property.GetProperty("displayName").GetString());
        Assert.False(string.IsNullOrEmpty(audit.GetProperty("correlationId").GetString()));
        Assert.Empty(tomorrow.RootElement.GetProperty("value").EnumerateArray());
    }

    [Theory]
    [InlineData("$filter=activity eq 'Create User'")]
    [InlineData("$filter=activityDateTime ge 'yesterday'")]
    [InlineData("$filter=category ge 'Organization'")]
    [InlineData("$top=0")]
    [InlineData("$skiptoken=not-a-token")]
    [InlineData("$orderby=activityDateTime")]
    public async Task GetAuditEvents_UnsupportedQuery_Is400WithGraphError(string query)
    {
        using var client = api.CreateMamClient();

        using var response = await client.GetAsync($"{Path}?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("BadRequest", body.RootElement.GetProperty("error").GetProperty("code").GetString());
    }

    private static async Task<JsonDocument> JsonAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonDocument.Parse(text);
    }
}

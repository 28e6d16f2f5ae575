using AdminCenter.Core.UsersAndGroups;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;

namespace AdminCenter.Tests.Api;

/// <summary>The official Microsoft Graph SDK for .NET (v1.0), unchanged but for its base URL, reads users and groups and adds a member.</summary>
public sealed class GraphSdkDirectoryTests(ApiFactory api) : IClassFixture<ApiFactory>, IDisposable
{
    private readonly HttpClient _http = new(api.Server.CreateHandler());

    private GraphServiceClient Graph => new(_http, new BearerToken(ApiFactory.ApiToken), "http://localhost/graph/v1.0");

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task UsersGroupsAndMemberRef_RoundTripThroughTheSdk()
    {
        var upn = $"sdk.{Guid.NewGuid():N}@contoso.com";
        var userId = await api.CreateUserAsync(upn);
        var name = $"Sdk {Guid.NewGuid():N}";
        var groupId = await api.CreateGroupAsync(name);

        var users = await Graph.Users.GetAsync(r => r.QueryParameters.Filter = $"userPrincipalName eq '{upn}'");
        var user = await Graph.Users[upn].GetAsync();
        var groups = await Graph.Groups.GetAsync(r => r.QueryParameters.Filter = $"displayName eq '{name}'");
        await Graph.Groups[groupId].Members.Ref.PostAsync(new ReferenceCreate { OdataId = $"https://graph.microsoft.com/v1.0/directoryObjects/{userId}" });
        var members = await Graph.Groups[groupId].Members.GetAsync();

        Assert.Equal((userId, upn, true), (Assert.Single(users!.Value!).Id, user!.UserPrincipalName, user.AccountEnabled));
        var group = Assert.Single(groups!.Value!);
        Assert.Equal((groupId, true, false), (group.Id, group.SecurityEnabled, group.MailEnabled));
        var member = Assert.IsType<User>(Assert.Single(members!.Value!));
        Assert.Equal((userId, upn), (member.Id, member.UserPrincipalName));
        Assert.Equal(userId, Assert.Single((await api.Get<GroupService>().GetGroupAsync(groupId))!.Members).UserId);
    }

    private sealed class BearerToken(string token) : IAuthenticationProvider
    {
        public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
        {
            request.Headers.Add("Authorization", $"Bearer {token}");
            return Task.CompletedTask;
        }
    }
}

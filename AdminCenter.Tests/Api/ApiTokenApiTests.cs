using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Identity;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Api;

/// <summary>API tokens through the real endpoints: a created token works with its role; revoked or expired ones get 401.</summary>
public sealed class ApiTokenApiTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task CreatedManagedAppClientToken_ChecksInButMayNotWipe()
    {
        var token = await CreateTokenAsync(ApiTokenRoles.ManagedAppClient);
        var upn = $"token.{Guid.NewGuid():N}@contoso.com";
        await api.CreateUserAsync(upn);
        using var client = ClientWith(token.Value);

        var checkIn = await client.PostAsJsonAsync("/mam/v1/checkIn", new { userPrincipalName = upn, appId = WindowsPolicyDraft.EdgeAppId, azureAdDeviceId = MamApiTests.NewDevice() });
        var wipe = await client.PostAsJsonAsync($"/graph/beta/users/{upn}/wipeManagedAppRegistrationsByAzureAdDeviceId", new { azureAdDeviceId = "device" });

        Assert.Equal(HttpStatusCode.OK, checkIn.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wipe.StatusCode);
        var error = await MamApiTests.ErrorAsync(wipe);
        Assert.Equal("Forbidden", error.GetProperty("code").GetString());
        Assert.Contains(ApiTokenRoles.ManagedAppClient, error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wipe_EndpointSecurityManagerMay_ReadOnlyOperatorGets403NamingManagedAppsWipe()
    {
        var upn = $"wiped.{Guid.NewGuid():N}@contoso.com";
        await api.CreateUserAsync(upn);
        using var manager = ClientWith((await CreateTokenAsync(AdminRoles.EndpointSecurityManager)).Value);
        using var reader = ClientWith((await CreateTokenAsync(AdminRoles.ReadOnlyOperator)).Value);

        var allowed = await manager.PostAsJsonAsync($"/graph/beta/users/{upn}/wipeManagedAppRegistrationsByAzureAdDeviceId", new { azureAdDeviceId = "no-such-device" });
        var refused = await reader.PostAsJsonAsync($"/graph/beta/users/{upn}/wipeManagedAppRegistrationsByAzureAdDeviceId", new { azureAdDeviceId = "no-such-device" });

        // Spec 06: Endpoint Security Manager has Managed apps/Wipe, so it gets past the role check to the device lookup.
        Assert.NotEqual(HttpStatusCode.Forbidden, allowed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Managed apps/Wipe", (await MamApiTests.ErrorAsync(refused)).GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadOnlyOperatorToken_MayNotCheckIn()
    {
        var token = await CreateTokenAsync(AdminRoles.ReadOnlyOperator);
        using var client = ClientWith(token.Value);

        var response = await client.PostAsJsonAsync("/mam/v1/checkIn", new { userPrincipalName = "x@contoso.com", appId = WindowsPolicyDraft.EdgeAppId, azureAdDeviceId = "d" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task RevokedToken_IsRefusedOnTheVeryNextRequest()
    {
        var token = await CreateTokenAsync(AdminRoles.GlobalAdministrator);
        using var client = ClientWith(token.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/mam/v1/notAnEndpoint", null)).StatusCode);

        Assert.True((await api.Get<ApiTokenService>().RevokeAsync(token.Token.Id, TestActors.Named("api-tests"))).Succeeded);
        var response = await client.PostAsync("/mam/v1/notAnEndpoint", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("InvalidAuthenticationToken", (await MamApiTests.ErrorAsync(response)).GetProperty("code").GetString());
    }

    [Fact]
    public async Task ExpiredToken_IsRefused()
    {
        var token = await CreateTokenAsync(AdminRoles.GlobalAdministrator, TimeSpan.FromMinutes(10));
        using var client = ClientWith(token.Value);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/mam/v1/notAnEndpoint", null)).StatusCode);

        api.Clock.Advance(TimeSpan.FromMinutes(11));
        var response = await client.PostAsync("/mam/v1/notAnEndpoint", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task BootstrapToken_IsListedAsAGlobalAdministratorToken()
    {
        var tokens = await api.Get<ApiTokenService>().ListAsync();

        var bootstrap = Assert.Single(tokens, t => t.Name == ApiTokenService.BootstrapTokenName);
        Assert.Equal((AdminRoles.GlobalAdministrator, ApiTokenStatus.Active), (bootstrap.Role, bootstrap.Status));
        Assert.Equal(ApiFactory.ApiToken[..6], bootstrap.Prefix);
    }

    [Fact]
    public async Task TokenValues_AreNeverStoredInClear()
    {
        var token = await CreateTokenAsync(AdminRoles.IntuneAdministrator);
        using (var client = ClientWith(token.Value))
        {
            await client.PostAsync("/mam/v1/notAnEndpoint", null);
        }

        var cells = await api.QueryAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT * FROM \"ApiTokens\"";
            using var reader = await command.ExecuteReaderAsync();
            var all = new List<string>();
            while (await reader.ReadAsync())
            {
                for (var i = 0; i < reader.FieldCount; i++)
                {
                    all.Add(reader.GetValue(i) is byte[] bytes ? System.Text.Encoding.UTF8.GetString(bytes) + Convert.ToBase64String(bytes) : reader.GetValue(i).ToString() ?? "");
                }
            }
            return all;
        });

        Assert.NotEmpty(cells);
        Assert.DoesNotContain(cells, cell => cell.Contains(token.Value, StringComparison.Ordinal) || cell.Contains(ApiFactory.ApiToken, StringComparison.Ordinal));
    }

    private async Task<CreatedApiToken> CreateTokenAsync(string role, TimeSpan? lifetime = null)
    {
        var expires = api.Clock.GetUtcNow().UtcDateTime + (lifetime ?? TimeSpan.FromDays(30));
        var result = await api.Get<ApiTokenService>().CreateAsync(new ApiTokenInput($"Token {Guid.NewGuid():N}", role, expires), TestActors.Named("api-tests"));
        Assert.True(result.Succeeded, string.Join(" ", result.Problems.Select(p => p.Message)));
        return result.Value!;
    }

    private HttpClient ClientWith(string token)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}

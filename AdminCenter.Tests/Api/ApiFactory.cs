using System.Net.Http.Headers;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Api;

/// <summary>
/// The whole app in memory (TestServer: the API needs no browser) on its own SQLite file, with a fixed clock and the
/// bootstrap API token. One per test class; tests in a class share the tenant, so each uses its own users and devices.
/// </summary>
public sealed class ApiFactory : WebApplicationFactory<Program>
{
    public const string ApiToken = "test-api-token-0123456789";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "admincenter-api-" + Guid.NewGuid().ToString("N"));

    private string? _postgreSql;

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        Directory.CreateDirectory(_directory);
        builder.UseEnvironment("Production");
        if (TestProvider.Current == DatabaseProvider.PostgreSql)
        {
            _postgreSql ??= TestProvider.CreatePostgreSqlDatabase();
            builder.UseSetting(DatabaseSettings.ProviderKey, "PostgreSQL");
            builder.UseSetting("ConnectionStrings:AdminCenter", _postgreSql);
        }
        else
        {
            builder.UseSetting("ConnectionStrings:AdminCenter", $"Data Source={Path.Combine(_directory, "admincenter.db")}");
        }
        builder.UseSetting("Bootstrap:AdminPassword", "Api-tests-admin-password");
        builder.UseSetting("Bootstrap:ApiToken", ApiToken);
        // The jobs' start delay runs on the app's clock, which these tests hold still: without this they would never start.
        builder.UseSetting("Jobs:StartDelay", "00:00:00");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public HttpClient CreateMamClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiToken);
        return client;
    }

    public HttpClient CreatePartnerClient(string secret)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task<string> CreateUserAsync(string userPrincipalName, bool enabled = true)
    {
        var result = await Get<UserService>().CreateUserAsync(new UserInput(userPrincipalName, userPrincipalName.Split('@')[0], enabled), actor: TestActors.System);
        Assert.True(result.Succeeded, string.Join(" ", result.Problems.Select(p => p.Message)));
        return result.Value!.Id;
    }

    public async Task<string> CreateGroupAsync(string name, params string[] memberIds)
    {
        var result = await Get<GroupService>().CreateGroupAsync(new GroupInput(name, null), memberIds, actor: TestActors.System);
        Assert.True(result.Succeeded, string.Join(" ", result.Problems.Select(p => p.Message)));
        return result.Value!.Id;
    }

    /// <summary>A policy assigned to the group; only the given health checks (none means no checks at all).</summary>
    public async Task<string> CreatePolicyAsync(string name, string groupId, params HealthCheckRow[] healthChecks)
    {
        var draft = PolicyTemplates.Blank() with
        {
            DisplayName = name,
            Apps = [WindowsPolicyDraft.EdgeAppId],
            HealthChecks = healthChecks,
            IncludedGroupIds = [groupId],
        };
        var result = await Get<AppProtectionPolicyService>().CreateAsync(draft, TestActors.Named("api-tests"));
        Assert.True(result.Succeeded, string.Join(" ", result.Problems.Select(p => p.Message)));
        return result.Value!.Id;
    }

    /// <summary>Creates the partner's connector (if missing) and returns a fresh partner secret for it.</summary>
    public async Task<string> ConnectorWithSecretAsync(string connectorId)
    {
        var connectors = Get<MtdConnectorService>();
        if (await connectors.GetAsync(connectorId) is null)
        {
            Assert.True((await connectors.CreateAsync(connectorId, null, TestActors.Named("api-tests"))).Succeeded);
        }
        var secret = await connectors.RegeneratePartnerSecretAsync(connectorId, TestActors.Named("api-tests"));
        return secret.Value!;
    }

    public async Task<T> QueryAsync<T>(Func<AdminCenterDbContext, Task<T>> query)
    {
        await using var db = await Get<IDbContextFactory<AdminCenterDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (_postgreSql is not null)
            {
                TestProvider.DropPostgreSqlDatabase(_postgreSql);
            }
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // The temp folder is cleaned by the OS if a file is still held.
            }
        }
    }
}

using AdminCenter.Core;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace AdminCenter.E2E.Fixtures;

/// <summary>The tenant the two-instance tests write to: directory users under a threat-level policy, and a partner secret.</summary>
public sealed record TwoInstanceTenant(IReadOnlyList<string> UserPrincipalNames, string PolicyId, string PartnerSecret);

/// <summary>
/// Two app processes (A and B) on one fresh PostgreSQL database, created on the cluster that
/// <c>ADMINCENTER_TEST_POSTGRES</c> names (test.sh starts a throwaway one). Both start at the same moment on the empty
/// database, so one migrates and bootstraps while the other waits. A test that needs the tenant has it seeded through
/// Core's services in this process (a third writer on the same database), before any registration exists.
/// </summary>
public sealed class TwoInstanceFixture : IAsyncLifetime
{
    public const string PostgresVariable = "ADMINCENTER_TEST_POSTGRES";
    public const string AdminEmail = "admin@contoso.onmicrosoft.com";
    public const string AdminPassword = "Two-instances-horse-battery";
    public const string ApiToken = "two-instance-bootstrap-api-token";
    public const int Users = 8;

    /// <summary>The background jobs' period in these tests, so "once per period" and "taken over within one period" are seen in seconds.</summary>
    public static readonly TimeSpan JobPeriod = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromMinutes(3);

    private readonly string _serverConnectionString;
    private readonly string _databaseName = $"admincenter_two_{Guid.NewGuid():N}";
    private ServiceProvider? _core;
    private Task<TwoInstanceTenant>? _tenant;

    public TwoInstanceFixture()
    {
        // Fails every test of the class with this message: these tests never skip.
        _serverConnectionString = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"{PostgresVariable} is not set: the two-instance tests need a PostgreSQL server. Run them through ./test.sh, " +
                $"or `source throwaway-postgres.sh; throwaway_postgres_start` first (it exports {PostgresVariable}).");
        ConnectionString = new NpgsqlConnectionStringBuilder(_serverConnectionString) { Database = _databaseName }.ConnectionString;
    }

    /// <summary>The database both instances share, in Npgsql's form.</summary>
    public string ConnectionString { get; }

    public AppProcess A { get; private set; } = default!;

    public AppProcess B { get; private set; } = default!;

    /// <summary>The seeded tenant, created on first use (the sign-in test needs none).</summary>
    public Task<TwoInstanceTenant> TenantAsync() => _tenant ??= SeedAsync();

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromMinutes(1) };

    public async Task InitializeAsync()
    {
        await using (var server = new NpgsqlConnection(_serverConnectionString))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{_databaseName}\"", server);
            await create.ExecuteNonQueryAsync();
        }

        A = AppProcess.Start("A", Settings());
        B = AppProcess.Start("B", Settings());
        await Task.WhenAll(A.WaitUntilReadyAsync(Http, ReadyDeadline), B.WaitUntilReadyAsync(Http, ReadyDeadline));

        _core = new ServiceCollection()
            .AddLogging()
            .AddAdminCenterCore(CoreConfiguration(), Path.GetTempPath())
            .BuildServiceProvider();
    }

    /// <summary>The same settings on both instances: only the port differs.</summary>
    public Dictionary<string, string> Settings() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["Database__Provider"] = "PostgreSQL",
        ["ConnectionStrings__AdminCenter"] = ConnectionString,
        ["Bootstrap__AdminEmail"] = AdminEmail,
        ["Bootstrap__AdminPassword"] = AdminPassword,
        ["Bootstrap__ApiToken"] = ApiToken,
        // Logging every check-in would cost the shared cores more than the writes under test.
        ["Logging__LogLevel__Default"] = "Warning",
        // Every background job on a short period (section "Jobs:<lease name>"), so periods pass during the test.
        ["Jobs__UnresponsiveConnectorMonitor__CheckInterval"] = JobPeriod.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs__AuditRetention__SweepInterval"] = JobPeriod.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs__WipeRequestRetention__SweepInterval"] = JobPeriod.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs__ReasonSetCleanup__SweepInterval"] = JobPeriod.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs__StatusCountsFold__SweepInterval"] = JobPeriod.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Jobs__ReevaluationWorker__CheckInterval"] = JobPeriod.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>The background jobs, by the name each claims its periods under in the JobRuns table.</summary>
    public static IReadOnlyList<string> JobNames { get; } = ["UnresponsiveConnectorMonitor", "AuditRetention", "WipeRequestRetention", "ReasonSetCleanup", "StatusCountsFold"];

    /// <summary>The instance a JobRuns row names ("machine:process id"), or null for any other process.</summary>
    public AppProcess? InstanceOf(string jobRunInstance) =>
        new[] { A, B }.FirstOrDefault(i => jobRunInstance.EndsWith($":{i.ProcessId}", StringComparison.Ordinal));

    public T Get<T>()
        where T : notnull => _core!.GetRequiredService<T>();

    public async Task<T> QueryAsync<T>(Func<AdminCenterDbContext, Task<T>> query)
    {
        await using var db = await Get<IDbContextFactory<AdminCenterDbContext>>().CreateDbContextAsync();
        return await query(db);
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (A is not null)
        {
            await A.DisposeAsync();
        }
        if (B is not null)
        {
            await B.DisposeAsync();
        }
        if (_core is not null)
        {
            await _core.DisposeAsync();
        }
        NpgsqlConnection.ClearAllPools();
        await using var server = new NpgsqlConnection(_serverConnectionString);
        await server.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_databaseName}\" WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync();
    }

    private IConfiguration CoreConfiguration() => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = "PostgreSQL",
            [$"ConnectionStrings:{DatabaseSettings.ConnectionStringName}"] = ConnectionString,
        })
        .Build();

    /// <summary>
    /// Users in a group under a "max device threat level Low, block" policy (so reports decide outcomes), and the Windows
    /// Security Center connector with a partner secret, activated by a first check-in on A.
    /// </summary>
    private async Task<TwoInstanceTenant> SeedAsync()
    {
        var upns = Enumerable.Range(0, Users).Select(i => $"two.user{i}@contoso.com").ToList();
        var userIds = new List<string>();
        foreach (var upn in upns)
        {
            var user = await Get<UserService>().CreateUserAsync(new UserInput(upn, upn.Split('@')[0]), TestActors.System);
            Assert.True(user.Succeeded, string.Join(" ", user.Problems.Select(p => p.Message)));
            userIds.Add(user.Value!.Id);
        }
        var group = await Get<GroupService>().CreateGroupAsync(new GroupInput("Two instance users", null), [.. userIds], TestActors.System);
        Assert.True(group.Succeeded, string.Join(" ", group.Problems.Select(p => p.Message)));

        var draft = PolicyTemplates.Blank() with
        {
            DisplayName = "Two instance threat level",
            Apps = [WindowsPolicyDraft.EdgeAppId],
            HealthChecks = [new HealthCheckRow(HealthCheckSetting.MaxAllowedDeviceThreatLevel, "low", HealthCheckAction.Block)],
            IncludedGroupIds = [group.Value!.Id],
        };
        var policy = await Get<AppProtectionPolicyService>().CreateAsync(draft, TestActors.System);
        Assert.True(policy.Succeeded, string.Join(" ", policy.Problems.Select(p => p.Message)));

        var connectors = Get<MtdConnectorService>();
        Assert.True((await connectors.CreateAsync(PartnerCatalog.WindowsSecurityCenterId, null, TestActors.System)).Succeeded);
        var secret = await connectors.RegeneratePartnerSecretAsync(PartnerCatalog.WindowsSecurityCenterId, TestActors.System);
        Assert.True(secret.Succeeded);

        using var activation = new HttpRequestMessage(HttpMethod.Post, new Uri(A.BaseAddress, "mam/v1/checkIn"))
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { userPrincipalName = upns[0], appId = WindowsPolicyDraft.EdgeAppId, azureAdDeviceId = "two-seed-device" }),
        };
        activation.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ApiToken);
        using var activated = await Http.SendAsync(activation);
        Assert.True(activated.IsSuccessStatusCode, $"the first check-in on A answered {(int)activated.StatusCode} {await activated.Content.ReadAsStringAsync()}");
        return new TwoInstanceTenant(upns, policy.Value!.Id, secret.Value!);
    }
}

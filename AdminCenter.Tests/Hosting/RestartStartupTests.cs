using System.Net;
using AdminCenter.Core.Persistence;
using AdminCenter.Tests.Api;
using AdminCenter.Tests.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Tests.Hosting;

/// <summary>
/// Start-up creates no DbContext before the sign-in page can answer (issue 17, cold start): the first context builds EF
/// Core's services, which the page must not wait for or share the cores with. Neither a restart nor a first start
/// (migrations' script, roles and the first administrator) creates one.
/// </summary>
public sealed class RestartStartupTests(ApiFactory api) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task InitialiseDatabase_OnADatabaseThatHasEverything_CreatesNoDbContextAndNoAdministrator()
    {
        var counter = new ContextCounter();
        using var app = WithCountingFactory(api, counter);
        using var client = app.CreateClient();
        // The app's own start-up has migrated the database and created the administrator by then.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        // The same work again, as a restart does it; only contexts made on this flow count (the jobs run beside it).
        counter.CountThisFlow.Value = true;
        var created = await app.Services.InitialiseAdminCenterDatabaseAsync();
        var contexts = counter.OnThisFlow;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<AdminCenterDbContext>>().CreateDbContextAsync())
        {
            // The counter sees a context made through the app's factory on this flow.
            Assert.Equal(contexts + 1, counter.OnThisFlow);
        }

        Assert.Null(created);
        Assert.Equal(0, contexts);
    }

    [Fact]
    public async Task StartApp_OnAnEmptyDatabase_CreatesNoDbContextUntilStartUpIsDone()
    {
        var postgreSql = TestProvider.Current == DatabaseProvider.PostgreSql ? TestProvider.CreateUnmigratedPostgreSqlDatabase() : null;
        var sqliteFile = Path.Combine(Path.GetTempPath(), $"admincenter-first-start-{Guid.NewGuid():N}.db");
        try
        {
            var counter = new ContextCounter();
            AdminCenter.Core.Identity.FirstAdministrator? created;
            using (var app = WithCountingFactory(api, counter, postgreSql ?? $"Data Source={sqliteFile};Pooling=False"))
            {
                using var client = app.CreateClient();
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
                created = await app.Services.GetRequiredService<DatabaseStartup>().Completion;
                // The health check's context came after start-up: the counter sees contexts.
                Assert.True(counter.AfterReady > 0);
            }

            Assert.Equal(0, counter.BeforeReady);
            Assert.NotNull(created);
        }
        finally
        {
            if (postgreSql is not null)
            {
                TestProvider.DropUnmigratedPostgreSqlDatabase(postgreSql);
            }
            foreach (var file in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    // The app with its context factory wrapped in one that counts; on another database when one is given.
    private static WebApplicationFactory<Program> WithCountingFactory(ApiFactory api, ContextCounter counter, string? connectionString = null) =>
        api.WithWebHostBuilder(builder =>
        {
            if (connectionString is not null)
            {
                builder.UseSetting("ConnectionStrings:AdminCenter", connectionString);
                // The README's configuration: no bootstrap API token (creating one goes through ApiTokenService's contexts).
                builder.UseSetting("Bootstrap:ApiToken", "");
            }
            builder.ConfigureTestServices(services =>
            {
                var original = services.Last(d => d.ServiceType == typeof(IDbContextFactory<AdminCenterDbContext>));
                services.AddSingleton<IDbContextFactory<AdminCenterDbContext>>(provider => new CountingFactory(
                    (IDbContextFactory<AdminCenterDbContext>)(original.ImplementationFactory?.Invoke(provider)
                        ?? ActivatorUtilities.CreateInstance(provider, original.ImplementationType!)),
                    counter, provider.GetRequiredService<DatabaseStartup>()));
            });
        });

    private sealed class ContextCounter
    {
        public readonly AsyncLocal<bool> CountThisFlow = new();
        public int OnThisFlow;
        public int BeforeReady;
        public int AfterReady;
    }

    private sealed class CountingFactory(IDbContextFactory<AdminCenterDbContext> inner, ContextCounter counter, DatabaseStartup startup)
        : IDbContextFactory<AdminCenterDbContext>
    {
        public AdminCenterDbContext CreateDbContext()
        {
            if (counter.CountThisFlow.Value)
            {
                Interlocked.Increment(ref counter.OnThisFlow);
            }
            Interlocked.Increment(ref startup.IsReady ? ref counter.AfterReady : ref counter.BeforeReady);
            return inner.CreateDbContext();
        }
    }
}

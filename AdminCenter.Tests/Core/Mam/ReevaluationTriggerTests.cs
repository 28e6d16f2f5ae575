using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace AdminCenter.Tests.Core.Mam;

/// <summary>Re-evaluation is asked for once per change with two instances on one database (spec 08).</summary>
public sealed class ReevaluationTriggerTests : IDisposable
{
    private readonly ReevaluationRequests _savingInstance = new();
    private readonly ReevaluationRequests _otherInstance = new();
    private readonly TestDatabase _database;
    private readonly SameDatabase _other;

    public ReevaluationTriggerTests()
    {
        var saving = new ReevaluationInterceptor(_savingInstance);
        _database = new TestDatabase(saving, saving.CommitWatcher);
        var other = new ReevaluationInterceptor(_otherInstance);
        _other = new SameDatabase(_database, other, other.CommitWatcher);
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task SavedChanges_UserAddedOnOneInstance_OnlyThatInstanceRequestsAPass()
    {
        var users = new UserService(_database, new FakeTimeProvider(), NullLogger<UserService>.Instance);

        await users.CreateUserAsync(new UserInput("alice@contoso.com", "Alice"), actor: TestActors.System);
        await using (var db = _other.CreateDbContext())
        {
            // The other instance reads the change (as its pages would) without asking for a pass of its own.
            Assert.Equal(1, await db.DirectoryUsers.CountAsync());
        }

        Assert.True(_savingInstance.Reader.TryRead(out _));
        Assert.False(_otherInstance.Reader.TryRead(out _));
    }

    /// <summary>A second instance's contexts: the same database, its own interceptors.</summary>
    private sealed class SameDatabase(TestDatabase database, params IInterceptor[] interceptors) : IDbContextFactory<AdminCenterDbContext>
    {
        public AdminCenterDbContext CreateDbContext()
        {
            string connectionString;
            using (var db = database.CreateDbContext())
            {
                connectionString = db.Database.GetConnectionString()!;
            }
            var options = new DbContextOptionsBuilder<AdminCenterDbContext>();
            _ = TestProvider.Current == DatabaseProvider.PostgreSql ? options.UseNpgsql(connectionString) : options.UseSqlite(connectionString);
            return AdminCenterDbContexts.Create(TestProvider.Current, options.AddInterceptors(interceptors).Options);
        }
    }
}

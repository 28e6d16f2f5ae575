using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Core.Persistence;

/// <summary>
/// The directory version caches key on (spec 08): a new one whenever committed directory data changed. On PostgreSQL a
/// transaction bumps it once however many rows and statements it writes; SQLite's triggers bump it once per row.
/// </summary>
public sealed class DirectoryVersionTests : IDisposable
{
    private const int Users = 60;
    private static readonly DateTime Now = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Version_ManyStatementsInOneTransaction_BumpedOncePerTransactionOnPostgreSql()
    {
        var before = await VersionAsync();

        await InsertUsersInOneTransactionAsync("first");

        Assert.Equal(before + ExpectedBumps(transactions: 1), await VersionAsync());
    }

    [Fact]
    public async Task Version_TwoTransactions_BumpedOncePerTransactionOnPostgreSql()
    {
        var before = await VersionAsync();

        await InsertUsersInOneTransactionAsync("first");
        var afterFirst = await VersionAsync();
        await InsertUsersInOneTransactionAsync("second");

        Assert.True(afterFirst > before);
        Assert.Equal(before + ExpectedBumps(transactions: 2), await VersionAsync());
    }

    // Per transaction: the users one by one (a statement each), then one statement disabling them all.
    private static long ExpectedBumps(int transactions) =>
        TestProvider.Current == DatabaseProvider.PostgreSql ? transactions : transactions * (Users + Users);

    private async Task InsertUsersInOneTransactionAsync(string prefix)
    {
        await using var db = _database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        for (var i = 0; i < Users; i++)
        {
            db.DirectoryUsers.Add(DirectoryUser.Create($"{prefix}.{i}@contoso.com", $"{prefix} {i}", accountEnabled: true, Now));
            await db.SaveChangesAsync();
        }
        await db.DirectoryUsers.Where(u => u.UserPrincipalName.StartsWith(prefix)).ExecuteUpdateAsync(set => set.SetProperty(u => u.AccountEnabled, false));
        await transaction.CommitAsync();
    }

    private async Task<long> VersionAsync()
    {
        await using var db = _database.CreateDbContext();
        return (await db.DirectoryVersion.AsNoTracking().SingleAsync()).Version;
    }
}

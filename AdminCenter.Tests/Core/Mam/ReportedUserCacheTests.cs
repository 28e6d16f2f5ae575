using AdminCenter.Core.Mam;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Tests.Core.Mam;

/// <summary>
/// The writer's cache of reported users. A tenant larger than the cache reports its users in turn, so dropping the whole
/// cache when it fills would leave no hit at all: the users it holds stay, and the rest are read for each batch.
/// </summary>
public sealed class ReportedUserCacheTests : IDisposable
{
    private static readonly DateTime Now = new(2026, 12, 5, 9, 0, 0, DateTimeKind.Utc);

    private readonly TestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task GetAsync_MoreUsersThanTheCap_KeepsTheCachedUsersAndReadsTheRestEachTime()
    {
        await AddUsersAsync("adele@contoso.com", "megan@contoso.com", "lynne@contoso.com");
        var cache = new ReportedUserCache(maxCachedUsers: 2);
        await cache.GetAsync(_database, "ADELE@CONTOSO.COM", "MEGAN@CONTOSO.COM");

        await SetEnabledBehindTheCacheAsync(false, "adele@contoso.com", "megan@contoso.com", "lynne@contoso.com");
        var pastTheCap = await cache.GetAsync(_database, "ADELE@CONTOSO.COM", "MEGAN@CONTOSO.COM", "LYNNE@CONTOSO.COM");
        await SetEnabledBehindTheCacheAsync(true, "lynne@contoso.com");
        var lynneAgain = await cache.GetAsync(_database, "LYNNE@CONTOSO.COM");

        // Adele and Megan come from the cache (still enabled); Lynne is read each time (disabled, then enabled again).
        Assert.Equal(
            [true, true, false],
            [pastTheCap["ADELE@CONTOSO.COM"]!.AccountEnabled, pastTheCap["MEGAN@CONTOSO.COM"]!.AccountEnabled, pastTheCap["LYNNE@CONTOSO.COM"]!.AccountEnabled]);
        Assert.True(lynneAgain["LYNNE@CONTOSO.COM"]!.AccountEnabled);
    }

    [Fact]
    public async Task GetAsync_DirectoryChanged_ReadsEveryUserAgain()
    {
        await AddUsersAsync("adele@contoso.com");
        var cache = new ReportedUserCache();
        await cache.GetAsync(_database, "ADELE@CONTOSO.COM");

        await using (var db = _database.CreateDbContext())
        {
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Users" SET "AccountEnabled" = FALSE""");
        }
        var users = await cache.GetAsync(_database, "ADELE@CONTOSO.COM");

        Assert.False(users["ADELE@CONTOSO.COM"]!.AccountEnabled);
    }

    [Fact]
    public async Task GetAsync_UnknownUserPastTheCap_IsNull()
    {
        await AddUsersAsync("adele@contoso.com");
        var cache = new ReportedUserCache(maxCachedUsers: 1);
        await cache.GetAsync(_database, "ADELE@CONTOSO.COM");

        var users = await cache.GetAsync(_database, "ADELE@CONTOSO.COM", "NOBODY@CONTOSO.COM");

        Assert.Null(users["NOBODY@CONTOSO.COM"]);
        Assert.NotNull(users["ADELE@CONTOSO.COM"]);
    }

    [Theory]
    [InlineData("5d0a7c4e-3f1b-4b7a-9c2d-8e6f1a2b3c4d", true)]
    [InlineData("5D0A7C4E-3F1B-4B7A-9C2D-8E6F1A2B3C4D", false)]
    [InlineData("{5d0a7c4e-3f1b-4b7a-9c2d-8e6f1a2b3c4d}", false)]
    [InlineData("5d0a7c4e3f1b4b7a9c2d8e6f1a2b3c4d", false)]
    [InlineData("user-1", false)]
    public void ReportedUser_Id_ComesBackAsGivenAndAsAGuidOnlyWhenCanonical(string id, bool canonicalGuid)
    {
        var user = new ReportedUser(id, accountEnabled: true, new HashSet<string>());

        Assert.Equal(id, user.Id);
        Assert.Equal(canonicalGuid, user.IdAsGuid is not null);
        if (user.IdAsGuid is { } guid)
        {
            Assert.Equal(id, guid.ToString());
        }
    }

    private async Task AddUsersAsync(params string[] userPrincipalNames)
    {
        await using var db = _database.CreateDbContext();
        db.DirectoryUsers.AddRange(userPrincipalNames.Select(upn => DirectoryUser.Create(upn, upn, accountEnabled: true, Now)));
        await db.SaveChangesAsync();
    }

    // Changes users as the cache cannot see: the directory's version (which the triggers bump) is put back afterwards.
    private async Task SetEnabledBehindTheCacheAsync(bool enabled, params string[] userPrincipalNames)
    {
        await using var db = _database.CreateDbContext();
        var version = await db.Database.SqlQuery<long>($"""SELECT "Version" AS "Value" FROM "DirectoryVersion" """).SingleAsync();
        foreach (var upn in userPrincipalNames)
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "Users" SET "AccountEnabled" = {enabled} WHERE "UserPrincipalName" = {upn}""");
        }
        await db.Database.ExecuteSqlAsync($"""UPDATE "DirectoryVersion" SET "Version" = {version}""");
    }
}

internal static class ReportedUserCacheTestExtensions
{
    public static async Task<IReadOnlyDictionary<string, ReportedUser?>> GetAsync(
        this ReportedUserCache cache, TestDatabase database, params string[] normalizedUserPrincipalNames)
    {
        // As the writer calls it: on an open connection.
        await using var db = database.CreateDbContext();
        await db.Database.OpenConnectionAsync();
        var context = await TenantEvaluationContext.LoadAsync(db, CancellationToken.None);
        return await cache.GetAsync(db, normalizedUserPrincipalNames, context, CancellationToken.None);
    }
}

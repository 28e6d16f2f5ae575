using System.Globalization;
using System.Runtime.CompilerServices;
using AdminCenter.Core.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.UsersAndGroups;

/// <summary>Search and sort queries shared by the directory's services.</summary>
internal static class DirectoryQueries
{
    private const string NameCollation = "ADMINCENTER_NAME";

    /// <summary>How search text and names are compared: the same folding as the entities' normalized columns.</summary>
    public static string Fold(string text) => text.Trim().ToUpperInvariant();

    /// <summary>A short-lived context whose connection is ready for <see cref="UsersMatching"/> and the name orders.</summary>
    public static Task<AdminCenterDbContext> CreateDirectoryContextAsync(this IDbContextFactory<AdminCenterDbContext> factory, CancellationToken cancellationToken) =>
        CreatePreparedContextAsync(factory, forReport: false, cancellationToken);

    /// <summary>
    /// <see cref="CreateDirectoryContextAsync"/> for a report's reads, which write nothing: on SQLite its connection is
    /// read-only and maps the database file (<see cref="SqlitePragmas.ReportConnectionString"/>).
    /// </summary>
    public static Task<AdminCenterDbContext> CreateReportContextAsync(this IDbContextFactory<AdminCenterDbContext> factory, CancellationToken cancellationToken) =>
        CreatePreparedContextAsync(factory, forReport: true, cancellationToken);

    private static async Task<AdminCenterDbContext> CreatePreparedContextAsync(
        IDbContextFactory<AdminCenterDbContext> factory, bool forReport, CancellationToken cancellationToken)
    {
        var db = await factory.CreateDbContextAsync(cancellationToken);
        try
        {
            if (forReport && db.Database.IsSqlite())
            {
                db.Database.SetConnectionString(SqlitePragmas.ReportConnectionString(db.Database.GetConnectionString()!));
            }
            await PrepareConnectionAsync(db, cancellationToken);
            return db;
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Opens the context's connection and gives it what SQLite lacks: case folding beyond ASCII (its upper() and LIKE
    /// fold ASCII only) and an alphabetical order of names that ignores case and puts É next to E. PostgreSQL has both
    /// in its schema under the same names (<see cref="SqlDialect.PostgreSqlSchemaObjects"/>).
    /// </summary>
    private static async Task PrepareConnectionAsync(AdminCenterDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (db.Database.GetDbConnection() is SqliteConnection connection)
        {
            connection.CreateFunction<string?, string?>("admincenter_fold", value => value?.ToUpperInvariant(), isDeterministic: true);
            connection.CreateCollation(NameCollation, (x, y) => CultureInfo.InvariantCulture.CompareInfo.Compare(x, y, CompareOptions.IgnoreCase));
        }
    }

    /// <summary>Users whose user principal name or display name contains <paramref name="text"/>, ignoring case.</summary>
    /// <remarks>Needs a context from <see cref="CreateDirectoryContextAsync"/>.</remarks>
    public static IQueryable<DirectoryUser> UsersMatching(AdminCenterDbContext db, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return db.DirectoryUsers;
        }
        var dialect = SqlDialect.Of(db.Database);
        var sql = $"""SELECT * FROM "Users" WHERE {dialect.Contains("\"NormalizedUserPrincipalName\"", "{0}")} OR {dialect.Contains("admincenter_fold(\"DisplayName\")", "{0}")}""";
        return db.DirectoryUsers.FromSql(FormattableStringFactory.Create(sql, Fold(text)));
    }

    /// <summary>Users whose display name equals <paramref name="displayName"/>, ignoring case; all users when it is null.</summary>
    /// <remarks>Needs a context from <see cref="CreateDirectoryContextAsync"/>.</remarks>
    public static IQueryable<DirectoryUser> UsersNamed(AdminCenterDbContext db, string? displayName)
    {
        if (displayName is null)
        {
            return db.DirectoryUsers;
        }
        var folded = displayName.ToUpperInvariant();
        return db.DirectoryUsers.FromSql($"""SELECT * FROM "Users" WHERE admincenter_fold("DisplayName") = {folded}""");
    }

    /// <remarks>Needs a context from <see cref="CreateDirectoryContextAsync"/>.</remarks>
    public static IQueryable<DirectoryUser> OrderByDisplayName(this IQueryable<DirectoryUser> users) =>
        users.OrderBy(u => EF.Functions.Collate(u.DisplayName, NameCollation))
            .ThenBy(u => u.NormalizedUserPrincipalName)
            .ThenBy(u => u.Id);

    public static IQueryable<DirectoryGroup> GroupsMatching(AdminCenterDbContext db, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return db.DirectoryGroups;
        }
        var folded = Fold(text);
        return db.DirectoryGroups.Where(g => g.NormalizedDisplayName.Contains(folded));
    }

    /// <remarks>Needs a context from <see cref="CreateDirectoryContextAsync"/>.</remarks>
    public static IQueryable<DirectoryGroup> OrderByName(this IQueryable<DirectoryGroup> groups) =>
        groups.OrderBy(g => EF.Functions.Collate(g.DisplayName, NameCollation)).ThenBy(g => g.NormalizedDisplayName).ThenBy(g => g.Id);

    public static IQueryable<GroupSummary> ToSummaries(this IQueryable<DirectoryGroup> groups) =>
        groups.Select(g => new GroupSummary(g.Id, g.DisplayName, g.Description, g.Members.Count));

    public static IQueryable<UserSummary> ToSummaries(this IQueryable<DirectoryUser> users) =>
        users.Select(u => new UserSummary(u.Id, u.UserPrincipalName, u.DisplayName, u.AccountEnabled));

    /// <summary>A unique index refused the row: someone else saved the same name meanwhile.</summary>
    public static bool IsUniqueViolation(DbUpdateException exception) => SqlDialect.IsUniqueViolation(exception?.InnerException);

    /// <summary>Skip and take as a page request allows them.</summary>
    public static (int Skip, int Take) ClampPage(int skip, int take, int maxTake) =>
        (Math.Max(0, skip), Math.Clamp(take, 1, maxTake));
}

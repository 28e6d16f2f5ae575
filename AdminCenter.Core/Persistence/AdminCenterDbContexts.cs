using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Persistence;

/// <summary>
/// The SQLite model's twin for PostgreSQL. EF Core keeps one migrations set per context type, so each provider's
/// migrations (Persistence/Migrations/Sqlite and /PostgreSql) belong to their own type; services see both as
/// <see cref="AdminCenterDbContext"/>.
/// </summary>
public sealed class PostgreSqlAdminCenterDbContext(DbContextOptions options) : AdminCenterDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // SQLite's NOCASE and the app's ADMINCENTER_NAME collation (registered per SQLite connection), as ICU collations.
        builder.HasCollation("NOCASE", locale: SqlDialect.PostgreSqlCaseInsensitiveLocale, provider: "icu", deterministic: false);
        builder.HasCollation("ADMINCENTER_NAME", locale: SqlDialect.PostgreSqlCaseInsensitiveLocale, provider: "icu", deterministic: false);
        // Written only by the PostgreSQL triggers (DirectoryVersionTriggers); SQLite's bump once per row needs no such column.
        builder.Entity<DirectoryVersionRow>().Property<long?>(DirectoryVersionRow.BumpedByTransaction);
    }
}

/// <summary>Makes the context of the configured provider, for the services' <see cref="IDbContextFactory{TContext}"/> and tests.</summary>
public static class AdminCenterDbContexts
{
    public static AdminCenterDbContext Create(DatabaseProvider provider, DbContextOptions<AdminCenterDbContext> options) => provider switch
    {
        DatabaseProvider.PostgreSql => new PostgreSqlAdminCenterDbContext(options),
        _ => new AdminCenterDbContext(options),
    };

    /// <summary>
    /// Points <paramref name="options"/> at the database in <paramref name="settings"/>, with the provider's own settings
    /// and its compiled model: building the model at run time cost about 0.7 s of CPU on every start (BENCHMARKS.md, Cold
    /// start). The compiled models are generated code; regenerate them after any model change (test.sh checks they are current):
    /// <c>dotnet ef dbcontext optimize --project AdminCenter.Core --context AdminCenterDbContext --output-dir Persistence/CompiledModels/Sqlite --namespace AdminCenter.Core.Persistence.CompiledModels.Sqlite</c>
    /// and the same with <c>PostgreSqlAdminCenterDbContext</c>, <c>PostgreSql</c>.
    /// </summary>
    public static DbContextOptionsBuilder UseAdminCenterDatabase(this DbContextOptionsBuilder options, DatabaseSettings settings) =>
        settings.Provider switch
        {
            DatabaseProvider.PostgreSql => options.UseNpgsql(settings.ConnectionString)
                .UseModel(CompiledModels.PostgreSql.PostgreSqlAdminCenterDbContextModel.Instance),
            _ => options.UseSqlite(settings.ConnectionString).AddInterceptors(new SqlitePragmas())
                .UseModel(CompiledModels.Sqlite.AdminCenterDbContextModel.Instance),
        };
}

/// <summary>The factory behind <see cref="IDbContextFactory{AdminCenterDbContext}"/>: the configured provider's context type.</summary>
internal sealed class AdminCenterDbContextFactory(DbContextOptions<AdminCenterDbContext> options, DatabaseSettings settings) : IDbContextFactory<AdminCenterDbContext>
{
    public AdminCenterDbContext CreateDbContext() => AdminCenterDbContexts.Create(settings.Provider, options);
}

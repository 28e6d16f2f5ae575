using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace AdminCenter.Core.Persistence;

/// <summary>
/// The one row of <c>DirectoryVersion</c>: a counter that every change to what a user's evaluation depends on in the
/// directory bumps (users added, removed, renamed, enabled or disabled; group memberships; policy assignments).
/// Health-report ingestion caches users while it is unchanged. Database triggers bump it, not application code, so no
/// writer (on any instance) can forget it; their SQL is in <see cref="DirectoryVersionTriggers"/>.
/// </summary>
public sealed class DirectoryVersionRow
{
    public const int SingletonId = 1;

    /// <summary>
    /// PostgreSQL only (a shadow property of its model): the transaction that made the last bump, so one transaction bumps
    /// once however many statements it runs (see <see cref="DirectoryVersionTriggers"/>).
    /// </summary>
    public const string BumpedByTransaction = "BumpedByTransaction";

    public int Id { get; set; }

    public long Version { get; set; }
}

internal sealed class DirectoryVersionConfiguration : IEntityTypeConfiguration<DirectoryVersionRow>
{
    public void Configure(EntityTypeBuilder<DirectoryVersionRow> builder)
    {
        builder.ToTable("DirectoryVersion", table => table.HasCheckConstraint("CK_DirectoryVersion_Singleton", $"\"Id\" = {DirectoryVersionRow.SingletonId}"));
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasData(new DirectoryVersionRow { Id = DirectoryVersionRow.SingletonId, Version = 0 });
    }
}

/// <summary>
/// The triggers that keep <see cref="DirectoryVersionRow"/> current, per provider. EF Core models no triggers, so the
/// initial migration of each provider runs <see cref="Create"/>; this is the only hand-written schema SQL.
/// </summary>
public static class DirectoryVersionTriggers
{
    private static readonly (string Table, string Columns)[] Watched =
    [
        ("Users", "\"Id\", \"NormalizedUserPrincipalName\", \"AccountEnabled\""),
        ("GroupMembers", ""),
        ("PolicyAssignments", ""),
    ];

    public static string Create(string? migrationProvider) =>
        migrationProvider == "Npgsql.EntityFrameworkCore.PostgreSQL" ? PostgreSql : Sqlite;

    public static string Drop(string? migrationProvider) =>
        migrationProvider == "Npgsql.EntityFrameworkCore.PostgreSQL"
            ? string.Join('\n', Watched.Select(w => $"DROP TRIGGER \"DirectoryVersion_{w.Table}\" ON \"{w.Table}\";")) + "\nDROP FUNCTION \"DirectoryVersion_Bump\"();"
            : string.Join('\n', Watched.SelectMany(w => SqliteTriggerKinds.Select(kind => $"DROP TRIGGER \"DirectoryVersion_{w.Table}{kind}\";")));

    private static readonly string[] SqliteTriggerKinds = ["Added", "Removed", "Changed"];

    private const string Bump = "UPDATE \"DirectoryVersion\" SET \"Version\" = \"Version\" + 1;";

    // SQLite: one trigger per table and event; an update counts only when a watched column changes (when it has any).
    private static string Sqlite => string.Join('\n', Watched.SelectMany(w => new[]
    {
        $"CREATE TRIGGER \"DirectoryVersion_{w.Table}Added\" AFTER INSERT ON \"{w.Table}\" BEGIN {Bump} END;",
        $"CREATE TRIGGER \"DirectoryVersion_{w.Table}Removed\" AFTER DELETE ON \"{w.Table}\" BEGIN {Bump} END;",
        $"CREATE TRIGGER \"DirectoryVersion_{w.Table}Changed\" AFTER UPDATE {(w.Columns.Length > 0 ? $"OF {w.Columns} " : "")}ON \"{w.Table}\" BEGIN {Bump} END;",
    }));

    // PostgreSQL: one statement-level trigger per table, sharing one function that bumps once per transaction. A
    // transaction writing users row by row would otherwise update this one row per statement: as many dead tuples, and
    // its lock taken again each time. Once per transaction is enough for readers: the transaction's changes and its bump
    // become visible together at its commit. A concurrent transaction waits for the row and, finding another
    // transaction's id there once that one commits, bumps again; a rolled-back bump (or savepoint) leaves the old id.
    private const string CurrentTransaction = "CAST(CAST(pg_current_xact_id() AS text) AS bigint)";

    private static string PostgreSql =>
        $"CREATE FUNCTION \"DirectoryVersion_Bump\"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN " +
        $"UPDATE \"DirectoryVersion\" SET \"Version\" = \"Version\" + 1, \"{DirectoryVersionRow.BumpedByTransaction}\" = {CurrentTransaction} " +
        $"WHERE \"{DirectoryVersionRow.BumpedByTransaction}\" IS DISTINCT FROM {CurrentTransaction}; RETURN NULL; END $$;\n" +
        string.Join('\n', Watched.Select(w =>
            $"CREATE TRIGGER \"DirectoryVersion_{w.Table}\" AFTER INSERT OR DELETE OR UPDATE {(w.Columns.Length > 0 ? $"OF {w.Columns} " : "")}ON \"{w.Table}\" FOR EACH STATEMENT EXECUTE FUNCTION \"DirectoryVersion_Bump\"();"));
}

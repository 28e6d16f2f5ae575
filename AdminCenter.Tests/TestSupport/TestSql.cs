using AdminCenter.Core.Persistence;

namespace AdminCenter.Tests.TestSupport;

/// <summary>Test-only schema tricks (failing or side-effect triggers) in the form of the provider the tests run on.</summary>
public static class TestSql
{
    /// <summary>A trigger that makes every insert into <paramref name="table"/> fail, as a refused write would.</summary>
    public static string RefuseInserts(string table) => AfterInsert(table, $"refuse_{table}", before: true,
        sqliteBody: "SELECT RAISE(ABORT, 'refused');",
        postgreSqlBody: "RAISE EXCEPTION 'refused';");

    /// <summary>A trigger running <paramref name="statement"/> (quoted identifiers, one form for both) after each insert into <paramref name="table"/>.</summary>
    public static string OnInsert(string table, string name, string statement) => AfterInsert(table, name, before: false,
        sqliteBody: statement,
        postgreSqlBody: statement);

    /// <summary>
    /// An ORDER BY list giving the order rows of a table that is only ever appended to were written in: SQLite's rowid;
    /// on PostgreSQL the writing transaction's id (xmin), then the row's place in the heap (ctid) within one transaction.
    /// </summary>
    public static string InWriteOrder => TestProvider.Current == DatabaseProvider.PostgreSql
        ? "xmin::text::bigint, ctid"
        : "rowid";

    private static string AfterInsert(string table, string name, bool before, string sqliteBody, string postgreSqlBody)
    {
        var when = before ? "BEFORE" : "AFTER";
        return TestProvider.Current == DatabaseProvider.PostgreSql
            ? $"""
                CREATE FUNCTION "{name}_fn"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN {postgreSqlBody} RETURN NEW; END $$;
                CREATE TRIGGER "{name}" {when} INSERT ON "{table}" FOR EACH ROW EXECUTE FUNCTION "{name}_fn"();
                """
            : $"""CREATE TRIGGER "{name}" {when} INSERT ON "{table}" BEGIN {sqliteBody} END;""";
    }
}

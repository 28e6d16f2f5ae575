using System.Text;

namespace AdminCenter.Core.Persistence;

/// <summary>
/// The substring indexes behind the App protection status search (issue 17): on both providers a table of the
/// registrations' searched text and their users', kept in sync by triggers; on SQLite an FTS5 table with the trigram
/// tokenizer over it, on PostgreSQL <c>pg_trgm</c> and pair GIN indexes. EF Core models none of it, so the initial migration of each provider runs
/// <see cref="Create"/>; this class holds all of their hand-written SQL.
/// The indexes only narrow: the search's own predicate still decides every row, so results are the same as a scan.
/// </summary>
public static class StatusSearchIndex
{
    /// <summary>
    /// The registrations' device name and user principal name with their user's normalized user principal name and
    /// display name: on SQLite the FTS5 table over <see cref="SqliteTextTable"/> (rowid = the registration's), on
    /// PostgreSQL a plain table keyed by their "Id".
    /// </summary>
    public const string RegistrationsTable = "MamRegistrationsSearch";

    /// <summary>
    /// SQLite: the searched text itself, a plain table (rowid = the registration's) with the columns of
    /// <see cref="SearchedColumns"/>; <see cref="RegistrationsTable"/> indexes it.
    /// </summary>
    public const string SqliteTextTable = "MamRegistrationsSearchText";

    /// <summary>SQLite: the columns of <see cref="SqliteTextTable"/>, named as on the registration ("DeviceName", "UserPrincipalName") and on its user.</summary>
    public static IReadOnlyList<string> SearchedColumns { get; } = ["DeviceName", "UserPrincipalName", "NormalizedUserPrincipalName", "DisplayName"];

    /// <summary>Trigrams: a needle shorter than this cannot be looked up by them (see <see cref="IsPair"/> for two characters).</summary>
    public const int MinimumIndexedLength = 3;

    /// <summary>
    /// A folded needle of two ASCII characters, too short for trigrams, is looked up by its pair instead: on SQLite
    /// through the FTS5 tables' trigrams that start with it (each occurrence that does not end its column starts one) and
    /// an index on each column's last two characters; on PostgreSQL through a GIN index on each row's pairs of characters.
    /// A scan of 1,000,000 registrations for a pair that matches nothing took 710-754 ms; these lookups take a few.
    /// A pair with a control character is left to the scan: PostgreSQL's <c>admincenter_pairs</c> splits its pairs at chr(2).
    /// </summary>
    public static bool IsPair(string foldedNeedle) =>
        foldedNeedle.Length == 2 && Ascii.IsValid(foldedNeedle) && !char.IsControl(foldedNeedle[0]) && !char.IsControl(foldedNeedle[1]);

    private const string PostgreSqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>
    /// PostgreSQL: a column as the search compares it (<see cref="SqlDialect.AsciiUpper"/>), except the user principal
    /// name that is stored folded already.
    /// </summary>
    private static string PostgreSqlIndexed(string column, string alias) =>
        column == "NormalizedUserPrincipalName" ? alias + Quoted(column) : SqlDialect.AsciiUpper(alias + Quoted(column));

    public static string Create(string? migrationProvider) => migrationProvider == PostgreSqlProvider ? PostgreSql : Sqlite;

    /// <summary>SQLite: the fts5vocab table listing the trigrams of the FTS5 table <paramref name="search"/>.</summary>
    private static string SqliteTerms(string search) => search + "Terms";

    /// <summary>SQLite: the indexed expression of a column's last two characters, ASCII letters upper-cased as the needle is.</summary>
    public static string SqliteEnding(string column) => $"upper(substr({column}, -2))";

    /// <summary>
    /// SQLite: the rowids of the FTS5 table <paramref name="search"/> (<see cref="RegistrationsTable"/>) with a trigram that starts with the pair whose range (<see cref="TrigramRange"/>) is the
    /// arguments <paramref name="from"/> and <paramref name="to"/>. The trigrams come from the table's fts5vocab, a seek
    /// on the term; with none, an empty phrase matches nothing.
    /// </summary>
    public static string SqliteRowidsWithPair(string search, string from, string to) =>
        $"SELECT rowid FROM \"{search}\" WHERE \"{search}\" MATCH (SELECT coalesce(group_concat('\"' || replace(term, '\"', '\"\"') || '\"', ' OR '), '\"\"')"
        + $" FROM \"{SqliteTerms(search)}\" WHERE term >= {from} AND term < {to})";

    /// <summary>
    /// The range of FTS5 trigram terms that start with <paramref name="pair"/> (FTS5 keeps them lower-cased): from the
    /// pair itself to the pair with its second character's successor.
    /// </summary>
    public static (string From, string To) TrigramRange(string pair)
    {
        ArgumentNullException.ThrowIfNull(pair);
        var lower = pair.ToLowerInvariant();
        return (lower, $"{lower[0]}{(char)(lower[1] + 1)}");
    }

    /// <summary>
    /// PostgreSQL: the searched text of the registrations' search table as one value, each column as the search compares
    /// it (<see cref="PostgreSqlIndexed"/>), <see cref="Separator"/> between them: a stored generated column, so that a
    /// candidate's test reads it instead of computing it. Both GIN indexes are on it, so one lookup finds a needle in any
    /// column: with a trigram index per column, "user.5" at 1,000,000 read 111,111 entries three times (45 ms against 16),
    /// and the search took 47 ms where it takes 33 (a one-match search 35 ms, now 17). Computed for each of the 111,111
    /// candidates of "user.5" (to recheck the trigram match, then the four columns' own tests), the top 150 by display
    /// name took 81 ms in psql; read from the column, 46 ms.
    /// </summary>
    /// The user's normalized user principal name is left out where it is the registration's (as the search compares
    /// them), as it nearly always is: it would only repeat what the text holds, a quarter of it.
    private static string PostgreSqlSearchedTextValue =>
        $"coalesce({PostgreSqlIndexed("DeviceName", "")}, '') || chr(1) || {PostgreSqlIndexed("UserPrincipalName", "")}"
        + $" || CASE WHEN {PostgreSqlIndexed("NormalizedUserPrincipalName", "")} = {PostgreSqlIndexed("UserPrincipalName", "")} THEN ''"
        + $" ELSE chr(1) || {PostgreSqlIndexed("NormalizedUserPrincipalName", "")} END || chr(1) || {PostgreSqlIndexed("DisplayName", "")}";

    /// <summary>PostgreSQL: the character between the columns of <see cref="PostgreSqlSearchedText"/>, chr(1).</summary>
    public const char Separator = '\u0001';

    /// <summary>
    /// PostgreSQL: the searched text (its generated column) of <paramref name="alias"/>'s row of the registrations' search
    /// table. An ASCII needle without <see cref="Separator"/> is in it exactly when it is in one of its columns as the
    /// search compares them: only a needle holding the separator could span two.
    /// </summary>
    public static string PostgreSqlSearchedText(string alias) => $"{alias}\"SearchedText\"";

    /// <summary>
    /// PostgreSQL: the indexed pairs of characters of <see cref="PostgreSqlSearchedText"/>; a needle's pair is found by
    /// <c>@&gt;</c>. Compared as "C", bytewise: the build compares every pair of every row with others, and in the
    /// database's collation (C.UTF-8 here, which PostgreSQL 15 compares through the C library) it took a quarter longer.
    /// </summary>
    public static string PostgreSqlPairs(string alias) => $"(admincenter_pairs({PostgreSqlSearchedText(alias)}) COLLATE \"C\")";

    public static string Drop(string? migrationProvider) => migrationProvider == PostgreSqlProvider
        ? $"""
            DROP TRIGGER "{RegistrationsTable}_Added" ON "MamRegistrations";
            DROP TRIGGER "{RegistrationsTable}_Changed" ON "MamRegistrations";
            DROP TRIGGER "{RegistrationsTable}_UserChanged" ON "Users";
            DROP FUNCTION "{RegistrationsTable}_Added"();
            DROP FUNCTION "{RegistrationsTable}_Changed"();
            DROP FUNCTION "{RegistrationsTable}_UserChanged"();
            DROP TABLE "{RegistrationsTable}";
            DROP FUNCTION admincenter_pairs(text);
            """
        : string.Join('\n', new[]
        {
            $"DROP TRIGGER \"{SqliteTextTable}_Added\";", $"DROP TRIGGER \"{SqliteTextTable}_Removed\";",
            $"DROP TRIGGER \"{SqliteTextTable}_Changed\";", $"DROP TRIGGER \"{SqliteTextTable}_UserChanged\";",
            $"DROP TRIGGER \"{RegistrationsTable}_Added\";", $"DROP TRIGGER \"{RegistrationsTable}_Removed\";", $"DROP TRIGGER \"{RegistrationsTable}_Changed\";",
            $"DROP TABLE \"{SqliteTerms(RegistrationsTable)}\";", $"DROP TABLE \"{RegistrationsTable}\";",
        }.Concat(SearchedColumns.Select(c => $"DROP INDEX \"IX_{SqliteTextTable}_{c}_Ending\";")).Append($"DROP TABLE \"{SqliteTextTable}\";"));

    /// <summary>
    /// The part of the case-folded needle (<c>DirectoryQueries.Fold</c>) that the index can look up for sure, or null
    /// when a scan must do. An ASCII needle is looked up whole. In a needle with other letters only the longest run of
    /// ASCII characters other than I and S is used: where the folded haystack has such a character, the haystack itself
    /// has it in either case (only ı and ſ upper-case to ASCII letters, to I and S), so the run's trigrams are there.
    /// </summary>
    public static string? IndexedPart(string foldedNeedle)
    {
        ArgumentNullException.ThrowIfNull(foldedNeedle);
        if (Ascii.IsValid(foldedNeedle))
        {
            return foldedNeedle.Length >= MinimumIndexedLength ? foldedNeedle : null;
        }
        var (bestStart, bestLength, start) = (0, 0, 0);
        for (var i = 0; i <= foldedNeedle.Length; i++)
        {
            if (i < foldedNeedle.Length && char.IsAscii(foldedNeedle[i]) && foldedNeedle[i] is not ('I' or 'S'))
            {
                continue;
            }
            if (i - start > bestLength)
            {
                (bestStart, bestLength) = (start, i - start);
            }
            start = i + 1;
        }
        return bestLength >= MinimumIndexedLength ? foldedNeedle.Substring(bestStart, bestLength) : null;
    }

    /// <summary>An FTS5 query matching <paramref name="part"/> as one phrase: quoted, its own quotes doubled, so no character is an operator.</summary>
    public static string Fts5Phrase(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return "\"" + part.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>A LIKE pattern (with <c>ESCAPE '\'</c>) matching any text that contains <paramref name="part"/>, each character literally.</summary>
    public static string ContainsPattern(string part)
    {
        ArgumentNullException.ThrowIfNull(part);
        return "%" + part.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal) + "%";
    }

    // SQLite: the searched text in a table of its own, as on PostgreSQL (see there), with the user's text beside the
    // registration's, so that one lookup of one FTS5 table finds a needle in any of the four columns and a search sorted
    // by user reads the display name beside the match. Searching the registrations' own columns and then, apart, the
    // registrations of the users matched by theirs, "user.5" sorted by user at 1,000,000 registrations took 232-263 ms:
    // 93-113 ms went to the users' part (37,037 users, whose 111,111 registrations had all matched already) and about 130
    // to joining every match to its user for the sort; from this table, 59 ms in the sqlite3 shell.
    // Its rowid is the registration's; triggers on the registrations and on their users keep it in step, firing only for
    // the columns it copies, so check-ins, health reports and re-evaluation do not touch it. The FTS5 table is an
    // external-content one over it (the text stays in the table; the index keeps trigrams and rowids), written by its
    // triggers, with an index on each column's last two characters for the pairs.
    private static string Sqlite
    {
        get
        {
            var columns = string.Join(", ", SearchedColumns.Select(Quoted));
            var newValues = string.Join(", ", SearchedColumns.Select(c => $"new.{Quoted(c)}"));
            var oldValues = string.Join(", ", SearchedColumns.Select(c => $"old.{Quoted(c)}"));
            var add = $"INSERT INTO \"{RegistrationsTable}\" (rowid, {columns}) VALUES (new.rowid, {newValues});";
            var remove = $"INSERT INTO \"{RegistrationsTable}\" (\"{RegistrationsTable}\", rowid, {columns}) VALUES ('delete', old.rowid, {oldValues});";
            return string.Join('\n', new[]
            {
                $"CREATE TABLE \"{SqliteTextTable}\" (rowid INTEGER PRIMARY KEY, \"DeviceName\" TEXT, \"UserPrincipalName\" TEXT NOT NULL, \"NormalizedUserPrincipalName\" TEXT NOT NULL, \"DisplayName\" TEXT NOT NULL);",
                $"CREATE TRIGGER \"{SqliteTextTable}_Added\" AFTER INSERT ON \"MamRegistrations\" BEGIN INSERT INTO \"{SqliteTextTable}\" (rowid, {columns}) {SqliteCopy("new.", rowid: true)}; END;",
                $"CREATE TRIGGER \"{SqliteTextTable}_Removed\" AFTER DELETE ON \"MamRegistrations\" BEGIN DELETE FROM \"{SqliteTextTable}\" WHERE rowid = old.rowid; END;",
                $"CREATE TRIGGER \"{SqliteTextTable}_Changed\" AFTER UPDATE OF \"DeviceName\", \"UserPrincipalName\", \"UserId\" ON \"MamRegistrations\""
                    + " WHEN old.\"DeviceName\" IS NOT new.\"DeviceName\" OR old.\"UserPrincipalName\" IS NOT new.\"UserPrincipalName\" OR old.\"UserId\" IS NOT new.\"UserId\""
                    + $" BEGIN UPDATE \"{SqliteTextTable}\" SET ({columns}) = ({SqliteCopy("new.")}) WHERE rowid = new.rowid; END;",
                $"CREATE TRIGGER \"{SqliteTextTable}_UserChanged\" AFTER UPDATE OF \"NormalizedUserPrincipalName\", \"DisplayName\" ON \"Users\""
                    + " WHEN old.\"NormalizedUserPrincipalName\" IS NOT new.\"NormalizedUserPrincipalName\" OR old.\"DisplayName\" IS NOT new.\"DisplayName\""
                    + $" BEGIN UPDATE \"{SqliteTextTable}\" SET \"NormalizedUserPrincipalName\" = new.\"NormalizedUserPrincipalName\", \"DisplayName\" = new.\"DisplayName\""
                    + " WHERE rowid IN (SELECT rowid FROM \"MamRegistrations\" WHERE \"UserId\" = new.\"Id\"); END;",
                $"CREATE VIRTUAL TABLE \"{RegistrationsTable}\" USING fts5({columns}, content='{SqliteTextTable}', content_rowid='rowid', tokenize='trigram');",
                $"CREATE TRIGGER \"{RegistrationsTable}_Added\" AFTER INSERT ON \"{SqliteTextTable}\" BEGIN {add} END;",
                $"CREATE TRIGGER \"{RegistrationsTable}_Removed\" AFTER DELETE ON \"{SqliteTextTable}\" BEGIN {remove} END;",
                $"CREATE TRIGGER \"{RegistrationsTable}_Changed\" AFTER UPDATE OF {columns} ON \"{SqliteTextTable}\" BEGIN {remove} {add} END;",
                $"CREATE VIRTUAL TABLE \"{SqliteTerms(RegistrationsTable)}\" USING fts5vocab(\"{RegistrationsTable}\", 'row');",
            }.Concat(SearchedColumns.Select(c => $"CREATE INDEX \"IX_{SqliteTextTable}_{c}_Ending\" ON \"{SqliteTextTable}\" ({SqliteEnding(Quoted(c))});")));
        }
    }

    /// <summary>
    /// SQLite: the values of <see cref="SearchedColumns"/> (after the rowid, with <paramref name="rowid"/>) for the
    /// registration whose columns <paramref name="alias"/> prefixes, its user's read from "Users".
    /// </summary>
    private static string SqliteCopy(string alias, bool rowid = false) =>
        $"SELECT {(rowid ? alias + "rowid, " : "")}{alias}\"DeviceName\", {alias}\"UserPrincipalName\", u.\"NormalizedUserPrincipalName\", u.\"DisplayName\" FROM \"Users\" AS u WHERE u.\"Id\" = {alias}\"UserId\"";

    // PostgreSQL: GIN indexes over the text as the search compares it (PostgreSqlSearchedText), so that a plain LIKE
    // finds the candidates. Over the columns themselves the search needed an ILIKE for the index, and the ILIKE's recheck
    // lower-cased every candidate through the locale: counting the first 10,001 matches of "user.5" at 100,000
    // registrations took 25-31 ms that way, 5-6 ms with upper-cased ASCII.
    // The searched text has a table of its own: each registration's device name and user principal name, and a copy of
    // its user's normalized user principal name and display name. Every health report and re-evaluation updates an
    // indexed column of "MamRegistrations" (last check-in, outcome), so none of those updates is HOT and each adds the
    // row's new version to every index of the table: an index on it grew from 59 to 128 MB in one re-evaluation pass at
    // 1,000,000 registrations, and a one-match lookup from 37-45 to 127 ms. This table changes only when a registration
    // is added or removed, its device name, user principal name or user changes, or its user's searched text changes:
    // a statement trigger copies new rows, row triggers that fire only for updates naming those columns copy changes,
    // and the foreign key removes deleted ones. With the user's text beside the registration's, a search is one lookup
    // of one index: counting "57" (3,970 of 100,000 registrations) took 2 ms, against 45-50 ms when each matching
    // user's registrations were then looked up apart.
    // admincenter_pairs cuts the text into its pairs at even and at odd offsets with two regexp_replace, each pair then
    // followed by chr(2), and splits there (GIN drops a row's repeated keys). The aggregate of substr over generate_series
    // it replaced ran a query per row: over 300,000 rows' text 8.0 s against 2.2, and the index took 13.3 s to build
    // against 6.1-6.3 s (with its "C" comparisons).
    private static string PostgreSql => $$"""
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE TABLE "{{RegistrationsTable}}" (
            "Id" character varying(64) PRIMARY KEY REFERENCES "MamRegistrations" ("Id") ON DELETE CASCADE,
            "DeviceName" text, "UserPrincipalName" character varying(256) NOT NULL, "UserId" character varying(64) NOT NULL,
            "NormalizedUserPrincipalName" character varying(256) NOT NULL, "DisplayName" character varying(256) NOT NULL,
            "SearchedText" text GENERATED ALWAYS AS ({{PostgreSqlSearchedTextValue}}) STORED NOT NULL);
        CREATE INDEX "IX_{{RegistrationsTable}}_UserId" ON "{{RegistrationsTable}}" ("UserId");
        CREATE FUNCTION "{{RegistrationsTable}}_Added"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        INSERT INTO "{{RegistrationsTable}}" ({{CopiedColumns}}) SELECT {{CopiedValues("n.")}} FROM "New" AS n JOIN "Users" AS u ON u."Id" = n."UserId";
        RETURN NULL; END $$;
        CREATE TRIGGER "{{RegistrationsTable}}_Added" AFTER INSERT ON "MamRegistrations" REFERENCING NEW TABLE AS "New"
        FOR EACH STATEMENT EXECUTE FUNCTION "{{RegistrationsTable}}_Added"();
        CREATE FUNCTION "{{RegistrationsTable}}_Changed"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        UPDATE "{{RegistrationsTable}}" AS f SET ("DeviceName", "UserPrincipalName", "UserId", "NormalizedUserPrincipalName", "DisplayName") =
        (SELECT NEW."DeviceName", NEW."UserPrincipalName", NEW."UserId", u."NormalizedUserPrincipalName", u."DisplayName" FROM "Users" AS u WHERE u."Id" = NEW."UserId")
        WHERE f."Id" = NEW."Id";
        RETURN NULL; END $$;
        CREATE TRIGGER "{{RegistrationsTable}}_Changed" AFTER UPDATE OF "DeviceName", "UserPrincipalName", "UserId" ON "MamRegistrations" FOR EACH ROW
        WHEN (OLD."DeviceName" IS DISTINCT FROM NEW."DeviceName" OR OLD."UserPrincipalName" IS DISTINCT FROM NEW."UserPrincipalName" OR OLD."UserId" IS DISTINCT FROM NEW."UserId")
        EXECUTE FUNCTION "{{RegistrationsTable}}_Changed"();
        CREATE FUNCTION "{{RegistrationsTable}}_UserChanged"() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
        UPDATE "{{RegistrationsTable}}" SET "NormalizedUserPrincipalName" = NEW."NormalizedUserPrincipalName", "DisplayName" = NEW."DisplayName" WHERE "UserId" = NEW."Id";
        RETURN NULL; END $$;
        CREATE TRIGGER "{{RegistrationsTable}}_UserChanged" AFTER UPDATE OF "NormalizedUserPrincipalName", "DisplayName" ON "Users" FOR EACH ROW
        WHEN (OLD."NormalizedUserPrincipalName" IS DISTINCT FROM NEW."NormalizedUserPrincipalName" OR OLD."DisplayName" IS DISTINCT FROM NEW."DisplayName")
        EXECUTE FUNCTION "{{RegistrationsTable}}_UserChanged"();
        CREATE INDEX "IX_{{RegistrationsTable}}_Trigram" ON "{{RegistrationsTable}}" USING gin ({{PostgreSqlSearchedText("")}} gin_trgm_ops);
        CREATE FUNCTION admincenter_pairs(text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        AS $$ SELECT string_to_array(regexp_replace($1, '(..)', '\1' || chr(2), 'g') || chr(2) || regexp_replace(substr($1, 2), '(..)', '\1' || chr(2), 'g'), chr(2)) $$;
        CREATE INDEX "IX_{{RegistrationsTable}}_Pairs" ON "{{RegistrationsTable}}" USING gin ({{PostgreSqlPairs("")}});
        """;

    /// <summary>PostgreSQL: the columns of the registrations' search table.</summary>
    private const string CopiedColumns = "\"Id\", \"DeviceName\", \"UserPrincipalName\", \"UserId\", \"NormalizedUserPrincipalName\", \"DisplayName\"";

    /// <summary>PostgreSQL: the values of <see cref="CopiedColumns"/> from a registration aliased <paramref name="alias"/> and its user "u".</summary>
    private static string CopiedValues(string alias) =>
        $"{alias}\"Id\", {alias}\"DeviceName\", {alias}\"UserPrincipalName\", {alias}\"UserId\", u.\"NormalizedUserPrincipalName\", u.\"DisplayName\"";

    /// <summary>
    /// PostgreSQL, after rows were written into "MamRegistrations" with the triggers bypassed (a bulk load): the
    /// registrations' search table filled from them and their users.
    /// </summary>
    public static string PostgreSqlRebuild => $"""
        INSERT INTO "{RegistrationsTable}" ({CopiedColumns})
        SELECT {CopiedValues("r.")} FROM "MamRegistrations" AS r JOIN "Users" AS u ON u."Id" = r."UserId";
        """;

    private static string Quoted(string column) => $"\"{column}\"";

    /// <summary>
    /// After rows were written with the SQLite triggers bypassed (a bulk load, which bypasses those of
    /// <see cref="SqliteTextTable"/> too): the searched text copied from the registrations and their users. Then
    /// <see cref="SqliteRebuildIndex"/>.
    /// </summary>
    public static string SqliteFill =>
        $"INSERT INTO \"{SqliteTextTable}\" (rowid, {string.Join(", ", SearchedColumns.Select(Quoted))}) SELECT r.rowid, r.\"DeviceName\", r.\"UserPrincipalName\", u.\"NormalizedUserPrincipalName\", u.\"DisplayName\""
        + " FROM \"MamRegistrations\" AS r JOIN \"Users\" AS u ON u.\"Id\" = r.\"UserId\";";

    /// <summary>
    /// After <see cref="SqliteFill"/>: rebuilds the FTS5 table from <see cref="SqliteTextTable"/>. (VACUUM keeps the
    /// registrations' rowids: it renumbers only tables with neither an INTEGER PRIMARY KEY nor any index, and they have
    /// their text primary key's index; AppProtectionStatusSearchIndexTests guards it.)
    /// </summary>
    public static string SqliteRebuildIndex => $"INSERT INTO \"{RegistrationsTable}\" (\"{RegistrationsTable}\") VALUES ('rebuild');";
}

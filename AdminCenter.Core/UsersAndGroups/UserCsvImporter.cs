using System.Globalization;

namespace AdminCenter.Core.UsersAndGroups;

/// <summary>
/// One data row of a users CSV. <see cref="RowNumber"/> counts data rows from 1 (the header and blank lines are not
/// rows); <see cref="LineNumber"/> is the line of the file the row starts on.
/// </summary>
public sealed record UserCsvRow(
    int RowNumber,
    int LineNumber,
    string UserPrincipalName,
    string DisplayName,
    IReadOnlyList<string> Groups,
    IReadOnlyList<string> Problems)
{
    public bool IsValid => Problems.Count == 0;
}

/// <summary>The rows of a users CSV, or why the file as a whole cannot be imported.</summary>
public sealed record UserCsvParseResult(string? FileProblem, IReadOnlyList<UserCsvRow> Rows)
{
    /// <summary>True only when the file is well formed and every row is valid: an import is all or nothing.</summary>
    public bool CanImport => FileProblem is null && Rows.Count > 0 && Rows.All(r => r.IsValid);
}

/// <summary>
/// Reads and checks a bulk import of users (spec 04): header <c>userPrincipalName,displayName,groups</c> (names in any
/// case), <c>groups</c> a <c>;</c>-separated list of group names. Pure: the directory is not consulted.
/// </summary>
public static class UserCsvImporter
{
    public const string Header = "userPrincipalName,displayName,groups";
    public const char GroupSeparator = ';';
    public const int MaxRows = 50_000;

    private static readonly string[] HeaderNames = Header.Split(',');

    public static UserCsvParseResult Parse(string? csv)
    {
        var records = CsvRecordReader.Read(csv ?? "").Where(r => !r.IsBlank);
        using var enumerator = records.GetEnumerator();
        if (!enumerator.MoveNext())
        {
            return new($"The CSV is empty. Its first line must be the header {Header}.", []);
        }
        if (CheckHeader(enumerator.Current) is { } headerProblem)
        {
            return new(headerProblem, []);
        }

        var rows = new List<UserCsvRow>();
        var firstRowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        while (enumerator.MoveNext())
        {
            if (rows.Count == MaxRows)
            {
                return new($"The CSV has more than {MaxRows.ToString("N0", CultureInfo.InvariantCulture)} users; split it into smaller files.", []);
            }
            rows.Add(ParseRow(enumerator.Current, rows.Count + 1, firstRowOf));
        }
        return rows.Count == 0 ? new("The CSV has a header but no users.", []) : new(null, rows);
    }

    /// <summary>The group names of a <c>groups</c> cell: trimmed, blanks dropped, each name once (ignoring case).</summary>
    public static IReadOnlyList<string> SplitGroups(string? cell) =>
        (cell ?? "").Split(GroupSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .DistinctBy(DirectoryGroup.Normalize)
            .ToList();

    private static string? CheckHeader(CsvRecord record)
    {
        var names = record.Fields.Select(f => f.Trim()).ToList();
        var matches = record.Error is null && names.Count == HeaderNames.Length
            && names.Zip(HeaderNames).All(pair => string.Equals(pair.First, pair.Second, StringComparison.OrdinalIgnoreCase));
        return matches ? null : $"The first line must be the header {Header}; found \"{Shorten(string.Join(",", names))}\".";
    }

    private static UserCsvRow ParseRow(CsvRecord record, int rowNumber, Dictionary<string, int> firstRowOf)
    {
        var fields = record.Fields;
        var upn = fields[0].Trim();
        var displayName = fields.Count > 1 ? fields[1].Trim() : "";
        var groups = SplitGroups(fields.Count > 2 ? fields[2] : null);
        if (record.Error is not null)
        {
            return new(rowNumber, record.LineNumber, upn, displayName, groups, [record.Error]);
        }
        if (fields.Count > HeaderNames.Length)
        {
            return new(rowNumber, record.LineNumber, upn, displayName, groups,
                [$"The row has {fields.Count} fields; expected {HeaderNames.Length} ({Header}). Put values that contain commas in quotes."]);
        }

        var problems = new List<string>();
        if (DirectoryValidator.CheckUserPrincipalName(upn) is { } upnProblem)
        {
            problems.Add(upnProblem);
        }
        else if (firstRowOf.TryGetValue(DirectoryUser.Normalize(upn), out var firstRow))
        {
            problems.Add($"User principal name {upn} is also on row {firstRow}; each user may appear only once.");
        }
        else
        {
            firstRowOf.Add(DirectoryUser.Normalize(upn), rowNumber);
        }
        if (DirectoryValidator.CheckDisplayName(displayName) is { } nameProblem)
        {
            problems.Add(nameProblem);
        }
        problems.AddRange(groups.Where(g => g.Length > DirectoryValidator.MaxNameLength)
            .Select(g => $"Group name {Shorten(g)} is longer than {DirectoryValidator.MaxNameLength} characters."));
        return new(rowNumber, record.LineNumber, upn, displayName, groups, problems);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}

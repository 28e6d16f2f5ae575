namespace AdminCenter.Core.UsersAndGroups;

public enum UserImportStatus
{
    Created,
    Updated,
    Rejected,

    /// <summary>A valid row left out because another row was rejected: an import is all or nothing.</summary>
    NotImported,
}

/// <summary>What became of one data row (row and line numbering as in <see cref="UserCsvRow"/>).</summary>
public sealed record UserImportRowResult(int RowNumber, int LineNumber, string UserPrincipalName, UserImportStatus Status, string Reason);

/// <summary>The per-row report of a bulk import, and whether anything was imported at all.</summary>
public sealed record UserImportReport(
    bool Imported,
    string? FileProblem,
    IReadOnlyList<UserImportRowResult> Rows,
    IReadOnlyList<string> CreatedGroups)
{
    public int RejectedCount => Rows.Count(r => r.Status == UserImportStatus.Rejected);

    /// <summary>One sentence for the admin, e.g. "Imported 3 users: 2 created, 1 updated."</summary>
    public string Summary
    {
        get
        {
            if (!Imported)
            {
                return FileProblem is not null
                    ? $"Nothing was imported. {FileProblem}"
                    : $"Nothing was imported: {Count(RejectedCount, "row was", "rows were")} rejected. Fix {(RejectedCount == 1 ? "it" : "them")} and import the file again.";
            }
            var created = Rows.Count(r => r.Status == UserImportStatus.Created);
            var updated = Rows.Count(r => r.Status == UserImportStatus.Updated);
            var groups = CreatedGroups.Count == 0 ? "" : $" Created {Count(CreatedGroups.Count, "group", "groups")}: {string.Join(", ", CreatedGroups)}.";
            return $"Imported {Count(Rows.Count, "user", "users")}: {created} created, {updated} updated.{groups}";
        }
    }

    private static string Count(int count, string one, string many) => $"{count} {(count == 1 ? one : many)}";
}

public static class UserImportStatusExtensions
{
    public static string ToDisplayName(this UserImportStatus status) => status switch
    {
        UserImportStatus.NotImported => "Not imported",
        _ => status.ToString(),
    };
}

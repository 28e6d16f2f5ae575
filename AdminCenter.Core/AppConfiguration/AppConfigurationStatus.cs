using System.Runtime.CompilerServices;
using System.Text;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Mam;
using AdminCenter.Core.Persistence;
using AdminCenter.Core.UsersAndGroups;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.AppConfiguration;

/// <summary>A row of Apps > Monitor > App configuration status: one user's app on one device at its last check-in.</summary>
public sealed record AppConfigurationStatusRow(
    string RegistrationId,
    string UserId,
    string UserDisplayName,
    string UserPrincipalName,
    string AppId,
    string? DeviceName,
    string AzureAdDeviceId,
    IReadOnlyList<AppliedConfigurationPolicy> Policies,
    IReadOnlyList<AppConfigSetting> Settings,
    IReadOnlyList<AppConfigurationConflict> Conflicts,
    DateTime LastCheckInUtc)
{
    public string AppName => AppId == WindowsPolicyDraft.EdgeAppId ? "Microsoft Edge" : AppId;
}

/// <summary>The report's filter: a user (name or UPN, contains) and whether to show only rows with conflicts.</summary>
public sealed record AppConfigurationStatusFilter(string? Search = null, bool ConflictsOnly = false);

/// <summary>Reads the app configuration status report: paged for the page, streamed whole for the CSV export.</summary>
public sealed class AppConfigurationStatusQueries(IDbContextFactory<AdminCenterDbContext> dbFactory)
{
    public const int MaxPageSize = 500;

    public async Task<PagedResult<AppConfigurationStatusRow>> QueryAsync(
        AppConfigurationStatusFilter filter, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var query = Filtered(db, filter);
        var total = await query.CountAsync(cancellationToken);
        var rows = await query
            .OrderBy(r => r.User.DisplayName).ThenBy(r => r.Record.UserPrincipalName).ThenBy(r => r.Record.AzureAdDeviceId)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, MaxPageSize))
            .ToListAsync(cancellationToken);
        return new PagedResult<AppConfigurationStatusRow>([.. rows.Select(r => ToRow(r.Record, r.User.DisplayName))], total);
    }

    /// <summary>Every row the filter matches, in the page's order, read as it is written out.</summary>
    public async IAsyncEnumerable<AppConfigurationStatusRow> StreamAsync(
        AppConfigurationStatusFilter filter, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = Filtered(db, filter)
            .OrderBy(r => r.User.DisplayName).ThenBy(r => r.Record.UserPrincipalName).ThenBy(r => r.Record.AzureAdDeviceId)
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            yield return ToRow(row.Record, row.User.DisplayName);
        }
    }

    private static IQueryable<RecordWithUser> Filtered(AdminCenterDbContext db, AppConfigurationStatusFilter filter)
    {
        var records = db.AppConfigurationDeliveries.AsNoTracking();
        if (filter.ConflictsOnly)
        {
            records = records.Where(r => r.HasConflicts);
        }
        var query = records.Join(db.DirectoryUsers.AsNoTracking(), r => r.UserId, u => u.Id, (r, u) => new RecordWithUser { Record = r, User = u });
        if (!string.IsNullOrWhiteSpace(filter.Search))
        {
            var search = filter.Search.Trim();
            var normalized = DirectoryUser.Normalize(search);
            query = query.Where(r => r.User.NormalizedUserPrincipalName.Contains(normalized) || r.User.DisplayName.Contains(search));
        }
        return query;
    }

    private static AppConfigurationStatusRow ToRow(AppConfigurationDeliveryRecord record, string displayName) => new(
        record.RegistrationId, record.UserId, displayName, record.UserPrincipalName, record.AppId, record.DeviceName, record.AzureAdDeviceId,
        record.Policies, record.Settings, record.Conflicts, record.DeliveredDateTime);

    private sealed class RecordWithUser
    {
        public required AppConfigurationDeliveryRecord Record { get; init; }

        public required DirectoryUser User { get; init; }
    }
}

/// <summary>The app configuration status report as CSV, in the app protection status export's format (RFC 4180, UTF-8 with BOM).</summary>
public static class AppConfigurationStatusCsv
{
    public static IReadOnlyList<string> Header { get; } =
        ["User", "Email", "App", "Device name", "Entra device ID", "Policies", "Settings delivered", "Conflicts", "Last check-in"];

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static async Task WriteAsync(IAsyncEnumerable<AppConfigurationStatusRow> rows, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rows);
        await using var writer = new StreamWriter(stream, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(Line(Header));
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            await writer.WriteAsync(Line(Fields(row)));
        }
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>A row's cells in <see cref="Header"/>'s order; lists are joined with "; ".</summary>
    public static IReadOnlyList<string> Fields(AppConfigurationStatusRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return
        [
            row.UserDisplayName,
            row.UserPrincipalName,
            row.AppName,
            row.DeviceName ?? "",
            row.AzureAdDeviceId,
            string.Join("; ", row.Policies.Select(p => p.DisplayName)),
            string.Join("; ", row.Settings.Select(s => $"{s.Name} = {s.Value}")),
            string.Join("; ", row.Conflicts.Select(c => c.Describe())),
            AppProtectionStatusCsv.Time(row.LastCheckInUtc),
        ];
    }

    private static string Line(IReadOnlyList<string> fields) => string.Join(",", fields.Select(AppProtectionStatusCsv.Cell)) + "\r\n";
}

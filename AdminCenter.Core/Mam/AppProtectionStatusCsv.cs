using System.Globalization;
using System.Text;

namespace AdminCenter.Core.Mam;

/// <summary>
/// The status report as CSV (RFC 4180): the page's columns and words, CRLF line ends, UTF-8 with a byte order mark so
/// spreadsheet apps read names beyond ASCII, times in UTC ISO 8601. Cells a spreadsheet would run as a formula are
/// defused with a leading single quote.
/// </summary>
public static class AppProtectionStatusCsv
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "User", "Email", "App", "App version", "Device name", "Device type", "Entra device ID", "Platform version",
        "Policy name(s)", "Threat level", "Outcome", "Last sync",
        // Spec 07's report parity columns come last, so the earlier columns keep their places for existing imports.
        "SDK version", "Device manufacturer", "Device model", "Platform", "Management type",
    ];

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Writes the header and every row to <paramref name="stream"/> as the rows arrive; the stream stays open.</summary>
    public static async Task WriteAsync(IAsyncEnumerable<AppProtectionStatusRow> rows, Stream stream, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(stream, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true);
        var line = new StringBuilder(512);
        AppendRecord(line, Header);
        await writer.WriteAsync(line, cancellationToken);
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            line.Clear();
            AppendRecord(line, Fields(row));
            await writer.WriteAsync(line, cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>A row's cells in <see cref="Header"/>'s order, as the page words them.</summary>
    public static IReadOnlyList<string> Fields(AppProtectionStatusRow row) =>
    [
        row.UserDisplayName,
        row.UserPrincipalName,
        row.AppName,
        row.AppVersion ?? "",
        row.DeviceName ?? "",
        row.DeviceType,
        row.AzureAdDeviceId,
        row.PlatformVersion ?? "",
        row.PolicyNames,
        AppProtectionStatusLabels.ThreatLevel(row.ThreatLevel),
        AppProtectionStatusLabels.Outcome(row.Outcome),
        Time(row.LastSyncDateTime),
        row.SdkVersion ?? "",
        row.DeviceManufacturer ?? "",
        row.DeviceModel ?? "",
        AppProtectionStatusRow.Platform,
        AppProtectionStatusRow.ManagementType,
    ];

    /// <summary>A UTC time as ISO 8601, e.g. 2026-11-25T08:00:00Z.</summary>
    public static string Time(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>One cell, defused and quoted as needed.</summary>
    public static string Cell(string? value)
    {
        var text = value ?? "";
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }
        return text.AsSpan().IndexOfAny("\",\r\n") >= 0 ? $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : text;
    }

    private static void AppendRecord(StringBuilder line, IReadOnlyList<string> fields)
    {
        for (var i = 0; i < fields.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }
            line.Append(Cell(fields[i]));
        }
        line.Append("\r\n");
    }
}

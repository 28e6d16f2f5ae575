using System.Text;
using AdminCenter.Core.Mam;

namespace AdminCenter.Core.Audit;

/// <summary>The audit log as CSV, with the same conventions as the status report's (<see cref="AppProtectionStatusCsv"/>).</summary>
public static class AuditEventCsv
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "Date (UTC)", "Activity", "Activity type", "Category", "Initiated by", "Target type", "Target", "Target ID",
        "Modified properties", "Result", "Correlation ID",
    ];

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static async Task WriteAsync(IAsyncEnumerable<AuditEvent> events, Stream stream, CancellationToken cancellationToken = default)
    {
        await using var writer = new StreamWriter(stream, Utf8WithBom, bufferSize: 64 * 1024, leaveOpen: true);
        var line = new StringBuilder(512);
        Append(line, Header);
        await writer.WriteAsync(line, cancellationToken);
        await foreach (var audit in events.WithCancellation(cancellationToken))
        {
            line.Clear();
            Append(line, Fields(audit));
            await writer.WriteAsync(line, cancellationToken);
        }
        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>An event's cells in <see cref="Header"/>'s order; modified properties as "name: old → new", one per line.</summary>
    public static IReadOnlyList<string> Fields(AuditEvent audit) =>
    [
        AppProtectionStatusCsv.Time(audit.ActivityDateTime),
        audit.Activity,
        audit.ActivityType.ToString(),
        audit.Category,
        audit.InitiatedBy,
        audit.TargetType,
        audit.TargetDisplayName,
        audit.TargetId,
        string.Join("\n", audit.ModifiedProperties.Select(p => $"{p.Name}: {p.OldValue ?? ""} → {p.NewValue ?? ""}")),
        audit.Result.ToString(),
        audit.CorrelationId,
    ];

    private static void Append(StringBuilder line, IReadOnlyList<string> cells)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }
            line.Append(AppProtectionStatusCsv.Cell(cells[i]));
        }
        line.Append("\r\n");
    }
}

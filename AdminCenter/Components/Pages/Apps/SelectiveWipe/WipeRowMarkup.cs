using System.Globalization;
using System.Text;
using AdminCenter.Components.Display;
using AdminCenter.Core.Wipe;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace AdminCenter.Components.Pages.Apps.SelectiveWipe;

/// <summary>
/// A wipe request row's cells as markup: the td and span elements with MudBlazor's classes that a template would render,
/// every value HTML-encoded, as one render-tree frame instead of about 70 (each frame stays in the circuit's memory, twice,
/// while the tab is open; BENCHMARKS.md, "Serving cost per open tab"). The Delete button keeps its handler, so it is not
/// part of this markup.
/// </summary>
internal static class WipeRowMarkup
{
    /// <summary>MudIconButton's classes for Color.Error and Size.Small, for the plain Delete button of a pending row.</summary>
    public const string DeleteButtonClass =
        "mud-button-root mud-icon-button mud-error-text hover:mud-error-hover mud-ripple mud-ripple-icon mud-icon-button-size-small";

    /// <summary>The Delete icon as MudIcon draws it at Size.Small, shared by every row of every tab.</summary>
    public static readonly MarkupString DeleteIcon = IconMarkup.For(Icons.Material.Outlined.Delete, size: Size.Small);

    /// <summary>Every cell but Actions: User, Device name, App, Status, Created, Completed, Message.</summary>
    public static MarkupString Cells(WipeRequestRow row)
    {
        var html = new StringBuilder(1536);
        Open(html, "User");
        CellMarkup.Span(html, "cell-text cell-user", row.UserPrincipalName, row.UserDisplayName ?? row.UserPrincipalName);
        html.Append('\n'); // as a template's line break: the cell's text reads as two words, not one
        CellMarkup.Span(html, "cell-text cell-user caption", row.UserPrincipalName, row.UserPrincipalName);
        Open(html, "Device name");
        CellMarkup.Span(html, "cell-text cell-device", $"Entra device ID: {row.AzureAdDeviceId}", row.DeviceName ?? "Unknown");
        html.Append('\n');
        CellMarkup.Span(html, "cell-text cell-device caption device-id", row.AzureAdDeviceId, row.AzureAdDeviceId);
        Open(html, "App");
        CellMarkup.Span(html, "cell-text cell-app", row.AppId, WipeLabels.App(row.AppId));
        Open(html, "Status");
        html.Append(WipeStatusChip.Render(row.Status).Value);
        html.Append('\n');
        CellMarkup.Span(html, "cell-text cell-status caption", StatusTitle(row), StatusNote(row));
        Open(html, "Created");
        Time(html, row.CreatedDateTime);
        Open(html, "Completed");
        if (row.CompletedDateTime is { } completed)
        {
            Time(html, completed);
        }
        Open(html, "Message");
        html.Append("<span class=\"cell-text cell-message\"");
        if (row.Message is { } message)
        {
            html.Append(" title=\"").Append(CellMarkup.Encode(message)).Append("\">").Append(CellMarkup.Encode(message));
        }
        else
        {
            html.Append('>');
        }
        html.Append("</span></td>");
        return new MarkupString(html.ToString());
    }

    /// <summary>What the status's second line says: where a pending request is, or where a finished one came from.</summary>
    public static string StatusNote(WipeRequestRow row) => row.Status switch
    {
        WipeRequestStatus.Pending when row.DeliveredDateTime is not null => "Sent to the app",
        WipeRequestStatus.Pending => "Waiting for check-in",
        _ => WipeLabels.Origin(row.Origin),
    };

    /// <summary>The status note's tooltip: who asked, and when the app received it.</summary>
    public static string StatusTitle(WipeRequestRow row) =>
        $"{WipeLabels.Origin(row.Origin)}, requested by {row.CreatedBy}"
        + (row.DeliveredDateTime is { } delivered ? $"; sent to the app {DisplayFormat.Time(delivered)}" : "");

    // Closes the previous cell (none before User) and opens the next with its small-screen label.
    private static void Open(StringBuilder html, string label)
    {
        if (html.Length > 0)
        {
            html.Append("</td>");
        }
        html.Append("<td class=\"mud-table-cell\" data-label=\"").Append(label).Append("\">");
    }

    // A time on two short lines (date, then time), so two time columns fit beside the rest; the full time on hover.
    private static void Time(StringBuilder html, DateTime utc) =>
        html.Append("<span class=\"time\" title=\"").Append(DisplayFormat.Time(utc)).Append("\">")
            .Append(utc.ToString("MMM d, yyyy", CultureInfo.InvariantCulture))
            .Append("<span class=\"caption\">").Append(utc.ToString("h:mm tt", CultureInfo.InvariantCulture)).Append(" UTC</span></span>");
}

using System.Text;
using AdminCenter.Components.Display;
using AdminCenter.Components.Layout;
using AdminCenter.Core.Mam;
using Microsoft.AspNetCore.Components;

namespace AdminCenter.Components.Pages.Apps.Monitor;

/// <summary>
/// A status-report row's cells as one piece of markup: the same td, link, span and chip elements with MudBlazor's
/// classes that a template would render, every value HTML-encoded. Each frame of a render tree stays in the circuit's
/// memory (twice) while the tab is open; a row of elements is ~75 frames, this is one (BENCHMARKS.md, "Serving cost
/// per open tab"). The link needs no handler: Blazor routes clicks on any local link.
/// </summary>
internal static class StatusRowMarkup
{
    private const string LinkClass = "mud-typography mud-link mud-primary-text mud-link-underline-hover cell-text cell-name";

    public static MarkupString Cells(AppProtectionStatusRow row, IEnumerable<AppProtectionStatusColumn> columns)
    {
        var html = new StringBuilder(1024);
        foreach (var column in columns)
        {
            html.Append("<td class=\"mud-table-cell\" data-label=\"").Append(CellMarkup.Encode(AppProtectionStatusColumns.Title(column))).Append("\">");
            Cell(html, row, column);
            html.Append("</td>");
        }

        return new MarkupString(html.ToString());
    }

    private static void Cell(StringBuilder html, AppProtectionStatusRow row, AppProtectionStatusColumn column)
    {
        switch (column)
        {
            case AppProtectionStatusColumn.User:
                html.Append("<a href=\"").Append(CellMarkup.Encode(AdminNavigation.UserPage(row.UserId))).Append("\" class=\"").Append(LinkClass)
                    .Append("\" title=\"").Append(CellMarkup.Encode(row.UserPrincipalName)).Append("\">").Append(CellMarkup.Encode(row.UserDisplayName)).Append("</a>");
                break;
            case AppProtectionStatusColumn.DeviceName:
                CellMarkup.Span(html, "cell-text cell-name", $"Entra device ID: {row.AzureAdDeviceId}", row.DeviceName ?? "Not reported");
                break;
            case AppProtectionStatusColumn.PolicyNames when row.PolicyNames.Length == 0:
                html.Append("<span class=\"text-secondary\">None</span>");
                break;
            case AppProtectionStatusColumn.PolicyNames:
                CellMarkup.Span(html, "cell-text cell-policy", row.PolicyNames, row.PolicyNames);
                break;
            case AppProtectionStatusColumn.ThreatLevel:
                html.Append(ThreatLevelChip.Render(row.ThreatLevel).Value);
                break;
            case AppProtectionStatusColumn.Outcome:
                html.Append(OutcomeChip.Render(row.Outcome).Value);
                break;
            default:
                var text = Text(row, column);
                CellMarkup.Span(html, "cell-text", text, text);
                break;
        }
    }

    private static string Text(AppProtectionStatusRow row, AppProtectionStatusColumn column) => column switch
    {
        AppProtectionStatusColumn.Email => row.UserPrincipalName,
        AppProtectionStatusColumn.App => row.AppName,
        AppProtectionStatusColumn.AppVersion => row.AppVersion ?? "",
        AppProtectionStatusColumn.SdkVersion => row.SdkVersion ?? "",
        AppProtectionStatusColumn.DeviceType => row.DeviceType,
        AppProtectionStatusColumn.DeviceManufacturer => row.DeviceManufacturer ?? "",
        AppProtectionStatusColumn.DeviceModel => row.DeviceModel ?? "",
        AppProtectionStatusColumn.EntraDeviceId => row.AzureAdDeviceId,
        AppProtectionStatusColumn.Platform => AppProtectionStatusRow.Platform,
        AppProtectionStatusColumn.PlatformVersion => row.PlatformVersion ?? "",
        AppProtectionStatusColumn.ManagementType => AppProtectionStatusRow.ManagementType,
        AppProtectionStatusColumn.LastSync => DisplayFormat.Time(row.LastSyncDateTime),
        _ => "",
    };
}

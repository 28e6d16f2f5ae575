using System.Text;
using System.Text.Encodings.Web;

namespace AdminCenter.Components.Display;

/// <summary>
/// The pieces a table row drawn as one markup string is built from (StatusRowMarkup, WipeRowMarkup, AuditRowMarkup):
/// every value HTML-encoded, so a name with markup characters shows as text, never as HTML.
/// </summary>
public static class CellMarkup
{
    public static string Encode(string value) => HtmlEncoder.Default.Encode(value);

    /// <summary>A <c>span</c> of <paramref name="cssClass"/> showing <paramref name="text"/>, the whole <paramref name="title"/> on hover.</summary>
    public static StringBuilder Span(StringBuilder html, string cssClass, string title, string text) =>
        html.Append("<span class=\"").Append(cssClass).Append("\" title=\"").Append(Encode(title)).Append("\">").Append(Encode(text)).Append("</span>");
}

using Microsoft.AspNetCore.Components;

namespace AdminCenter.Components.Pages.Apps.AppProtection;

/// <summary>
/// The requirements an admin must know before targeting Windows (spec 03): a dense info MudAlert's markup, one string
/// shared by every open tab, as it only shows text (BENCHMARKS.md, "Serving cost per open tab").
/// </summary>
public static class WindowsRequirementsBar
{
    public static readonly MarkupString Markup = new(
        """
        <div class="mud-alert mud-alert-text-info mud-dense mud-elevation-0 mb-4 requirements-bar"><div class="mud-alert-position justify-start"><div class="mud-alert-icon mud-alert-icon-left"><svg class="mud-icon-root mud-svg-icon mud-icon-size-medium" focusable="false" viewBox="0 0 24 24" aria-hidden="true" role="img"><path d="M0 0h24v24H0V0z" fill="none"/><path d="M11 7h2v2h-2zm0 4h2v6h-2zm1-9C6.48 2 2 6.48 2 12s4.48 10 10 10 10-4.48 10-10S17.52 2 12 2zm0 18c-4.41 0-8-3.59-8-8s3.59-8 8-8 8 3.59 8 8-3.59 8-8 8z"/></svg></div><div class="mud-alert-message">
        Windows app protection needs Windows 11 build 10.0.22621.2506 or later (or Windows 10 build 19045.3636 or later) and
        Microsoft Edge. The Windows Security Center connector needs Windows 11 22631 (23H2) or later. Devices must not be
        MDM-enrolled or Microsoft Entra joined.
        </div></div></div>
        """);
}

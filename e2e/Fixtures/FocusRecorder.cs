namespace AdminCenter.E2E.Fixtures;

/// <summary>
/// Records in each page where focus went, who moved it (the script that called <c>focus()</c>), each text input and each
/// removed field, so that a test that loses typed text says why. Keystrokes lost behind the latency proxy have been seen
/// once in many runs and not reproduced since; the last events go into the failure message.
/// </summary>
internal static class FocusRecorder
{
    private const int Kept = 120;

    public static Task InstallAsync(IBrowserContext context) => context.AddInitScriptAsync($$"""
        (function () {
          const events = window.__focusEvents = [];
          const start = performance.now();
          const record = function (text) {
            events.push(Math.round(performance.now() - start) + " ms " + text);
            if (events.length > {{Kept}}) { events.shift(); }
          };
          const describe = function (element) {
            if (!element || !element.tagName) { return String(element); }
            const label = element.getAttribute("aria-label");
            return element.tagName.toLowerCase() + (element.id ? "#" + element.id : "") + (label ? "[" + label + "]" : "");
          };
          document.addEventListener("focusin", function (e) { record("focus on " + describe(e.target)); }, true);
          document.addEventListener("focusout", function (e) { record("focus off " + describe(e.target) + " to " + describe(e.relatedTarget)); }, true);
          document.addEventListener("input", function (e) { record("input " + describe(e.target) + " = " + JSON.stringify(e.target.value)); }, true);
          const focus = HTMLElement.prototype.focus;
          HTMLElement.prototype.focus = function (options) {
            const caller = (new Error().stack || "").split("\n").slice(2, 4).map(function (l) { return l.trim(); }).join(" < ");
            record("focus() on " + describe(this) + " from " + caller);
            return focus.call(this, options);
          };
          new MutationObserver(function (mutations) {
            for (const mutation of mutations) {
              for (const node of mutation.removedNodes) {
                if (node.nodeType === 1 && (node.matches("input, textarea") || node.querySelector("input, textarea"))) {
                  record("removed " + describe(node) + " holding a field");
                }
              }
            }
          }).observe(document, { subtree: true, childList: true });
        })();
        """);

    /// <summary>The page's last events, oldest first; empty when the page is gone.</summary>
    public static async Task<string> ReadAsync(IPage page)
    {
        try
        {
            var events = await page.EvaluateAsync<string[]?>("() => window.__focusEvents || []");
            return string.Join("\n", events ?? []);
        }
        catch (PlaywrightException)
        {
            return "";
        }
    }
}

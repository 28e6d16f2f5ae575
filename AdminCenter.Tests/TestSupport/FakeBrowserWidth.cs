using AdminCenter.Components.Layout;
using Bunit;
using Microsoft.JSInterop;
using MudBlazor;

namespace AdminCenter.Tests.TestSupport;

/// <summary>
/// The browser's width as <c>adminCenter.watchWidth</c> reports it, set by the test: the layout hears the current
/// width when it starts watching, and every later <see cref="ResizeAsync"/>.
/// </summary>
public sealed class FakeBrowserWidth
{
    private readonly BunitJSInterop interop;

    public FakeBrowserWidth(BunitJSInterop interop, Breakpoint breakpoint)
    {
        this.interop = interop;
        interop.Setup<int>("adminCenter.watchWidth", _ => true).SetResult(WidthClass(breakpoint));
    }

    /// <summary>The window crosses into <paramref name="now"/>: the browser calls the layout back.</summary>
    public Task ResizeAsync(Breakpoint now)
    {
        var watch = interop.Invocations["adminCenter.watchWidth"][^1];
        var layout = ((DotNetObjectReference<MainLayout>)watch.Arguments[0]!).Value;
        return layout.WidthChanged(WidthClass(now));
    }

    // How many of MudBlazor's breakpoints (600, 960, 1280, 1920, 2560 px) the window reaches, as the script counts.
    private static int WidthClass(Breakpoint breakpoint) => breakpoint switch
    {
        Breakpoint.Xs => 0,
        Breakpoint.Sm => 1,
        Breakpoint.Md => 2,
        Breakpoint.Lg => 3,
        Breakpoint.Xl => 4,
        Breakpoint.Xxl => 5,
        _ => throw new ArgumentOutOfRangeException(nameof(breakpoint), breakpoint, "A width is one of Xs to Xxl."),
    };
}

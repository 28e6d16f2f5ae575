using MudBlazor;
using MudBlazor.Services;

namespace AdminCenter.Tests.TestSupport;

/// <summary>
/// The browser's width as MudBlazor's viewport service reports it, set by the test: subscribers hear the current
/// breakpoint at once (as with <c>fireImmediately</c>) and every later <see cref="ResizeAsync"/>.
/// </summary>
public sealed class FakeBrowserViewport(Breakpoint breakpoint) : IBrowserViewportService
{
    private readonly List<IBrowserViewportObserver> observers = [];

    public Breakpoint Breakpoint { get; private set; } = breakpoint;

    public ResizeOptions ResizeOptions { get; } = new();

    public async Task ResizeAsync(Breakpoint now)
    {
        Breakpoint = now;
        foreach (var observer in observers.ToArray())
        {
            await observer.NotifyBrowserViewportChangeAsync(new BrowserViewportEventArgs(observer.Id, Size(now), now));
        }
    }

    public async Task SubscribeAsync(IBrowserViewportObserver observer, bool fireImmediately = true)
    {
        observers.Add(observer);
        if (fireImmediately)
        {
            await observer.NotifyBrowserViewportChangeAsync(new BrowserViewportEventArgs(observer.Id, Size(Breakpoint), Breakpoint, isImmediate: true));
        }
    }

    public Task SubscribeAsync(Guid observerId, Action<BrowserViewportEventArgs> lambda, ResizeOptions? options = null, bool fireImmediately = true) =>
        throw new NotSupportedException("The layout subscribes as an observer.");

    public Task SubscribeAsync(Guid observerId, Func<BrowserViewportEventArgs, Task> lambda, ResizeOptions? options = null, bool fireImmediately = true) =>
        throw new NotSupportedException("The layout subscribes as an observer.");

    public Task UnsubscribeAsync(IBrowserViewportObserver observer)
    {
        observers.Remove(observer);
        return Task.CompletedTask;
    }

    public Task UnsubscribeAsync(Guid observerId)
    {
        observers.RemoveAll(o => o.Id == observerId);
        return Task.CompletedTask;
    }

    public Task<bool> IsMediaQueryMatchAsync(string mediaQuery) => Task.FromResult(false);

    public Task<bool> IsBreakpointWithinWindowSizeAsync(Breakpoint breakpoint) =>
        Task.FromResult(BreakpointWithin(Breakpoint, breakpoint));

    public Task<bool> IsBreakpointWithinReferenceSizeAsync(Breakpoint breakpoint, Breakpoint reference) =>
        Task.FromResult(BreakpointWithin(reference, breakpoint));

    public Task<Breakpoint> GetCurrentBreakpointAsync() => Task.FromResult(Breakpoint);

    public Task<BrowserWindowSize> GetCurrentBrowserWindowSizeAsync() => Task.FromResult(Size(Breakpoint));

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static bool BreakpointWithin(Breakpoint current, Breakpoint breakpoint) => current == breakpoint;

    // A width inside each class (MudBlazor's breakpoints: 600, 960, 1280, 1920, 2560 px).
    private static BrowserWindowSize Size(Breakpoint breakpoint) => new()
    {
        Width = breakpoint switch
        {
            Breakpoint.Xs => 400,
            Breakpoint.Sm => 800,
            Breakpoint.Md => 1024,
            Breakpoint.Lg => 1400,
            Breakpoint.Xl => 2000,
            _ => 2600,
        },
        Height = 900,
    };
}

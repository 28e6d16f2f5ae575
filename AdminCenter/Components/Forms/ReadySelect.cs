using MudBlazor;

namespace AdminCenter.Components.Forms;

/// <summary>
/// MudSelect that says when its first render's setup (its keyboard handler in the browser, the render of its initial
/// value) is done: <see cref="LazySelect{T}"/> opens it only then, so that it opens as a select that was always there.
/// </summary>
public sealed class ReadySelect<T> : MudSelect<T>
{
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes after the first render's <c>OnAfterRenderAsync</c>.</summary>
    public Task Ready => ready.Task;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        await base.OnAfterRenderAsync(firstRender);
        if (firstRender)
        {
            ready.TrySetResult();
        }
    }
}

using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace AdminCenter.Components.Forms;

/// <summary>
/// Blazor's <c>FocusOnNavigate</c>, except that it leaves focus where it is when the admin has already clicked into a
/// field of the new page: over a slow link the focus call lands a round trip after the page shows, and moving focus
/// then would drop what is being typed.
/// </summary>
public sealed class FocusOnNavigateUnlessEditing : ComponentBase
{
    private Type? _lastPageType;
    private bool _focusAfterRender;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Parameter, EditorRequired]
    public Microsoft.AspNetCore.Components.RouteData RouteData { get; set; } = default!;

    [Parameter]
    public string Selector { get; set; } = "h1";

    protected override void OnParametersSet()
    {
        if (RouteData.PageType != _lastPageType)
        {
            _lastPageType = RouteData.PageType;
            _focusAfterRender = true;
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_focusAfterRender)
        {
            return;
        }
        _focusAfterRender = false;
        try
        {
            await JS.InvokeVoidAsync("adminCenter.focusUnlessEditing", Selector);
        }
        catch (JSDisconnectedException)
        {
            // The tab closed during the navigation; there is nothing left to focus.
        }
    }
}

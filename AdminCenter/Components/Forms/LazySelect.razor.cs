using AdminCenter.Components.Display;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace AdminCenter.Components.Forms;

/// <summary>
/// A single-value select (MudSelect, Variant.Outlined, Margin.Dense) drawn as MudSelect's closed markup until the admin
/// opens it: MudSelect with an item per option, its input, adornment, popover and overlay is a dozen components or more,
/// kept by every open tab. The first click, or Enter, Space or an arrow key, puts the real MudSelect in its place, focused
/// and open once its own first render's setup is done (<see cref="ReadySelect{T}"/>), so it behaves from then on exactly
/// as MudSelect.
/// </summary>
public partial class LazySelect<T>
{
    private static readonly MarkupString ArrowIcon =
        IconMarkup.For(Icons.Material.Filled.ArrowDropDown, "mud-icon-default mud-input-adornment-icon");

    private readonly string id;
    private readonly string helperId;
    private ReadySelect<T>? select;
    private bool live;
    private bool opening;

    [Parameter, EditorRequired]
    public string Label { get; set; } = "";

    [Parameter]
    public T Value { get; set; } = default!;

    [Parameter]
    public EventCallback<T> ValueChanged { get; set; }

    [Parameter, EditorRequired]
    public IReadOnlyList<T> Options { get; set; } = [];

    [Parameter, EditorRequired]
    public Func<T, string> ToStringFunc { get; set; } = value => value?.ToString() ?? "";

    [Parameter]
    public string? HelperText { get; set; }

    [Parameter]
    public string? Class { get; set; }

    public LazySelect()
    {
        id = $"select-{Guid.NewGuid():N}"[..15];
        helperId = id + "-helper-text";
    }

    private void Open()
    {
        live = true;
        opening = true;
    }

    private void OnKeyDown(KeyboardEventArgs key)
    {
        if (key.Key is "Enter" or " " or "ArrowDown" or "ArrowUp")
        {
            Open();
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (opening && select is not null)
        {
            opening = false;
            await select.Ready;
            await select.FocusAsync();
            await select.OpenMenu();
        }
    }
}

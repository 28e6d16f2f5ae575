using MudBlazor.Interfaces;

namespace AdminCenter.Components.Forms;

/// <summary>
/// The field-error pattern for a message decided outside the field (by the form's other values, or by the server):
/// the field's one source of errors stays its <c>Validation</c>, which answers <see cref="Current"/>; after each render
/// <see cref="ShowAsync"/> revalidates the field when the message changed, so it appears at once and blur keeps it.
/// </summary>
public sealed class FieldProblem<T>
{
    private string? _shown;

    public FieldProblem() => Validation = _ => Current;

    /// <summary>The message to show at the field; null when there is nothing wrong.</summary>
    public string? Current { get; set; }

    /// <summary>Pass to the field's <c>Validation</c> parameter.</summary>
    public Func<T?, string?> Validation { get; }

    /// <summary>Call from <c>OnAfterRenderAsync</c>.</summary>
    public async Task ShowAsync(IFormComponent? field)
    {
        if (field is null || Current == _shown)
        {
            return;
        }
        _shown = Current;
        await field.ValidateAsync();
    }
}

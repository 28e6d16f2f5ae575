using System.Net;
using Microsoft.AspNetCore.Components;

namespace AdminCenter.Components.Forms;

/// <summary>
/// One text field of a <see cref="FormSection"/>, looking and reading as MudTextField (Variant.Outlined, Margin.Dense).
/// Every keystroke commits the value, so no debounce timer is kept. The message follows the field-error pattern
/// (<see cref="FieldCheck{T}"/>): <see cref="Validation"/> runs on every change and on blur, and its message replaces
/// the helper text until the value passes.
/// </summary>
public sealed class TextFieldState
{
    private readonly Func<string?, Task> commit;
    private string? received;

    /// <param name="label">The visible label, which also names the input.</param>
    /// <param name="commit">Receives the text on every change.</param>
    public TextFieldState(string label, Func<string?, Task> commit)
    {
        Label = label;
        this.commit = commit;
        Id = $"field-{Guid.NewGuid():N}"[..14];
        HelperId = Id + "-helper-text";
    }

    public string Id { get; }

    public string Label { get; }

    public string? HelperText { get; init; }

    /// <summary>The field's rule: a message, or null when the value is fine.</summary>
    public Func<string?, string?>? Validation { get; init; }

    /// <summary>Shows "length / MaxLength" beside the helper text, as MudTextField's <c>Counter</c>.</summary>
    public bool Counter { get; init; }

    public int MaxLength { get; init; } = 524288;

    /// <summary>The keyboard a phone or tablet shows (the input's <c>inputmode</c>), such as "numeric".</summary>
    public string? InputMode { get; init; }

    /// <summary>A field the admin may see but not change (a role without the permission).</summary>
    public bool Disabled { get; set; }

    /// <summary>More than one line draws a text area of that many rows.</summary>
    public int Lines { get; init; } = 1;

    public string? Text
    {
        get;
        private set
        {
            field = value;
            counterText = null;
        }
    }

    // Kept with the text rather than formatted per render, which would be a new string each time.
    private string? counterText;

    internal string CounterText => counterText ??= $"{Text?.Length ?? 0} / {MaxLength}";

    public string? Error { get; private set; }

    // Every class list is one of a few shared strings: a string built per render would be kept by every open tab, twice
    // (the current and the previous render).
    private static readonly string[] ControlClasses = [.. Variants(error =>
        $"mud-input-control mud-input-control-margin-dense{error} mud-input-outlined-with-label mud-input-input-control mud-input-sizing-fixed")];

    private static readonly string[] LabelClasses = [.. Variants(error =>
        $"mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-margin-dense{error} mud-input-label-inputcontrol")];

    private static readonly string[] HelperClasses = [.. Variants(error => $"d-flex mud-input-helper-text{error}")];

    // mud-shrink keeps the label above a value; while empty, MudBlazor's CSS raises it on focus.
    private static readonly string[] InputClasses =
    [
        .. Variants(error => $"mud-input mud-input-outlined mud-input-outlined-with-label mud-input-margin-dense{error} mud-typography-subtitle1 mud-input-sizing-fixed"),
        .. Variants(error => $"mud-input mud-input-outlined mud-input-outlined-with-label mud-input-margin-dense mud-shrink{error} mud-typography-subtitle1 mud-input-sizing-fixed"),
    ];

    internal string HelperId { get; }

    internal bool HasHelperLine => Error is not null || !string.IsNullOrEmpty(HelperText) || Counter;

    internal string? DescribedBy => HasHelperLine ? HelperId : null;

    internal string AriaInvalid => Error is null ? "false" : "true";

    private int ErrorIndex => Error is null ? 0 : 1;

    internal string ControlClass => ControlClasses[ErrorIndex];

    internal string InputClass => InputClasses[(string.IsNullOrEmpty(Text) ? 0 : 2) + ErrorIndex];

    internal string LabelClass => LabelClasses[ErrorIndex];

    internal string HelperClass => HelperClasses[ErrorIndex];

    private static IEnumerable<string> Variants(Func<string, string> classes) => [classes(""), classes(" mud-input-error")];

    /// <summary>From the section's <c>OnParametersSet</c>: a value the parent changed replaces the text; the value this field committed comes back unchanged.</summary>
    public void Sync(string? value)
    {
        if (value != received)
        {
            received = value;
            Text = value;
        }
    }

    internal Task OnInputAsync(string? text)
    {
        Text = text ?? "";
        Error = Validation?.Invoke(Text);
        received = Text;
        return commit(Text);
    }

    /// <summary>Shows the rule's message for the current text, as leaving the field does (on blur, or Next on an invalid step).</summary>
    public void Validate() => Error = Validation?.Invoke(Text);

    /// <summary>
    /// A read-only field's markup (a value the admin cannot change, such as a policy's platform), built once and shared
    /// by every open tab: it needs no state. <paramref name="id"/> ties the label to the input.
    /// </summary>
    public static MarkupString ReadOnlyMarkup(string id, string label, string value)
    {
        var (i, l, v) = (WebUtility.HtmlEncode(id), WebUtility.HtmlEncode(label), WebUtility.HtmlEncode(value));
        return new(
            $"""<div class="mud-input-control mud-input-control-margin-dense mud-input-outlined-with-label mud-input-input-control mud-input-sizing-fixed"><div class="mud-input-control-input-container"><div class="mud-input mud-input-outlined mud-input-outlined-with-label mud-input-margin-dense mud-shrink mud-typography-subtitle1 mud-input-sizing-fixed"><input class="mud-input-slot mud-input-root mud-input-root-outlined mud-input-root-margin-dense" id="{i}" type="text" aria-invalid="false" aria-required="false" readonly value="{v}"><fieldset class="mud-input-outlined-border"><legend>{l}</legend></fieldset></div><label class="mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-margin-dense mud-input-label-inputcontrol" for="{i}">{l}</label></div></div>""");
    }
}

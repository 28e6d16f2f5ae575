namespace AdminCenter.Components.Forms;

/// <summary>
/// The one field-error pattern of the console: a MudBlazor field's only source of errors is its <c>Validation</c>,
/// set to <see cref="Validation"/>. That runs the Core rule for the field on every change and blur, so its message
/// shows at the field and stays through typing, pasting and tabbing away; MudBlazor's own <c>Required</c> and the
/// <c>Error</c>/<c>ErrorText</c> parameters are not used (its blur validation would replace them). A refusal only the
/// server can know (a name taken since the page loaded) is remembered for the value that was refused.
/// </summary>
public sealed class FieldCheck<T>
{
    private readonly Func<T?, string?> _rule;
    private T? _refusedValue;
    private string? _refusedMessage;

    public FieldCheck(Func<T?, string?> rule)
    {
        _rule = rule;
        Validation = Check;
    }

    /// <summary>Pass to the field's <c>Validation</c> parameter (one delegate for the field's lifetime).</summary>
    public Func<T?, string?> Validation { get; }

    public string? Check(T? value) =>
        _rule(value) ?? (_refusedMessage is not null && EqualityComparer<T>.Default.Equals(value, _refusedValue) ? _refusedMessage : null);

    /// <summary>Remembers the server's message for <paramref name="value"/>; a null message forgets it.</summary>
    public void Refuse(T? value, string? message)
    {
        _refusedValue = value;
        _refusedMessage = message;
    }
}

/// <summary>Shortcuts for the common text case.</summary>
public static class FieldCheck
{
    public static FieldCheck<string> For(Func<string?, string?> rule) => new(rule);

    /// <summary>A rule for an optional field: empty is fine, anything else must pass <paramref name="rule"/>.</summary>
    public static FieldCheck<string> Optional(Func<string, string?> rule) =>
        new(value => string.IsNullOrWhiteSpace(value) ? null : rule(value));
}

using System.Globalization;
using AdminCenter.Core.UsersAndGroups;

namespace AdminCenter.Core.Common;

/// <summary>What a text field holds; decides its maximum length and which control characters it may contain.</summary>
public enum FieldKind
{
    /// <summary>Ids and codes (device, app, registration, connector ids; status and threat level): 128, no control characters.</summary>
    Identifier,

    /// <summary>User principal names: 256 as in the directory, no control characters.</summary>
    UserPrincipalName,

    /// <summary>Display, device, model and manufacturer names, resources: 256, no control characters.</summary>
    Name,

    /// <summary>App, OS and SDK versions: 64, no control characters.</summary>
    Version,

    /// <summary>Free text (wipe results, partner error messages): 1024; tabs and line breaks allowed, other controls not.</summary>
    Message,

    /// <summary>Rules in a query syntax (assignment filter rules): 3072 as Intune allows, no control characters.</summary>
    Expression,
}

/// <summary>Why a text value is refused.</summary>
public enum FieldProblem
{
    None,
    TooLong,
    ControlCharacter,

    /// <summary>Not text at all: an unpaired UTF-16 surrogate, or bytes that are not UTF-8.</summary>
    InvalidUnicode,
}

/// <summary>A refused text value: the problem, the value's length and the offending character (for the message).</summary>
public readonly record struct FieldViolation(FieldProblem Problem, int Length = 0, int Character = 0)
{
    public static FieldViolation None => default;

    public bool IsViolation => Problem != FieldProblem.None;
}

/// <summary>Marks a request property with the kind of text it holds; the API's body reader applies its rules.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter | AttributeTargets.Field)]
public sealed class FieldKindAttribute(FieldKind kind) : Attribute
{
    public FieldKind Kind { get; } = kind;
}

/// <summary>
/// The text rules every input shares (API bodies, Core services, pages): maximum lengths per kind of field, no control
/// characters in identifiers and names, valid Unicode everywhere. The API's reader and Core's own checks both use these.
/// </summary>
public static class FieldRules
{
    public const int IdentifierMaxLength = 128;
    public const int UserPrincipalNameMaxLength = DirectoryValidator.MaxNameLength;
    public const int NameMaxLength = 256;
    public const int VersionMaxLength = 64;
    public const int MessageMaxLength = 1024;
    public const int ExpressionMaxLength = 3072;

    public static int MaxLength(FieldKind kind) => kind switch
    {
        FieldKind.Identifier => IdentifierMaxLength,
        FieldKind.UserPrincipalName => UserPrincipalNameMaxLength,
        FieldKind.Version => VersionMaxLength,
        FieldKind.Message => MessageMaxLength,
        FieldKind.Expression => ExpressionMaxLength,
        _ => NameMaxLength,
    };

    /// <summary>C0 (U+0000-U+001F), DEL and C1 (U+007F-U+009F) controls.</summary>
    public static bool IsControl(int character) => character <= 0x1F || character is >= 0x7F and <= 0x9F;

    /// <summary>Whether <paramref name="character"/> is a control character that <paramref name="kind"/> refuses.</summary>
    public static bool IsRefusedControl(int character, FieldKind kind) =>
        IsControl(character) && !(kind == FieldKind.Message && character is '\t' or '\n' or '\r');

    /// <summary>The first problem of <paramref name="value"/> (null counts as fine: whether it is required is the caller's rule).</summary>
    public static FieldViolation Find(ReadOnlySpan<char> value, FieldKind kind)
    {
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsSurrogate(c))
            {
                if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                {
                    i++;
                    continue;
                }
                return new FieldViolation(FieldProblem.InvalidUnicode, value.Length, c);
            }
            if (IsRefusedControl(c, kind))
            {
                return new FieldViolation(FieldProblem.ControlCharacter, value.Length, c);
            }
        }
        return value.Length > MaxLength(kind) ? new FieldViolation(FieldProblem.TooLong, value.Length) : FieldViolation.None;
    }

    /// <summary>Why <paramref name="value"/> is refused as <paramref name="field"/>, or null when it is acceptable (or null).</summary>
    public static string? Check(string field, string? value, FieldKind kind)
    {
        if (value is null)
        {
            return null;
        }
        var violation = Find(value, kind);
        return violation.IsViolation ? Describe(field, kind, violation) : null;
    }

    /// <summary>Whether <paramref name="value"/> is present, non-blank and passes the rules of its kind.</summary>
    public static string? CheckRequired(string field, string? value, FieldKind kind) =>
        string.IsNullOrWhiteSpace(value)
            ? $"{field} is required (at most {MaxLength(kind)} characters)."
            : Check(field, value, kind);

    /// <summary>The message for a violation: names the field, the problem and what is allowed.</summary>
    public static string Describe(string field, FieldKind kind, FieldViolation violation) => violation.Problem switch
    {
        FieldProblem.TooLong => $"{field} is {violation.Length.ToString("N0", CultureInfo.InvariantCulture)} characters long; at most {MaxLength(kind)} are allowed.",
        FieldProblem.ControlCharacter => $"{field} contains the control character U+{violation.Character:X4}; " + (kind == FieldKind.Message
            ? "messages may hold tabs and line breaks but no other control characters."
            : "identifiers, names and versions cannot hold control characters."),
        FieldProblem.InvalidUnicode => violation.Character is >= 0xD800 and <= 0xDFFF
            ? $"{field} is not valid Unicode text: it holds an unpaired surrogate (U+{violation.Character:X4})."
            : $"{field} is not valid Unicode text: it holds bytes that are not UTF-8.",
        _ => $"{field} is acceptable.",
    };
}

using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using AdminCenter.Core.Common;

namespace AdminCenter.Api;

/// <summary>
/// A request type's JSON contract, taken from System.Text.Json's own metadata (property names, types, required and
/// nullable) plus each text property's <see cref="FieldKind"/>, and checked against a parsed body before it is
/// deserialized. The check names the property (a JSON path such as <c>value[3].azureAdDeviceId</c>) and the problem in
/// the API's own words, so nothing depends on System.Text.Json's exception messages. It reads the parsed elements in
/// place: a valid body costs no allocation here.
/// </summary>
internal sealed class JsonBodySchema
{
    private const int MaxProperties = 64;
    private const int MaxShownNameLength = 64;
    private static readonly ConcurrentDictionary<JsonTypeInfo, JsonBodySchema> Schemas = new();

    private readonly Field[] _fields;
    private readonly ulong _requiredMask;
    private readonly string _allowedNames;

    private JsonBodySchema(Field[] fields)
    {
        _fields = fields;
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].Required)
            {
                _requiredMask |= 1UL << i;
            }
        }
        _allowedNames = fields.Length == 0 ? "none" : string.Join(", ", fields.Select(f => f.Name));
    }

    public int FieldCount => _fields.Length;

    /// <summary>The schema of an object type (cached per type and options).</summary>
    public static JsonBodySchema For(JsonTypeInfo typeInfo) => Schemas.GetOrAdd(typeInfo, Build);

    /// <summary>The index of the property named <paramref name="name"/> (as in the JSON), for reading the values that <see cref="Validate"/> fills.</summary>
    public int IndexOf(string name) => Array.FindIndex(_fields, f => f.Name == name);

    /// <summary>
    /// Why <paramref name="element"/> is not a valid instance of this type, or null when it is. On success,
    /// <paramref name="values"/> (when given, one slot per property) holds each property's value; missing ones stay default.
    /// </summary>
    public string? Validate(JsonElement element, JsonLocation location, Span<JsonElement> values = default)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return location.IsRoot ? "The body must be a JSON object." : $"The {location.Noun} '{location}' must be a JSON object.";
        }
        var seen = 0UL;
        foreach (var property in element.EnumerateObject())
        {
            var index = Find(property);
            if (index < 0)
            {
                return Unknown(property, location);
            }
            var field = _fields[index];
            var bit = 1UL << index;
            if ((seen & bit) != 0)
            {
                return $"The property '{location.Property(field.Name)}' appears more than once; send each property once.";
            }
            seen |= bit;
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                if (!field.Nullable)
                {
                    return $"The property '{location.Property(field.Name)}' cannot be null; it must be {field.Rule.Expected}.";
                }
            }
            else if (field.Rule.Check(property.Value, location.Property(field.Name)) is { } problem)
            {
                return problem;
            }
            if (!values.IsEmpty)
            {
                values[index] = property.Value;
            }
        }
        var missing = _requiredMask & ~seen;
        return missing == 0 ? null : MissingProblem(missing, location);
    }

    // Its own method: a lambda capturing a parameter of Validate would allocate its closure on every call, valid or not.
    private string MissingProblem(ulong missing, JsonLocation location)
    {
        var names = _fields.Where((_, i) => (missing & (1UL << i)) != 0).Select(f => $"'{location.Property(f.Name)}'").ToList();
        return names.Count == 1
            ? $"The required property {names[0]} is missing."
            : $"The required properties {string.Join(", ", names)} are missing.";
    }

    // Compared on the raw UTF-8 name (no allocation), exactly and then ASCII case-insensitively as the deserializer
    // matches; a name with escapes is decoded first, and one that does not decode (a lone surrogate) matches nothing.
    private int Find(JsonProperty property)
    {
        var raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.IndexOf((byte)'\\') >= 0)
        {
            return FindEscaped(property);
        }
        for (var i = 0; i < _fields.Length; i++)
        {
            if (raw.SequenceEqual(_fields[i].Utf8Name))
            {
                return i;
            }
        }
        for (var i = 0; i < _fields.Length; i++)
        {
            if (Ascii.EqualsIgnoreCase(raw, _fields[i].Utf8Name))
            {
                return i;
            }
        }
        return -1;
    }

    private int FindEscaped(JsonProperty property)
    {
        string name;
        try
        {
            name = property.Name;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
        var exact = Array.FindIndex(_fields, f => f.Name == name);
        return exact >= 0 ? exact : Array.FindIndex(_fields, f => Ascii.EqualsIgnoreCase(f.Name, name));
    }

    private string Unknown(JsonProperty property, JsonLocation location)
    {
        string name;
        try
        {
            name = property.Name;
        }
        catch (InvalidOperationException)
        {
            return $"{(location.IsRoot ? "The body" : $"The {location.Noun} '{location}'")} has a property whose name is not valid Unicode text.";
        }
        return $"The property '{location.Property(Shown(name))}' is not known here; the allowed properties are: {_allowedNames}.";
    }

    /// <summary>A property's name as a message may show it, even when it is not valid text.</summary>
    internal static string ShownName(JsonProperty property)
    {
        try
        {
            return Shown(property.Name);
        }
        catch (InvalidOperationException)
        {
            return "(a name that is not valid Unicode text)";
        }
    }

    /// <summary>A name from the request as a message may show it: control characters escaped, at most 64 characters.</summary>
    internal static string Shown(string name)
    {
        var shown = new StringBuilder(Math.Min(name.Length, MaxShownNameLength) + 8);
        foreach (var c in name.AsSpan(0, Math.Min(name.Length, MaxShownNameLength)))
        {
            if (FieldRules.IsControl(c) || char.IsSurrogate(c))
            {
                shown.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                shown.Append(c);
            }
        }
        return name.Length > MaxShownNameLength ? shown.Append("...").ToString() : shown.ToString();
    }

    private static JsonBodySchema Build(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
        {
            throw new NotSupportedException($"{typeInfo.Type.Name} is not a JSON object type; an API body must be one.");
        }
        var fields = new List<Field>();
        foreach (var property in typeInfo.Properties)
        {
            var parameter = property.AssociatedParameter;
            if (property.Set is null && parameter is null)
            {
                continue;
            }
            var options = typeInfo.Options;
            var required = property.IsRequired || (options.RespectRequiredConstructorParameters && parameter is { HasDefaultValue: false });
            var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null
                || (!property.PropertyType.IsValueType && (!options.RespectNullableAnnotations || (parameter?.IsNullable ?? property.IsSetNullable)));
            var kind = KindOf(property.AttributeProvider) ?? KindOf(parameter?.AttributeProvider) ?? FieldKind.Name;
            fields.Add(new Field(property.Name, Encoding.UTF8.GetBytes(property.Name), ValueRule.For(property.PropertyType, options, kind), nullable, required));
        }
        if (fields.Count > MaxProperties)
        {
            throw new NotSupportedException($"{typeInfo.Type.Name} has more than {MaxProperties} properties.");
        }
        return new JsonBodySchema([.. fields]);
    }

    private static FieldKind? KindOf(System.Reflection.ICustomAttributeProvider? provider) =>
        provider?.GetCustomAttributes(typeof(FieldKindAttribute), inherit: true).OfType<FieldKindAttribute>().FirstOrDefault()?.Kind;

    /// <summary>The first problem of a JSON string as text of <paramref name="kind"/>, read from its raw UTF-8 without allocating.</summary>
    internal static FieldViolation CheckText(JsonElement value, FieldKind kind)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        raw = raw[1..^1];
        if (raw.IndexOf((byte)'\\') >= 0)
        {
            return CheckEscapedText(value, raw, kind);
        }
        if (!Utf8.IsValid(raw))
        {
            return new FieldViolation(FieldProblem.InvalidUnicode);
        }
        // Unescaped JSON text holds no U+0000-U+001F; DEL is 0x7F and the C1 controls U+0080-U+009F are C2 80-C2 9F.
        var offset = 0;
        int found;
        while ((found = raw[offset..].IndexOfAny((byte)0x7F, (byte)0xC2)) >= 0)
        {
            var at = offset + found;
            var character = raw[at] == 0x7F ? 0x7F : raw[at + 1];
            if (FieldRules.IsRefusedControl(character, kind))
            {
                return new FieldViolation(FieldProblem.ControlCharacter, 0, character);
            }
            offset = at + 1;
        }
        // A string has at most as many UTF-16 characters as UTF-8 bytes: count only when it could be too long.
        var max = FieldRules.MaxLength(kind);
        if (raw.Length > max && Encoding.UTF8.GetCharCount(raw) is var length && length > max)
        {
            return new FieldViolation(FieldProblem.TooLong, length);
        }
        return FieldViolation.None;
    }

    private static FieldViolation CheckEscapedText(JsonElement value, ReadOnlySpan<byte> raw, FieldKind kind)
    {
        string text;
        try
        {
            text = value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // Either bytes that are not UTF-8, or an escape such as \ud800 that is half of a surrogate pair.
            return Utf8.IsValid(raw) ? new FieldViolation(FieldProblem.InvalidUnicode, 0, LoneSurrogateEscape(raw)) : new FieldViolation(FieldProblem.InvalidUnicode);
        }
        return FieldRules.Find(text, kind);
    }

    // The first \uXXXX escape in the surrogate range that is not part of a pair (0xD800 when none is found).
    private static int LoneSurrogateEscape(ReadOnlySpan<byte> raw)
    {
        for (var i = 0; i + 5 < raw.Length; i++)
        {
            if (raw[i] != '\\')
            {
                continue;
            }
            if (raw[i + 1] != 'u')
            {
                i++;
                continue;
            }
            if (!int.TryParse(raw.Slice(i + 2, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var unit) || !char.IsSurrogate((char)unit))
            {
                i += 5;
                continue;
            }
            var paired = char.IsHighSurrogate((char)unit) && i + 11 < raw.Length && raw[i + 6] == '\\' && raw[i + 7] == 'u'
                && int.TryParse(raw.Slice(i + 8, 4), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var low) && char.IsLowSurrogate((char)low);
            if (!paired)
            {
                return unit;
            }
            i += 11;
        }
        return 0xD800;
    }

    private sealed record Field(string Name, byte[] Utf8Name, ValueRule Rule, bool Nullable, bool Required);

    private enum Shape
    {
        Text,
        Boolean,
        Integer,
        Number,
        DateTime,
        Guid,
        Enum,
        Object,
        Array,
        Any,
    }

    /// <summary>What one value must be, and how to say so.</summary>
    private sealed class ValueRule
    {
        private Shape _shape;
        private FieldKind _kind;
        private long _min;
        private long _max;
        private byte[][] _enumNames = [];
        private JsonTypeInfo? _objectType;
        private ValueRule? _element;

        public string Expected { get; private set; } = "";

        public static ValueRule For(Type type, JsonSerializerOptions options, FieldKind kind)
        {
            var t = Nullable.GetUnderlyingType(type) ?? type;
            if (t == typeof(string))
            {
                return new() { _shape = Shape.Text, _kind = kind, Expected = "a string" };
            }
            if (t == typeof(bool))
            {
                return new() { _shape = Shape.Boolean, Expected = "true or false" };
            }
            if (t.IsEnum)
            {
                var names = Enum.GetValues(t).Cast<object>().Select(v => JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(v, t, options))!).ToList();
                return new() { _shape = Shape.Enum, _enumNames = [.. names.Select(Encoding.UTF8.GetBytes)], Expected = $"one of {string.Join(", ", names.Select(n => $"\"{n}\""))}" };
            }
            if (IntegerRange(t) is var (min, max))
            {
                return new() { _shape = Shape.Integer, _min = min, _max = max, Expected = $"a whole number from {min} to {max}" };
            }
            if (t == typeof(double) || t == typeof(float) || t == typeof(decimal))
            {
                return new() { _shape = Shape.Number, Expected = "a number" };
            }
            if (t == typeof(DateTime) || t == typeof(DateTimeOffset))
            {
                return new() { _shape = Shape.DateTime, Expected = "an ISO 8601 date and time such as 2026-11-22T10:00:00Z" };
            }
            if (t == typeof(Guid))
            {
                return new() { _shape = Shape.Guid, Expected = "a GUID such as 00000000-0000-0000-0000-000000000000" };
            }
            if (t == typeof(JsonElement) || t == typeof(JsonDocument) || t == typeof(object))
            {
                return new() { _shape = Shape.Any, Expected = "JSON" };
            }
            var info = options.GetTypeInfo(t);
            return info.Kind switch
            {
                JsonTypeInfoKind.Object => new() { _shape = Shape.Object, _objectType = info, Expected = "a JSON object" },
                JsonTypeInfoKind.Enumerable => new() { _shape = Shape.Array, _element = For(info.ElementType!, options, kind), Expected = "an array" },
                _ => throw new NotSupportedException($"API bodies cannot hold {t.Name} values."),
            };
        }

        private static (long Min, long Max)? IntegerRange(Type t) =>
            t == typeof(int) ? (int.MinValue, int.MaxValue)
            : t == typeof(long) ? (long.MinValue, long.MaxValue)
            : t == typeof(short) ? (short.MinValue, short.MaxValue)
            : t == typeof(byte) ? (byte.MinValue, byte.MaxValue)
            : t == typeof(uint) ? (uint.MinValue, uint.MaxValue)
            : null;

        public string? Check(JsonElement value, JsonLocation at)
        {
            try
            {
                return CheckShape(value, at);
            }
            catch (InvalidOperationException)
            {
                // Reading an escaped value that does not decode (a lone surrogate in a date, a GUID or an enum name).
                return WrongType(at);
            }
        }

        private string? CheckShape(JsonElement value, JsonLocation at)
        {
            switch (_shape)
            {
                case Shape.Text:
                    if (value.ValueKind != JsonValueKind.String)
                    {
                        return WrongType(at);
                    }
                    var violation = CheckText(value, _kind);
                    return violation.IsViolation ? FieldRules.Describe($"The {at.Noun} '{at}'", _kind, violation) : null;
                case Shape.Boolean:
                    return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : WrongType(at);
                case Shape.Integer:
                    return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) && number >= _min && number <= _max
                        ? null
                        : WrongType(at);
                case Shape.Number:
                    return value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var real) && double.IsFinite(real) ? null : WrongType(at);
                case Shape.DateTime:
                    return value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out _) ? null : WrongType(at);
                case Shape.Guid:
                    return value.ValueKind == JsonValueKind.String && value.TryGetGuid(out _) ? null : WrongType(at);
                case Shape.Enum:
                    return value.ValueKind == JsonValueKind.String && IsEnumName(value) ? null : WrongType(at);
                case Shape.Object:
                    return JsonBodySchema.For(_objectType!).Validate(value, at);
                case Shape.Array:
                    return CheckArray(value, at);
                default:
                    return CheckAny(value, at);
            }
        }

        // A loop, not Any with a lambda: capturing the value would allocate a closure on every check of every shape.
        private bool IsEnumName(JsonElement value)
        {
            foreach (var name in _enumNames)
            {
                if (value.ValueEquals(name))
                {
                    return true;
                }
            }
            return false;
        }

        private string? CheckArray(JsonElement value, JsonLocation at)
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                return WrongType(at);
            }
            var index = 0;
            foreach (var item in value.EnumerateArray())
            {
                var itemAt = at.Element(index++);
                if (item.ValueKind == JsonValueKind.Null)
                {
                    return $"The item '{itemAt}' cannot be null; it must be {_element!.Expected}.";
                }
                if (_element!.Check(item, itemAt) is { } problem)
                {
                    return problem;
                }
            }
            return null;
        }

        // Free-form JSON: only that every string and property name is text and no object repeats a property.
        private static string? CheckAny(JsonElement value, JsonLocation at)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String:
                    var violation = CheckText(value, FieldKind.Message);
                    return violation.Problem == FieldProblem.InvalidUnicode ? FieldRules.Describe($"The {at.Noun} '{at}'", FieldKind.Message, violation) : null;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        if (CheckAny(item, at.Element(index++)) is { } problem)
                        {
                            return problem;
                        }
                    }
                    return null;
                case JsonValueKind.Object:
                    var names = new HashSet<string>(StringComparer.Ordinal);
                    foreach (var property in value.EnumerateObject())
                    {
                        string name;
                        try
                        {
                            name = property.Name;
                        }
                        catch (InvalidOperationException)
                        {
                            return $"The {at.Noun} '{at}' has a property whose name is not valid Unicode text.";
                        }
                        if (!names.Add(name))
                        {
                            return $"The property '{at.Property(Shown(name))}' appears more than once; send each property once.";
                        }
                        if (CheckAny(property.Value, at.Property(name)) is { } problem)
                        {
                            return problem;
                        }
                    }
                    return null;
                default:
                    return null;
            }
        }

        private string WrongType(JsonLocation at) => $"The {at.Noun} '{at}' must be {Expected}.";
    }
}

/// <summary>
/// Where a value sits in the body, as a JSON path (<c>value[3].appId</c>). A property of the root or of an array item
/// needs no string until a message is written; deeper paths build their prefix when descending (rare in API bodies).
/// </summary>
internal readonly struct JsonLocation
{
    private readonly string? _prefix;
    private readonly int _item; // the array index + 1; 0 when this is not an array element (so default is the root)
    private readonly string? _name;

    private JsonLocation(string? prefix, int item, string? name)
    {
        _prefix = prefix;
        _item = item;
        _name = name;
    }

    public static JsonLocation Root => default;

    public bool IsRoot => _prefix is null && _item == 0 && _name is null;

    /// <summary>"property" for a named value, "item" for an array element.</summary>
    public string Noun => _name is null ? "item" : "property";

    /// <summary>Item <paramref name="index"/> of the array at <paramref name="arrayPath"/>.</summary>
    public static JsonLocation Item(string arrayPath, int index) => new(arrayPath, index + 1, null);

    public JsonLocation Property(string name) => _name is null ? new(_prefix, _item, name) : new(ToString(), 0, name);

    public JsonLocation Element(int index) => new(ToString(), index + 1, null);

    public override string ToString()
    {
        var path = _item == 0 ? _prefix ?? "" : string.Create(CultureInfo.InvariantCulture, $"{_prefix}[{_item - 1}]");
        return _name is null ? path : path.Length == 0 ? _name : $"{path}.{_name}";
    }
}

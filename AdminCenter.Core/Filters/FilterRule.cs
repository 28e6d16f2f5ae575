using System.Globalization;
using System.Text;
using AdminCenter.Core.AppProtection;

namespace AdminCenter.Core.Filters;

/// <summary>The registration properties a managed-app filter rule can test (spec 07).</summary>
public enum FilterProperty
{
    AppVersion,
    DeviceManufacturer,
    DeviceModel,
    OperatingSystemVersion,
}

public enum FilterOperator
{
    Equals,
    NotEquals,
    StartsWith,
    NotStartsWith,
    Contains,
    NotContains,
    In,
    NotIn,
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
}

/// <summary>A parsed rule: conditions joined by and / or.</summary>
public abstract record FilterExpression;

public sealed record FilterCondition(FilterProperty Property, FilterOperator Operator, IReadOnlyList<string> Values) : FilterExpression;

public sealed record FilterAnd(FilterExpression Left, FilterExpression Right) : FilterExpression;

public sealed record FilterOr(FilterExpression Left, FilterExpression Right) : FilterExpression;

/// <summary>A syntax error: <see cref="Position"/> is the 1-based character where it was found.</summary>
public sealed record FilterRuleError(int Position, string Message)
{
    public override string ToString() => $"Position {Position}: {Message}";
}

/// <summary>What a registration reported at its last check-in, as a filter sees it.</summary>
public sealed record FilterFacts(string? AppVersion, string? DeviceManufacturer, string? DeviceModel, string? OperatingSystemVersion);

/// <summary>
/// Intune's managed-app filter syntax (spec 07), parsed and evaluated in one pure place used by the rule builder, the
/// preview, the evaluation and what-if. <c>and</c> binds tighter than <c>or</c>; parentheses group; keywords,
/// operators and property names are case-insensitive, and so are string comparisons. Version properties compare as
/// versions (04: numerically part by part, a missing part is 0); a version the device did not report, or reported
/// unparsably, matches no version condition.
/// </summary>
public static class FilterRule
{
    public const int MaxLength = 3072;

    private static readonly (string Text, FilterProperty Property)[] PropertyNames =
    [
        ("app.appVersion", FilterProperty.AppVersion),
        ("app.deviceManufacturer", FilterProperty.DeviceManufacturer),
        ("app.deviceModel", FilterProperty.DeviceModel),
        ("app.operatingSystemVersion", FilterProperty.OperatingSystemVersion),
    ];

    private static readonly (string Text, FilterOperator Operator)[] OperatorNames =
    [
        ("-eq", FilterOperator.Equals), ("-ne", FilterOperator.NotEquals), ("-startsWith", FilterOperator.StartsWith),
        ("-notStartsWith", FilterOperator.NotStartsWith), ("-contains", FilterOperator.Contains), ("-notContains", FilterOperator.NotContains),
        ("-in", FilterOperator.In), ("-notIn", FilterOperator.NotIn), ("-gt", FilterOperator.GreaterThan), ("-ge", FilterOperator.GreaterOrEqual),
        ("-lt", FilterOperator.LessThan), ("-le", FilterOperator.LessOrEqual),
    ];

    private static readonly FilterOperator[] VersionOperators =
        [FilterOperator.Equals, FilterOperator.NotEquals, FilterOperator.GreaterThan, FilterOperator.GreaterOrEqual, FilterOperator.LessThan, FilterOperator.LessOrEqual];

    private static readonly FilterOperator[] StringOperators =
    [
        FilterOperator.Equals, FilterOperator.NotEquals, FilterOperator.StartsWith, FilterOperator.NotStartsWith, FilterOperator.Contains,
        FilterOperator.NotContains, FilterOperator.In, FilterOperator.NotIn,
    ];

    public static string Name(FilterProperty property) => PropertyNames.Single(p => p.Property == property).Text;

    public static string Name(FilterOperator op) => OperatorNames.Single(o => o.Operator == op).Text;

    public static bool IsVersion(FilterProperty property) => property is FilterProperty.AppVersion or FilterProperty.OperatingSystemVersion;

    /// <summary>The operators the rule builder offers for <paramref name="property"/>.</summary>
    public static IReadOnlyList<FilterOperator> OperatorsFor(FilterProperty property) => IsVersion(property) ? VersionOperators : StringOperators;

    /// <summary>Parses <paramref name="text"/>; exactly one of the two results is set.</summary>
    public static (FilterExpression? Rule, FilterRuleError? Error) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, new FilterRuleError(1, "The rule is empty: write at least one condition, e.g. app.deviceManufacturer -eq \"Microsoft Corporation\"."));
        }
        if (text.Length > MaxLength)
        {
            return (null, new FilterRuleError(MaxLength + 1, $"The rule is {text.Length:N0} characters long; at most {MaxLength:N0} are allowed."));
        }
        var parser = new Parser(text);
        try
        {
            var rule = parser.ParseOr();
            parser.SkipSpace();
            if (!parser.AtEnd)
            {
                throw parser.Fail("expected and, or, or the end of the rule");
            }
            return (rule, null);
        }
        catch (FilterSyntaxException error)
        {
            return (null, error.Error);
        }
    }

    /// <summary>Whether the rule matches a registration.</summary>
    public static bool Matches(FilterExpression rule, FilterFacts facts) => rule switch
    {
        FilterAnd and => Matches(and.Left, facts) && Matches(and.Right, facts),
        FilterOr or => Matches(or.Left, facts) || Matches(or.Right, facts),
        FilterCondition condition => Matches(condition, facts),
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    /// <summary>The rule as text in Intune's syntax, each condition in parentheses (what the rule builder writes).</summary>
    public static string Format(FilterExpression rule) => rule switch
    {
        FilterAnd and => $"{Group(and.Left)} and {Group(and.Right)}",
        FilterOr or => $"{Format(or.Left)} or {Format(or.Right)}",
        FilterCondition condition => $"({Name(condition.Property)} {Name(condition.Operator)} {FormatValues(condition)})",
        _ => throw new ArgumentOutOfRangeException(nameof(rule)),
    };

    /// <summary>A registration's value of <paramref name="property"/> in words, for reasons ("app.deviceModel is Surface Laptop 5").</summary>
    public static string Describe(FilterProperty property, FilterFacts facts) =>
        Value(property, facts) is { Length: > 0 } value ? $"{Name(property)} is {value}" : $"{Name(property)} was not reported";

    // "or" binds loosest, so only an "or" inside an "and" needs parentheses of its own.
    private static string Group(FilterExpression rule) => rule is FilterOr ? $"({Format(rule)})" : Format(rule);

    private static string FormatValues(FilterCondition condition) =>
        condition.Operator is FilterOperator.In or FilterOperator.NotIn
            ? "[" + string.Join(", ", condition.Values.Select(Quote)) + "]"
            : IsVersion(condition.Property) ? condition.Values[0] : Quote(condition.Values[0]);

    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string? Value(FilterProperty property, FilterFacts facts) => property switch
    {
        FilterProperty.AppVersion => facts.AppVersion,
        FilterProperty.DeviceManufacturer => facts.DeviceManufacturer,
        FilterProperty.DeviceModel => facts.DeviceModel,
        _ => facts.OperatingSystemVersion,
    };

    private static bool Matches(FilterCondition condition, FilterFacts facts)
    {
        var actual = Value(condition.Property, facts);
        if (IsVersion(condition.Property))
        {
            if (!AppVersion.TryParse(actual, out var reported))
            {
                return false;
            }
            var order = reported.CompareTo(AppVersion.Parse(condition.Values[0]));
            return condition.Operator switch
            {
                FilterOperator.Equals => order == 0,
                FilterOperator.NotEquals => order != 0,
                FilterOperator.GreaterThan => order > 0,
                FilterOperator.GreaterOrEqual => order >= 0,
                FilterOperator.LessThan => order < 0,
                _ => order <= 0,
            };
        }
        var text = actual ?? "";
        var value = condition.Values[0];
        const StringComparison ignoreCase = StringComparison.OrdinalIgnoreCase;
        return condition.Operator switch
        {
            FilterOperator.Equals => string.Equals(text, value, ignoreCase),
            FilterOperator.NotEquals => !string.Equals(text, value, ignoreCase),
            FilterOperator.StartsWith => text.StartsWith(value, ignoreCase),
            FilterOperator.NotStartsWith => !text.StartsWith(value, ignoreCase),
            FilterOperator.Contains => text.Contains(value, ignoreCase),
            FilterOperator.NotContains => !text.Contains(value, ignoreCase),
            FilterOperator.In => condition.Values.Contains(text, StringComparer.OrdinalIgnoreCase),
            _ => !condition.Values.Contains(text, StringComparer.OrdinalIgnoreCase),
        };
    }

    private sealed class FilterSyntaxException(FilterRuleError error) : Exception(error.ToString())
    {
        public FilterRuleError Error { get; } = error;
    }

    /// <summary>Recursive descent: or := and ("or" and)*; and := primary ("and" primary)*; primary := "(" or ")" | condition.</summary>
    private sealed class Parser(string text)
    {
        private int _position;

        public bool AtEnd => _position >= text.Length;

        public FilterExpression ParseOr()
        {
            var left = ParseAnd();
            while (TryKeyword("or"))
            {
                left = new FilterOr(left, ParseAnd());
            }
            return left;
        }

        public void SkipSpace()
        {
            while (!AtEnd && char.IsWhiteSpace(text[_position]))
            {
                _position++;
            }
        }

        public FilterSyntaxException Fail(string expected, int? at = null)
        {
            var position = at ?? _position;
            var found = position >= text.Length ? "the end of the rule" : $"'{Word(position)}'";
            return new FilterSyntaxException(new FilterRuleError(position + 1, $"{char.ToUpperInvariant(expected[0])}{expected[1..]}, found {found}."));
        }

        private FilterExpression ParseAnd()
        {
            var left = ParsePrimary();
            while (TryKeyword("and"))
            {
                left = new FilterAnd(left, ParsePrimary());
            }
            return left;
        }

        private FilterExpression ParsePrimary()
        {
            SkipSpace();
            if (!AtEnd && text[_position] == '(')
            {
                _position++;
                var inner = ParseOr();
                SkipSpace();
                if (AtEnd || text[_position] != ')')
                {
                    throw Fail("expected ')' to close the '(' before it");
                }
                _position++;
                return inner;
            }
            return ParseCondition();
        }

        private FilterCondition ParseCondition()
        {
            SkipSpace();
            var propertyAt = _position;
            var propertyWord = Word(_position);
            var property = PropertyNames.Where(p => string.Equals(p.Text, propertyWord, StringComparison.OrdinalIgnoreCase)).Select(p => (FilterProperty?)p.Property).FirstOrDefault()
                ?? throw Fail($"expected a property ({string.Join(", ", PropertyNames.Select(p => p.Text))})", propertyAt);
            _position += propertyWord.Length;
            SkipSpace();
            var operatorAt = _position;
            var operatorWord = Word(_position);
            var op = OperatorNames.Where(o => string.Equals(o.Text, operatorWord, StringComparison.OrdinalIgnoreCase)).Select(o => (FilterOperator?)o.Operator).FirstOrDefault();
            var allowed = OperatorsFor(property);
            if (op is null || !allowed.Contains(op.Value))
            {
                throw Fail($"expected an operator for {Name(property)} ({string.Join(", ", allowed.Select(Name))})", operatorAt);
            }
            _position += operatorWord.Length;
            SkipSpace();
            var values = op is FilterOperator.In or FilterOperator.NotIn ? ParseList() : [ParseValue(property)];
            return new FilterCondition(property, op.Value, values);
        }

        private List<string> ParseList()
        {
            if (AtEnd || text[_position] != '[')
            {
                throw Fail("expected a list of quoted values, e.g. [\"Surface Laptop 5\", \"Surface Pro 9\"]");
            }
            _position++;
            var values = new List<string>();
            while (true)
            {
                SkipSpace();
                values.Add(ParseQuoted());
                SkipSpace();
                if (!AtEnd && text[_position] == ',')
                {
                    _position++;
                    continue;
                }
                if (!AtEnd && text[_position] == ']')
                {
                    _position++;
                    return values;
                }
                throw Fail("expected ',' or ']' in the list");
            }
        }

        private string ParseValue(FilterProperty property)
        {
            if (!IsVersion(property))
            {
                return ParseQuoted();
            }
            var at = _position;
            var version = !AtEnd && text[_position] == '"' ? ParseQuoted() : Word(_position);
            if (at == _position)
            {
                _position += version.Length;
            }
            if (!AppVersion.TryParse(version, out _))
            {
                throw Fail($"expected a version for {Name(property)} with 2 to 4 numbers, e.g. 10.0.22631.0", at);
            }
            return version;
        }

        private string ParseQuoted()
        {
            if (AtEnd || text[_position] != '"')
            {
                throw Fail("expected a value in double quotes");
            }
            var start = _position;
            _position++;
            var value = new StringBuilder();
            while (!AtEnd && text[_position] != '"')
            {
                if (text[_position] == '\\' && _position + 1 < text.Length && text[_position + 1] is '"' or '\\')
                {
                    _position++;
                }
                value.Append(text[_position]);
                _position++;
            }
            if (AtEnd)
            {
                throw Fail("expected '\"' to close the value that starts here", start);
            }
            _position++;
            return value.ToString();
        }

        private bool TryKeyword(string keyword)
        {
            SkipSpace();
            var word = Word(_position);
            if (!string.Equals(word, keyword, StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
            _position += word.Length;
            return true;
        }

        // The run of non-space, non-bracket characters at a position: a property, an operator, a keyword or a bare version.
        private string Word(int position)
        {
            var end = position;
            while (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] is not ('(' or ')' or '[' or ']' or ',' or '"'))
            {
                end++;
            }
            return end == position && position < text.Length ? text[position].ToString(CultureInfo.InvariantCulture) : text[position..end];
        }
    }
}

namespace AdminCenter.Core.Filters;

/// <summary>How a rule builder row joins the row before it.</summary>
public enum FilterJoin
{
    And,
    Or,
}

/// <summary>
/// One row of the rule builder (spec 07): Property, Operator, Value, and how it joins the row before it (ignored on the
/// first row). For <c>-in</c> / <c>-notIn</c> the value lists the values separated by commas.
/// </summary>
public sealed record FilterBuilderRow(FilterJoin Join, FilterProperty Property, FilterOperator Operator, string Value);

/// <summary>
/// The rule builder's rows and the rule text kept in sync, both ways: rows give the text (<see cref="ToText"/>), and a
/// text whose shape rows can show (conditions joined by and / or, where <c>and</c> binds tighter) gives the rows.
/// </summary>
public static class FilterRuleBuilder
{
    /// <summary>The rule text of <paramref name="rows"/> in Intune's syntax, each condition in parentheses.</summary>
    public static string ToText(IReadOnlyList<FilterBuilderRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var parts = new List<string>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (i > 0)
            {
                parts.Add(row.Join == FilterJoin.Or ? "or" : "and");
            }
            parts.Add(FilterRule.Format(new FilterCondition(row.Property, row.Operator, Values(row))));
        }
        return string.Join(" ", parts);
    }

    /// <summary>The rows of a parsed rule, or null when it groups conditions in a way rows cannot show (e.g. <c>A and (B or C)</c>).</summary>
    public static IReadOnlyList<FilterBuilderRow>? ToRows(FilterExpression rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var rows = new List<FilterBuilderRow>();
        return Flatten(rule, FilterJoin.And, rows, insideAnd: false) ? rows : null;
    }

    /// <summary>The rows of a rule text, or null when it does not parse or rows cannot show it.</summary>
    public static IReadOnlyList<FilterBuilderRow>? ToRows(string? text) => FilterRule.Parse(text).Rule is { } rule ? ToRows(rule) : null;

    /// <summary>A new row's starting point: the first operator the property offers.</summary>
    public static FilterBuilderRow NewRow(FilterJoin join = FilterJoin.And) => new(join, FilterProperty.DeviceManufacturer, FilterOperator.Equals, "");

    private static IReadOnlyList<string> Values(FilterBuilderRow row)
    {
        if (row.Operator is FilterOperator.In or FilterOperator.NotIn)
        {
            return [.. row.Value.Split(',').Select(v => v.Trim().Trim('"'))];
        }
        return [row.Value.Trim()];
    }

    private static bool Flatten(FilterExpression rule, FilterJoin join, List<FilterBuilderRow> rows, bool insideAnd)
    {
        switch (rule)
        {
            case FilterOr either when !insideAnd:
                return Flatten(either.Left, join, rows, insideAnd: false) && Flatten(either.Right, FilterJoin.Or, rows, insideAnd: false);
            case FilterAnd both:
                return Flatten(both.Left, join, rows, insideAnd: true) && Flatten(both.Right, FilterJoin.And, rows, insideAnd: true);
            case FilterCondition condition:
                rows.Add(new FilterBuilderRow(join, condition.Property, condition.Operator, string.Join(", ", condition.Values)));
                return true;
            default:
                return false;
        }
    }
}

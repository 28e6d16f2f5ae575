using System.Globalization;
using System.Text;
using AdminCenter.Core.Connectors;

namespace AdminCenter.Api;

/// <summary>One <c>property eq value</c> clause of <c>$filter</c>.</summary>
internal sealed record GraphFilterClause(GraphConnectorProperty Property, object Value);

/// <summary>
/// The OData query options the connector endpoints support (spec 05 §1), parsed strictly: <c>$top</c>, <c>$skip</c>,
/// <c>$count</c>, <c>$select</c> (known properties) and <c>$filter</c> made of <c>property eq value</c> clauses joined by
/// <c>and</c>. Anything else is refused with a message that says what is supported. A hand-written parser rather than
/// Microsoft.AspNetCore.OData: that library binds to controllers/IQueryable and its own serializers and messages, while
/// these endpoints answer from a Core service with Graph's error shape.
/// </summary>
internal sealed record GraphQuery(int? Top, int Skip, bool Count, IReadOnlyList<GraphConnectorProperty>? Select, IReadOnlyList<GraphFilterClause> Filter)
{
    public const int MaxTop = 999;

    private const string FilterHelp =
        "$filter supports only 'property eq value' clauses joined by 'and', such as partnerState eq 'enabled' and androidEnabled eq true; " +
        "values are quoted text, true/false or whole numbers";

    private static readonly string[] CollectionOptions = ["$top", "$skip", "$count", "$select", "$filter"];
    private static readonly string[] EntityOptions = ["$select"];

    /// <summary>Parses the request's query; <paramref name="collection"/> false allows only <c>$select</c> (a single entity).</summary>
    public static (GraphQuery? Query, string? Problem) Parse(IQueryCollection query, GraphVersion version, bool collection)
    {
        var allowed = collection ? CollectionOptions : EntityOptions;
        foreach (var (key, values) in query)
        {
            if (!key.StartsWith('$'))
            {
                continue; // Graph ignores parameters that are not query options
            }
            if (!allowed.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                return (null, $"The query option '{JsonBodySchema.Shown(key)}' is not supported here; use {string.Join(", ", allowed)}.");
            }
            if (values.Count != 1)
            {
                return (null, $"The query option '{key}' appears more than once; send it once.");
            }
        }

        var top = (int?)null;
        if (Value(query, "$top") is { } topText)
        {
            if (!int.TryParse(topText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed > MaxTop)
            {
                return (null, $"$top must be a whole number from 0 to {MaxTop}.");
            }
            top = parsed;
        }
        var skip = 0;
        if (Value(query, "$skip") is { } skipText && !int.TryParse(skipText, NumberStyles.None, CultureInfo.InvariantCulture, out skip))
        {
            return (null, "$skip must be a whole number of 0 or more.");
        }
        var count = false;
        if (Value(query, "$count") is { } countText)
        {
            if (countText is not ("true" or "false"))
            {
                return (null, "$count must be true or false.");
            }
            count = countText == "true";
        }

        IReadOnlyList<GraphConnectorProperty>? select = null;
        if (Value(query, "$select") is { } selectText)
        {
            var (properties, problem) = ParseSelect(selectText, version);
            if (problem is not null)
            {
                return (null, problem);
            }
            select = properties;
        }

        IReadOnlyList<GraphFilterClause> filter = [];
        if (Value(query, "$filter") is { } filterText)
        {
            var (clauses, problem) = ParseFilter(filterText, version);
            if (problem is not null)
            {
                return (null, problem);
            }
            filter = clauses!;
        }
        return (new GraphQuery(top, skip, count, select, filter), null);
    }

    public bool Matches(MtdConnectorDetails connector) => Filter.All(clause => clause.Value.Equals(clause.Property.Value(connector)));

    private static string? Value(IQueryCollection query, string option) =>
        query.FirstOrDefault(p => p.Key.Equals(option, StringComparison.OrdinalIgnoreCase)) is { Key: not null } pair ? pair.Value.ToString() : null;

    private static (IReadOnlyList<GraphConnectorProperty>? Properties, string? Problem) ParseSelect(string text, GraphVersion version)
    {
        var selected = new List<GraphConnectorProperty>();
        foreach (var part in text.Split(','))
        {
            var name = part.Trim();
            if (GraphConnectorShape.Find(version, name) is not { } property)
            {
                return (null, name.Length == 0
                    ? "$select is a comma-separated list of property names; one of them is empty."
                    : $"'{JsonBodySchema.Shown(name)}' in $select is not a property of mobileThreatDefenseConnector in {version.Segment}; choose from: {Names(version)}.");
            }
            if (!selected.Contains(property))
            {
                selected.Add(property);
            }
        }
        return (selected, null);
    }

    private static (IReadOnlyList<GraphFilterClause>? Clauses, string? Problem) ParseFilter(string text, GraphVersion version)
    {
        var (tokens, tokenProblem) = Tokenize(text);
        if (tokenProblem is not null)
        {
            return (null, tokenProblem);
        }
        var clauses = new List<GraphFilterClause>();
        var i = 0;
        while (true)
        {
            if (tokens!.Count - i < 3 || tokens[i].Quoted || tokens[i + 1].Quoted || tokens[i + 1].Text != "eq")
            {
                return (null, $"The $filter '{JsonBodySchema.Shown(text)}' is not supported. {FilterHelp}.");
            }
            var name = tokens[i].Text;
            if (GraphConnectorShape.Find(version, name) is not { } property || property.Kind == GraphValueKind.DateTime)
            {
                return (null, $"'{JsonBodySchema.Shown(name)}' cannot be filtered on. {FilterHelp}, on: {FilterableNames(version)}.");
            }
            var (value, valueProblem) = Literal(property, tokens[i + 2]);
            if (valueProblem is not null)
            {
                return (null, valueProblem);
            }
            clauses.Add(new GraphFilterClause(property, value!));
            i += 3;
            if (i == tokens.Count)
            {
                return (clauses, null);
            }
            if (tokens[i].Quoted || tokens[i].Text != "and")
            {
                return (null, $"The $filter '{JsonBodySchema.Shown(text)}' is not supported. {FilterHelp}.");
            }
            i++;
        }
    }

    private static (object? Value, string? Problem) Literal(GraphConnectorProperty property, Token token)
    {
        switch (property.Kind)
        {
            case GraphValueKind.Boolean:
                return !token.Quoted && token.Text is "true" or "false"
                    ? (token.Text == "true", null)
                    : (null, $"{property.Name} is true or false in $filter (no quotes).");
            case GraphValueKind.WholeNumber:
                return !token.Quoted && int.TryParse(token.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                    ? (number, null)
                    : (null, $"{property.Name} is a whole number in $filter (no quotes).");
            case GraphValueKind.PartnerState:
                var states = Enum.GetValues<ConnectorPartnerState>().Select(s => s.ToGraphName()).ToList();
                return token.Quoted && states.Contains(token.Text, StringComparer.Ordinal)
                    ? (token.Text, null)
                    : (null, $"partnerState is one of {string.Join(", ", states.Select(s => $"'{s}'"))} in $filter (quoted).");
            default:
                return token.Quoted ? (token.Text, null) : (null, $"{property.Name} is quoted text in $filter, such as {property.Name} eq 'value'.");
        }
    }

    private readonly record struct Token(string Text, bool Quoted);

    // Words split on spaces, and 'quoted text' with '' for a quote inside.
    private static (List<Token>? Tokens, string? Problem) Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == ' ')
            {
                i++;
                continue;
            }
            if (text[i] == '\'')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return (null, $"The $filter '{JsonBodySchema.Shown(text)}' has a quoted value without its closing quote.");
                    }
                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            value.Append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    value.Append(text[i++]);
                }
                tokens.Add(new Token(value.ToString(), Quoted: true));
                continue;
            }
            var start = i;
            while (i < text.Length && text[i] is not ' ' and not '\'')
            {
                i++;
            }
            tokens.Add(new Token(text[start..i], Quoted: false));
        }
        return (tokens, null);
    }

    private static string Names(GraphVersion version) => string.Join(", ", GraphConnectorShape.For(version).Select(p => p.Name));

    private static string FilterableNames(GraphVersion version) =>
        string.Join(", ", GraphConnectorShape.For(version).Where(p => p.Kind != GraphValueKind.DateTime).Select(p => p.Name));
}

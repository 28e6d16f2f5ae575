using System.Globalization;
using System.Text;
using AdminCenter.Core.Connectors;

namespace AdminCenter.Api;

/// <summary>A property that <c>$select</c> and <c>$filter</c> may name.</summary>
internal interface IGraphProperty
{
    string Name { get; }

    GraphValueKind Kind { get; }
}

/// <summary>What one entity set's query options may name: its properties per version, those <c>$filter</c> takes, and an example for messages.</summary>
internal sealed record GraphQueryTarget<TProperty>(
    string EntityType, Func<GraphVersion, IReadOnlyList<TProperty>> Properties, Func<TProperty, bool> Filterable, string FilterExample)
    where TProperty : class, IGraphProperty
{
    public TProperty? Find(GraphVersion version, string name) => Properties(version).FirstOrDefault(p => Ascii.EqualsIgnoreCase(p.Name, name));
}

/// <summary>One <c>property eq value</c> clause of <c>$filter</c>.</summary>
internal sealed record GraphFilterClause<TProperty>(TProperty Property, object Value);

/// <summary>A parsed query; <see cref="GraphQuery"/> parses it.</summary>
internal sealed record GraphQuery<TProperty>(int? Top, int Skip, bool Count, IReadOnlyList<TProperty>? Select, IReadOnlyList<GraphFilterClause<TProperty>> Filter)
    where TProperty : class, IGraphProperty
{
    /// <summary>The value <c>$filter</c> asks <paramref name="name"/> to equal, or null when it does not name it.</summary>
    public string? TextFilter(string name) => Filter.FirstOrDefault(c => c.Property.Name == name)?.Value as string;
}

/// <summary>
/// The OData query options the Graph endpoints support (spec 05 §1), parsed strictly: <c>$top</c>, <c>$skip</c>,
/// <c>$count</c>, <c>$select</c> (known properties) and <c>$filter</c> made of <c>property eq value</c> clauses joined by
/// <c>and</c>. Anything else is refused with a message that says what is supported. A hand-written parser rather than
/// Microsoft.AspNetCore.OData: that library binds to controllers/IQueryable and its own serializers and messages, while
/// these endpoints answer from Core services with Graph's error shape.
/// </summary>
internal static class GraphQuery
{
    public const int MaxTop = 999;

    /// <summary>The connectors' options (every property but date-times filterable).</summary>
    public static GraphQueryTarget<GraphConnectorProperty> Connectors { get; } = new(
        "mobileThreatDefenseConnector", GraphConnectorShape.For, p => p.Kind != GraphValueKind.DateTime,
        "partnerState eq 'enabled' and androidEnabled eq true");

    private static string FilterHelp<TProperty>(GraphQueryTarget<TProperty> target)
        where TProperty : class, IGraphProperty =>
        $"$filter supports only 'property eq value' clauses joined by 'and', such as {target.FilterExample}; " +
        "values are quoted text, true/false or whole numbers";

    private static readonly string[] CollectionOptions = ["$top", "$skip", "$count", "$select", "$filter"];
    private static readonly string[] EntityOptions = ["$select"];

    /// <summary>Parses the request's query; <paramref name="collection"/> false allows only <c>$select</c> (a single entity).</summary>
    public static (GraphQuery<GraphConnectorProperty>? Query, string? Problem) Parse(IQueryCollection query, GraphVersion version, bool collection) =>
        Parse(query, version, collection, Connectors);

    public static bool Matches(this GraphQuery<GraphConnectorProperty> query, MtdConnectorDetails connector) =>
        query.Filter.All(clause => clause.Value.Equals(clause.Property.Value(connector)));

    /// <summary>
    /// Parses the request's query for <paramref name="target"/>; <paramref name="collection"/> false allows only <c>$select</c>.
    /// With <paramref name="allowExpand"/>, <c>$expand</c> is let through for the caller to read.
    /// </summary>
    public static (GraphQuery<TProperty>? Query, string? Problem) Parse<TProperty>(
        IQueryCollection query, GraphVersion version, bool collection, GraphQueryTarget<TProperty> target, bool allowExpand = false)
        where TProperty : class, IGraphProperty
    {
        var allowed = collection ? CollectionOptions : EntityOptions;
        if (allowExpand)
        {
            allowed = [.. allowed, "$expand"];
        }
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

        IReadOnlyList<TProperty>? select = null;
        if (Value(query, "$select") is { } selectText)
        {
            var (properties, problem) = ParseSelect(selectText, version, target);
            if (problem is not null)
            {
                return (null, problem);
            }
            select = properties;
        }

        IReadOnlyList<GraphFilterClause<TProperty>> filter = [];
        if (Value(query, "$filter") is { } filterText)
        {
            var (clauses, problem) = ParseFilter(filterText, version, target);
            if (problem is not null)
            {
                return (null, problem);
            }
            filter = clauses!;
        }
        return (new GraphQuery<TProperty>(top, skip, count, select, filter), null);
    }

    internal static string? Value(IQueryCollection query, string option) =>
        query.FirstOrDefault(p => p.Key.Equals(option, StringComparison.OrdinalIgnoreCase)) is { Key: not null } pair ? pair.Value.ToString() : null;

    private static (IReadOnlyList<TProperty>? Properties, string? Problem) ParseSelect<TProperty>(string text, GraphVersion version, GraphQueryTarget<TProperty> target)
        where TProperty : class, IGraphProperty
    {
        var selected = new List<TProperty>();
        foreach (var part in text.Split(','))
        {
            var name = part.Trim();
            if (target.Find(version, name) is not { } property)
            {
                return (null, name.Length == 0
                    ? "$select is a comma-separated list of property names; one of them is empty."
                    : $"'{JsonBodySchema.Shown(name)}' in $select is not a property of {target.EntityType} in {version.Segment}; choose from: {Names(version, target, _ => true)}.");
            }
            if (!selected.Contains(property))
            {
                selected.Add(property);
            }
        }
        return (selected, null);
    }

    private static (IReadOnlyList<GraphFilterClause<TProperty>>? Clauses, string? Problem) ParseFilter<TProperty>(string text, GraphVersion version, GraphQueryTarget<TProperty> target)
        where TProperty : class, IGraphProperty
    {
        var (tokens, tokenProblem) = Tokenize(text);
        if (tokenProblem is not null)
        {
            return (null, tokenProblem);
        }
        var clauses = new List<GraphFilterClause<TProperty>>();
        var i = 0;
        while (true)
        {
            if (tokens!.Count - i < 3 || tokens[i].Quoted || tokens[i + 1].Quoted || tokens[i + 1].Text != "eq")
            {
                return (null, $"The $filter '{JsonBodySchema.Shown(text)}' is not supported. {FilterHelp(target)}.");
            }
            var name = tokens[i].Text;
            if (target.Find(version, name) is not { } property || !target.Filterable(property))
            {
                return (null, $"'{JsonBodySchema.Shown(name)}' cannot be filtered on. {FilterHelp(target)}, on: {Names(version, target, target.Filterable)}.");
            }
            var (value, valueProblem) = Literal(property, tokens[i + 2]);
            if (valueProblem is not null)
            {
                return (null, valueProblem);
            }
            clauses.Add(new GraphFilterClause<TProperty>(property, value!));
            i += 3;
            if (i == tokens.Count)
            {
                return (clauses, null);
            }
            if (tokens[i].Quoted || tokens[i].Text != "and")
            {
                return (null, $"The $filter '{JsonBodySchema.Shown(text)}' is not supported. {FilterHelp(target)}.");
            }
            i++;
        }
    }

    private static (object? Value, string? Problem) Literal(IGraphProperty property, Token token)
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

    private static string Names<TProperty>(GraphVersion version, GraphQueryTarget<TProperty> target, Func<TProperty, bool> which)
        where TProperty : class, IGraphProperty =>
        string.Join(", ", target.Properties(version).Where(which).Select(p => p.Name));
}

using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace AdminCenter.Api;

/// <summary>
/// The API's JSON (spec 05) and its one body reader: every endpoint reads its body here, so each gets the same checks.
/// <list type="bullet">
/// <item>415 unless the body is declared <c>application/json</c> or <c>application/*+json</c> (charset, if given,
/// UTF-8); a request without Content-Type is refused too, since nothing says its body is JSON.</item>
/// <item>413 over 1 MiB.</item>
/// <item>400 for unparsable JSON, and for anything the target type's contract refuses (<see cref="JsonBodySchema"/>):
/// unknown, repeated, missing required or null properties, wrong types, text that is not valid UTF-8/UTF-16, control
/// characters and over-long strings by the fields' <see cref="Core.Common.FieldKind"/>.</item>
/// </list>
/// </summary>
internal static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
            NumberHandling = JsonNumberHandling.Strict,
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            AllowDuplicateProperties = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Reads the body as <typeparamref name="T"/>, or returns the Graph-style error to send instead.</summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        var (document, error) = await ReadDocumentAsync(context);
        if (error is not null)
        {
            return (null, error);
        }
        using (document)
        {
            return Bind<T>(context, document!.RootElement);
        }
    }

    /// <summary>For endpoints that take no body: none at all, or an empty JSON object.</summary>
    public static async Task<IResult?> ReadNoBodyAsync(HttpContext context)
    {
        if (!HasBody(context.Request))
        {
            return null;
        }
        var (_, error) = await ReadAsync<NoProperties>(context);
        return error;
    }

    /// <summary>
    /// Checks the Content-Type and size and parses the body, for endpoints that check its parts themselves with
    /// <see cref="JsonBodySchema"/> (a health-report batch answers per item). The caller disposes the document.
    /// </summary>
    public static async Task<(JsonDocument? Document, IResult? Error)> ReadDocumentAsync(HttpContext context)
    {
        if (ContentTypeProblem(context.Request.ContentType) is { } contentTypeProblem)
        {
            return (null, GraphErrors.UnsupportedMediaType(context, contentTypeProblem));
        }
        if (context.Request.ContentLength is > ApiLimits.MaxBodyBytes)
        {
            return (null, GraphErrors.TooLarge(context));
        }
        if (context.Request.ContentLength == 0)
        {
            return (null, GraphErrors.BadRequest(context, "The request body is empty; send a JSON object."));
        }
        try
        {
            var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            return (document, null);
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line && ex.BytePositionInLine is { } position ? $" (line {line + 1}, byte {position + 1})" : "";
            return (null, GraphErrors.BadRequest(context, $"The body is not valid JSON{where}; send one JSON object encoded as UTF-8."));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, GraphErrors.TooLarge(context));
        }
        catch (BadHttpRequestException)
        {
            return (null, GraphErrors.BadRequest(context, "The request body could not be read completely; send it again."));
        }
    }

    /// <summary>Why a body with this Content-Type is refused (415), or null for JSON in UTF-8.</summary>
    internal static string? ContentTypeProblem(string? contentType)
    {
        const string Send = "send the body as JSON with Content-Type: application/json";
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return $"The request has no Content-Type; {Send}.";
        }
        var shown = JsonBodySchema.Shown(contentType);
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media))
        {
            return $"The Content-Type '{shown}' is not a media type; {Send}.";
        }
        var type = media.MediaType;
        var isJson = type.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.StartsWith("application/", StringComparison.OrdinalIgnoreCase) && type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
        if (!isJson)
        {
            return $"The Content-Type '{shown}' is not supported; {Send}.";
        }
        return media.Charset.HasValue && !media.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
            ? $"The charset '{JsonBodySchema.Shown(media.Charset.ToString())}' is not supported; JSON bodies must be UTF-8."
            : null;
    }

    /// <summary>Caps the body for API requests: Kestrel then stops reading past 1 MiB even without a Content-Length.</summary>
    public static void LimitBody(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = ApiLimits.MaxBodyBytes;
        }
    }

    /// <summary>Checks a parsed body against <typeparamref name="T"/>'s contract and deserializes it (for callers that look at the document first).</summary>
    internal static (T? Value, IResult? Error) Bind<T>(HttpContext context, JsonElement root)
        where T : class
    {
        var typeInfo = (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
        if (JsonBodySchema.For(typeInfo).Validate(root, JsonLocation.Root) is { } problem)
        {
            return (null, GraphErrors.BadRequest(context, problem));
        }
        try
        {
            return (root.Deserialize(typeInfo), null);
        }
        catch (JsonException ex)
        {
            // The schema accepted what the deserializer refused: still the client's body, still a 400.
            var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "the body" : $"'{ex.Path.TrimStart('$', '.')}'";
            return (null, GraphErrors.BadRequest(context, $"The value of {path} cannot be read; check its type and format."));
        }
    }

    private static bool HasBody(HttpRequest request) =>
        request.ContentLength is > 0
        || (request.ContentLength is null && request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: true });

    /// <summary>The body of an endpoint that takes none: an empty object at most.</summary>
    private sealed record NoProperties;
}

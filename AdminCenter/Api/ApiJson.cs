using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Features;

namespace AdminCenter.Api;

/// <summary>The API's JSON (spec 05): camelCase, enums as camelCase strings, unknown properties refused.</summary>
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
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>
    /// Reads the body as <typeparamref name="T"/>; on bad JSON, a wrong type, an unknown property or a body over the limit
    /// returns the Graph-style error to send instead, naming the property and what is allowed.
    /// </summary>
    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpContext context)
        where T : class
    {
        if (context.Request.ContentLength is > ApiLimits.MaxBodyBytes)
        {
            return (null, GraphErrors.TooLarge(context));
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, Options, context.RequestAborted);
            return value is null
                ? (null, GraphErrors.BadRequest(context, "The request body is empty; send a JSON object."))
                : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, GraphErrors.BadRequest(context, Describe(ex)));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, GraphErrors.TooLarge(context));
        }
    }

    /// <summary>Caps the body for API requests: Kestrel then stops reading past 1 MiB even without a Content-Length.</summary>
    public static void LimitBody(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = ApiLimits.MaxBodyBytes;
        }
    }

    private static string Describe(JsonException ex)
    {
        var path = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? null : ex.Path.TrimStart('$', '.');
        // System.Text.Json's messages name .NET types; say what is wrong in the API's own terms.
        if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return path is null ? "The body has a property this endpoint does not know." : $"Unknown property '{path}'.";
        }
        var including = ex.Message.IndexOf("including: ", StringComparison.Ordinal);
        if (including >= 0)
        {
            var names = ex.Message[(including + "including: ".Length)..].TrimEnd('.', ' ');
            return $"Required properties are missing: {names}.";
        }
        if (ex.Message.Contains("non-nullable", StringComparison.Ordinal) || ex.Message.Contains("null", StringComparison.OrdinalIgnoreCase) && path is not null)
        {
            return $"The property '{path}' is required and cannot be null.";
        }
        return path is null
            ? "The body is not valid JSON."
            : $"The property '{path}' has a value of the wrong type or format.";
    }
}

using System.Text.Json;
using AdminCenter.Core.Mam;

namespace AdminCenter.Api;

/// <summary>
/// Reads a healthReports body: one report object, or <c>{"value": [...]}</c>. Items are parsed one by one so a bad item
/// is refused on its own (with its index) while the others are stored.
/// </summary>
internal static class HealthReportBody
{
    private static readonly HashSet<string> KnownProperties = new(StringComparer.Ordinal)
    {
        "userPrincipalName", "appId", "azureAdDeviceId", "threatLevel", "reportedDateTime", "connectorId",
    };

    public static (IReadOnlyList<HealthReportInput>? Items, string? Problem) Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "The body must be a health report object or {\"value\": [ ... ]}.");
        }
        if (body.TryGetProperty("value", out var value))
        {
            if (value.ValueKind != JsonValueKind.Array)
            {
                return (null, "The property 'value' must be an array of health reports.");
            }
            if (value.GetArrayLength() > HealthReportIngestion.MaxBatchSize)
            {
                return (null, $"A request holds at most {HealthReportIngestion.MaxBatchSize} reports; this one has {value.GetArrayLength()}.");
            }
            return (value.EnumerateArray().Select(Read).ToList(), null);
        }
        return ([Read(body)], null);
    }

    // A malformed item becomes an input the ingestion refuses with a reason naming what is wrong.
    private static HealthReportInput Read(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return Refused("the item must be a JSON object");
        }
        foreach (var property in item.EnumerateObject())
        {
            if (!KnownProperties.Contains(property.Name))
            {
                return Refused($"unknown property '{property.Name}'");
            }
            if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return Refused($"'{property.Name}' must be a string");
            }
        }
        if (item.TryGetProperty("reportedDateTime", out var reported) && reported.ValueKind == JsonValueKind.String && !reported.TryGetDateTimeOffset(out _))
        {
            return Refused("reportedDateTime must be an ISO 8601 date and time, e.g. 2026-11-22T10:00:00Z");
        }
        return new HealthReportInput(String(item, "userPrincipalName"), String(item, "appId"), String(item, "azureAdDeviceId"),
            String(item, "threatLevel"), Date(item, "reportedDateTime"));
    }

    private static HealthReportInput Refused(string problem) => new(null, null, null, null, null, problem);

    private static string? String(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static DateTime? Date(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.TryGetDateTimeOffset(out var date)
            ? date.UtcDateTime
            : null;
}

using System.Runtime.InteropServices;
using System.Text.Json;
using AdminCenter.Core.Common;
using AdminCenter.Core.Mam;

namespace AdminCenter.Api;

/// <summary>
/// Reads a healthReports body: one report object, or <c>{"value": [...]}</c>. Each item is checked on its own against
/// the report's contract, so a bad item (unknown property, wrong type, bad text) is refused with a reason naming the
/// property while the others are stored (spec 05 §2). Only the body's outer shape is a 400.
/// </summary>
internal static class HealthReportBody
{
    private const string BatchProperty = "value";
    private static readonly JsonBodySchema Item = JsonBodySchema.For(ApiJson.Options.GetTypeInfo(typeof(HealthReportItem)));
    private static readonly int UserPrincipalName = Item.IndexOf("userPrincipalName");
    private static readonly int AppId = Item.IndexOf("appId");
    private static readonly int AzureAdDeviceId = Item.IndexOf("azureAdDeviceId");
    private static readonly int ThreatLevel = Item.IndexOf("threatLevel");
    private static readonly int ReportedDateTime = Item.IndexOf("reportedDateTime");

    public static (IReadOnlyList<HealthReportInput>? Items, string? Problem) Parse(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "The body must be a health report object or {\"value\": [ ... ]}.");
        }
        var (batch, problem) = FindBatch(body);
        if (problem is not null)
        {
            return (null, problem);
        }
        var values = new JsonElement[Item.FieldCount];
        if (batch is not { } array)
        {
            return ([Read(body, JsonLocation.Root, values)], null);
        }
        if (array.ValueKind != JsonValueKind.Array)
        {
            return (null, "The property 'value' must be an array of health reports.");
        }
        var count = array.GetArrayLength();
        if (count > HealthReportIngestion.MaxBatchSize)
        {
            return (null, $"A request holds at most {HealthReportIngestion.MaxBatchSize} reports; this one has {count}.");
        }
        var items = new List<HealthReportInput>(count);
        foreach (var item in array.EnumerateArray())
        {
            items.Add(Read(item, JsonLocation.Item(BatchProperty, items.Count), values));
        }
        return (items, null);
    }

    // The batch form is an object whose only property is "value"; any object without it is a single report.
    private static (JsonElement? Batch, string? Problem) FindBatch(JsonElement body)
    {
        JsonElement? batch = null;
        JsonProperty? other = null;
        foreach (var property in body.EnumerateObject())
        {
            // Raw bytes: NameEquals would decode an escaped name and throw on a lone surrogate.
            if (!JsonMarshal.GetRawUtf8PropertyName(property).SequenceEqual("value"u8))
            {
                other ??= property;
            }
            else if (batch is not null)
            {
                return (null, "The property 'value' appears more than once; send each property once.");
            }
            else
            {
                batch = property.Value;
            }
        }
        return batch is not null && other is not null
            ? (null, $"A batch holds only 'value'; the property '{JsonBodySchema.ShownName(other.Value)}' is not allowed beside it.")
            : (batch, null);
    }

    private static HealthReportInput Read(JsonElement item, JsonLocation location, JsonElement[] values)
    {
        Array.Clear(values);
        if (Item.Validate(item, location, values) is { } problem)
        {
            return new HealthReportInput(null, null, null, null, null, problem);
        }
        return new HealthReportInput(Text(values[UserPrincipalName]), Text(values[AppId]), Text(values[AzureAdDeviceId]), Text(values[ThreatLevel]),
            values[ReportedDateTime].ValueKind == JsonValueKind.String && values[ReportedDateTime].TryGetDateTimeOffset(out var reported) ? reported.UtcDateTime : null);
    }

    private static string? Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>One report as a partner sends it (spec 04); every field may be missing, Core then refuses the item.</summary>
    private sealed record HealthReportItem(
        [FieldKind(FieldKind.UserPrincipalName)] string? UserPrincipalName = null,
        [FieldKind(FieldKind.Identifier)] string? AppId = null,
        [FieldKind(FieldKind.Identifier)] string? AzureAdDeviceId = null,
        [FieldKind(FieldKind.Identifier)] string? ThreatLevel = null,
        DateTimeOffset? ReportedDateTime = null,
        [FieldKind(FieldKind.Identifier)] string? ConnectorId = null);
}

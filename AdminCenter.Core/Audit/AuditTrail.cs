using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using AdminCenter.Core.Persistence;

namespace AdminCenter.Core.Audit;

/// <summary>
/// The one writer of audit events. Services call <see cref="Record"/> on the context that carries their change, before
/// its one SaveChanges, so the event and the change commit together or not at all (spec 06).
/// </summary>
public static class AuditTrail
{
    /// <summary>How a changed secret is shown: never its value.</summary>
    public const string SecretChanged = "(changed)";

    private static readonly JsonSerializerOptions DiffOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        // Only what can be set is configuration; computed properties (get-only) would repeat it.
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DropGetOnlyProperties } },
    };

    /// <summary>Adds the event to <paramref name="db"/>; it is saved by the caller's SaveChanges with the change.</summary>
    public static AuditEvent Record(this AdminCenterDbContext db, AuditEntry entry, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        var correlationId = Activity.Current?.TraceId.ToString() ?? Guid.NewGuid().ToString();
        var audit = AuditEvent.Create(entry, nowUtc, correlationId);
        db.AuditEvents.Add(audit);
        return audit;
    }

    /// <summary>
    /// The properties that differ between two values of one type, by their Graph (camelCase) names; nested objects are
    /// named by path ("dataProtection.printingBlocked"), lists are compared whole. Null before: a creation; null after: a deletion.
    /// </summary>
    public static IReadOnlyList<AuditModifiedProperty> Diff<T>(T? before, T? after, params string[] secretProperties)
    {
        var old = Flatten(before);
        var @new = Flatten(after);
        var names = old.Keys.Concat(@new.Keys).Distinct(StringComparer.Ordinal);
        var changes = new List<AuditModifiedProperty>();
        foreach (var name in names)
        {
            old.TryGetValue(name, out var oldValue);
            @new.TryGetValue(name, out var newValue);
            if (oldValue == newValue)
            {
                continue;
            }
            var secret = secretProperties.Contains(name, StringComparer.OrdinalIgnoreCase);
            changes.Add(secret ? new(name, null, SecretChanged) : new(name, oldValue, newValue));
        }
        return changes;
    }

    /// <summary>One property change, for values that are not a settings object (a status, a member list).</summary>
    public static IReadOnlyList<AuditModifiedProperty> Property(string name, string? oldValue, string? newValue) =>
        oldValue == newValue ? [] : [new(name, oldValue, newValue)];

    private static void DropGetOnlyProperties(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        for (var i = info.Properties.Count - 1; i >= 0; i--)
        {
            if (info.Properties[i].Set is null)
            {
                info.Properties.RemoveAt(i);
            }
        }
    }

    private static Dictionary<string, string?> Flatten<T>(T? value)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (value is not null)
        {
            Flatten(JsonSerializer.SerializeToElement(value, DiffOptions), "", result);
        }
        return result;
    }

    private static void Flatten(JsonElement element, string path, Dictionary<string, string?> result)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Flatten(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}", result);
            }
            return;
        }
        result[path] = element.ValueKind switch
        {
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            JsonValueKind.String => element.GetString(),
            _ => element.GetRawText(),
        };
    }
}

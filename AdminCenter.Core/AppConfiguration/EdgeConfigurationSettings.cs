using System.Text.Json;

namespace AdminCenter.Core.AppConfiguration;

/// <summary>How an Edge configuration setting's value is typed, edited and validated (spec 07).</summary>
public enum EdgeSettingKind
{
    /// <summary>An absolute http or https URL.</summary>
    Url,

    /// <summary>One of a fixed set of choices, delivered as Edge's integer policy value.</summary>
    Choice,

    /// <summary>A list of absolute http or https URLs, delivered as a JSON array of strings.</summary>
    UrlList,

    /// <summary>On or off, delivered as <c>true</c> or <c>false</c>.</summary>
    OnOff,

    /// <summary>A list of extension ids (or <c>*</c> for all), delivered as a JSON array of strings.</summary>
    ExtensionList,

    /// <summary>Favorites: a JSON array of <c>{"name", "url"}</c> objects.</summary>
    Favorites,
}

/// <summary>One choice of a <see cref="EdgeSettingKind.Choice"/> setting: Edge's policy value and the admin center's label.</summary>
public sealed record EdgeChoice(string Value, string Label);

/// <summary>An Edge policy offered in the Settings step's picker, by its Edge policy name (the name delivered to the app).</summary>
public sealed record EdgeSettingDefinition(string Name, string Label, EdgeSettingKind Kind, IReadOnlyList<EdgeChoice> Choices)
{
    /// <summary>The label of a delivered value: a choice's label, On/Off, or the value itself.</summary>
    public string Describe(string value) => Kind switch
    {
        EdgeSettingKind.Choice => Choices.FirstOrDefault(c => c.Value == value)?.Label ?? value,
        EdgeSettingKind.OnOff => value == EdgeSettingValues.On ? "On" : value == EdgeSettingValues.Off ? "Off" : value,
        _ => value,
    };
}

/// <summary>A favorite of <c>ManagedFavorites</c>.</summary>
public sealed record EdgeFavorite(string Name, string Url);

/// <summary>
/// The Edge configuration settings of spec 07 (a decision: the Edge policies commonly set for MAM), delivered by their Edge
/// policy names, as Edge for Windows reads MAM app configuration. Values are stored as Edge takes them: URLs as text,
/// choices as Edge's integer values, on/off as <c>true</c>/<c>false</c>, lists as JSON arrays.
/// </summary>
public static class EdgeSettingValues
{
    public const string On = "true";
    public const string Off = "false";

    /// <summary>Longest value, in characters, of any setting (Edge and General): the API's limit for free text.</summary>
    public const int MaxValueLength = Common.FieldRules.MessageMaxLength;

    public static IReadOnlyList<EdgeSettingDefinition> Catalog { get; } =
    [
        new("HomepageLocation", "Configure the home page URL", EdgeSettingKind.Url, []),
        new("RestoreOnStartup", "Action to take on startup", EdgeSettingKind.Choice,
            [new("1", "Restore the last session"), new("4", "Open a list of URLs"), new("5", "Open a new tab")]),
        new("RestoreOnStartupURLs", "Sites to open when the browser starts", EdgeSettingKind.UrlList, []),
        new("PasswordManagerEnabled", "Enable saving passwords to the password manager", EdgeSettingKind.OnOff, []),
        new("DownloadRestrictions", "Allow download restrictions", EdgeSettingKind.Choice,
        [
            new("0", "No special restrictions"), new("1", "Block dangerous downloads"), new("2", "Block potentially dangerous downloads"),
            new("3", "Block all downloads"), new("4", "Block malicious downloads"),
        ]),
        new("ExtensionInstallBlocklist", "Control which extensions cannot be installed", EdgeSettingKind.ExtensionList, []),
        new("TrackingPrevention", "Block tracking of users' web-browsing activity", EdgeSettingKind.Choice,
            [new("0", "Off"), new("1", "Basic"), new("2", "Balanced"), new("3", "Strict")]),
        new("InPrivateModeAvailability", "Configure InPrivate mode availability", EdgeSettingKind.Choice,
            [new("0", "Enabled"), new("1", "Disabled"), new("2", "Forced")]),
        new("EdgeShoppingAssistantEnabled", "Shopping in Microsoft Edge enabled", EdgeSettingKind.OnOff, []),
        new("ManagedFavorites", "Configure favorites", EdgeSettingKind.Favorites, []),
    ];

    /// <summary>The catalog entry named <paramref name="name"/> (Edge policy names are compared ordinally), or null.</summary>
    public static EdgeSettingDefinition? Find(string? name) => Catalog.FirstOrDefault(d => d.Name == name);

    /// <summary>The catalog entry whose name matches case-insensitively: a General setting may not hide an Edge one by case.</summary>
    public static EdgeSettingDefinition? FindIgnoringCase(string? name) =>
        Catalog.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>A delivered value as the status report shows it: a choice's or on/off's number with its label, e.g. "3 (Strict)".</summary>
    public static string DescribeDelivered(string name, string value) =>
        Find(name) is { Kind: EdgeSettingKind.Choice or EdgeSettingKind.OnOff } definition && definition.Describe(value) is var label && label != value
            ? $"{value} ({label})"
            : value;

    /// <summary>The value a newly added setting starts with: the first choice, Off, or empty.</summary>
    public static string DefaultValue(EdgeSettingDefinition definition) => definition.Kind switch
    {
        EdgeSettingKind.Choice => definition.Choices[0].Value,
        EdgeSettingKind.OnOff => Off,
        _ => "",
    };

    /// <summary>Why <paramref name="value"/> is not a valid value of <paramref name="definition"/>, or null.</summary>
    public static string? Validate(EdgeSettingDefinition definition, string? value)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var name = definition.Name;
        if (string.IsNullOrWhiteSpace(value))
        {
            return definition.Kind switch
            {
                EdgeSettingKind.Url => $"{name} needs a URL, such as https://contoso.sharepoint.com.",
                EdgeSettingKind.UrlList => $"{name} needs at least one URL, such as https://contoso.sharepoint.com.",
                EdgeSettingKind.ExtensionList => $"{name} needs at least one extension id (32 letters a-p), or * for every extension.",
                EdgeSettingKind.Favorites => $"{name} needs at least one favorite, such as [{{\"name\": \"Contoso\", \"url\": \"https://contoso.com\"}}].",
                _ => $"{name} needs a value.",
            };
        }
        if (value.Length > MaxValueLength)
        {
            return $"{name} is {value.Length} characters long; at most {MaxValueLength} are allowed.";
        }
        switch (definition.Kind)
        {
            case EdgeSettingKind.Url:
                return IsWebUrl(value) ? null : $"{name} must be an absolute http or https URL, such as https://contoso.sharepoint.com; '{value}' is not one.";
            case EdgeSettingKind.Choice:
                return definition.Choices.Any(c => c.Value == value)
                    ? null
                    : $"{name} must be one of {string.Join(", ", definition.Choices.Select(c => $"{c.Value} ({c.Label})"))}; '{value}' is not one.";
            case EdgeSettingKind.OnOff:
                return value is On or Off ? null : $"{name} must be true (on) or false (off); '{value}' is neither.";
            case EdgeSettingKind.UrlList:
            {
                if (ParseList(value) is not { } urls)
                {
                    return $"{name} must be a JSON array of URLs, such as [\"https://contoso.com\"].";
                }
                var bad = urls.FirstOrDefault(u => !IsWebUrl(u));
                return urls.Count == 0 ? $"{name} needs at least one URL, such as https://contoso.sharepoint.com."
                    : bad is not null ? $"{name}: '{bad}' is not an absolute http or https URL." : null;
            }
            case EdgeSettingKind.ExtensionList:
            {
                if (ParseList(value) is not { } ids)
                {
                    return $"{name} must be a JSON array of extension ids, such as [\"*\"].";
                }
                var bad = ids.FirstOrDefault(id => !IsExtensionId(id));
                return ids.Count == 0 ? $"{name} needs at least one extension id (32 letters a-p), or * for every extension."
                    : bad is not null ? $"{name}: '{bad}' is not an extension id (32 letters a-p) or *." : null;
            }
            case EdgeSettingKind.Favorites:
                return ValidateFavorites(name, value);
            default:
                return null;
        }
    }

    /// <summary>A list value as its items; null when it is not a JSON array of strings.</summary>
    public static IReadOnlyList<string>? ParseList(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            var items = new List<string>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    return null;
                }
                items.Add(item.GetString()!);
            }
            return items;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The stored form of a list: a JSON array of the non-blank, trimmed items.</summary>
    public static string FormatList(IEnumerable<string> items) =>
        JsonSerializer.Serialize(items.Select(i => i.Trim()).Where(i => i.Length > 0).ToList());

    /// <summary>The favorites of a <c>ManagedFavorites</c> value; null when it is not a JSON array of name and url objects.</summary>
    public static IReadOnlyList<EdgeFavorite>? ParseFavorites(string value)
    {
        try
        {
            using var document = JsonDocument.Parse(value);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }
            var favorites = new List<EdgeFavorite>();
            foreach (var item in document.RootElement.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object
                    || !item.TryGetProperty("name", out var nameElement) || nameElement.ValueKind != JsonValueKind.String
                    || !item.TryGetProperty("url", out var urlElement) || urlElement.ValueKind != JsonValueKind.String
                    || item.EnumerateObject().Count() != 2)
                {
                    return null;
                }
                favorites.Add(new EdgeFavorite(nameElement.GetString()!, urlElement.GetString()!));
            }
            return favorites;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    public static bool IsWebUrl(string? value) =>
        Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host) && value!.Trim() == value;

    // Chromium extension ids are 32 letters from a to p; * blocks every extension.
    private static bool IsExtensionId(string id) => id == "*" || (id.Length == 32 && id.All(c => c is >= 'a' and <= 'p'));

    private static string? ValidateFavorites(string name, string value)
    {
        var example = "[{\"name\": \"Contoso\", \"url\": \"https://contoso.com\"}]";
        if (ParseFavorites(value) is not { } favorites)
        {
            return $"{name} must be a JSON array of favorites, each with a name and a url only, such as {example}.";
        }
        if (favorites.Count == 0)
        {
            return $"{name} needs at least one favorite, such as {example}.";
        }
        for (var i = 0; i < favorites.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(favorites[i].Name))
            {
                return $"{name}: favorite {i + 1} needs a name.";
            }
            if (!IsWebUrl(favorites[i].Url))
            {
                return $"{name}: favorite {i + 1} ({favorites[i].Name}) has '{favorites[i].Url}', which is not an absolute http or https URL.";
            }
        }
        return null;
    }
}

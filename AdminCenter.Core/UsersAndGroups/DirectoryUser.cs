namespace AdminCenter.Core.UsersAndGroups;

/// <summary>A user of the tenant's directory (spec 04): the people app protection policies target.</summary>
public sealed class DirectoryUser
{
    private DirectoryUser()
    {
    }

    public string Id { get; private set; } = "";

    /// <summary>Unique, compared through <see cref="NormalizedUserPrincipalName"/> (see <see cref="Normalize"/>).</summary>
    public string UserPrincipalName { get; private set; } = "";

    public string NormalizedUserPrincipalName { get; private set; } = "";

    public string DisplayName { get; private set; } = "";

    public bool AccountEnabled { get; private set; } = true;

    public DateTime CreatedDateTime { get; private set; }

    public DateTime LastModifiedDateTime { get; private set; }

    public static DirectoryUser Create(string userPrincipalName, string displayName, bool accountEnabled, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid().ToString(),
        UserPrincipalName = userPrincipalName.Trim(),
        NormalizedUserPrincipalName = Normalize(userPrincipalName),
        DisplayName = displayName.Trim(),
        AccountEnabled = accountEnabled,
        CreatedDateTime = nowUtc,
        LastModifiedDateTime = nowUtc,
    };

    /// <summary>
    /// The key a user principal name is matched by: ASCII letters upper-cased, every other character kept as it is.
    /// The directory holds ASCII names only (<see cref="DirectoryValidator.CheckUserPrincipalName"/>), so a name with any
    /// other character matches no user. Unicode case folding or normalization would merge lookalikes into real users
    /// (U+017F long s upper-cases to S; NFC turns U+212A Kelvin sign into K), so neither is applied.
    /// </summary>
    public static string Normalize(string userPrincipalName)
    {
        var trimmed = userPrincipalName.AsSpan().Trim();
        return string.Create(trimmed.Length, trimmed, static (destination, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                destination[i] = char.IsAsciiLetterLower(source[i]) ? (char)(source[i] - ('a' - 'A')) : source[i];
            }
        });
    }

    public void Update(string userPrincipalName, string displayName, bool accountEnabled, DateTime nowUtc)
    {
        UserPrincipalName = userPrincipalName.Trim();
        NormalizedUserPrincipalName = Normalize(userPrincipalName);
        DisplayName = displayName.Trim();
        AccountEnabled = accountEnabled;
        LastModifiedDateTime = nowUtc;
    }

    public void SetAccountEnabled(bool enabled, DateTime nowUtc)
    {
        AccountEnabled = enabled;
        LastModifiedDateTime = nowUtc;
    }
}

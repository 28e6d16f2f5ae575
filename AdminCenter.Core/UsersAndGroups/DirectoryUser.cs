namespace AdminCenter.Core.UsersAndGroups;

/// <summary>A user of the tenant's directory (spec 04): the people app protection policies target.</summary>
public sealed class DirectoryUser
{
    private DirectoryUser()
    {
    }

    public string Id { get; private set; } = "";

    /// <summary>Unique, compared case-insensitively through <see cref="NormalizedUserPrincipalName"/>.</summary>
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

    public static string Normalize(string userPrincipalName) => userPrincipalName.Trim().ToUpperInvariant();

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

using System.Security.Cryptography;
using System.Text;

namespace AdminCenter.Core.ApiTokens;

public enum ApiTokenStatus
{
    Active,
    Expired,
    Revoked,
}

/// <summary>
/// A bearer token for the API (spec 06): only a salted SHA-256 of its value is stored, with the value's first
/// <see cref="PrefixLength"/> characters to tell tokens apart and to find the row to verify against.
/// </summary>
public sealed class ApiToken
{
    public const int PrefixLength = 6;

    private ApiToken()
    {
    }

    public string Id { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>Names are unique regardless of case: the UI and scripts refer to tokens by name.</summary>
    public string NormalizedName { get; private set; } = "";

    public string Role { get; private set; } = "";

    public string Prefix { get; private set; } = "";

    public byte[] Salt { get; private set; } = [];

    public byte[] Hash { get; private set; } = [];

    public DateTime CreatedDateTime { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public DateTime ExpiresDateTime { get; private set; }

    public DateTime? LastUsedDateTime { get; private set; }

    public DateTime? RevokedDateTime { get; private set; }

    public string? RevokedBy { get; private set; }

    public static ApiToken Create(string name, string role, string value, DateTime expiresUtc, string createdBy, DateTime nowUtc)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return new ApiToken
        {
            Id = Guid.NewGuid().ToString(),
            Name = name.Trim(),
            NormalizedName = NormalizeName(name),
            Role = role,
            Prefix = PrefixOf(value),
            Salt = salt,
            Hash = HashOf(salt, value),
            CreatedDateTime = nowUtc,
            CreatedBy = createdBy,
            ExpiresDateTime = expiresUtc,
        };
    }

    public static string NormalizeName(string name) => name.Trim().ToUpperInvariant();

    public static string PrefixOf(string value) => value.Length <= PrefixLength ? value : value[..PrefixLength];

    public ApiTokenStatus StatusAt(DateTime nowUtc) =>
        RevokedDateTime is not null ? ApiTokenStatus.Revoked
        : nowUtc >= ExpiresDateTime ? ApiTokenStatus.Expired
        : ApiTokenStatus.Active;

    public bool Matches(string value) => CryptographicOperations.FixedTimeEquals(HashOf(Salt, value), Hash);

    public void Revoke(string actor, DateTime nowUtc)
    {
        RevokedDateTime ??= nowUtc;
        RevokedBy ??= actor;
    }

    public void MarkUsed(DateTime nowUtc) => LastUsedDateTime = nowUtc;

    private static byte[] HashOf(byte[] salt, string value)
    {
        var valueBytes = Encoding.UTF8.GetBytes(value);
        var salted = new byte[salt.Length + valueBytes.Length];
        salt.CopyTo(salted, 0);
        valueBytes.CopyTo(salted, salt.Length);
        return SHA256.HashData(salted);
    }
}

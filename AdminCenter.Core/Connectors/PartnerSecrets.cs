using System.Security.Cryptography;
using System.Text;

namespace AdminCenter.Core.Connectors;

/// <summary>Partner secrets: random, shown once, stored only as a SHA-256 hash.</summary>
public static class PartnerSecrets
{
    private const int SecretBytes = 32;

    public static string Generate() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(SecretBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares hashes in constant time, so the response time does not leak how much of a guess was right.</summary>
    public static bool Matches(string secret, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(secret)), Encoding.ASCII.GetBytes(storedHash));
}

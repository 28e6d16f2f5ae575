using AdminCenter.Core.Common;
using AdminCenter.Core.Identity;

namespace AdminCenter.Core.ApiTokens;

/// <summary>The roles a token may hold (spec 06): the built-in admin roles and Managed app client.</summary>
public static class ApiTokenRoles
{
    public const string ManagedAppClient = "Managed app client";

    public static IReadOnlyList<string> All { get; } = [.. AdminRoles.All, ManagedAppClient];

    /// <summary>Roles that may call the MAM client and Conditional Access endpoints (spec 05 §3: Managed app client or higher).</summary>
    public static IReadOnlyList<string> MamClients { get; } = [ManagedAppClient, AdminRoles.GlobalAdministrator, AdminRoles.IntuneAdministrator];
}

/// <summary>What a new token needs; <see cref="ExpiresDateTime"/> is the end of its last valid moment, in UTC.</summary>
public sealed record ApiTokenInput(string? Name, string? Role, DateTime? ExpiresDateTime);

/// <summary>The expiry choices of the Create token pane (spec 06), and the two-year ceiling.</summary>
public static class ApiTokenExpiry
{
    public static IReadOnlyList<int> PresetDays { get; } = [30, 90, 180, 365];

    public const int MaxDays = 730;

    public static DateTime FromPreset(DateTime nowUtc, int days) => nowUtc.AddDays(days);
}

/// <summary>Checks a new token's fields; the same messages reach the UI pane and the API.</summary>
public static class ApiTokenRules
{
    public const string NameField = "displayName";
    public const string RoleField = "role";
    public const string ExpiresField = "expirationDateTime";
    public const int MaxNameLength = 128;

    public const string NameRequiredMessage = "Name is required.";
    public const string NameTooLongMessage = "Name must be at most 128 characters.";
    public const string NameControlCharactersMessage = "Name cannot contain control characters.";
    public const string RoleRequiredMessage = "Choose a role.";
    public const string ExpiresRequiredMessage = "Choose when the token expires.";
    public const string ExpiresInPastMessage = "The expiry date must be in the future.";
    public const string ExpiresTooLateMessage = "A token can be valid for at most 2 years (730 days).";

    public static string NameTakenMessage(string name) => $"A token named '{name.Trim()}' already exists. Choose another name.";

    public static string UnknownRoleMessage(string role, IReadOnlyCollection<string>? known = null) =>
        $"'{role}' is not a role. Choose one of: {string.Join(", ", known ?? ApiTokenRoles.All)}.";

    /// <summary><paramref name="knownRoles"/>: the roles a token may hold (default: the built-in ones; the service passes the catalog's).</summary>
    public static IReadOnlyList<ValidationProblem> Validate(ApiTokenInput input, DateTime nowUtc, IReadOnlyCollection<string>? knownRoles = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<ValidationProblem>();
        if (CheckName(input.Name) is { } name)
        {
            problems.Add(new(NameField, name));
        }
        if (CheckRole(input.Role, knownRoles) is { } role)
        {
            problems.Add(new(RoleField, role));
        }
        if (CheckExpires(input.ExpiresDateTime, nowUtc) is { } expires)
        {
            problems.Add(new(ExpiresField, expires));
        }
        return problems;
    }

    public static string? CheckName(string? name)
    {
        var trimmed = name?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return NameRequiredMessage;
        }
        if (trimmed.Length > MaxNameLength)
        {
            return NameTooLongMessage;
        }
        return trimmed.Any(char.IsControl) ? NameControlCharactersMessage : null;
    }

    public static string? CheckRole(string? role, IReadOnlyCollection<string>? known = null) =>
        string.IsNullOrWhiteSpace(role) ? RoleRequiredMessage
        : (known ?? ApiTokenRoles.All).Contains(role, StringComparer.Ordinal) ? null
        : UnknownRoleMessage(role, known);

    public static string? CheckExpires(DateTime? expiresUtc, DateTime nowUtc) =>
        expiresUtc is not { } expires ? ExpiresRequiredMessage
        : expires <= nowUtc ? ExpiresInPastMessage
        : expires > nowUtc.AddDays(ApiTokenExpiry.MaxDays) ? ExpiresTooLateMessage
        : null;
}

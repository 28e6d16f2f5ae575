using System.Text;
using System.Text.RegularExpressions;

namespace AdminCenter.Core.AppConfiguration;

/// <summary>The user a policy's values are delivered to: what the tokens are replaced with.</summary>
public sealed record TokenUser(string UserId, string UserPrincipalName, string DisplayName);

/// <summary>
/// The tokens a setting's value may hold (spec 07), replaced per user at delivery. The directory keeps a user's id,
/// user principal name and display name, so: <c>{{userprincipalname}}</c>, <c>{{mail}}</c> and
/// <c>{{PrimarySMTPAddress}}</c> become the user principal name (the directory has no separate mail attribute; in Entra ID
/// the primary SMTP address of a cloud user is the UPN unless Exchange says otherwise); <c>{{partialupn}}</c> its part
/// before the @; <c>{{accountid}}</c> and <c>{{userid}}</c> the user's directory id (the account the MAM SDK enrolls is
/// the user's object id); <c>{{username}}</c> the display name. Token names are case-insensitive, as Intune's are.
/// </summary>
public static partial class AppConfigurationTokens
{
    /// <summary>Every token, as the admin center lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["{{userprincipalname}}", "{{mail}}", "{{partialupn}}", "{{accountid}}", "{{userid}}", "{{username}}", "{{PrimarySMTPAddress}}"];

    /// <summary>What each token becomes, for the Settings step's help.</summary>
    public static IReadOnlyList<(string Token, string Meaning)> Meanings { get; } =
    [
        ("{{userprincipalname}}", "user principal name"),
        ("{{mail}}", "email address (the user principal name)"),
        ("{{partialupn}}", "user principal name before the @"),
        ("{{accountid}}", "user's directory id"),
        ("{{userid}}", "user's directory id"),
        ("{{username}}", "display name"),
        ("{{PrimarySMTPAddress}}", "primary SMTP address (the user principal name)"),
    ];

    /// <summary><paramref name="value"/> with every known token replaced by <paramref name="user"/>'s value; other text stays as it is.</summary>
    public static string Replace(string value, TokenUser user)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(user);
        if (!value.Contains("{{", StringComparison.Ordinal))
        {
            return value;
        }
        return TokenPattern().Replace(value, match => ValueOf(match.Groups[1].Value, user) ?? match.Value);
    }

    /// <summary>The first token-like text (<c>{{name}}</c>) that is no known token, or null.</summary>
    public static string? FindUnknown(string? value)
    {
        if (value is null || !value.Contains("{{", StringComparison.Ordinal))
        {
            return null;
        }
        var probe = new TokenUser("", "", "");
        return TokenPattern().Matches(value).Select(m => m.Value).FirstOrDefault(token => ValueOf(token[2..^2], probe) is null);
    }

    private static string? ValueOf(string token, TokenUser user) => token.ToUpperInvariant() switch
    {
        "USERPRINCIPALNAME" or "MAIL" or "PRIMARYSMTPADDRESS" => user.UserPrincipalName,
        "PARTIALUPN" => user.UserPrincipalName.Split('@')[0],
        "ACCOUNTID" or "USERID" => user.UserId,
        "USERNAME" => user.DisplayName,
        _ => null,
    };

    /// <summary>The token list for messages: "{{userprincipalname}}, {{mail}}, ...".</summary>
    public static string Listed() => new StringBuilder().AppendJoin(", ", All).ToString();

    [GeneratedRegex(@"\{\{([A-Za-z]+)\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex TokenPattern();
}

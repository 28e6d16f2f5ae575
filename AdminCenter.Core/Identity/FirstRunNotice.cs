using Microsoft.Extensions.Logging;

namespace AdminCenter.Core.Identity;

/// <summary>The administrator created on first start; <see cref="GeneratedPassword"/> is null when it was configured.</summary>
public sealed record FirstAdministrator(string Email, string? GeneratedPassword);

/// <summary>
/// What first start prints about the administrator: a framed block logged once the host has started, after the
/// start-up and seeding lines, so it is the last thing on the console and cannot scroll away unseen.
/// </summary>
public static partial class FirstRunNotice
{
    /// <summary>The block's lines, framed: where to sign in, as whom, and the password or where it came from.</summary>
    public static IReadOnlyList<string> Lines(FirstAdministrator admin, IEnumerable<string> addresses)
    {
        var signInAt = string.Join(" or ", addresses.DefaultIfEmpty("the app's address"));
        List<string> text =
        [
            "AdminCenter: first start. The first administrator was created.",
            "",
            $"Sign in at {signInAt}",
            $"  Email:    {admin.Email}",
        ];
        if (admin.GeneratedPassword is { } password)
        {
            text.Add($"  Password: {password}");
            text.Add("");
            text.Add("This generated password is shown only now: copy it. To choose your own,");
            text.Add("stop the app, delete the database and start it again with");
            text.Add("Bootstrap__AdminPassword set (12 characters or more).");
        }
        else
        {
            text.Add("  Password: the one set in Bootstrap__AdminPassword.");
        }

        var width = text.Max(line => line.Length);
        var rule = "+" + new string('-', width + 2) + "+";
        return [rule, .. text.Select(line => $"| {line.PadRight(width)} |"), rule];
    }

    public static void Write(ILogger logger, FirstAdministrator admin, IEnumerable<string> addresses) =>
        LogNotice(logger, Environment.NewLine + string.Join(Environment.NewLine, Lines(admin, addresses)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Notice}")]
    private static partial void LogNotice(ILogger logger, string notice);
}

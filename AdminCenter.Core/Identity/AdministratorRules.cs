using System.Security.Cryptography;
using AdminCenter.Core.Common;
using AdminCenter.Core.Roles;

namespace AdminCenter.Core.Identity;

/// <summary>Whether an administrator may sign in: enabled, disabled by an admin, or locked by failed sign-ins.</summary>
public enum AdministratorStatus
{
    Enabled,
    Disabled,
    Locked,
}

/// <summary>
/// The pure rules of the Administrators page (spec 06): field checks, the last enabled Global Administrator, no admin
/// raising their own roles, and the one-time password. <see cref="AdministratorService"/> applies them.
/// </summary>
public static class AdministratorRules
{
    public const string EmailField = "email";
    public const string DisplayNameField = "displayName";
    public const string RolesField = "roles";
    public const string StatusField = "status";
    public const string PasswordField = "newPassword";
    public const string ConfirmPasswordField = "confirmPassword";
    public const string CurrentPasswordField = "currentPassword";

    public const int MinimumPasswordLength = 12;
    public const int MaximumPasswordLength = 128;

    /// <summary>Identity user claim that sends the admin to change their password before anything else.</summary>
    public const string MustChangePasswordClaim = "admincenter:must_change_password";

    /// <summary>Identity user claim holding the last successful sign-in (UTC, round-trip format).</summary>
    public const string LastSignInClaim = "admincenter:last_sign_in";

    /// <summary>Adding administrators and changing their roles.</summary>
    public static Permission AssignPermission { get; } = new(PermissionCategory.IntuneRoles, PermissionAction.Assign);

    /// <summary>Disabling, enabling, unlocking administrators and resetting their passwords.</summary>
    public static Permission ManagePermission { get; } = new(PermissionCategory.IntuneRoles, PermissionAction.Update);

    public const string EmailRequiredMessage = "Enter the administrator's email address.";
    public const string EmailInvalidMessage = "Enter a valid email address, such as name@contoso.com.";
    public const string EmailTakenMessage = "An administrator with this email address already exists.";
    public const string DisplayNameRequiredMessage = "Enter a display name.";
    public const string RolesRequiredMessage = "Select at least one role.";
    public const string UnknownRoleMessage = "Select roles from the list.";
    public const string LastGlobalAdministratorMessage =
        "This is the last enabled Global Administrator. Make another administrator a Global Administrator first.";
    public const string SelfRaiseMessage = "You can't give yourself permissions you don't have. Ask another administrator to change your roles.";
    public const string SelfDisableMessage = "You can't disable your own account.";
    public const string ConfirmMismatchMessage = "The passwords don't match.";
    public const string CurrentPasswordWrongMessage = "Your current password is incorrect.";
    public const string SamePasswordMessage = "Choose a password different from your current one.";

    public static string PermissionNeededMessage(Permission permission) =>
        $"You don't have permission to change administrators. It needs {permission}.";

    public static string? CheckEmail(string? email)
    {
        var value = email?.Trim() ?? "";
        if (value.Length == 0)
        {
            return EmailRequiredMessage;
        }
        var at = value.IndexOf('@', StringComparison.Ordinal);
        var valid = value.Length <= FieldRules.UserPrincipalNameMaxLength
            && at > 0 && at == value.LastIndexOf('@') && at < value.Length - 1
            && value[(at + 1)..].Contains('.', StringComparison.Ordinal) && !value.EndsWith('.')
            && value.All(c => c > ' ' && c < 0x7f);
        return valid ? null : EmailInvalidMessage;
    }

    public static string? CheckDisplayName(string? displayName)
    {
        var value = displayName?.Trim() ?? "";
        if (value.Length == 0)
        {
            return DisplayNameRequiredMessage;
        }
        return value.Length > FieldRules.NameMaxLength ? $"Use {FieldRules.NameMaxLength} characters or fewer."
            : value.Any(char.IsControl) ? "Remove the control characters." : null;
    }

    /// <summary>One or more roles, each one of <paramref name="known"/> (default: the built-in admin roles; the service passes the catalog's, custom roles included).</summary>
    public static string? CheckRoles(IReadOnlyCollection<string>? roles, IReadOnlyCollection<string>? known = null) =>
        roles is null || roles.Count == 0 ? RolesRequiredMessage
        : roles.All((known ?? AdminRoles.All).Contains) ? null : UnknownRoleMessage;

    public static string? CheckNewPassword(string? password) =>
        string.IsNullOrEmpty(password) ? "Enter a new password."
        : password.Length < MinimumPasswordLength ? $"Use at least {MinimumPasswordLength} characters."
        : password.Length > MaximumPasswordLength ? $"Use {MaximumPasswordLength} characters or fewer." : null;

    public static string? CheckConfirmation(string? password, string? confirmation) =>
        string.Equals(password, confirmation, StringComparison.Ordinal) ? null : ConfirmMismatchMessage;

    /// <summary>
    /// Refuses a change that would leave no enabled Global Administrator: <paramref name="enabledGlobalAdministrators"/>
    /// are the ids of the enabled Global Administrators now; <paramref name="targetId"/> loses the role or is disabled.
    /// </summary>
    public static string? CheckKeepsGlobalAdministrator(IReadOnlyCollection<string> enabledGlobalAdministrators, string targetId) =>
        enabledGlobalAdministrators.Count == 1 && enabledGlobalAdministrators.Contains(targetId) ? LastGlobalAdministratorMessage : null;

    /// <summary>An admin changing their own roles may only keep or lower their permissions.</summary>
    public static string? CheckNotSelfRaise(IEnumerable<string> currentRoles, IEnumerable<string> newRoles, Func<string, RoleDefinition?>? find = null)
    {
        find ??= BuiltInRoles.Find;
        var current = currentRoles.ToList();
        var raised = newRoles.Any(role => !current.Contains(role)
            && Permissions.All.Any(p => find(role)?.Allows(p) == true && !current.Any(held => find(held)?.Allows(p) == true)));
        return raised ? SelfRaiseMessage : null;
    }

    public static AdministratorStatus StatusOf(DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        lockoutEnd is not { } end || end <= now ? AdministratorStatus.Enabled
        : end == DateTimeOffset.MaxValue ? AdministratorStatus.Disabled : AdministratorStatus.Locked;

    /// <summary>A one-time password: 20 characters without lookalikes (no 0/O, 1/l/I), well over the minimum length.</summary>
    public static string NewOneTimePassword() =>
        RandomNumberGenerator.GetString("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789", 20);
}

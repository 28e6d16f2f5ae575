using AdminCenter.Core.Common;

namespace AdminCenter.Core.Roles;

/// <summary>What the custom role wizard (and its Edit) sends.</summary>
public sealed record CustomRoleInput(string? Name, string? Description, IReadOnlyCollection<Permission> Permissions);

/// <summary>The field rules of a custom role (spec 06); the same messages reach the wizard's fields and the service.</summary>
public static class CustomRoleRules
{
    public const string NameField = "displayName";
    public const string DescriptionField = "description";
    public const string PermissionsField = "permissions";
    public const string RoleField = "role";

    // A token stores its role's name in 64 characters.
    public const int MaxNameLength = 64;
    public const int MaxDescriptionLength = 1024;

    public const string NameRequiredMessage = "Enter a name for the role.";
    public const string NameTooLongMessage = "Use 64 characters or fewer.";
    public const string NameCharactersMessage = "Remove control characters and slashes (/ or \\) from the name.";
    public const string DescriptionTooLongMessage = "Use 1024 characters or fewer.";
    public const string DescriptionCharactersMessage = "Remove the control characters (line breaks and tabs are fine).";
    public const string PermissionsRequiredMessage = "Select Yes for at least one permission.";
    public const string UnknownPermissionMessage = "Choose permissions from the table.";
    public const string NotFoundMessage = "The role no longer exists; reload the list of roles.";

    public static string BuiltInClashMessage(string name) => $"'{name.Trim()}' is the name of a built-in role. Choose another name.";

    public static string NameTakenMessage(string name) => $"A role named '{name.Trim()}' already exists. Choose another name.";

    /// <summary>
    /// The name's own rule, then uniqueness against the built-in roles and <paramref name="otherCustomNames"/> (the tenant's
    /// other custom roles), both regardless of case.
    /// </summary>
    public static string? CheckName(string? name, IEnumerable<string> otherCustomNames)
    {
        if (CheckNameFormat(name) is { } format)
        {
            return format;
        }
        var value = name!.Trim();
        var key = CustomRole.Normalize(value);
        if (BuiltInRoles.All.Any(role => CustomRole.Normalize(role.Name) == key))
        {
            return BuiltInClashMessage(value);
        }
        return otherCustomNames.Any(other => CustomRole.Normalize(other) == key) ? NameTakenMessage(value) : null;
    }

    /// <summary>The name's own rule (required, length, characters), without uniqueness.</summary>
    public static string? CheckNameFormat(string? name)
    {
        var value = name?.Trim() ?? "";
        return value.Length == 0 ? NameRequiredMessage
            : value.Length > MaxNameLength ? NameTooLongMessage
            : value.Any(c => char.IsControl(c) || c is '/' or '\\') ? NameCharactersMessage : null;
    }

    public static string? CheckDescription(string? description)
    {
        var value = description ?? "";
        return value.Length > MaxDescriptionLength ? DescriptionTooLongMessage
            : value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) ? DescriptionCharactersMessage : null;
    }

    public static string? CheckPermissions(IReadOnlyCollection<Permission>? granted) =>
        granted is null || granted.Count == 0 ? PermissionsRequiredMessage
        : granted.All(Roles.Permissions.Exists) ? null : UnknownPermissionMessage;

    public static IReadOnlyList<ValidationProblem> Validate(CustomRoleInput input, IEnumerable<string> otherCustomNames)
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<ValidationProblem>();
        if (CheckName(input.Name, otherCustomNames) is { } name)
        {
            problems.Add(new(NameField, name, IsConflict: CheckNameFormat(input.Name) is null));
        }
        if (CheckDescription(input.Description) is { } description)
        {
            problems.Add(new(DescriptionField, description));
        }
        if (CheckPermissions(input.Permissions) is { } permissions)
        {
            problems.Add(new(PermissionsField, permissions));
        }
        return problems;
    }

    /// <summary>Why a role can't be deleted (or renamed) while assigned: everyone holding it, by name.</summary>
    public static string AssignedMessage(string roleName, IReadOnlyList<string> administrators, IReadOnlyList<string> tokens, string change = "deleted")
    {
        var holders = new List<string>();
        if (administrators.Count > 0)
        {
            holders.Add($"{(administrators.Count == 1 ? "administrator" : "administrators")} {string.Join(", ", administrators)}");
        }
        if (tokens.Count > 0)
        {
            holders.Add($"{(tokens.Count == 1 ? "API token" : "API tokens")} {string.Join(", ", tokens)}");
        }
        var fix = tokens.Count == 0 ? "Give them another role first (Tenant administration > Administrators)."
            : administrators.Count == 0 ? "Revoke the tokens first (Tenant administration > Connectors and tokens > API tokens)."
            : "Give the administrators another role (Tenant administration > Administrators) and revoke the tokens (Connectors and tokens > API tokens) first.";
        return $"'{roleName}' can't be {change} while it is assigned. It is held by {string.Join(" and ", holders)}. {fix}";
    }
}

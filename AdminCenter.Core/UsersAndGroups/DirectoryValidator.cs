using System.Text.RegularExpressions;
using AdminCenter.Core.Common;

namespace AdminCenter.Core.UsersAndGroups;

/// <summary>The directory's input rules (spec 04), shared by the pages, the services and the CSV import.</summary>
public static partial class DirectoryValidator
{
    public const int MaxNameLength = 256;
    public const int MaxDescriptionLength = 1024;

    public const string UserPrincipalNameField = "userPrincipalName";
    public const string DisplayNameField = "displayName";
    public const string DescriptionField = "description";
    public const string MembersField = "members";
    public const string IdField = "id";

    public const string UserPrincipalNameRequiredMessage = "User principal name is required.";
    public const string UserPrincipalNameFormatMessage = "User principal name must look like name@domain, for example alice@contoso.com.";
    public const string UserPrincipalNameTooLongMessage = "User principal name must be at most 256 characters.";
    public const string DisplayNameRequiredMessage = "Display name is required.";
    public const string DisplayNameTooLongMessage = "Display name must be at most 256 characters.";
    public const string GroupNameRequiredMessage = "Group name is required.";
    public const string GroupNameTooLongMessage = "Group name must be at most 256 characters.";
    public const string DescriptionTooLongMessage = "Group description must be at most 1024 characters.";

    public static string UserPrincipalNameTakenMessage(string userPrincipalName) =>
        $"A user with the user principal name {userPrincipalName.Trim()} already exists.";

    public const string UserNotFoundMessage = "This user does not exist. It may have been deleted.";

    public static string AlreadyMemberMessage(string userPrincipalName, string groupName) => $"{userPrincipalName} is already a member of {groupName}.";

    public static string GroupNameTakenMessage(string displayName) => $"A group named {displayName.Trim()} already exists.";

    public static IReadOnlyList<ValidationProblem> ValidateUser(UserInput input)
    {
        var problems = new List<ValidationProblem>();
        if (CheckUserPrincipalName(input.UserPrincipalName) is { } upnProblem)
        {
            problems.Add(new(UserPrincipalNameField, upnProblem));
        }
        if (CheckDisplayName(input.DisplayName) is { } nameProblem)
        {
            problems.Add(new(DisplayNameField, nameProblem));
        }
        return problems;
    }

    public static IReadOnlyList<ValidationProblem> ValidateGroup(GroupInput input)
    {
        var problems = new List<ValidationProblem>();
        if (CheckGroupName(input.DisplayName) is { } nameProblem)
        {
            problems.Add(new(DisplayNameField, nameProblem));
        }
        if (CheckGroupDescription(input.Description) is { } descriptionProblem)
        {
            problems.Add(new(DescriptionField, descriptionProblem));
        }
        return problems;
    }

    /// <summary>Why the user principal name is refused, or null when it is acceptable.</summary>
    public static string? CheckUserPrincipalName(string? userPrincipalName)
    {
        var value = userPrincipalName?.Trim() ?? "";
        if (value.Length == 0)
        {
            return UserPrincipalNameRequiredMessage;
        }
        if (value.Length > MaxNameLength)
        {
            return UserPrincipalNameTooLongMessage;
        }
        return UserPrincipalNamePattern().IsMatch(value) ? null : UserPrincipalNameFormatMessage;
    }

    public static string? CheckDisplayName(string? displayName) =>
        CheckName(displayName, DisplayNameRequiredMessage, DisplayNameTooLongMessage);

    public static string? CheckGroupName(string? displayName) =>
        CheckName(displayName, GroupNameRequiredMessage, GroupNameTooLongMessage);

    public static string? CheckGroupDescription(string? description) =>
        (description?.Trim().Length ?? 0) > MaxDescriptionLength ? DescriptionTooLongMessage : null;

    private static string? CheckName(string? value, string requiredMessage, string tooLongMessage)
    {
        var trimmed = value?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return requiredMessage;
        }
        return trimmed.Length > MaxNameLength ? tooLongMessage : null;
    }

    // name@domain as Entra ID accepts it: an RFC 5322 dot-atom before the @, and a DNS name of two or more labels after it.
    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$", RegexOptions.CultureInvariant)]
    private static partial Regex UserPrincipalNamePattern();
}

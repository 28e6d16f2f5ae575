namespace AdminCenter.Core.UsersAndGroups;

/// <summary>What an admin types for a user (Graph names: userPrincipalName, displayName, accountEnabled).</summary>
public sealed record UserInput(string? UserPrincipalName, string? DisplayName, bool AccountEnabled = true);

/// <summary>A user as lists and pickers show it.</summary>
public sealed record UserSummary(string Id, string UserPrincipalName, string DisplayName, bool AccountEnabled);

/// <summary>A user with the groups it belongs to.</summary>
public sealed record UserDetails(
    string Id,
    string UserPrincipalName,
    string DisplayName,
    bool AccountEnabled,
    DateTime CreatedDateTime,
    DateTime LastModifiedDateTime,
    IReadOnlyList<GroupReference> Groups);

/// <summary>What an admin types for a group (Graph names: displayName, description).</summary>
public sealed record GroupInput(string? DisplayName, string? Description);

/// <summary>A group as lists and pickers (the policy wizard's Assignments step among them) show it.</summary>
public sealed record GroupSummary(string Id, string DisplayName, string? Description, int MemberCount);

/// <summary>A group named from elsewhere, e.g. in a user's list of groups.</summary>
public sealed record GroupReference(string Id, string DisplayName, string? Description);

/// <summary>A user as a group's member list shows it.</summary>
public sealed record GroupMember(string UserId, string UserPrincipalName, string DisplayName);

public sealed record GroupDetails(
    string Id,
    string DisplayName,
    string? Description,
    DateTime CreatedDateTime,
    DateTime LastModifiedDateTime,
    IReadOnlyList<GroupMember> Members);

/// <summary>
/// One page of a list and the number of items in the whole (filtered) list; with <paramref name="TotalIsLowerBound"/>,
/// more than <paramref name="TotalCount"/> match (a broad search stops counting there).
/// </summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount, bool TotalIsLowerBound = false);

namespace AdminCenter.Core.UsersAndGroups;

/// <summary>A group of users; app protection policies are assigned to groups (spec 03, 04).</summary>
public sealed class DirectoryGroup
{
    private readonly List<GroupMembership> _members = [];

    private DirectoryGroup()
    {
    }

    public string Id { get; private set; } = "";

    /// <summary>Unique, compared case-insensitively through <see cref="NormalizedDisplayName"/>: CSV import names groups.</summary>
    public string DisplayName { get; private set; } = "";

    public string NormalizedDisplayName { get; private set; } = "";

    public string? Description { get; private set; }

    public DateTime CreatedDateTime { get; private set; }

    public DateTime LastModifiedDateTime { get; private set; }

    public IReadOnlyList<GroupMembership> Members => _members;

    public static DirectoryGroup Create(string displayName, string? description, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid().ToString(),
        DisplayName = displayName.Trim(),
        NormalizedDisplayName = Normalize(displayName),
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim(),
        CreatedDateTime = nowUtc,
        LastModifiedDateTime = nowUtc,
    };

    public static string Normalize(string displayName) => displayName.Trim().ToUpperInvariant();

    public void Update(string displayName, string? description, DateTime nowUtc)
    {
        DisplayName = displayName.Trim();
        NormalizedDisplayName = Normalize(displayName);
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        LastModifiedDateTime = nowUtc;
    }

    /// <summary>Adds the user unless already a member; returns whether it was added.</summary>
    public bool AddMember(string userId, DateTime nowUtc)
    {
        if (_members.Any(m => m.UserId == userId))
        {
            return false;
        }
        _members.Add(new GroupMembership(Id, userId, nowUtc));
        LastModifiedDateTime = nowUtc;
        return true;
    }

    public bool RemoveMember(string userId, DateTime nowUtc)
    {
        var removed = _members.RemoveAll(m => m.UserId == userId) > 0;
        if (removed)
        {
            LastModifiedDateTime = nowUtc;
        }
        return removed;
    }
}

/// <summary>A user's membership of a group.</summary>
public sealed class GroupMembership(string groupId, string userId, DateTime addedDateTime)
{
    public string GroupId { get; private set; } = groupId;

    public string UserId { get; private set; } = userId;

    public DateTime AddedDateTime { get; private set; } = addedDateTime;
}

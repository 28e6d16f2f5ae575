namespace AdminCenter.Core.Roles;

/// <summary>The permission categories of spec 06, with Intune's names where Intune has one.</summary>
public enum PermissionCategory
{
    MobileThreatDefense,
    ManagedApps,
    Filters,
    Organization,
    IntuneRoles,
    AuditData,
}

/// <summary>What a permission lets its holder do within a category.</summary>
public enum PermissionAction
{
    Read,
    Create,
    Update,
    Delete,
    Assign,
    Wipe,
    Modify,
}

/// <summary>One permission, shown (and named in a 403) as "Category/Action", e.g. "Managed apps/Update".</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "Spec 06's word for it; not a code access security permission.")]
public readonly record struct Permission(PermissionCategory Category, PermissionAction Action)
{
    public override string ToString() => $"{Permissions.Label(Category)}/{Action}";
}

/// <summary>The permission table of spec 06: which actions each category has, and what each covers.</summary>
public static class Permissions
{
    private static readonly Dictionary<PermissionCategory, (string Label, PermissionAction[] Actions, string Covers)> Table = new()
    {
        [PermissionCategory.MobileThreatDefense] = ("Mobile Threat Defense", [PermissionAction.Read, PermissionAction.Modify],
            "connectors, partner secrets, classic Conditional Access policies"),
        [PermissionCategory.ManagedApps] = ("Managed apps",
            [PermissionAction.Read, PermissionAction.Create, PermissionAction.Update, PermissionAction.Delete, PermissionAction.Assign, PermissionAction.Wipe],
            "app protection and app configuration policies, registrations, wipe requests"),
        [PermissionCategory.Filters] = ("Filters", [PermissionAction.Read, PermissionAction.Create, PermissionAction.Update, PermissionAction.Delete],
            "assignment filters"),
        [PermissionCategory.Organization] = ("Organization", [PermissionAction.Read, PermissionAction.Update],
            "users, groups, CSV import, Conditional Access, tenant name"),
        [PermissionCategory.IntuneRoles] = ("Intune roles",
            [PermissionAction.Read, PermissionAction.Create, PermissionAction.Update, PermissionAction.Delete, PermissionAction.Assign],
            "roles, role assignments, administrators, API tokens"),
        [PermissionCategory.AuditData] = ("Audit data", [PermissionAction.Read], "audit logs, sign-in logs"),
    };

    /// <summary>Every permission that exists, category by category in the table's order.</summary>
    public static IReadOnlyList<Permission> All { get; } =
        [.. Enum.GetValues<PermissionCategory>().SelectMany(category => Table[category].Actions.Select(action => new Permission(category, action)))];

    /// <summary>Every category's Read.</summary>
    public static IReadOnlyList<Permission> EveryRead { get; } = [.. Enum.GetValues<PermissionCategory>().Select(c => new Permission(c, PermissionAction.Read))];

    public static string Label(PermissionCategory category) => Table[category].Label;

    public static string Covers(PermissionCategory category) => Table[category].Covers;

    public static IReadOnlyList<PermissionAction> ActionsOf(PermissionCategory category) => Table[category].Actions;

    public static bool Exists(Permission permission) => Table[permission.Category].Actions.Contains(permission.Action);

    /// <summary>Every permission of <paramref name="category"/>.</summary>
    public static IEnumerable<Permission> AllOf(PermissionCategory category) => Table[category].Actions.Select(action => new Permission(category, action));

    /// <summary>Reads "Managed apps/Update" back (case-insensitive); null when it names no permission of the table.</summary>
    public static Permission? Parse(string? text)
    {
        var slash = text?.LastIndexOf('/') ?? -1;
        if (slash <= 0)
        {
            return null;
        }
        var label = text![..slash].Trim();
        var category = Table.FirstOrDefault(entry => string.Equals(entry.Value.Label, label, StringComparison.OrdinalIgnoreCase)).Key;
        if (!string.Equals(Table[category].Label, label, StringComparison.OrdinalIgnoreCase)
            || !Enum.TryParse<PermissionAction>(text[(slash + 1)..].Trim(), ignoreCase: true, out var action))
        {
            return null;
        }
        var permission = new Permission(category, action);
        return Exists(permission) ? permission : null;
    }
}

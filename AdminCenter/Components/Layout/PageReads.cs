using AdminCenter.Core.Roles;

namespace AdminCenter.Components.Layout;

/// <summary>The Read permission of each category (spec 06), as pages name what they need to be shown at all.</summary>
public static class PageReads
{
    public static Permission MobileThreatDefense { get; } = new(PermissionCategory.MobileThreatDefense, PermissionAction.Read);
    public static Permission ManagedApps { get; } = new(PermissionCategory.ManagedApps, PermissionAction.Read);
    public static Permission Organization { get; } = new(PermissionCategory.Organization, PermissionAction.Read);
    public static Permission IntuneRoles { get; } = new(PermissionCategory.IntuneRoles, PermissionAction.Read);
    public static Permission AuditData { get; } = new(PermissionCategory.AuditData, PermissionAction.Read);
}

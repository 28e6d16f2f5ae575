using AdminCenter.Core.Identity;
using AdminCenter.Core.Roles;

namespace AdminCenter.Tests.Core.Identity;

public sealed class AdminRolesTests
{
    [Fact]
    public void All_EveryBuiltInRoleButManagedAppClient_InSpecOrder()
    {
        var expected = BuiltInRoles.All.Select(r => r.Name).Where(n => n != BuiltInRoles.ManagedAppClientName);

        Assert.Equal(expected, AdminRoles.All);
        Assert.Equal(7, AdminRoles.All.Count);
    }

    [Fact]
    public void Allowing_ManagedAppsUpdate_AddsApplicationManagerNotHelpDesk()
    {
        var updaters = AdminRoles.Allowing(new(PermissionCategory.ManagedApps, PermissionAction.Update));

        Assert.Equal([AdminRoles.GlobalAdministrator, AdminRoles.IntuneAdministrator, AdminRoles.ApplicationManager], updaters);
        Assert.DoesNotContain(AdminRoles.HelpDeskOperator, updaters);
    }

    [Fact]
    public void Allowing_ManagedAppsWipe_HelpDeskAndEndpointSecurityButNotApplicationManager()
    {
        var wipers = AdminRoles.Allowing(new(PermissionCategory.ManagedApps, PermissionAction.Wipe));

        Assert.Equal([AdminRoles.GlobalAdministrator, AdminRoles.IntuneAdministrator, AdminRoles.EndpointSecurityManager, AdminRoles.HelpDeskOperator], wipers);
    }

    [Fact]
    public void Allowing_MobileThreatDefenseModify_GlobalIntuneAndEndpointSecurity()
    {
        var modifiers = AdminRoles.Allowing(new(PermissionCategory.MobileThreatDefense, PermissionAction.Modify));

        Assert.Equal([AdminRoles.GlobalAdministrator, AdminRoles.IntuneAdministrator, AdminRoles.EndpointSecurityManager], modifiers);
    }

    [Fact]
    public void Allowing_IntuneRolesCreateAndUpdate_GlobalAndRoleAdministrators()
    {
        string[] expected = [AdminRoles.GlobalAdministrator, AdminRoles.IntuneRoleAdministrator];

        Assert.Equal(expected, AdminRoles.Allowing(new(PermissionCategory.IntuneRoles, PermissionAction.Create)));
        Assert.Equal(expected, AdminRoles.Allowing(new(PermissionCategory.IntuneRoles, PermissionAction.Update)));
    }

    [Theory]
    [MemberData(nameof(EveryPermission))]
    public void Allowing_EveryPermission_MatchesBuiltInRolesAllows(string permissionText)
    {
        var permission = Permissions.Parse(permissionText)!.Value;

        var allowing = AdminRoles.Allowing(permission);

        Assert.Equal(AdminRoles.All.Where(name => BuiltInRoles.Find(name)!.Allows(permission)), allowing);
        Assert.Contains(AdminRoles.GlobalAdministrator, allowing);
    }

    public static TheoryData<string> EveryPermission => [.. Permissions.All.Select(p => p.ToString())];
}

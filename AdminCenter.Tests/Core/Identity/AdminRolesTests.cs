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
    public void ManagedAppsUpdaters_DerivedFromManagedAppsUpdate_AddsApplicationManagerNotHelpDesk()
    {
        var updaters = AdminRoles.ManagedAppsUpdaters;

        Assert.Equal([AdminRoles.GlobalAdministrator, AdminRoles.IntuneAdministrator, AdminRoles.ApplicationManager], updaters);
        Assert.DoesNotContain(AdminRoles.HelpDeskOperator, updaters);
    }

    [Fact]
    public void AppProtectionModifiers_ApiListForUpdateWipeAndOrganization_KeepsItsMeaning()
    {
        var modifiers = AdminRoles.AppProtectionModifiers;

        Assert.Equal([AdminRoles.GlobalAdministrator, AdminRoles.IntuneAdministrator], modifiers);
    }

    [Fact]
    public void AppDataWipers_DerivedFromManagedAppsWipe_HelpDeskAndEndpointSecurityButNotApplicationManager()
    {
        var wipers = AdminRoles.AppDataWipers;

        Assert.Equal([AdminRoles.GlobalAdministrator, AdminRoles.IntuneAdministrator, AdminRoles.EndpointSecurityManager, AdminRoles.HelpDeskOperator], wipers);
    }

    [Fact]
    public void MobileThreatDefenseModifiers_DerivedFromModify_KeepsExistingMeaning()
    {
        var modifiers = AdminRoles.MobileThreatDefenseModifiers;

        Assert.Equal([AdminRoles.GlobalAdministrator, AdminRoles.IntuneAdministrator, AdminRoles.EndpointSecurityManager], modifiers);
    }

    [Fact]
    public void ApiTokenAndAdministratorManagers_DerivedFromIntuneRoles_GlobalAndRoleAdministrators()
    {
        string[] expected = [AdminRoles.GlobalAdministrator, AdminRoles.IntuneRoleAdministrator];

        Assert.Equal(expected, AdminRoles.ApiTokenManagers);
        Assert.Equal(expected, AdminRoles.AdministratorManagers);
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

using AdminCenter.Core.Roles;

namespace AdminCenter.Tests.Core.Roles;

public sealed class BuiltInRolesTests
{
    private const string R = "Read";

    // Spec 06's built-in role table, written out per category so a change to a role definition must change this too.
    public static TheoryData<string, string, string> Grants => new()
    {
        { BuiltInRoles.IntuneAdministratorName, "Mobile Threat Defense", "Read Modify" },
        { BuiltInRoles.IntuneAdministratorName, "Managed apps", "Read Create Update Delete Assign Wipe" },
        { BuiltInRoles.IntuneAdministratorName, "Filters", "Read Create Update Delete" },
        { BuiltInRoles.IntuneAdministratorName, "Organization", "Read Update" },
        { BuiltInRoles.IntuneAdministratorName, "Intune roles", R },
        { BuiltInRoles.IntuneAdministratorName, "Audit data", R },
        { BuiltInRoles.IntuneRoleAdministratorName, "Mobile Threat Defense", R },
        { BuiltInRoles.IntuneRoleAdministratorName, "Managed apps", R },
        { BuiltInRoles.IntuneRoleAdministratorName, "Filters", R },
        { BuiltInRoles.IntuneRoleAdministratorName, "Organization", R },
        { BuiltInRoles.IntuneRoleAdministratorName, "Intune roles", "Read Create Update Delete Assign" },
        { BuiltInRoles.IntuneRoleAdministratorName, "Audit data", R },
        { BuiltInRoles.EndpointSecurityManagerName, "Mobile Threat Defense", "Read Modify" },
        { BuiltInRoles.EndpointSecurityManagerName, "Managed apps", "Read Wipe" },
        { BuiltInRoles.EndpointSecurityManagerName, "Filters", R },
        { BuiltInRoles.EndpointSecurityManagerName, "Organization", R },
        { BuiltInRoles.EndpointSecurityManagerName, "Intune roles", "" },
        { BuiltInRoles.EndpointSecurityManagerName, "Audit data", R },
        { BuiltInRoles.ApplicationManagerName, "Mobile Threat Defense", R },
        { BuiltInRoles.ApplicationManagerName, "Managed apps", "Read Create Update Delete Assign" },
        { BuiltInRoles.ApplicationManagerName, "Filters", "Read Create Update Delete" },
        { BuiltInRoles.ApplicationManagerName, "Organization", R },
        { BuiltInRoles.ApplicationManagerName, "Intune roles", "" },
        { BuiltInRoles.ApplicationManagerName, "Audit data", "" },
        { BuiltInRoles.HelpDeskOperatorName, "Mobile Threat Defense", R },
        { BuiltInRoles.HelpDeskOperatorName, "Managed apps", "Read Wipe" },
        { BuiltInRoles.HelpDeskOperatorName, "Filters", R },
        { BuiltInRoles.HelpDeskOperatorName, "Organization", R },
        { BuiltInRoles.HelpDeskOperatorName, "Intune roles", R },
        { BuiltInRoles.HelpDeskOperatorName, "Audit data", R },
        { BuiltInRoles.ReadOnlyOperatorName, "Mobile Threat Defense", R },
        { BuiltInRoles.ReadOnlyOperatorName, "Managed apps", R },
        { BuiltInRoles.ReadOnlyOperatorName, "Filters", R },
        { BuiltInRoles.ReadOnlyOperatorName, "Organization", R },
        { BuiltInRoles.ReadOnlyOperatorName, "Intune roles", R },
        { BuiltInRoles.ReadOnlyOperatorName, "Audit data", R },
    };

    [Theory]
    [MemberData(nameof(Grants))]
    public void Allows_BuiltInRoleAndCategory_GrantsExactlyTheSpecsActions(string roleName, string category, string expected)
    {
        var role = BuiltInRoles.Find(roleName)!;
        var categoryValue = Enum.GetValues<PermissionCategory>().Single(c => Permissions.Label(c) == category);

        var granted = Permissions.ActionsOf(categoryValue).Where(action => role.Allows(new(categoryValue, action)));

        Assert.Equal(expected, string.Join(' ', granted));
    }

    [Fact]
    public void Grants_Table_CoversEveryBuiltInRoleButGlobalAdministratorAndManagedAppClientInEveryCategory()
    {
        var covered = Grants.Select(row => ((string)row[0], (string)row[1])).ToHashSet();

        foreach (var role in BuiltInRoles.All.Where(r => r.Name is not BuiltInRoles.GlobalAdministratorName and not BuiltInRoles.ManagedAppClientName))
        {
            Assert.All(Enum.GetValues<PermissionCategory>(), category => Assert.Contains((role.Name, Permissions.Label(category)), covered));
        }
    }

    [Fact]
    public void GlobalAdministrator_EveryPermission_IsAllowed() =>
        Assert.All(Permissions.All, permission => Assert.True(BuiltInRoles.GlobalAdministrator.Allows(permission), permission.ToString()));

    [Fact]
    public void ManagedAppClient_NoPermissionOfTheTable_IsAllowed() =>
        Assert.All(Permissions.All, permission => Assert.False(BuiltInRoles.ManagedAppClient.Allows(permission), permission.ToString()));

    [Fact]
    public void Allows_AnyPermissionOfACategory_ImpliesItsRead()
    {
        var role = new RoleDefinition("Wipers", "", IsBuiltIn: false, new HashSet<Permission> { new(PermissionCategory.ManagedApps, PermissionAction.Wipe) });

        Assert.True(role.Allows(new(PermissionCategory.ManagedApps, PermissionAction.Read)));
        Assert.False(role.Allows(new(PermissionCategory.ManagedApps, PermissionAction.Update)));
        Assert.False(role.Allows(new(PermissionCategory.Filters, PermissionAction.Read)));
    }

    [Fact]
    public void All_BuiltInRoles_AreReadOnlyWithDistinctNamesInTheSpecsOrder()
    {
        Assert.Equal(
            ["Global Administrator", "Intune Administrator", "Intune Role Administrator", "Endpoint Security Manager", "Application Manager",
             "Help Desk Operator", "Read Only Operator", "Managed app client"],
            BuiltInRoles.All.Select(r => r.Name));
        Assert.All(BuiltInRoles.All, role => Assert.True(role.IsBuiltIn));
        Assert.All(BuiltInRoles.All, role => Assert.False(string.IsNullOrWhiteSpace(role.Description)));
    }

    [Fact]
    public void Summary_EndpointSecurityManager_ListsOnlyCategoriesWithSomethingGranted()
    {
        var summary = BuiltInRoles.EndpointSecurityManager.Summary();

        Assert.DoesNotContain(summary, entry => entry.Category == PermissionCategory.IntuneRoles);
        Assert.Equal([PermissionAction.Read, PermissionAction.Wipe], summary.Single(entry => entry.Category == PermissionCategory.ManagedApps).Actions);
    }

    [Fact]
    public void Holders_ManagedAppsCreate_AreTheRolesTheSpecGivesIt() =>
        Assert.Equal(["Global Administrator", "Intune Administrator", "Application Manager"],
            BuiltInRoles.Holders(new(PermissionCategory.ManagedApps, PermissionAction.Create)));

    [Fact]
    public void AnyAllows_RoleNamesOfAPrincipal_AllowsWhenOneGrantsIt()
    {
        var wipe = new Permission(PermissionCategory.ManagedApps, PermissionAction.Wipe);

        Assert.True(BuiltInRoles.AnyAllows(["Read Only Operator", "help desk operator"], wipe));
        Assert.False(BuiltInRoles.AnyAllows(["Read Only Operator", "Application Manager", "No such role"], wipe));
        Assert.False(BuiltInRoles.AnyAllows([], wipe));
    }
}

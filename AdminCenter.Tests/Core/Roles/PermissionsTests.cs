using AdminCenter.Core.Roles;

namespace AdminCenter.Tests.Core.Roles;

public sealed class PermissionsTests
{
    [Fact]
    public void All_SpecTable_HasEachCategoriesActionsAndNothingElse()
    {
        Assert.Equal(
            ["Mobile Threat Defense/Read", "Mobile Threat Defense/Modify",
             "Managed apps/Read", "Managed apps/Create", "Managed apps/Update", "Managed apps/Delete", "Managed apps/Assign", "Managed apps/Wipe",
             "Filters/Read", "Filters/Create", "Filters/Update", "Filters/Delete",
             "Organization/Read", "Organization/Update",
             "Intune roles/Read", "Intune roles/Create", "Intune roles/Update", "Intune roles/Delete", "Intune roles/Assign",
             "Audit data/Read"],
            Permissions.All.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("Managed apps/Update", PermissionCategory.ManagedApps, PermissionAction.Update)]
    [InlineData("mobile threat defense/modify", PermissionCategory.MobileThreatDefense, PermissionAction.Modify)]
    [InlineData(" Audit data / Read ", PermissionCategory.AuditData, PermissionAction.Read)]
    public void Parse_ItsOwnLabel_ReadsThePermissionBack(string text, PermissionCategory category, PermissionAction action) =>
        Assert.Equal(new Permission(category, action), Permissions.Parse(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Managed apps")]
    [InlineData("/Read")]
    [InlineData("Filters/Wipe")]
    [InlineData("Audit data/Update")]
    [InlineData("Devices/Read")]
    [InlineData("Managed apps/Fly")]
    public void Parse_NoPermissionOfTheTable_IsNull(string? text) => Assert.Null(Permissions.Parse(text));

    [Fact]
    public void Parse_EveryPermission_RoundTripsThroughItsLabel() =>
        Assert.All(Permissions.All, permission => Assert.Equal(permission, Permissions.Parse(permission.ToString())));
}

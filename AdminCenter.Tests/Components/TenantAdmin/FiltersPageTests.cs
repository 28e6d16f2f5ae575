using AdminCenter.Components.Assignments;
using AdminCenter.Components.Pages.TenantAdmin.Filters;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Roles;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Tests.Components.TenantAdmin;

public sealed class FiltersPageTests : MudTestContext
{
    private AssignmentFilterService Filters => Services.GetRequiredService<AssignmentFilterService>();

    private static Actor Admin => new(ActorKind.Administrator, AdminName, Permissions.All.ToHashSet());

    [Fact]
    public async Task Render_IntuneAdministrator_ListsFiltersWithPlatformAndManagementType()
    {
        Authorization.SetRoles(AdminRoles.IntuneAdministrator);
        await Filters.CreateAsync(Admin, new AssignmentFilterDraft { DisplayName = "Surface devices", Rule = "app.deviceManufacturer -eq \"Microsoft Corporation\"" });
        RenderPopoverProvider();

        var cut = Render<FiltersPage>();

        cut.WaitForAssertion(() => Assert.Contains("Surface devices", cut.Find(".filters-table tbody").TextContent, StringComparison.Ordinal));
        var cells = cut.FindAll(".filters-table tbody td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["Surface devices", "Windows", "Apps"], cells.Take(3));
    }

    [Fact]
    public void Render_RoleWithoutFiltersRead_ShowsNoPermissionNamingIt()
    {
        Authorization.SetRoles();
        RenderPopoverProvider();

        var cut = Render<FiltersPage>();

        cut.WaitForAssertion(() => Assert.Contains("Filters/Read", cut.Find("[data-testid=no-permission]").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll(".filters-table"));
    }

    [Fact]
    public async Task AssignedGroupsTable_IncludedGroupWithFilter_ShowsFilterAndModeColumns()
    {
        var filter = (await Filters.CreateAsync(Admin, new AssignmentFilterDraft { DisplayName = "Corporate models", Rule = "app.deviceModel -eq \"Surface Pro 9\"" })).Value!;
        RenderPopoverProvider();

        var cut = Render<AssignedGroupsTable>(parameters => parameters
            .Add(p => p.GroupIds, ["g1", "g2"])
            .Add(p => p.GroupNames, new Dictionary<string, string> { ["g1"] = "Finance", ["g2"] = "Sales" })
            .Add(p => p.ShowFilters, true)
            .Add(p => p.Filters, [new IncludedGroupFilter("g1", filter.Id, AssignmentFilterMode.Exclude)]));

        cut.WaitForAssertion(() => Assert.Equal(["Corporate models", "Exclude"], Values(cut.FindAll("tbody tr")[0])));
        Assert.Equal(["Group", "Filter", "Filter mode", "Remove"], cut.FindAll("thead th").Select(th => th.TextContent.Trim()));
        Assert.Equal("None", Values(cut.FindAll("tbody tr")[1])[0]);
    }

    private static List<string> Values(AngleSharp.Dom.IElement row) =>
        [.. row.QuerySelectorAll("input").Select(i => i.GetAttribute("value") ?? "").Where(v => v.Length > 0)];

    [Fact]
    public void AssignedGroupsTable_ExcludedGroups_HaveNoFilterColumns()
    {
        var cut = Render<AssignedGroupsTable>(parameters => parameters
            .Add(p => p.GroupIds, ["g1"])
            .Add(p => p.GroupNames, new Dictionary<string, string> { ["g1"] = "Finance" })
            .Add(p => p.ShowFilters, false));

        Assert.Equal(["Group", "Remove"], cut.FindAll("thead th").Select(th => th.TextContent.Trim()));
    }
}

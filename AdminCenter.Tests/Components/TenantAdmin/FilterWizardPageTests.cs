using AdminCenter.Components.Pages.TenantAdmin.Filters;
using AdminCenter.Core.Filters;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Roles;
using AdminCenter.Tests.TestSupport;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminCenter.Tests.Components.TenantAdmin;

public sealed class FilterWizardPageTests : MudTestContext
{
    public FilterWizardPageTests() => Authorization.SetRoles(AdminRoles.IntuneAdministrator);

    private AssignmentFilterService Filters => Services.GetRequiredService<AssignmentFilterService>();

    private static Actor Admin => new(ActorKind.Administrator, AdminName, Permissions.All.ToHashSet());

    [Fact]
    public void Render_Basics_StaysUnderTheComponentBudget()
    {
        var cut = RenderWizard();

        cut.AssertStepDrawnAsMarkup();
        Assert.Equal(["Filter name", "Description", "Platform"], cut.FindAll(".wizard-body label").Select(l => l.TextContent.Trim()));
        Assert.Equal("Windows", cut.InputByLabel("Platform").GetAttribute("value"));
    }

    [Fact]
    public async Task Name_TakenByAnotherFilter_MessageAtTheFieldAndNextDisabledUntilChanged()
    {
        await Filters.CreateAsync(Admin, new AssignmentFilterDraft { DisplayName = "Surface devices", Rule = "app.deviceManufacturer -eq \"Microsoft Corporation\"" });
        var cut = RenderWizard();

        cut.InputByLabel("Filter name").Input("Surface devices");

        cut.WaitForAssertion(() => Assert.Contains("already exists", cut.FieldOf("Filter name").TextContent, StringComparison.Ordinal));
        Assert.True(Button(cut, "Next").HasAttribute("disabled"));
        Assert.Contains("Next is unavailable until this is fixed", cut.Find("[data-testid=disabled-reason]").TextContent, StringComparison.Ordinal);

        cut.InputByLabel("Filter name").Input("Surface laptops");

        cut.WaitForAssertion(() => Assert.False(Button(cut, "Next").HasAttribute("disabled")));
        Assert.Empty(cut.FindAll("[data-testid=disabled-reason]"));
        await cut.InvokeAsync(() => Button(cut, "Next").Click());
        cut.WaitForAssertion(() => Assert.Equal("Rules", cut.Find(".wizard-body h2").TextContent.Trim()));
    }

    [Fact]
    public async Task Edit_ExistingFilter_FieldsShowItsNameAndDescription()
    {
        var filter = (await Filters.CreateAsync(Admin, new AssignmentFilterDraft
        {
            DisplayName = "Corporate models",
            Description = "Surface Pro 9 only",
            Rule = "app.deviceModel -eq \"Surface Pro 9\"",
        })).Value!;

        var cut = RenderWizard(filter.Id);

        Assert.Equal("Corporate models", cut.InputByLabel("Filter name").GetAttribute("value"));
        Assert.Equal("Surface Pro 9 only", cut.InputByLabel("Description").GetAttribute("value"));
        Assert.Equal("Edit filter steps", cut.Find("nav.wizard-steps").GetAttribute("aria-label"));
    }

    [Fact]
    public void Leave_AfterTyping_AsksFirst()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderWizard();
        var navigation = Services.GetRequiredService<NavigationManager>();
        var start = navigation.Uri;

        cut.InputByLabel("Filter name").Input("Surface laptops");
        cut.InvokeAsync(() => navigation.NavigateTo("/tenant-admin/filters"));

        dialogs.WaitForAssertion(() => Assert.Contains("This filter has not been created", dialogs.Markup, StringComparison.Ordinal));
        cut.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep editing").Click());
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll(".mud-dialog")));
        Assert.Equal(start, navigation.Uri);
    }

    private IRenderedComponent<FilterWizardPage> RenderWizard(string? id = null)
    {
        RenderPopoverProvider();
        var cut = Render<FilterWizardPage>(parameters => parameters.Add(p => p.Id, id));
        cut.WaitForAssertion(() => cut.Find(".wizard-body"));
        return cut;
    }

    private static IElement Button(IRenderedComponent<FilterWizardPage> cut, string text) =>
        cut.FindAll(".wizard-footer button").Single(b => b.TextContent.Trim() == text);
}

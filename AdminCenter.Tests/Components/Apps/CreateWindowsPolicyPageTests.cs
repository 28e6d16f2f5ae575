using AdminCenter.Components.Pages.Apps.AppProtection;
using AdminCenter.Core.AppProtection;
using AdminCenter.Tests.TestSupport;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminCenter.Tests.Components.Apps;

public sealed class CreateWindowsPolicyPageTests : MudTestContext
{
    [Fact]
    public void Render_Basics_NextDisabledUntilNamed()
    {
        var cut = RenderWizard();

        Assert.True(NextButton(cut).HasAttribute("disabled"));
        Assert.Equal("Windows", cut.InputByLabel("Platform").GetAttribute("value"));

        cut.TypeInto("Name", "Edge baseline");

        cut.WaitForAssertion(() => Assert.False(NextButton(cut).HasAttribute("disabled")));
    }

    [Fact]
    public void Render_RoleThatMayOnlyRead_SaysSoAndNamesThePermissionInsteadOfTheWizard()
    {
        SignInAs(AdminCenter.Core.Roles.BuiltInRoles.EndpointSecurityManager);
        RenderPopoverProvider();

        var cut = Render<CreateWindowsPolicyPage>();

        cut.WaitForAssertion(() => Assert.Contains("You don't have permission to view this page", cut.Find("[data-testid=no-permission]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Managed apps/Create", cut.Find("[data-testid=no-permission]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Next" or "Create");
        Assert.Empty(cut.FindAll("input"));
    }

    [Fact]
    public void Steps_BlankPolicy_ShowEveryDefaultOfSpec03()
    {
        var cut = RenderWizard();
        cut.TypeInto("Name", "Edge baseline");

        Next(cut, "Apps");
        var edge = cut.Find(".apps-table input[type=checkbox]");
        Assert.False(edge.HasAttribute("checked"));
        Assert.True(NextButton(cut).HasAttribute("disabled"));
        edge.Change(true);
        Next(cut, "Data protection");
        Assert.Equal("All sources", cut.InputByLabel("Receive data from").GetAttribute("value"));
        Assert.Equal("All destinations", cut.InputByLabel("Send org data to").GetAttribute("value"));
        Assert.Equal("Any destination and any source", cut.InputByLabel("Allow cut, copy, and paste for").GetAttribute("value"));
        Assert.Equal("Allow", cut.InputByLabel("Print org data").GetAttribute("value"));
        Next(cut, "Health checks");
        var rows = cut.FindAll(".health-row");
        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => RowValue(r) == "720" && r.TextContent.Contains("minutes", StringComparison.Ordinal));
        Assert.Contains(rows, r => RowValue(r) == "90" && r.TextContent.Contains("days", StringComparison.Ordinal));
        Next(cut, "Scope tags");
        Assert.Contains("Default", cut.Find(".scope-tags-table").TextContent, StringComparison.Ordinal);
        Next(cut, "Assignments");
        Assert.Contains("No groups selected.", cut.Find(".included-groups").TextContent, StringComparison.Ordinal);
        Next(cut, "Review + create");
        Assert.Contains("Microsoft Edge", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void HealthChecks_BadMinOsVersion_ShowsHintAtRowAndDisablesNext()
    {
        var cut = RenderWizard("level2");
        cut.TypeInto("Name", "Edge level 2");
        Next(cut, "Apps");
        Next(cut, "Data protection");
        Next(cut, "Health checks");

        cut.Find(".health-row[data-setting='MinOsVersion'] input:not([readonly])").Input("22631.3155");
        cut.Find(".health-row[data-setting='MinOsVersion'] input:not([readonly])").Blur();

        cut.WaitForAssertion(() => Assert.Contains("10.0.22631.3155", cut.Find(".health-problem").TextContent, StringComparison.Ordinal));
        Assert.True(NextButton(cut).HasAttribute("disabled"));
    }

    [Fact]
    public void HealthChecks_ThreatRowSwitchedToWarnIsNotOffered_ActionsAreBlockAndWipeOnly()
    {
        var cut = RenderWizard("level1");
        cut.TypeInto("Name", "Edge level 1");
        Next(cut, "Apps");
        Next(cut, "Data protection");
        Next(cut, "Health checks");

        var threatRow = cut.Find(".health-row[data-setting='MaxAllowedDeviceThreatLevel']");

        Assert.Equal("Low", threatRow.QuerySelectorAll("input")[1].GetAttribute("value"));
        Assert.Equal("Block access", threatRow.QuerySelectorAll("input")[2].GetAttribute("value"));
        Assert.Equal([HealthCheckAction.Block, HealthCheckAction.Wipe], HealthChecks.Definition(HealthCheckSetting.MaxAllowedDeviceThreatLevel).Actions);
    }

    [Fact]
    public void PreviousNext_RoundTrip_KeepsEveryValue()
    {
        var cut = RenderWizard("level3");
        cut.TypeInto("Name", "Edge level 3");
        cut.TypeInto("Description", "For finance");
        Next(cut, "Apps");
        Next(cut, "Data protection");
        Next(cut, "Health checks");
        cut.Find(".health-row[data-setting='MaxOsVersion'] input:not([readonly])").Input("10.0.22700");
        cut.Find(".health-row[data-setting='MaxOsVersion'] input:not([readonly])").Blur();

        Previous(cut, "Data protection");
        Assert.Equal("No sources", cut.InputByLabel("Receive data from").GetAttribute("value"));
        Previous(cut, "Apps");
        Previous(cut, "Basics");
        Assert.Equal("Edge level 3", cut.InputByLabel("Name").GetAttribute("value"));
        Assert.Equal("For finance", cut.InputByLabel("Description").GetAttribute("value"));
        Next(cut, "Apps");
        Next(cut, "Data protection");
        Next(cut, "Health checks");

        Assert.Equal("10.0.22700", RowValue(cut.Find(".health-row[data-setting='MaxOsVersion']")));
        Assert.Equal(5 + 1, cut.FindAll(".health-row").Count);
    }

    [Fact]
    public async Task Create_Level2WithName_SavesNothingBeforeCreateThenSavesThePolicy()
    {
        var cut = RenderWizard("level2");
        cut.TypeInto("Name", "Edge level 2");
        foreach (var step in new[] { "Apps", "Data protection", "Health checks", "Scope tags", "Assignments", "Review + create" })
        {
            Next(cut, step);
        }
        Assert.Empty(await Policies.ListAsync(new PolicyListQuery()));

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Create").Click();

        cut.WaitForAssertion(() => Assert.Single(Policies.ListAsync(new PolicyListQuery()).GetAwaiter().GetResult()));
        var saved = (await Policies.ListAsync(new PolicyListQuery()))[0];
        var details = await Policies.GetAsync(saved.Id);
        Assert.Equal(PolicyTemplates.Create(PolicyTemplateLevel.Level2Enhanced).HealthChecks, details!.Draft.HealthChecks);
    }

    [Fact]
    public async Task Basics_TakenNameThenBlur_KeepsTheMessageAtTheFieldAndSaysWhyNextIsDisabled()
    {
        Assert.True((await Policies.CreateAsync(PolicyTemplates.Create(PolicyTemplateLevel.Level1Basic) with { DisplayName = "Edge finance" }, TestActors.Named(AdminName))).Succeeded);
        var cut = RenderWizard();

        cut.TypeInto("Name", "EDGE FINANCE");

        cut.WaitForAssertion(() => Assert.Contains("A Windows policy named 'EDGE FINANCE' already exists", cut.FieldOf("Name").TextContent, StringComparison.Ordinal), TimeSpan.FromSeconds(2));
        cut.InputByLabel("Name").Blur();
        cut.WaitForAssertion(() => Assert.Contains("already exists", cut.FieldOf("Name").TextContent, StringComparison.Ordinal));
        Assert.True(NextButton(cut).HasAttribute("disabled"));
        Assert.Contains("Next is unavailable until this is fixed: A Windows policy named 'EDGE FINANCE' already exists",
            cut.Find("[data-testid='disabled-reason']").TextContent, StringComparison.Ordinal);

        cut.TypeInto("Name", "Edge finance 2");

        cut.WaitForAssertion(() => Assert.DoesNotContain("already exists", cut.FieldOf("Name").TextContent, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.False(NextButton(cut).HasAttribute("disabled")));
        Assert.Empty(cut.FindAll("[data-testid='disabled-reason']"));
    }

    [Fact]
    public void Basics_EmptyNameThenBlur_ShowsRequiredAtTheFieldAndBesideNext()
    {
        var cut = RenderWizard();
        Assert.Contains("Name is required.", cut.Find("[data-testid='disabled-reason']").TextContent, StringComparison.Ordinal);

        cut.InputByLabel("Name").Blur();

        cut.WaitForAssertion(() => Assert.Contains("Name is required.", cut.FieldOf("Name").TextContent, StringComparison.Ordinal));
        Assert.True(NextButton(cut).HasAttribute("disabled"));
    }

    [Fact]
    public async Task Template_PickedAfterNameAndDescriptionTyped_KeepsBothAndAppliesTheSettings()
    {
        var cut = RenderWizard();
        cut.TypeInto("Name", "Edge typed first");
        cut.TypeInto("Description", "Typed before the template");

        cut.Find(".mud-select .mud-input-control").Click();
        cut.WaitForAssertion(() => Assert.Single(cut.FindComponents<MudSelect<PolicyTemplateLevel?>>()));
        var templates = cut.FindComponent<MudSelect<PolicyTemplateLevel?>>();
        await cut.InvokeAsync(() => templates.Instance.SelectOption(PolicyTemplateLevel.Level3High));

        cut.WaitForAssertion(() => Assert.Equal("Level 3 high data protection", cut.InputByLabel("Start from a template").GetAttribute("value")));
        Assert.Equal("Edge typed first", cut.InputByLabel("Name").GetAttribute("value"));
        Assert.Equal("Typed before the template", cut.InputByLabel("Description").GetAttribute("value"));
        Next(cut, "Apps");
        Next(cut, "Data protection");
        Assert.Equal("Block", cut.InputByLabel("Print org data").GetAttribute("value"));
    }

    [Fact]
    public void Render_Basics_StaysUnderTheComponentBudget()
    {
        var cut = RenderWizard();

        // The blade (with its title and section), the step list, the template select's stand-in and the Basics section:
        // the text fields, buttons, requirements and the disabled reason are drawn by the page and the section.
        cut.AssertStepDrawnAsMarkup(budget: 6);
        Assert.Empty(cut.FindComponents<MudSelect<PolicyTemplateLevel?>>());
    }

    [Fact]
    public void Template_StandIn_IsTheNamedComboboxShowingTheCurrentTemplate()
    {
        var cut = RenderWizard("level1");

        var combobox = cut.InputByLabel("Start from a template");
        Assert.Equal("combobox", combobox.GetAttribute("role"));
        Assert.Equal("Start from a template", combobox.GetAttribute("aria-label"));
        Assert.Equal("Level 1 basic data protection", combobox.GetAttribute("value"));
        Assert.Contains("Prefills every setting", cut.Find($"#{combobox.GetAttribute("aria-describedby")}").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Enter")]
    [InlineData(" ")]
    [InlineData("ArrowDown")]
    public void Template_KeyOnTheStandIn_PutsTheRealSelectInItsPlace(string key)
    {
        var cut = RenderWizard();

        cut.InputByLabel("Start from a template").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = key });

        cut.WaitForAssertion(() => Assert.Single(cut.FindComponents<MudSelect<PolicyTemplateLevel?>>()));
        Assert.Equal("None (start from defaults)", cut.InputByLabel("Start from a template").GetAttribute("value"));
    }

    [Fact]
    public void Template_TabPressedOnTheStandIn_StaysMarkup()
    {
        var cut = RenderWizard();

        cut.InputByLabel("Start from a template").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Tab" });

        Assert.Empty(cut.FindComponents<MudSelect<PolicyTemplateLevel?>>());
    }

    [Fact]
    public void Basics_NameTyped_CommitsAtOnceWithCounterRaisedLabelAndHelperText()
    {
        var cut = RenderWizard();

        cut.InputByLabel("Name").Input("Edge");

        var name = cut.InputByLabel("Name");
        Assert.Equal("Edge", name.GetAttribute("value"));
        Assert.Contains("mud-shrink", name.ParentElement!.ClassList);
        Assert.Contains("4 / 256", cut.FieldOf("Name").TextContent, StringComparison.Ordinal);
        Assert.Equal("Required; unique among Windows policies", cut.Find($"#{name.GetAttribute("aria-describedby")}").TextContent);
        Assert.Equal("false", name.GetAttribute("aria-invalid"));
        Assert.False(NextButton(cut).HasAttribute("disabled"));
    }

    [Fact]
    public void Basics_NameClearedAfterTyping_ShowsRequiredAsTheFieldsDescription()
    {
        var cut = RenderWizard();
        cut.InputByLabel("Name").Input("Edge");

        cut.InputByLabel("Name").Input("");

        var name = cut.InputByLabel("Name");
        Assert.Equal("true", name.GetAttribute("aria-invalid"));
        Assert.Equal("Name is required.", cut.Find($"#{name.GetAttribute("aria-describedby")}").TextContent);
        Assert.Contains("mud-input-error", cut.FieldOf("Name").ClassList);
        Assert.True(NextButton(cut).HasAttribute("disabled"));
    }

    private IRenderedComponent<CreateWindowsPolicyPage> RenderWizard(string? template = null)
    {
        RenderPopoverProvider();
        if (template is not null)
        {
            Services.GetRequiredService<NavigationManager>().NavigateTo($"/apps/app-protection/create/windows?template={template}");
        }
        var cut = Render<CreateWindowsPolicyPage>();
        cut.WaitForAssertion(() => cut.Find(".wizard-body"));
        return cut;
    }

    private static IElement NextButton(IRenderedComponent<CreateWindowsPolicyPage> cut) =>
        cut.FindAll(".wizard-footer button").Single(b => b.TextContent.Trim() == "Next");

    private static void Next(IRenderedComponent<CreateWindowsPolicyPage> cut, string expectedStep)
    {
        // A debounced field commits on blur and re-renders the footer: click the Next of the latest render.
        cut.WaitForAssertion(() =>
        {
            var next = NextButton(cut);
            Assert.False(next.HasAttribute("disabled"));
            next.Click();
        });
        cut.WaitForAssertion(() => Assert.Equal(expectedStep, cut.Find(".wizard-body h2").TextContent.Trim()));
    }

    private static void Previous(IRenderedComponent<CreateWindowsPolicyPage> cut, string expectedStep)
    {
        // Find and click in one step on the renderer, so a re-render (a debounced field committing) cannot come between.
        cut.InvokeAsync(() => cut.FindAll(".wizard-footer button").Single(b => b.TextContent.Trim() == "Previous").Click()).GetAwaiter().GetResult();
        cut.WaitForAssertion(() => Assert.Equal(expectedStep, cut.Find(".wizard-body h2").TextContent.Trim()));
    }

    private static string? RowValue(IElement row) => row.QuerySelectorAll("input")[1].GetAttribute("value");
}

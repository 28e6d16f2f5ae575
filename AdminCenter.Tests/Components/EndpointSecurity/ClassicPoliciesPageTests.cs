using AdminCenter.Components.Pages.EndpointSecurity;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace AdminCenter.Tests.Components.EndpointSecurity;

public sealed class ClassicPoliciesPageTests : MudTestContext
{
    private const string LookoutId = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    private const string PolicyName = "Lookout for Work Mobile Threat Defense";

    public ClassicPoliciesPageTests()
    {
        Services.AddSingleton<ClassicPolicyService>();
    }

    private ClassicPolicyService ClassicPolicies => Services.GetRequiredService<ClassicPolicyService>();

    [Fact]
    public async Task Delete_Canceled_KeepsThePolicyAfterWarningWhatItMeans()
    {
        await ProvisionLookoutAsync();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ClassicPoliciesPage>();
        cut.WaitForAssertion(() => DeleteButton(cut).Click());

        dialogs.WaitForAssertion(() => Assert.Contains($"Delete {PolicyName}?", dialogs.Markup, StringComparison.Ordinal));
        Assert.Contains("only deleting the Lookout for Work connector and setting it up again recreates it", dialogs.Markup, StringComparison.Ordinal);
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Cancel").Click();

        dialogs.WaitForAssertion(() => Assert.DoesNotContain($"Delete {PolicyName}?", dialogs.Markup, StringComparison.Ordinal));
        Assert.Single(await ClassicPolicies.ListAsync());
        Assert.Single(cut.FindAll(".classic-policy-table tbody tr"));
    }

    [Fact]
    public async Task Delete_Confirmed_RemovesTheRowAndFlagsTheConnector()
    {
        await ProvisionLookoutAsync();
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<ClassicPoliciesPage>();
        cut.WaitForAssertion(() => DeleteButton(cut).Click());

        dialogs.WaitForAssertion(() => dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Delete").Click());

        cut.WaitForAssertion(() => Assert.Contains("No classic policies", cut.Markup, StringComparison.Ordinal));
        Assert.Empty(await ClassicPolicies.ListAsync());
        Assert.True((await Connectors.GetAsync(LookoutId))!.ClassicPolicyDeleted);
    }

    [Fact]
    public async Task Render_Reader_ListsThePolicyWithoutDelete()
    {
        await ProvisionLookoutAsync();
        SignInAsReader();

        var cut = Render<ClassicPoliciesPage>();

        cut.WaitForAssertion(() => Assert.Contains("Lookout for Work", cut.Find(".classic-policy-table tbody tr").TextContent, StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("button[aria-label^='Delete']"));
    }

    private async Task ProvisionLookoutAsync()
    {
        await Connectors.CreateAsync(LookoutId, null, TestActors.Named(AdminName));
        Assert.True((await Connectors.RecordHeartbeatAsync(LookoutId, null)).Succeeded);
    }

    private static AngleSharp.Dom.IElement DeleteButton(IRenderedComponent<ClassicPoliciesPage> cut) =>
        cut.Find($"button[aria-label='Delete {PolicyName}']");
}

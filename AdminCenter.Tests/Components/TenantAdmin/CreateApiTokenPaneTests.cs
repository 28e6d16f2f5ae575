using AdminCenter.Components.Pages.TenantAdmin.ConnectorsAndTokens.ApiTokens;
using AdminCenter.Core.ApiTokens;
using AdminCenter.Core.Identity;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Tests.Components.TenantAdmin;

public sealed class CreateApiTokenPaneTests : MudTestContext
{
    [Fact]
    public void Create_Empty_ShowsEachRuleAtItsFieldAndCreatesNothing()
    {
        var cut = Render<CreateApiTokenPane>(parameters => parameters.Add(p => p.Actor, TestActors.Admin(AdminName)));

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Create").Click();

        cut.WaitForAssertion(() => Assert.Contains(ApiTokenRules.NameRequiredMessage, cut.Markup, StringComparison.Ordinal));
        Assert.Contains(ApiTokenRules.RoleRequiredMessage, cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll(".token-value"));
    }

    [Fact]
    public async Task Create_NameTakenMeanwhile_ShowsTheServersMessageAtTheNameAndKeepsItThroughBlur()
    {
        var tokens = Services.GetRequiredService<ApiTokenService>();
        await tokens.CreateAsync(new ApiTokenInput("CI pipeline", AdminRoles.ReadOnlyOperator, Clock.GetUtcNow().UtcDateTime.AddDays(30)), TestActors.Named("admin"));
        var popovers = RenderPopoverProvider();
        var cut = Render<CreateApiTokenPane>(parameters => parameters.Add(p => p.Actor, TestActors.Admin(AdminName)));
        var nameInput = cut.Find("input");
        nameInput.Change("CI pipeline");
        nameInput.Blur();
        cut.FindAll(".mud-select")[0].QuerySelector(".mud-input-control")!.MouseDown();
        cut.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == AdminRoles.ReadOnlyOperator).Click());

        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Create").Click();
        cut.WaitForAssertion(() => Assert.Contains(ApiTokenRules.NameTakenMessage("CI pipeline"), cut.Markup, StringComparison.Ordinal));
        cut.Find("input").Blur();

        cut.WaitForAssertion(() => Assert.Contains(ApiTokenRules.NameTakenMessage("CI pipeline"), cut.Markup, StringComparison.Ordinal));
        Assert.Single(await tokens.ListAsync());
    }
}

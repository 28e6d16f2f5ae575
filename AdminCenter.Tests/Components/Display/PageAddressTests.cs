using AdminCenter.Components.Display;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Tests.Components.Display;

public sealed class PageAddressTests : BunitContext
{
    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public void Replace_OnTheSamePage_WritesTheAddressAndKnowsItsEcho()
    {
        Navigation.NavigateTo("/apps/monitor/app-protection-status");
        var address = new PageAddress(Navigation);

        address.Replace("/apps/monitor/app-protection-status?search=megan");

        Assert.EndsWith("/apps/monitor/app-protection-status?search=megan", Navigation.Uri, StringComparison.Ordinal);
        Assert.True(address.IsOwnEcho());
    }

    [Fact]
    public void Replace_AfterTheAdminLeftForAnotherPage_LeavesThemThere()
    {
        Navigation.NavigateTo("/apps/monitor/app-protection-status");
        var address = new PageAddress(Navigation);
        Navigation.NavigateTo("/users/some-user");

        address.Replace("/apps/monitor/app-protection-status?search=megan");

        Assert.EndsWith("/users/some-user", Navigation.Uri, StringComparison.Ordinal);
    }
}

using AdminCenter.Components.Display;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.JSInterop;

namespace AdminCenter.Tests.Components.Display;

public sealed class PageAddressTests : BunitContext
{
    private const string StatusPath = "/apps/monitor/app-protection-status";

    public PageAddressTests() => JSInterop.Mode = JSRuntimeMode.Strict;

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    [Fact]
    public async Task ReplaceAsync_OnTheSamePage_AsksTheBrowserToWriteItWhileStillThere()
    {
        var write = JSInterop.SetupVoid(PageAddress.ReplaceFunction, _ => true);
        write.SetVoidResult();
        Navigation.NavigateTo(StatusPath);
        var address = new PageAddress(Navigation, Services.GetRequiredService<IJSRuntime>());

        await address.ReplaceAsync(StatusPath + "?search=megan");

        var call = Assert.Single(write.Invocations);
        // The browser compares the path with where it is now: a link clicked meanwhile wins.
        Assert.Equal(StatusPath, call.Arguments[0]);
        Assert.EndsWith(StatusPath + "?search=megan", (string)call.Arguments[1]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IsOwnEcho_TheAddressItWrote_IsRecognisedOnce()
    {
        JSInterop.SetupVoid(PageAddress.ReplaceFunction, _ => true).SetVoidResult();
        Navigation.NavigateTo(StatusPath);
        var address = new PageAddress(Navigation, Services.GetRequiredService<IJSRuntime>());
        await address.ReplaceAsync(StatusPath + "?search=megan");

        Navigation.NavigateTo(StatusPath + "?search=megan", replace: true);

        Assert.True(address.IsOwnEcho());
        Assert.False(address.IsOwnEcho());
    }

    [Fact]
    public async Task ReplaceAsync_TheSameAddressTwice_WritesOnce()
    {
        var write = JSInterop.SetupVoid(PageAddress.ReplaceFunction, _ => true);
        write.SetVoidResult();
        Navigation.NavigateTo(StatusPath);
        var address = new PageAddress(Navigation, Services.GetRequiredService<IJSRuntime>());

        await address.ReplaceAsync(StatusPath + "?outcome=block");
        await address.ReplaceAsync(StatusPath + "?outcome=block");
        await address.ReplaceAsync(StatusPath);

        Assert.Equal(2, write.Invocations.Count);
    }

    [Fact]
    public async Task ReplaceAsync_AfterTheServerLearnedOfAnotherPage_WritesNothing()
    {
        Navigation.NavigateTo(StatusPath);
        var address = new PageAddress(Navigation, Services.GetRequiredService<IJSRuntime>());
        Navigation.NavigateTo("/users/some-user");

        // Strict interop: any browser call here would throw.
        await address.ReplaceAsync(StatusPath + "?search=megan");

        Assert.EndsWith("/users/some-user", Navigation.Uri, StringComparison.Ordinal);
    }
}

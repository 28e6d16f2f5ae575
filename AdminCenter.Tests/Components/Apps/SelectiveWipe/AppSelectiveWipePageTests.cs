using AdminCenter.Components.Pages.Apps.SelectiveWipe;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Core.Wipe;
using AdminCenter.Tests.Components.UsersAndGroups;
using AdminCenter.Tests.Core.Wipe;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace AdminCenter.Tests.Components.Apps.SelectiveWipe;

public sealed class AppSelectiveWipePageTests : DirectoryTestContext
{
    public AppSelectiveWipePageTests()
    {
        Wipes = new WipeService(Database, Clock, NullLogger<WipeService>.Instance);
        Services.AddSingleton(Wipes);
    }

    private WipeService Wipes { get; }

    private DateTime Now => Clock.GetUtcNow().UtcDateTime;

    [Fact]
    public async Task CreatePane_UserPicked_ListsOnlyThatUsersDevicesWithApp()
    {
        var megan = await SeedUserAsync("megan@contoso.com", "Megan Bowen");
        await WipeTestData.EnrollAsync(Database, megan, "device-1", "MEGAN-LAPTOP", Now);
        await WipeTestData.EnrollAsync(Database, megan, "device-2", "MEGAN-DESKTOP", Now);
        var adele = await SeedUserAsync("adele@contoso.com", "Adele Vance");
        await WipeTestData.EnrollAsync(Database, adele, "device-3", "ADELE-PC", Now);
        var popovers = RenderPopoverProvider();
        var cut = Render<AppSelectiveWipePage>();
        cut.WaitForAssertion(() => Button(cut, "Create wipe request").Click());

        PickSingleUser(cut, popovers, "meg", "Megan Bowen");
        OpenDeviceList(cut);

        popovers.WaitForAssertion(() => Assert.Equal(
            ["MEGAN-DESKTOP · Microsoft Edge", "MEGAN-LAPTOP · Microsoft Edge"],
            popovers.FindAll("div.mud-list-item").Select(i => i.TextContent.Trim())));
    }

    [Fact]
    public async Task CreatePane_DeviceChosen_CreatesAPendingRequestShownInTheTable()
    {
        var megan = await SeedUserAsync("megan@contoso.com", "Megan Bowen");
        var laptop = await WipeTestData.EnrollAsync(Database, megan, "device-1", "MEGAN-LAPTOP", Now);
        var popovers = RenderPopoverProvider();
        var cut = Render<AppSelectiveWipePage>();
        cut.WaitForAssertion(() => Button(cut, "Create wipe request").Click());
        PickSingleUser(cut, popovers, "megan", "Megan Bowen");
        OpenDeviceList(cut);

        popovers.WaitForAssertion(() => popovers.FindAll("div.mud-list-item").Single(i => i.TextContent.Contains("MEGAN-LAPTOP", StringComparison.Ordinal)).Click());
        cut.WaitForAssertion(() => Assert.False(Button(cut, "Create").HasAttribute("disabled")));
        Button(cut, "Create").Click();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".wipe-requests-table tbody tr")));
        var cells = cut.Find(".wipe-requests-table tbody tr").QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Contains("megan@contoso.com", cells[0], StringComparison.Ordinal);
        Assert.Equal(["MEGAN-LAPTOP", "device-1"], cells[1].Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("Microsoft Edge", cells[2]);
        Assert.StartsWith("Pending", cells[3], StringComparison.Ordinal);
        var stored = Assert.Single((await Wipes.ListRequestsAsync(0, 10)).Items);
        Assert.Equal((laptop.Id, WipeRequestOrigin.Manual, AdminName), (stored.RegistrationId, stored.Origin, stored.CreatedBy));
    }

    [Fact]
    public async Task CreatePane_DeviceWipedMeanwhile_ShowsWhyAtTheDeviceFieldThroughBlur()
    {
        var megan = await SeedUserAsync("megan@contoso.com", "Megan Bowen");
        var laptop = await WipeTestData.EnrollAsync(Database, megan, "device-1", "MEGAN-LAPTOP", Now);
        var popovers = RenderPopoverProvider();
        var cut = Render<AppSelectiveWipePage>();
        cut.WaitForAssertion(() => Button(cut, "Create wipe request").Click());
        PickSingleUser(cut, popovers, "megan", "Megan Bowen");
        OpenDeviceList(cut);
        popovers.WaitForAssertion(() => popovers.FindAll("div.mud-list-item").Single(i => i.TextContent.Contains("MEGAN-LAPTOP", StringComparison.Ordinal)).Click());
        cut.WaitForAssertion(() => Assert.False(Button(cut, "Create").HasAttribute("disabled")));
        // Another admin asks for the same wipe while this pane is open.
        Assert.True((await Wipes.CreateManualAsync(laptop.Id, TestActors.Named("other.admin@contoso.com"))).Succeeded);

        Button(cut, "Create").Click();
        cut.WaitForAssertion(() => Assert.Contains("is already pending", DeviceFieldError(cut), StringComparison.Ordinal));
        await cut.Find(".device-select input").BlurAsync(new Microsoft.AspNetCore.Components.Web.FocusEventArgs());

        cut.WaitForAssertion(() => Assert.Contains("is already pending", DeviceFieldError(cut), StringComparison.Ordinal));
        Assert.Single((await Wipes.ListRequestsAsync(0, 10)).Items);
    }

    private static string DeviceFieldError(IRenderedComponent<AppSelectiveWipePage> cut) =>
        string.Concat(cut.FindAll(".device-select .mud-input-helper-text.mud-input-error").Select(e => e.TextContent));

    [Fact]
    public async Task WipeRequestsTable_PendingAndCompleted_OffersDeleteOnlyForPending()
    {
        var megan = await SeedUserAsync("megan@contoso.com", "Megan Bowen");
        var laptop = await WipeTestData.EnrollAsync(Database, megan, "device-1", "MEGAN-LAPTOP", Now);
        var desktop = await WipeTestData.EnrollAsync(Database, megan, "device-2", "MEGAN-DESKTOP", Now);
        await Wipes.CreateManualAsync(laptop.Id, TestActors.Named(AdminName));
        Clock.Advance(TimeSpan.FromMinutes(5));
        await Wipes.CreateManualAsync(desktop.Id, TestActors.Named(AdminName));
        await Wipes.CompleteAsync(desktop.Id, succeeded: false, "Files were in use");

        var cut = Render<AppSelectiveWipePage>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".wipe-requests-table tbody tr").Count));
        var rows = cut.FindAll(".wipe-requests-table tbody tr");
        Assert.Contains("Failed", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Files were in use", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Empty(rows[0].QuerySelectorAll("button"));
        Assert.Contains("Pending", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(["Delete wipe request"], rows[1].QuerySelectorAll("button").Select(b => b.GetAttribute("aria-label")));
    }

    [Fact]
    public async Task WipeRequestsTable_MorePendingRows_AddsNoComponent()
    {
        var megan = await SeedUserAsync("megan@contoso.com", "Megan Bowen");
        await SeedPendingRequestsAsync(megan, from: 0, count: 2);
        var twoRows = ComponentsWithRows(2);

        await SeedPendingRequestsAsync(megan, from: 2, count: 10);
        var twelveRows = ComponentsWithRows(12);

        // Every open tab keeps its components in memory: a row (its cells, chip and Delete button) must add none.
        Assert.Equal(twoRows, twelveRows);
    }

    [Fact]
    public async Task WipeRequestsTable_ValuesWithMarkupCharacters_ShowAsTextInTheSameCells()
    {
        var eve = await SeedUserAsync("eve@contoso.com", "<b>Eve</b> & \"Co\"");
        var device = await WipeTestData.EnrollAsync(Database, eve, "<img src=x onerror=alert(1)>", "PC <1>", Now);
        await Wipes.CreateManualAsync(device.Id, TestActors.Named(AdminName));
        await Wipes.CompleteAsync(device.Id, succeeded: false, "<script>x</script> in use");

        var cut = Render<AppSelectiveWipePage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".wipe-requests-table tbody tr")));
        var row = cut.Find(".wipe-requests-table tbody tr");
        Assert.Empty(row.QuerySelectorAll("b, img, script"));
        Assert.Equal(["<b>Eve</b> & \"Co\"", "PC <1>", "<script>x</script> in use"],
            row.QuerySelectorAll(".cell-user:not(.caption), .cell-device:not(.caption), .cell-message").Select(e => e.TextContent));
        Assert.Equal("Entra device ID: <img src=x onerror=alert(1)>", row.QuerySelector(".cell-device")!.GetAttribute("title"));
        Assert.Equal(["User", "Device name", "App", "Status", "Created", "Completed", "Message", "Actions"],
            row.QuerySelectorAll("td").Select(td => td.GetAttribute("data-label")));
        Assert.Contains("mud-chip-color-error", row.QuerySelector("[data-status='failed']")!.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Address_StatusInTheQuery_OpensWithOnlyThoseRequestsAndTheFilterShown()
    {
        var megan = await SeedUserAsync("megan@contoso.com", "Megan Bowen");
        var laptop = await WipeTestData.EnrollAsync(Database, megan, "device-1", "MEGAN-LAPTOP", Now);
        var desktop = await WipeTestData.EnrollAsync(Database, megan, "device-2", "MEGAN-DESKTOP", Now);
        await Wipes.CreateManualAsync(laptop.Id, TestActors.Named(AdminName));
        await Wipes.CreateManualAsync(desktop.Id, TestActors.Named(AdminName));
        await Wipes.CompleteAsync(desktop.Id, succeeded: false, "Files were in use");
        Services.GetRequiredService<NavigationManager>().NavigateTo("/apps/selective-wipe?status=failed");

        var cut = Render<AppSelectiveWipePage>();

        cut.WaitForAssertion(() => Assert.Contains("MEGAN-DESKTOP", Assert.Single(cut.FindAll(".wipe-requests-table tbody tr")).TextContent, StringComparison.Ordinal));
        Assert.Equal("Failed", cut.FindAll(".mud-input-control").First(c => c.QuerySelector("label")?.TextContent.Trim() == "Status")
            .QuerySelector("input")!.GetAttribute("value"));
    }

    [Fact]
    public async Task DeleteWipeRequest_Confirmed_RemovesThePendingRequest()
    {
        var megan = await SeedUserAsync("megan@contoso.com", "Megan Bowen");
        var laptop = await WipeTestData.EnrollAsync(Database, megan, "device-1", "MEGAN-LAPTOP", Now);
        await Wipes.CreateManualAsync(laptop.Id, TestActors.Named(AdminName));
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<AppSelectiveWipePage>();
        cut.WaitForAssertion(() => cut.Find("button[aria-label='Delete wipe request']").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("Delete wipe request?", dialogs.Markup, StringComparison.Ordinal));
        dialogs.FindAll("button").First(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => Assert.Contains("No wipe requests", cut.Find(".wipe-requests-table tbody").TextContent, StringComparison.Ordinal));
        Assert.Empty((await Wipes.ListRequestsAsync(0, 10)).Items);
    }

    [Fact]
    public async Task AppSelectiveWipePage_Reader_HasNoCreateOrDelete()
    {
        var megan = await SeedUserAsync("megan@contoso.com", "Megan Bowen");
        var laptop = await WipeTestData.EnrollAsync(Database, megan, "device-1", "MEGAN-LAPTOP", Now);
        await Wipes.CreateManualAsync(laptop.Id, TestActors.Named(AdminName));
        SignInAsReader();

        var cut = Render<AppSelectiveWipePage>();

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".wipe-requests-table tbody tr")));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Create wipe request" or "Delete");
    }

    [Fact]
    public async Task UserLevelWipe_UserAdded_IsListedWithRemove()
    {
        await SeedUserAsync("lee@contoso.com", "Lee Gu");
        var popovers = RenderPopoverProvider();
        var cut = Render<AppSelectiveWipePage>();
        cut.WaitForAssertion(() => cut.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == "User-Level Wipe").Click());
        cut.WaitForAssertion(() => Field(cut, "User to add"));

        PickSingleUser(cut, popovers, "lee", "Lee Gu", "User to add");
        Button(cut, "Add").Click();

        cut.WaitForAssertion(() => Assert.Contains("lee@contoso.com", cut.Find(".user-level-table tbody").TextContent, StringComparison.Ordinal));
        Assert.Equal(["Remove"], cut.Find(".user-level-table tbody tr").QuerySelectorAll("button").Select(b => b.TextContent.Trim()));
        Assert.Equal("lee@contoso.com", Assert.Single(await Wipes.ListUserLevelWipesAsync()).UserPrincipalName);
    }

    private async Task SeedPendingRequestsAsync(DirectoryUser user, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            var device = await WipeTestData.EnrollAsync(Database, user, $"device-{i}", $"PC-{i:D2}", Now);
            await Wipes.CreateManualAsync(device.Id, TestActors.Named(AdminName));
        }
    }

    private int ComponentsWithRows(int rows)
    {
        var cut = Render<AppSelectiveWipePage>();
        cut.WaitForAssertion(() => Assert.Equal(rows, cut.FindAll(".wipe-requests-table tbody tr button[aria-label='Delete wipe request']").Count));
        return cut.FindComponents<IComponent>().Count;
    }

    private Task<DirectoryUser> SeedUserAsync(string upn, string displayName) => WipeTestData.AddUserAsync(Database, upn, displayName, Now);

    private void PickSingleUser(IRenderedComponent<AppSelectiveWipePage> cut, IRenderedComponent<MudPopoverProvider> popovers, string text, string displayName, string label = "User")
    {
        cut.WaitForAssertion(() => Field(cut, label));
        Type(cut, label, text);
        ElapseDebounce();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").First(i => i.TextContent.Contains(displayName, StringComparison.Ordinal)).Click());
        cut.WaitForAssertion(() => Assert.Equal(displayName, Field(cut, label).QuerySelector("input")!.GetAttribute("value")));
    }

    private static void OpenDeviceList(IRenderedComponent<AppSelectiveWipePage> cut) =>
        cut.WaitForAssertion(() =>
        {
            var device = Field(cut, "Device");
            Assert.DoesNotContain("mud-disabled", device.InnerHtml, StringComparison.Ordinal);
            device.MouseDown();
        });
}

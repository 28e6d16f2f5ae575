using AdminCenter.Components.Pages;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Tests.Core.Mam;
using AdminCenter.Tests.TestSupport;
using AngleSharp.Dom;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Tests.Components.Apps.Monitor;

public sealed class HomePageStatusTilesTests : MudTestContext
{
    private readonly StatusSeed _seed;

    public HomePageStatusTilesTests()
    {
        _seed = new StatusSeed(Database, Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task HomePage_Registrations_CountsThemByOutcomeAndDevicesByThreatLevel()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        await _seed.RegistrationAsync(alice, "PC-1", 5, EvaluationOutcome.Block, DeviceThreatLevel.High);
        await _seed.RegistrationAsync(alice, "PC-2", 10, EvaluationOutcome.Block);
        await _seed.RegistrationAsync(alice, "PC-3", 15, EvaluationOutcome.Allow, DeviceThreatLevel.Secured);

        var cut = Render<HomePage>();

        cut.WaitForAssertion(() => Assert.Equal("3", Tile(cut, "App protection registrations").QuerySelector(".tile-figure")!.TextContent.Trim()));
        Assert.Equal(["Allowed 1", "Blocked 2"], Counts(Tile(cut, "App protection registrations")));
        Assert.Equal(["Secured 1", "High 1", "Not reported 1"], Counts(Tile(cut, "Devices by threat level")));
        Assert.Equal("/apps/monitor/app-protection-status", Tile(cut, "App protection registrations").QuerySelector("a")!.GetAttribute("href"));
        Assert.NotNull(Tile(cut, "Mobile Threat Defense connectors"));
    }

    [Fact]
    public void HomePage_NoRegistrations_ExplainsWhereTheyComeFrom()
    {
        var cut = Render<HomePage>();

        cut.WaitForAssertion(() => Assert.Contains("No registrations yet.", Tile(cut, "App protection registrations").TextContent, StringComparison.Ordinal));
        Assert.Contains("No devices yet.", Tile(cut, "Devices by threat level").TextContent, StringComparison.Ordinal);
    }

    private static IElement Tile(IRenderedComponent<HomePage> cut, string label) => cut.Find($"[aria-label='{label}']");

    private static List<string> Counts(IElement tile) =>
        [.. tile.QuerySelectorAll(".status-counts li").Select(li => string.Join(' ', li.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))];
}

using AdminCenter.Components.Pages.Users;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Tests.Core.Mam;
using AdminCenter.Tests.TestSupport;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Tests.Components.Apps.Monitor;

public sealed class UserAppProtectionSectionTests : MudTestContext
{
    private const string Reasons = """
        [{"policyId":"p1","policyName":"Edge level 2","setting":"maximumAllowedDeviceThreatLevel","expected":"Low or lower","actual":"High",
          "action":"block","remediation":"Open Windows Security and resolve the threats it lists."}]
        """;

    private readonly StatusSeed _seed;

    public UserAppProtectionSectionTests()
    {
        _seed = new StatusSeed(Database, Clock.GetUtcNow().UtcDateTime);
    }

    [Fact]
    public async Task Section_BlockedRegistration_ShowsHealthOutcomeReasonsAndHistoryInWords()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        var laptop = await _seed.RegistrationAsync(alice, "ALICE-LAPTOP", 5, EvaluationOutcome.Block, DeviceThreatLevel.High, "Edge level 2", Reasons);
        await _seed.OutcomeChangeAsync(laptop, null, EvaluationOutcome.Allow, 60, "No app protection policy applies");
        await _seed.OutcomeChangeAsync(laptop, EvaluationOutcome.Allow, EvaluationOutcome.Block, 5, "Edge level 2: maximumAllowedDeviceThreatLevel expected Low or lower, actual High (block)");

        var cut = Render<UserAppProtectionSection>(parameters => parameters.Add(p => p.UserId, alice.Id));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll(".registration")));
        var registration = cut.Find(".registration");
        Assert.Equal("Microsoft Edge on ALICE-LAPTOP", registration.QuerySelector(".registration-title")!.TextContent.Trim());
        Assert.Equal("High reported Nov 25, 2026, 7:54 AM UTC by Windows Security Center",
            Normalize(registration.QuerySelector("[data-testid='threat-level']")!.TextContent));
        Assert.Equal("Blocked since Nov 25, 2026, 7:55 AM UTC", Normalize(registration.QuerySelector("[data-testid='outcome']")!.TextContent));
        Assert.Equal(
            ["Edge level 2", "Max allowed device threat level", "Low or lower", "High", "Block access", "Open Windows Security and resolve the threats it lists."],
            cut.FindAll(".reasons-table tbody td").Select(td => td.TextContent.Trim()));
        var history = cut.FindAll(".outcome-history-table tbody tr").Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(
            ["Nov 25, 2026, 7:55 AM UTC", "Microsoft Edge", "ALICE-LAPTOP", "Allowed", "Blocked", "Edge level 2: Max allowed device threat level expected Low or lower, actual High (Block access)"],
            history[0]);
        Assert.Equal(["First evaluation", "Allowed"], history[1].Skip(3).Take(2));
        Assert.DoesNotContain(alice.Id, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Section_NoReport_SaysNoPartnerHasReported()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");
        await _seed.RegistrationAsync(alice, "ALICE-LAPTOP", 5);

        var cut = Render<UserAppProtectionSection>(parameters => parameters.Add(p => p.UserId, alice.Id));

        cut.WaitForAssertion(() => Assert.Equal("Not reported No partner has reported this device's health yet.",
            Normalize(cut.Find("[data-testid='threat-level']").TextContent)));
        Assert.Empty(cut.FindAll(".reasons-table"));
        Assert.Equal("No outcome changes recorded.", cut.Find(".history-empty").TextContent.Trim());
    }

    [Fact]
    public async Task Section_NoRegistrations_SaysSo()
    {
        var alice = await _seed.UserAsync("alice@contoso.com", "Alice Smith");

        var cut = Render<UserAppProtectionSection>(parameters => parameters.Add(p => p.UserId, alice.Id));

        cut.WaitForAssertion(() => Assert.Contains("No app protection registrations.", cut.Find(".registrations-empty").TextContent, StringComparison.Ordinal));
    }

    private static string Normalize(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

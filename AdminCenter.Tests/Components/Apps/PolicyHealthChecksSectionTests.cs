using AdminCenter.Components.Pages.Apps.AppProtection;
using AdminCenter.Core.AppProtection;
using AdminCenter.Tests.TestSupport;
using Bunit;

namespace AdminCenter.Tests.Components.Apps;

public sealed class PolicyHealthChecksSectionTests : MudTestContext
{
    [Fact]
    public void ChangeValue_SecondEditBeforeTheParentRendersTheFirstBack_KeepsBothEdits()
    {
        var draft = PolicyTemplates.Blank() with
        {
            HealthChecks =
            [
                new HealthCheckRow(HealthCheckSetting.MinAppVersion, "", HealthCheckAction.Block),
                new HealthCheckRow(HealthCheckSetting.MinSdkVersion, "", HealthCheckAction.Block),
            ],
        };
        var sent = new List<WindowsPolicyDraft>();
        // The parent here never renders the draft back: the state a slow link leaves between two quick edits.
        var cut = Render<PolicyHealthChecksSection>(parameters => parameters
            .Add(p => p.Draft, draft)
            .Add(p => p.DraftChanged, (WindowsPolicyDraft changed) => sent.Add(changed)));

        cut.FindAll(".health-row input[aria-label='Value']")[0].Input("130.0");
        cut.FindAll(".health-row input[aria-label='Value']")[1].Input("2.0");

        cut.WaitForAssertion(() => Assert.Equal(["130.0", "2.0"], sent[^1].HealthChecks.Select(r => r.Value)));
    }

    [Fact]
    public void Draft_ChangedByTheParent_ReplacesTheSectionsOwnEdits()
    {
        var draft = PolicyTemplates.Blank() with { HealthChecks = [new HealthCheckRow(HealthCheckSetting.MinAppVersion, "", HealthCheckAction.Block)] };
        var cut = Render<PolicyHealthChecksSection>(parameters => parameters
            .Add(p => p.Draft, draft)
            .Add(p => p.DraftChanged, (WindowsPolicyDraft _) => { }));
        cut.Find(".health-row input[aria-label='Value']").Input("130.0");

        cut.Render(parameters => parameters.Add(p => p.Draft, draft with { HealthChecks = [] }));

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".health-row")));
    }
}

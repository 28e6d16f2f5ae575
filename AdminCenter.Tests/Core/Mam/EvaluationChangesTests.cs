using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;

namespace AdminCenter.Tests.Core.Mam;

public sealed class EvaluationChangesTests
{
    private static readonly DateTime CheckIn = new(2026, 12, 6, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void Add_IdsLongerThanTheArrayExpects_KeepsEveryIdAsAdded()
    {
        var changes = new EvaluationChanges(capacity: 2);
        // Two of 40 characters fill the array; the third and fourth go into a larger one.
        var ids = new[] { new string('a', 40), new string('b', 40), new string('c', 100), "d" };

        foreach (var id in ids)
        {
            changes.Add(id, EvaluationOutcome.Allow, 7, CheckIn, null, null!);
        }

        Assert.Equal(ids, changes.Items.Select(c => c.RegistrationId.ToString()));
        Assert.All(changes.Items, c => Assert.Equal((EvaluationOutcome.Allow, 7L, CheckIn), (c.PreviousOutcome, c.PreviousFingerprint, c.LastCheckInDateTime)));
    }

    [Fact]
    public void Clear_ThenAdd_StartsOverWithOnlyTheNewIds()
    {
        var changes = new EvaluationChanges(capacity: 4);
        changes.Add("first-chunk-1", EvaluationOutcome.Allow, 1, CheckIn, null, null!);
        changes.Add("first-chunk-2", EvaluationOutcome.Allow, 2, CheckIn, null, null!);

        changes.Clear();
        changes.Add("second-chunk-1", EvaluationOutcome.Block, 3, CheckIn, CheckIn, null!);

        var only = Assert.Single(changes.Items);
        Assert.Equal("second-chunk-1", only.RegistrationId.ToString());
        Assert.Equal((EvaluationOutcome.Block, 3L, (DateTime?)CheckIn), (only.PreviousOutcome, only.PreviousFingerprint, only.ThreatReportedDateTime));
    }
}

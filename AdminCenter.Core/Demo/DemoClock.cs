namespace AdminCenter.Core.Demo;

/// <summary>
/// A clock the seeder sets to past moments, so the demo's check-ins (and their outcome history) happened over the past
/// weeks instead of all in the second the tenant was seeded.
/// </summary>
internal sealed class DemoClock(DateTime nowUtc) : TimeProvider
{
    public DateTime NowUtc { get; set; } = nowUtc;

    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(NowUtc, DateTimeKind.Utc));
}

namespace AdminCenter.Core.Jobs;

/// <summary>
/// The last period a background job ran for. Instances claim a period by moving <see cref="LastPeriodStart"/> forward
/// with a conditional update, so a period runs once even when two instances reach it together.
/// </summary>
public sealed class JobRun
{
    public const int MaxNameLength = 100;
    public const int MaxInstanceLength = 200;

    private JobRun()
    {
    }

    public string Name { get; private set; } = "";

    /// <summary>The start of the last period that was claimed (UTC, aligned to the job's interval).</summary>
    public DateTime LastPeriodStart { get; private set; }

    public DateTime LastRunDateTime { get; private set; }

    /// <summary>Which instance claimed it (machine and process), for the log and for support.</summary>
    public string Instance { get; private set; } = "";
}

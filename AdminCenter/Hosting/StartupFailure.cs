using AdminCenter.Core.Persistence;

namespace AdminCenter.Hosting;

/// <summary>A misconfigured or unreachable database stops start-up with one clear line, not a stack trace (spec 08).</summary>
public static class StartupFailure
{
    public const int ExitCode = 2;

    public static int Report(DatabaseConfigurationException exception)
    {
        Console.Error.WriteLine($"AdminCenter cannot start: {exception.Message}");
        return ExitCode;
    }
}

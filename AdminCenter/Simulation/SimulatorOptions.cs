using System.Globalization;

namespace AdminCenter.Simulation;

/// <summary>What <c>simulate</c> plays against a running AdminCenter, from its command line.</summary>
internal sealed record SimulatorOptions
{
    public const string Usage = """
        Usage: dotnet run --project AdminCenter -- simulate --url <base url> --token <API token> [options]

        Plays Microsoft Edge MAM clients (and optionally a Mobile Threat Defense partner) against a running AdminCenter
        through its public API. The clients sign in as the demo tenant's users: start the server with --seed-demo.

          --url <url>               AdminCenter's base address, e.g. http://localhost:5000 (required)
          --token <token>           the API token (Bootstrap__ApiToken of the server; default: that environment variable)
          --devices <n>             simulated devices, one user each from the demo directory (default 100)
          --minutes <m>             how long to run, e.g. 5 or 0.5 (default 5); Ctrl+C stops earlier
          --check-in-seconds <s>    seconds between two check-ins of one device (default 30)
          --status-seconds <s>      seconds between two status lines (default 5)
          --connector <id>          also play this connector's partner: heartbeats and health reports in batches
          --secret <secret>         the connector's partner secret (generate it on the connector's page)
          --seed <n>                seed of the invented devices and their behaviour (default 1)
        """;

    public required Uri Url { get; init; }

    public required string Token { get; init; }

    public int Devices { get; init; } = 100;

    public TimeSpan Duration { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan CheckInInterval { get; init; } = TimeSpan.FromSeconds(30);

    public TimeSpan StatusInterval { get; init; } = TimeSpan.FromSeconds(5);

    public string? ConnectorId { get; init; }

    public string? PartnerSecret { get; init; }

    public int Seed { get; init; } = 1;

    public bool PlaysPartner => ConnectorId is not null;

    /// <summary>Reads the arguments after <c>simulate</c>; every problem is reported, not only the first.</summary>
    public static (SimulatorOptions? Options, IReadOnlyList<string> Errors) Parse(IReadOnlyList<string> args, string? tokenFromEnvironment = null)
    {
        var errors = new List<string>();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string[] known = ["--url", "--token", "--devices", "--minutes", "--check-in-seconds", "--status-seconds", "--connector", "--secret", "--seed"];
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] ? (n, v) : (args[i], null);
            if (!known.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add($"Unknown argument '{args[i]}'.");
                continue;
            }
            var value = inline ?? (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null);
            if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{name} needs a value.");
                continue;
            }
            values[name] = value;
        }

        var url = Required(values, "--url", errors) is { } text ? ParseUrl(text, errors) : null;
        var token = values.GetValueOrDefault("--token") ?? tokenFromEnvironment;
        if (string.IsNullOrWhiteSpace(token))
        {
            errors.Add("--token is required (the server's Bootstrap__ApiToken), or set the Bootstrap__ApiToken environment variable.");
        }
        var devices = Number(values, "--devices", 100, 1, 100_000, errors);
        var minutes = Decimal(values, "--minutes", 5, errors);
        var checkIn = Decimal(values, "--check-in-seconds", 30, errors);
        var status = Decimal(values, "--status-seconds", 5, errors);
        var seed = Number(values, "--seed", 1, int.MinValue, int.MaxValue, errors);
        var connector = values.GetValueOrDefault("--connector");
        var secret = values.GetValueOrDefault("--secret");
        if ((connector is null) != (secret is null))
        {
            errors.Add("--connector and --secret go together: the partner's calls are authenticated with the connector's partner secret.");
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }
        return (new SimulatorOptions
        {
            Url = url!,
            Token = token!,
            Devices = devices,
            Duration = TimeSpan.FromMinutes(minutes),
            CheckInInterval = TimeSpan.FromSeconds(checkIn),
            StatusInterval = TimeSpan.FromSeconds(status),
            ConnectorId = connector,
            PartnerSecret = secret,
            Seed = seed,
        }, errors);
    }

    private static string? Required(Dictionary<string, string> values, string name, List<string> errors)
    {
        if (values.TryGetValue(name, out var value))
        {
            return value;
        }
        errors.Add($"{name} is required.");
        return null;
    }

    private static Uri? ParseUrl(string text, List<string> errors)
    {
        if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
        {
            return url;
        }
        errors.Add($"--url must be an http or https address such as http://localhost:5000 (got '{text}').");
        return null;
    }

    private static int Number(Dictionary<string, string> values, string name, int fallback, int min, int max, List<string> errors)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        errors.Add($"{name} must be a whole number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)} (got '{text}').");
        return fallback;
    }

    private static double Decimal(Dictionary<string, string> values, string name, double fallback, List<string> errors)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && value <= 7 * 24 * 60)
        {
            return value;
        }
        errors.Add($"{name} must be a positive number, e.g. 5 or 0.5 (got '{text}').");
        return fallback;
    }
}

using AdminCenter.Simulation;

namespace AdminCenter.Tests.Simulation;

public sealed class SimulatorOptionsTests
{
    [Fact]
    public void Parse_EveryArgument_ReadsThem()
    {
        string[] args =
        [
            "--url", "http://localhost:5000", "--token", "t0k3n", "--devices", "1000", "--minutes", "0.5", "--check-in-seconds=10",
            "--status-seconds", "2", "--connector", "e6f777f8-e4c2-4a5b-be01-50b5c124bc7f", "--secret", "s3cret", "--seed", "7",
        ];

        var (options, errors) = SimulatorOptions.Parse(args);

        Assert.Empty(errors);
        Assert.Equal(new Uri("http://localhost:5000/"), options!.Url);
        Assert.Equal("t0k3n", options.Token);
        Assert.Equal(1000, options.Devices);
        Assert.Equal(TimeSpan.FromSeconds(30), options.Duration);
        Assert.Equal(TimeSpan.FromSeconds(10), options.CheckInInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), options.StatusInterval);
        Assert.Equal("e6f777f8-e4c2-4a5b-be01-50b5c124bc7f", options.ConnectorId);
        Assert.Equal("s3cret", options.PartnerSecret);
        Assert.Equal(7, options.Seed);
        Assert.True(options.PlaysPartner);
    }

    [Fact]
    public void Parse_OnlyUrlAndToken_UsesTheDefaults()
    {
        var (options, errors) = SimulatorOptions.Parse(["--url", "https://admin.contoso.com/intune", "--token", "t"]);

        Assert.Empty(errors);
        Assert.Equal(new Uri("https://admin.contoso.com/intune/"), options!.Url);
        Assert.Equal(100, options.Devices);
        Assert.Equal(TimeSpan.FromMinutes(5), options.Duration);
        Assert.Equal(TimeSpan.FromSeconds(30), options.CheckInInterval);
        Assert.False(options.PlaysPartner);
    }

    [Fact]
    public void Parse_NoToken_TakesTheEnvironmentsApiToken()
    {
        var (options, errors) = SimulatorOptions.Parse(["--url", "http://localhost:5000"], tokenFromEnvironment: "from-env");

        Assert.Empty(errors);
        Assert.Equal("from-env", options!.Token);
    }

    [Theory]
    [InlineData(new[] { "--token", "t" }, "--url is required.")]
    [InlineData(new[] { "--url", "http://localhost:5000" }, "--token is required")]
    [InlineData(new[] { "--url", "localhost", "--token", "t" }, "--url must be an http or https address")]
    [InlineData(new[] { "--url", "http://localhost:5000", "--token", "t", "--devices", "many" }, "--devices must be a whole number from 1 to 100000 (got 'many')")]
    [InlineData(new[] { "--url", "http://localhost:5000", "--token", "t", "--devices", "0" }, "--devices must be a whole number")]
    [InlineData(new[] { "--url", "http://localhost:5000", "--token", "t", "--minutes", "-1" }, "--minutes must be a positive number")]
    [InlineData(new[] { "--url", "http://localhost:5000", "--token", "t", "--connector", "abc" }, "--connector and --secret go together")]
    [InlineData(new[] { "--url", "http://localhost:5000", "--token", "t", "--secret", "abc" }, "--connector and --secret go together")]
    [InlineData(new[] { "--url", "http://localhost:5000", "--token", "t", "--colour", "red" }, "Unknown argument '--colour'.")]
    [InlineData(new[] { "--url", "http://localhost:5000", "--token" }, "--token needs a value.")]
    public void Parse_BadArguments_RefusesWithAClearError(string[] args, string expected)
    {
        var (options, errors) = SimulatorOptions.Parse(args);

        Assert.Null(options);
        Assert.Contains(errors, e => e.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_SeveralProblems_ReportsEveryOne()
    {
        var (_, errors) = SimulatorOptions.Parse(["--devices", "x", "--minutes", "0"]);

        Assert.Equal(4, errors.Count);
    }

    [Fact]
    public async Task RunAsync_BadArguments_PrintsTheProblemsAndUsageAndReturns2()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await SimulateCommand.RunAsync(["--url", "nowhere"], output, error);

        Assert.Equal(2, exitCode);
        Assert.Contains("--url must be an http or https address", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Usage: dotnet run --project AdminCenter -- simulate", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }
}

using Microsoft.Extensions.Configuration;

namespace AdminCenter.Core.Demo;

/// <summary>Configuration of the demo tenant (spec 01): <c>Demo__Seed=true</c>, or <c>--seed-demo</c> on the command line.</summary>
public static class DemoConfiguration
{
    public const string SeedKey = "Demo:Seed";
    public const string SeedDemoArgument = "--seed-demo";

    public static bool SeedRequested(IConfiguration configuration) => configuration.GetValue<bool>(SeedKey);
}

using AdminCenter.Core.Filters;

namespace AdminCenter.Tests.Core.Filters;

public sealed class FilterRuleTests
{
    // A Surface Laptop 5 on Windows 11 23H2 with Edge 131.
    private static readonly FilterFacts Surface = new("131.0.2903.70", "Microsoft Corporation", "Surface Laptop 5", "10.0.22631.4460");

    private static readonly FilterFacts Unreported = new(null, null, null, null);

    public static TheoryData<string, bool> MatchesSurface => new()
    {
        // String operators, every property, case-insensitive.
        { "app.deviceManufacturer -eq \"Microsoft Corporation\"", true },
        { "app.deviceManufacturer -eq \"microsoft corporation\"", true },
        { "app.deviceManufacturer -eq \"Dell Inc.\"", false },
        { "app.deviceManufacturer -ne \"Dell Inc.\"", true },
        { "app.deviceManufacturer -ne \"MICROSOFT CORPORATION\"", false },
        { "app.deviceModel -startsWith \"Surface\"", true },
        { "app.deviceModel -startsWith \"Latitude\"", false },
        { "app.deviceModel -notStartsWith \"Latitude\"", true },
        { "app.deviceModel -notStartsWith \"surface\"", false },
        { "app.deviceModel -contains \"Laptop\"", true },
        { "app.deviceModel -contains \"Pro\"", false },
        { "app.deviceModel -notContains \"Pro\"", true },
        { "app.deviceModel -notContains \"laptop\"", false },
        { "app.deviceModel -in [\"Surface Pro 9\", \"Surface Laptop 5\"]", true },
        { "app.deviceModel -in [\"Surface Pro 9\"]", false },
        { "app.deviceModel -notIn [\"Surface Pro 9\", \"Surface Go 3\"]", true },
        { "app.deviceModel -notIn [\"surface laptop 5\"]", false },
        { "app.deviceManufacturer -in [\"Microsoft Corporation\",\"Dell Inc.\"]", true },
        { "APP.DEVICEMODEL -EQ \"Surface Laptop 5\"", true },
        { "app.deviceModel -startswith \"Surf\"", true },
        // Version operators, 2 to 4 parts, quoted or bare.
        { "app.operatingSystemVersion -ge 10.0.22631.0", true },
        { "app.operatingSystemVersion -ge 10.0.22631", true },
        { "app.operatingSystemVersion -gt 10.0.22631.4460", false },
        { "app.operatingSystemVersion -ge 10.0.22631.4460", true },
        { "app.operatingSystemVersion -eq 10.0.22631.4460", true },
        { "app.operatingSystemVersion -ne 10.0.22631.4460", false },
        { "app.operatingSystemVersion -lt 10.0.26100", true },
        { "app.operatingSystemVersion -le 10.0.22621.2506", false },
        { "app.operatingSystemVersion -lt 10.1", true },
        { "app.operatingSystemVersion -ge \"10.0.22631.0\"", true },
        { "app.appVersion -ge 131.0", true },
        { "app.appVersion -gt 131.0.2903.70", false },
        { "app.appVersion -eq 131.0.2903.70", true },
        { "app.appVersion -lt 132.0", true },
        { "app.appVersion -le 131.0.2903.70", true },
        // Versions compare as numbers, not text: 131 > 99.
        { "app.appVersion -gt 99.0", true },
        { "app.operatingSystemVersion -eq 10.0", false },
        // and / or, precedence and parentheses.
        { "(app.deviceManufacturer -eq \"Microsoft Corporation\") and (app.operatingSystemVersion -ge 10.0.22631.0)", true },
        { "(app.deviceManufacturer -eq \"Microsoft Corporation\") and (app.operatingSystemVersion -ge 10.0.26100.0)", false },
        { "app.deviceModel -eq \"x\" or app.deviceModel -eq \"Surface Laptop 5\"", true },
        { "app.deviceModel -eq \"x\" or app.deviceModel -eq \"y\"", false },
        { "app.deviceModel -eq \"x\" and app.deviceModel -eq \"y\" or app.appVersion -ge 100.0", true },
        { "app.deviceModel -eq \"x\" and (app.deviceModel -eq \"y\" or app.appVersion -ge 100.0)", false },
        { "app.appVersion -ge 100.0 or app.deviceModel -eq \"x\" and app.deviceModel -eq \"y\"", true },
        { "((app.deviceModel -contains \"Surface\"))", true },
        { "(app.deviceModel -contains \"Surface\" AND app.deviceManufacturer -eq \"Microsoft Corporation\") OR app.appVersion -lt 1.0", true },
        { "  app.deviceModel   -contains   \"Surface\"  ", true },
        // Quoting: escaped quotes and backslashes.
        { "app.deviceModel -ne \"Model \\\"X\\\"\"", true },
        { "app.deviceModel -contains \" \"", true },
    };

    [Theory]
    [MemberData(nameof(MatchesSurface))]
    public void Matches_SurfaceLaptop_AsTheRuleSays(string text, bool expected)
    {
        var (rule, error) = FilterRule.Parse(text);

        Assert.Null(error);
        Assert.Equal(expected, FilterRule.Matches(rule!, Surface));
    }

    public static TheoryData<string, int, string> Invalid => new()
    {
        { "", 1, "The rule is empty" },
        { "   ", 1, "The rule is empty" },
        { "app.serialNumber -eq \"1\"", 1, "Expected a property (app.appVersion, app.deviceManufacturer, app.deviceModel, app.operatingSystemVersion), found 'app.serialNumber'" },
        { "app.deviceModel", 16, "Expected an operator for app.deviceModel" },
        { "app.deviceModel -gt \"Surface\"", 17, "Expected an operator for app.deviceModel (-eq, -ne, -startsWith, -notStartsWith, -contains, -notContains, -in, -notIn), found '-gt'" },
        { "app.appVersion -contains \"131\"", 16, "Expected an operator for app.appVersion (-eq, -ne, -gt, -ge, -lt, -le), found '-contains'" },
        { "app.appVersion -in [\"131.0\"]", 16, "found '-in'" },
        { "app.deviceModel -eq Surface", 21, "Expected a value in double quotes, found 'Surface'" },
        { "app.deviceModel -eq \"Surface", 21, "Expected '\"' to close the value that starts here" },
        { "app.operatingSystemVersion -ge 10", 32, "Expected a version for app.operatingSystemVersion with 2 to 4 numbers" },
        { "app.operatingSystemVersion -ge 10.0.1.2.3", 32, "Expected a version" },
        { "app.appVersion -lt 132", 20, "Expected a version for app.appVersion" },
        { "app.operatingSystemVersion -ge ten.zero", 32, "found 'ten.zero'" },
        { "app.operatingSystemVersion -ge \"abc\"", 32, "Expected a version" },
        { "app.deviceModel -in \"Surface\"", 21, "Expected a list of quoted values" },
        { "app.deviceModel -in [\"a\" \"b\"]", 26, "Expected ',' or ']' in the list" },
        { "app.deviceModel -in []", 22, "Expected a value in double quotes, found ']'" },
        { "(app.deviceModel -eq \"a\"", 25, "Expected ')' to close the '(' before it, found the end of the rule" },
        { "app.deviceModel -eq \"a\")", 24, "Expected and, or, or the end of the rule, found ')'" },
        { "app.deviceModel -eq \"a\" and", 28, "Expected a property" },
        { "app.deviceModel -eq \"a\" nand app.deviceModel -eq \"b\"", 25, "found 'nand'" },
        { "and app.deviceModel -eq \"a\"", 1, "found 'and'" },
        { "()", 2, "Expected a property" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Parse_InvalidRule_SaysWhereAndWhatWasExpected(string text, int position, string message)
    {
        var (rule, error) = FilterRule.Parse(text);

        Assert.Null(rule);
        Assert.Equal(position, error!.Position);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RuleLongerThan3072Characters_IsRefused()
    {
        var text = string.Join(" or ", Enumerable.Repeat("app.deviceModel -eq \"Surface Laptop 5\"", 80));

        var (rule, error) = FilterRule.Parse(text);

        Assert.Null(rule);
        Assert.Contains("at most 3,072", error!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("app.operatingSystemVersion -ge 10.0")]
    [InlineData("app.operatingSystemVersion -lt 10.0")]
    [InlineData("app.operatingSystemVersion -ne 10.0")]
    [InlineData("app.appVersion -eq 131.0")]
    public void Matches_VersionNotReported_MatchesNoVersionCondition(string text) =>
        Assert.False(FilterRule.Matches(FilterRule.Parse(text).Rule!, Unreported));

    [Theory]
    [InlineData("app.deviceModel -ne \"Surface Laptop 5\"", true)]
    [InlineData("app.deviceModel -notContains \"Surface\"", true)]
    [InlineData("app.deviceModel -eq \"Surface Laptop 5\"", false)]
    [InlineData("app.deviceModel -in [\"Surface Laptop 5\"]", false)]
    public void Matches_TextNotReported_IsTakenAsEmpty(string text, bool expected) =>
        Assert.Equal(expected, FilterRule.Matches(FilterRule.Parse(text).Rule!, Unreported));

    [Theory]
    [InlineData("app.deviceManufacturer -eq \"Microsoft Corporation\" and app.operatingSystemVersion -ge 10.0.22631.0",
        "(app.deviceManufacturer -eq \"Microsoft Corporation\") and (app.operatingSystemVersion -ge 10.0.22631.0)")]
    [InlineData("APP.DEVICEMODEL -IN [\"a\",\"b\"] or app.appVersion -LT \"120.0\"", "(app.deviceModel -in [\"a\", \"b\"]) or (app.appVersion -lt 120.0)")]
    [InlineData("app.deviceModel -eq \"x\" and (app.deviceModel -eq \"y\" or app.deviceModel -eq \"z\")",
        "(app.deviceModel -eq \"x\") and ((app.deviceModel -eq \"y\") or (app.deviceModel -eq \"z\"))")]
    [InlineData("app.deviceModel -ne \"Model \\\"X\\\"\"", "(app.deviceModel -ne \"Model \\\"X\\\"\")")]
    public void Format_ParsedRule_WritesTheBuildersCanonicalTextWhichParsesToTheSameRule(string text, string expected)
    {
        var rule = FilterRule.Parse(text).Rule!;

        var formatted = FilterRule.Format(rule);

        Assert.Equal(expected, formatted);
        Assert.Equal(FilterRule.Format(FilterRule.Parse(formatted).Rule!), formatted);
        Assert.Equal(FilterRule.Matches(rule, Surface), FilterRule.Matches(FilterRule.Parse(formatted).Rule!, Surface));
    }

    [Fact]
    public void Describe_ReportedAndNot_SaysTheValueForReasons()
    {
        Assert.Equal("app.deviceModel is Surface Laptop 5", FilterRule.Describe(FilterProperty.DeviceModel, Surface));
        Assert.Equal("app.appVersion was not reported", FilterRule.Describe(FilterProperty.AppVersion, Unreported));
    }

    [Fact]
    public void OperatorsFor_VersionAndTextProperties_OfferOnlyTheirOperators()
    {
        Assert.Equal(6, FilterRule.OperatorsFor(FilterProperty.OperatingSystemVersion).Count);
        Assert.DoesNotContain(FilterOperator.Contains, FilterRule.OperatorsFor(FilterProperty.AppVersion));
        Assert.Equal(8, FilterRule.OperatorsFor(FilterProperty.DeviceManufacturer).Count);
        Assert.DoesNotContain(FilterOperator.GreaterThan, FilterRule.OperatorsFor(FilterProperty.DeviceModel));
    }
}

using AdminCenter.Core.Filters;

namespace AdminCenter.Tests.Core.Filters;

public sealed class FilterRuleBuilderTests
{
    [Theory]
    [InlineData("app.deviceManufacturer -eq \"Microsoft Corporation\"", "(app.deviceManufacturer -eq \"Microsoft Corporation\")")]
    [InlineData("(app.deviceManufacturer -eq \"Microsoft Corporation\") and (app.operatingSystemVersion -ge 10.0.22631.0)",
        "(app.deviceManufacturer -eq \"Microsoft Corporation\") and (app.operatingSystemVersion -ge 10.0.22631.0)")]
    [InlineData("app.deviceModel -in [\"Surface Pro 9\", \"Surface Laptop 6\"] or app.appVersion -lt 130.0",
        "(app.deviceModel -in [\"Surface Pro 9\", \"Surface Laptop 6\"]) or (app.appVersion -lt 130.0)")]
    [InlineData("app.deviceModel -eq \"a\" and app.deviceModel -eq \"b\" or app.deviceModel -eq \"c\"",
        "(app.deviceModel -eq \"a\") and (app.deviceModel -eq \"b\") or (app.deviceModel -eq \"c\")")]
    public void ToRowsThenToText_RuleRowsCanShow_GivesTheSameRule(string text, string expected)
    {
        var rows = FilterRuleBuilder.ToRows(text);

        var back = FilterRuleBuilder.ToText(rows!);

        Assert.Equal(expected, back);
        Assert.Equal(FilterRule.Format(FilterRule.Parse(text).Rule!), FilterRule.Format(FilterRule.Parse(back).Rule!));
    }

    [Fact]
    public void ToRows_OrInsideAnd_IsNullSoTheTextStaysTheSourceOfTruth()
    {
        var rows = FilterRuleBuilder.ToRows("app.deviceModel -eq \"a\" and (app.deviceModel -eq \"b\" or app.deviceModel -eq \"c\")");

        Assert.Null(rows);
    }

    [Fact]
    public void ToText_InRowWithCommaSeparatedValues_QuotesEachValue()
    {
        var text = FilterRuleBuilder.ToText([new FilterBuilderRow(FilterJoin.And, FilterProperty.DeviceModel, FilterOperator.NotIn, "Surface Pro 9, \"Surface Go\"")]);

        Assert.Equal("(app.deviceModel -notIn [\"Surface Pro 9\", \"Surface Go\"])", text);
    }
}

using AdminCenter.Core.AppProtection;

namespace AdminCenter.Tests.Core.AppProtection;

public sealed class AppVersionTests
{
    [Theory]
    [InlineData("10.0", 10, 0, 0, 0, 2)]
    [InlineData("10.0.22631", 10, 0, 22631, 0, 3)]
    [InlineData("10.0.22631.3155", 10, 0, 22631, 3155, 4)]
    [InlineData("0.0", 0, 0, 0, 0, 2)]
    [InlineData("0.0.0.0", 0, 0, 0, 0, 4)]
    [InlineData("22631.3155", 22631, 3155, 0, 0, 2)]
    [InlineData("010.001", 10, 1, 0, 0, 2)]
    [InlineData("130.0.2849.46", 130, 0, 2849, 46, 4)]
    [InlineData("2147483647.2147483647.2147483647.2147483647", int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, 4)]
    public void TryParse_WellFormedVersion_ParsesEveryPartAndCountsThem(
        string text, int major, int minor, int build, int revision, int parts)
    {
        var parsed = AppVersion.TryParse(text.AsSpan(), out var version, out var partCount);

        Assert.True(parsed);
        Assert.Equal(new AppVersion(major, minor, build, revision), version);
        Assert.Equal(major, version.Major);
        Assert.Equal(minor, version.Minor);
        Assert.Equal(build, version.Build);
        Assert.Equal(revision, version.Revision);
        Assert.Equal(parts, partCount);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("10")]
    [InlineData("22631")]
    [InlineData("10.")]
    [InlineData(".10")]
    [InlineData(".")]
    [InlineData("10..0")]
    [InlineData("10.0..1")]
    [InlineData("10.0.0.0.")]
    [InlineData("10.0.0.0.0")]
    [InlineData("1.2.3.4.5.6")]
    [InlineData("a.b")]
    [InlineData("10.0a")]
    [InlineData("10.0.x")]
    [InlineData("v10.0")]
    [InlineData("-1.0")]
    [InlineData("10.-1")]
    [InlineData("+10.0")]
    [InlineData(" 10.0")]
    [InlineData("10.0 ")]
    [InlineData("10 .0")]
    [InlineData("10.0\t")]
    [InlineData("10,0")]
    [InlineData("10_0.1")]
    [InlineData("2147483648.0")]
    [InlineData("10.0.99999999999")]
    [InlineData("10.0.0.2147483648")]
    [InlineData("\uFF11\uFF10.0")]
    [InlineData("1e3.0")]
    public void TryParse_MalformedText_ReturnsFalseWithDefaults(string? text)
    {
        var parsed = AppVersion.TryParse(text, out var version);
        var parsedSpan = AppVersion.TryParse(text.AsSpan(), out var spanVersion, out var partCount);

        Assert.False(parsed);
        Assert.False(parsedSpan);
        Assert.Equal(default, version);
        Assert.Equal(default, spanVersion);
        Assert.Equal(0, partCount);
    }

    [Theory]
    [InlineData("10.0", "10.0.0.0", 0)]
    [InlineData("10.0", "10.0.0", 0)]
    [InlineData("10.0.22631", "10.0.22631.0", 0)]
    [InlineData("010.0", "10.0", 0)]
    [InlineData("10.0", "10.0.0.1", -1)]
    [InlineData("10.0", "10.0.1", -1)]
    [InlineData("10.0.9", "10.0.10", -1)]
    [InlineData("10.0.22621.2506", "10.0.22641", -1)]
    [InlineData("10.0.22631.3155", "10.0.22631.3156", -1)]
    [InlineData("9.99.99.99", "10.0", -1)]
    [InlineData("10.1", "10.0.99999.99999", 1)]
    [InlineData("2.0", "10.0", -1)]
    [InlineData("2147483647.0", "0.2147483647", 1)]
    public void CompareTo_TwoVersions_ComparesNumericallyPartByPartWithMissingPartsAsZero(string left, string right, int expectedSign)
    {
        var a = AppVersion.Parse(left);
        var b = AppVersion.Parse(right);

        var forward = a.CompareTo(b);
        var backward = b.CompareTo(a);

        Assert.Equal(expectedSign, Math.Sign(forward));
        Assert.Equal(-expectedSign, Math.Sign(backward));
        Assert.Equal(expectedSign == 0, a == b);
        Assert.Equal(expectedSign < 0, a < b);
        Assert.Equal(expectedSign > 0, a > b);
        Assert.Equal(expectedSign <= 0, a <= b);
        Assert.Equal(expectedSign >= 0, a >= b);
    }

    [Fact]
    public void Equals_MissingPartsWrittenAsZero_AreEqualWithTheSameHashCode()
    {
        var twoParts = AppVersion.Parse("10.0");
        var full = AppVersion.Parse("10.0.0.0");

        var equal = twoParts.Equals(full);

        Assert.True(equal);
        Assert.Equal(twoParts.GetHashCode(), full.GetHashCode());
    }

    [Fact]
    public void CompareTo_SortingAList_OrdersByVersionNotByText()
    {
        AppVersion[] versions = [AppVersion.Parse("10.0.10"), AppVersion.Parse("10.0.9"), AppVersion.Parse("9.0"), AppVersion.Parse("10.0")];

        var sorted = versions.Order().Select(v => v.ToString()).ToArray();

        Assert.Equal(["9.0.0.0", "10.0.0.0", "10.0.9.0", "10.0.10.0"], sorted);
    }

    [Theory]
    [InlineData("10.0", "10.0.0.0")]
    [InlineData("10.0.22631.3155", "10.0.22631.3155")]
    [InlineData("010.01", "10.1.0.0")]
    public void ToString_AnyVersion_PrintsAllFourParts(string text, string expected)
    {
        var version = AppVersion.Parse(text);

        var printed = version.ToString();

        Assert.Equal(expected, printed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("22631 .3155")]
    public void Parse_MalformedText_ThrowsFormatException(string text)
    {
        Action parse = () => AppVersion.Parse(text);

        Assert.Throws<FormatException>(parse);
    }

    [Theory]
    [InlineData(-1, 0, 0, 0)]
    [InlineData(0, -1, 0, 0)]
    [InlineData(0, 0, -1, 0)]
    [InlineData(0, 0, 0, -1)]
    public void Constructor_NegativePart_Throws(int major, int minor, int build, int revision)
    {
        Action create = () => _ = new AppVersion(major, minor, build, revision);

        Assert.Throws<ArgumentOutOfRangeException>(create);
    }

    [Fact]
    public void Constructor_TwoParts_LeavesBuildAndRevisionAtZero()
    {
        var version = new AppVersion(10, 0);

        Assert.Equal(AppVersion.Parse("10.0.0.0"), version);
        Assert.Equal(0, version.Build);
        Assert.Equal(0, version.Revision);
    }

    [Fact]
    public void TryParse_WarmedUp_DoesNotAllocate()
    {
        const string text = "10.0.22631.3155";
        const string bad = "10.0.x";
        Assert.True(AppVersion.TryParse(text, out _));
        Assert.False(AppVersion.TryParse(bad, out _));

        var before = GC.GetAllocatedBytesForCurrentThread();
        var parsed = AppVersion.TryParse(text, out var version);
        var refused = AppVersion.TryParse(bad, out _);
        var after = GC.GetAllocatedBytesForCurrentThread();

        Assert.True(parsed);
        Assert.False(refused);
        Assert.Equal(3155, version.Revision);
        Assert.Equal(0, after - before);
    }
}

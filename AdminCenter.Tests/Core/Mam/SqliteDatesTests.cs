using AdminCenter.Core.Mam;

namespace AdminCenter.Tests.Core.Mam;

public sealed class SqliteDatesTests
{
    public static TheoryData<DateTime> Dates => new()
    {
        new DateTime(2026, 11, 25, 10, 4, 19, DateTimeKind.Utc),
        new DateTime(2026, 11, 25, 10, 4, 19, DateTimeKind.Utc).AddTicks(1),
        new DateTime(2026, 11, 25, 10, 4, 19, DateTimeKind.Utc).AddTicks(1_234_567),
        new DateTime(2026, 11, 25, 10, 4, 19, DateTimeKind.Utc).AddMilliseconds(500),
        new DateTime(2024, 2, 29, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999),
        new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    [Theory]
    [MemberData(nameof(Dates))]
    public void Parse_WhatFormatWrote_ReadsTheSameUtcInstant(DateTime utc)
    {
        var parsed = SqliteDates.Parse(SqliteDates.Format(utc));

        Assert.Equal(utc, parsed);
        Assert.Equal(DateTimeKind.Utc, parsed.Kind);
    }

    [Theory]
    [InlineData("2026-11-25 10:04:19", 2026, 11, 25, 10, 4, 19, 0)]
    [InlineData("2026-11-25 10:04:19.5", 2026, 11, 25, 10, 4, 19, 5_000_000)]
    [InlineData("2026-11-25 10:04:19.0000001", 2026, 11, 25, 10, 4, 19, 1)]
    [InlineData("2026-11-25T10:04:19Z", 2026, 11, 25, 10, 4, 19, 0)]
    public void Parse_StoredText_ReadsUtc(string stored, int year, int month, int day, int hour, int minute, int second, long ticks)
    {
        var expected = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);

        var parsed = SqliteDates.Parse(stored);

        Assert.Equal(expected, parsed);
        Assert.Equal(DateTimeKind.Utc, parsed.Kind);
    }

    [Fact]
    public void Parse_NotADate_Throws()
    {
        Assert.Throws<FormatException>(() => SqliteDates.Parse("2026-13-45 99:99:99"));
    }
}

using AdminCenter.Core.UsersAndGroups;

namespace AdminCenter.Tests.Core.UsersAndGroups;

public sealed class CsvRecordReaderTests
{
    [Theory]
    [InlineData("a,b,c", new[] { "a", "b", "c" })]
    [InlineData("a,,c", new[] { "a", "", "c" })]
    [InlineData("a,b,", new[] { "a", "b", "" })]
    [InlineData("\"a,1\",b,c", new[] { "a,1", "b", "c" })]
    [InlineData("\"say \"\"hi\"\"\",b", new[] { "say \"hi\"", "b" })]
    [InlineData("\"\",b", new[] { "", "b" })]
    [InlineData(" \"a\" ,b", new[] { "a", "b" })]
    public void Read_OneRecord_SplitsFieldsAsRfc4180(string text, string[] expected)
    {
        var records = CsvRecordReader.Read(text).ToList();

        var record = Assert.Single(records);
        Assert.Null(record.Error);
        Assert.Equal(expected, record.Fields);
    }

    [Theory]
    [InlineData("h\r\na\r\nb\r\n")]
    [InlineData("h\na\nb\n")]
    [InlineData("h\ra\rb")]
    [InlineData("\uFEFFh\na\nb")]
    public void Read_AnyLineBreak_EndsARecord(string text)
    {
        var records = CsvRecordReader.Read(text).ToList();

        Assert.Equal(["h", "a", "b"], records.Select(r => r.Fields.Single()));
        Assert.Equal([1, 2, 3], records.Select(r => r.LineNumber));
    }

    [Fact]
    public void Read_LineBreakInsideQuotes_StaysInTheFieldAndCountsLines()
    {
        const string text = "h\n\"first\nsecond\",x\nnext,y";

        var records = CsvRecordReader.Read(text).ToList();

        Assert.Equal(3, records.Count);
        Assert.Equal(["first\nsecond", "x"], records[1].Fields);
        Assert.Equal(2, records[1].LineNumber);
        Assert.Equal(4, records[2].LineNumber);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(",,")]
    [InlineData(" , ,")]
    public void Read_BlankLine_IsBlank(string line)
    {
        var record = CsvRecordReader.Read(line + "\n").Single();

        Assert.True(record.IsBlank);
    }

    [Fact]
    public void Read_UnclosedQuote_ReportsTheRecordItStarts()
    {
        const string text = "h\n\"never closed,x\nmore";

        var records = CsvRecordReader.Read(text).ToList();

        Assert.Equal(2, records.Count);
        Assert.Equal(2, records[1].LineNumber);
        Assert.Contains("never closed", records[1].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"a\"b,c\nnext", "text after its closing quote")]
    [InlineData("a\"b,c\nnext", "does not start with one")]
    public void Read_MisplacedQuote_ReportsTheRecordAndGoesOnAtTheNextLine(string text, string expectedError)
    {
        var records = CsvRecordReader.Read(text).ToList();

        Assert.Equal(2, records.Count);
        Assert.Contains(expectedError, records[0].Error, StringComparison.Ordinal);
        Assert.Equal(["next"], records[1].Fields);
        Assert.Equal(2, records[1].LineNumber);
    }

    [Fact]
    public void Read_Empty_HasNoRecords()
    {
        var records = CsvRecordReader.Read("");

        Assert.Empty(records);
    }
}

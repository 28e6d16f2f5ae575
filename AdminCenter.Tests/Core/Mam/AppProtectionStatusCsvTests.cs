using System.Text;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Evaluation;
using AdminCenter.Core.Mam;
using AdminCenter.Core.UsersAndGroups;
using AdminCenter.Tests.TestSupport;

namespace AdminCenter.Tests.Core.Mam;

public sealed class AppProtectionStatusCsvTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 8, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("Jones, Bob", "\"Jones, Bob\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Cell_Value_QuotesAsRfc4180Says(string? value, string expected)
    {
        var cell = AppProtectionStatusCsv.Cell(value);

        Assert.Equal(expected, cell);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    [InlineData("+1+2", "'+1+2")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("a=b", "a=b")]
    public void Cell_FormulaLikeValue_IsDefusedWithAQuote(string value, string expected)
    {
        var cell = AppProtectionStatusCsv.Cell(value);

        Assert.Equal(expected, cell);
    }

    [Fact]
    public async Task WriteAsync_Rows_WritesBomHeaderAndOneCrlfRecordPerRowInWords()
    {
        var rows = new[]
        {
            Row("Jones, Bob", "=cmd|' /C calc'!A0", EvaluationOutcome.Wipe, null, "Edge level 2; Contractors"),
            Row("Élodie Martin", "ELODIE-PC", EvaluationOutcome.Allow, DeviceThreatLevel.Secured, ""),
        };
        using var stream = new MemoryStream();

        await AppProtectionStatusCsv.WriteAsync(rows.ToAsyncEnumerable(), stream);

        var bytes = stream.ToArray();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Equal(
            "User,Email,App,App version,Device name,Device type,Entra device ID,Platform version,Policy name(s),Threat level,Outcome,Last sync," +
            "SDK version,Device manufacturer,Device model,Platform,Management type\r\n" +
            "\"Jones, Bob\",user@contoso.com,Microsoft Edge,120.0.2210.91,'=cmd|' /C calc'!A0,Microsoft Corporation Surface Laptop 5,dev-1,10.0.22631.2506,Edge level 2; Contractors,Not reported,Wiped,2026-11-25T07:55:00Z," +
            "1.2.0,Microsoft Corporation,Surface Laptop 5,Windows,Unmanaged\r\n" +
            "Élodie Martin,user@contoso.com,Microsoft Edge,120.0.2210.91,ELODIE-PC,Microsoft Corporation Surface Laptop 5,dev-1,10.0.22631.2506,,Secured,Allowed,2026-11-25T07:55:00Z," +
            "1.2.0,Microsoft Corporation,Surface Laptop 5,Windows,Unmanaged\r\n",
            text);
    }

    [Fact]
    public async Task WriteAsync_AwkwardValues_ReadBackAsTheSameCells()
    {
        var rows = new[] { Row("O'Brien, \"Pat\"", "line\nbreak", EvaluationOutcome.Block, DeviceThreatLevel.Medium, "A; B") };
        using var stream = new MemoryStream();

        await AppProtectionStatusCsv.WriteAsync(rows.ToAsyncEnumerable(), stream);

        var records = CsvRecordReader.Read(Encoding.UTF8.GetString(stream.ToArray())).ToList();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.Null(r.Error));
        Assert.Equal(AppProtectionStatusCsv.Header, records[0].Fields);
        Assert.Equal(AppProtectionStatusCsv.Fields(rows[0]), records[1].Fields);
        Assert.Equal(["O'Brien, \"Pat\"", "line\nbreak", "Medium", "Blocked"], [records[1].Fields[0], records[1].Fields[4], records[1].Fields[9], records[1].Fields[10]]);
    }

    [Fact]
    public async Task WriteAsync_QueriedRegistrations_ExportsTheWholeFilteredSet()
    {
        using var database = new TestDatabase();
        var seed = new StatusSeed(database, Now);
        var alice = await seed.UserAsync("alice@contoso.com", "Alice Smith");
        for (var i = 0; i < 120; i++)
        {
            await seed.RegistrationAsync(alice, $"PC-{i:D3}", minutesAgo: i, i % 3 == 0 ? EvaluationOutcome.Block : EvaluationOutcome.Allow);
        }
        var queries = new AppProtectionStatusQueries(database);
        var filter = new AppProtectionStatusFilter { Outcomes = [EvaluationOutcome.Block] };
        using var stream = new MemoryStream();

        await AppProtectionStatusCsv.WriteAsync(queries.StreamAsync(filter), stream);

        var records = CsvRecordReader.Read(Encoding.UTF8.GetString(stream.ToArray())).Skip(1).ToList();
        Assert.Equal(40, records.Count);
        Assert.All(records, r => Assert.Equal("Blocked", r.Fields[10]));
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"PC-{i * 3:D3}"), records.Select(r => r.Fields[4]));
    }

    private static AppProtectionStatusRow Row(string user, string device, EvaluationOutcome outcome, DeviceThreatLevel? level, string policies) =>
        new("reg-1", "user-1", user, "user@contoso.com", WindowsPolicyDraft.EdgeAppId, "120.0.2210.91", device, "Microsoft Corporation",
            "Surface Laptop 5", "dev-1", "10.0.22631.2506", policies, level, outcome, Now.AddMinutes(-5), "1.2.0");
}

using System.Text;

namespace AdminCenter.Core.UsersAndGroups;

/// <summary>One record of a CSV file: its fields, the line it starts on (1-based), or why it could not be read.</summary>
public sealed record CsvRecord(int LineNumber, IReadOnlyList<string> Fields, string? Error)
{
    /// <summary>A blank line, or one with only empty fields (spreadsheets export trailing ",,").</summary>
    public bool IsBlank => Error is null && Fields.All(string.IsNullOrWhiteSpace);
}

/// <summary>
/// Splits CSV text into records as RFC 4180 describes: fields separated by commas, optionally in double quotes, where
/// a quoted field may hold commas, line breaks and doubled quotes. CRLF, LF and CR all end a record. A malformed
/// record is reported with its error and reading goes on at the next line.
/// </summary>
public static class CsvRecordReader
{
    public static IEnumerable<CsvRecord> Read(string text)
    {
        var position = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        var line = 1;
        while (position < text.Length)
        {
            var startLine = line;
            var (fields, error) = ReadRecord(text, ref position, ref line);
            yield return new CsvRecord(startLine, fields, error);
        }
    }

    private static (List<string> Fields, string? Error) ReadRecord(string text, ref int position, ref int line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        while (true)
        {
            SkipSpaces(text, ref position);
            if (position < text.Length && text[position] == '"')
            {
                position++;
                if (!ReadQuoted(text, ref position, ref line, field))
                {
                    fields.Add(field.ToString());
                    return (fields, $"Field {fields.Count} opens a quote that is never closed.");
                }
                SkipSpaces(text, ref position);
                if (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                {
                    fields.Add(field.ToString());
                    SkipRestOfLine(text, ref position, ref line);
                    return (fields, $"Field {fields.Count} has text after its closing quote. Double the quotes inside a quoted field.");
                }
            }
            else
            {
                while (position < text.Length && text[position] is not (',' or '\r' or '\n'))
                {
                    if (text[position] == '"')
                    {
                        fields.Add(field.ToString());
                        SkipRestOfLine(text, ref position, ref line);
                        return (fields, $"Field {fields.Count} has a quote but does not start with one. Put the whole field in quotes and double the quotes inside it.");
                    }
                    field.Append(text[position++]);
                }
            }

            fields.Add(field.ToString());
            field.Clear();
            if (position >= text.Length)
            {
                return (fields, null);
            }
            if (text[position] == ',')
            {
                position++;
                continue;
            }
            SkipLineBreak(text, ref position, ref line);
            return (fields, null);
        }
    }

    /// <summary>Reads up to the closing quote; false when the text ends first.</summary>
    private static bool ReadQuoted(string text, ref int position, ref int line, StringBuilder field)
    {
        while (position < text.Length)
        {
            var c = text[position++];
            if (c == '"')
            {
                if (position < text.Length && text[position] == '"')
                {
                    field.Append('"');
                    position++;
                    continue;
                }
                return true;
            }
            if (c == '\n' || (c == '\r' && (position >= text.Length || text[position] != '\n')))
            {
                line++;
            }
            field.Append(c);
        }
        return false;
    }

    private static void SkipSpaces(string text, ref int position)
    {
        while (position < text.Length && text[position] is ' ' or '\t')
        {
            position++;
        }
    }

    private static void SkipRestOfLine(string text, ref int position, ref int line)
    {
        while (position < text.Length && text[position] is not ('\r' or '\n'))
        {
            position++;
        }
        SkipLineBreak(text, ref position, ref line);
    }

    private static void SkipLineBreak(string text, ref int position, ref int line)
    {
        if (position >= text.Length)
        {
            return;
        }
        if (text[position] == '\r' && position + 1 < text.Length && text[position + 1] == '\n')
        {
            position++;
        }
        position++;
        line++;
    }
}

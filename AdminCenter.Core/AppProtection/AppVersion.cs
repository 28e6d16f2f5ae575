using System.Globalization;

namespace AdminCenter.Core.AppProtection;

/// <summary>
/// A version as the Health checks table takes it: <c>major.minor</c>, <c>major.minor.build</c> or
/// <c>major.minor.build.revision</c>, digits only. A missing part counts as 0, so <c>10.0</c> equals <c>10.0.0.0</c>;
/// that is why the value keeps no trace of how many parts were written.
/// </summary>
public readonly record struct AppVersion : IComparable<AppVersion>
{
    /// <summary>The most parts a version may have (<c>major.minor.build.revision</c>).</summary>
    public const int MaxParts = 4;

    /// <summary>The fewest parts a version may have (<c>major.minor</c>).</summary>
    public const int MinParts = 2;

    /// <summary>Creates a version; every part must be 0 or more.</summary>
    public AppVersion(int major, int minor, int build = 0, int revision = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(major);
        ArgumentOutOfRangeException.ThrowIfNegative(minor);
        ArgumentOutOfRangeException.ThrowIfNegative(build);
        ArgumentOutOfRangeException.ThrowIfNegative(revision);
        Major = major;
        Minor = minor;
        Build = build;
        Revision = revision;
    }

    /// <summary>The first part.</summary>
    public int Major { get; }

    /// <summary>The second part.</summary>
    public int Minor { get; }

    /// <summary>The third part; 0 when it was not written.</summary>
    public int Build { get; }

    /// <summary>The fourth part; 0 when it was not written.</summary>
    public int Revision { get; }

    /// <summary>Parses <paramref name="text"/> exactly as written: no whitespace, signs or empty parts.</summary>
    public static bool TryParse(string? text, out AppVersion version) =>
        TryParse(text.AsSpan(), out version, out _);

    /// <summary>Parses <paramref name="text"/> exactly as written: no whitespace, signs or empty parts.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out AppVersion version) =>
        TryParse(text, out version, out _);

    /// <summary>
    /// Parses <paramref name="text"/> and also reports how many parts were written, which the value itself forgets
    /// (callers use it to spot a Windows build number such as <c>22631.3155</c> typed as a two-part version).
    /// Runs over the span without allocating, as the evaluation path parses versions on every check-in.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out AppVersion version, out int partCount)
    {
        version = default;
        partCount = 0;
        Span<int> parts = stackalloc int[MaxParts];
        long current = 0;
        var digitsInPart = 0;
        foreach (var c in text)
        {
            if (c == '.')
            {
                if (digitsInPart == 0 || partCount == MaxParts - 1)
                {
                    partCount = 0;
                    return false;
                }
                parts[partCount++] = (int)current;
                current = 0;
                digitsInPart = 0;
                continue;
            }
            if (!char.IsAsciiDigit(c))
            {
                partCount = 0;
                return false;
            }
            current = (current * 10) + (c - '0');
            if (current > int.MaxValue)
            {
                partCount = 0;
                return false;
            }
            digitsInPart++;
        }
        if (digitsInPart == 0 || partCount < MinParts - 1)
        {
            partCount = 0;
            return false;
        }
        parts[partCount++] = (int)current;
        version = new AppVersion(parts[0], parts[1], parts[2], parts[3]);
        return true;
    }

    /// <summary>Parses a version known to be well-formed (templates, tests); throws <see cref="FormatException"/> otherwise.</summary>
    public static AppVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a version (major.minor[.build[.revision]]).");

    /// <summary>Compares part by part, numerically: <c>10.0.9</c> is below <c>10.0.10</c>.</summary>
    public int CompareTo(AppVersion other)
    {
        var result = Major.CompareTo(other.Major);
        if (result != 0)
        {
            return result;
        }
        result = Minor.CompareTo(other.Minor);
        if (result != 0)
        {
            return result;
        }
        result = Build.CompareTo(other.Build);
        return result != 0 ? result : Revision.CompareTo(other.Revision);
    }

    /// <summary>All four parts, so <c>10.0</c> prints as <c>10.0.0.0</c>.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Build}.{Revision}");

    /// <summary>True when <paramref name="left"/> is a lower version.</summary>
    public static bool operator <(AppVersion left, AppVersion right) => left.CompareTo(right) < 0;

    /// <summary>True when <paramref name="left"/> is a higher version.</summary>
    public static bool operator >(AppVersion left, AppVersion right) => left.CompareTo(right) > 0;

    /// <summary>True when <paramref name="left"/> is the same or a lower version.</summary>
    public static bool operator <=(AppVersion left, AppVersion right) => left.CompareTo(right) <= 0;

    /// <summary>True when <paramref name="left"/> is the same or a higher version.</summary>
    public static bool operator >=(AppVersion left, AppVersion right) => left.CompareTo(right) >= 0;
}

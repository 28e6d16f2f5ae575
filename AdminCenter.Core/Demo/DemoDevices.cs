using System.Globalization;
using System.Text;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Mam;

namespace AdminCenter.Core.Demo;

/// <summary>What a personal Windows device running Microsoft Edge reports at check-in.</summary>
public sealed record DemoDevice(
    string AzureAdDeviceId,
    string DeviceName,
    string DeviceModel,
    string DeviceManufacturer,
    string PlatformVersion,
    string AppVersion,
    string SdkVersion)
{
    /// <summary>The check-in this device sends for <paramref name="userPrincipalName"/>.</summary>
    public CheckInRequest CheckIn(string userPrincipalName) => new(userPrincipalName, WindowsPolicyDraft.EdgeAppId, AzureAdDeviceId,
        DeviceName, DeviceModel, DeviceManufacturer, PlatformVersion, AppVersion, SdkVersion);
}

/// <summary>
/// Invents realistic personal Windows devices from a seeded <see cref="Random"/>: the same seed gives the same devices.
/// OS builds spread over Windows 10 22H2 and Windows 11 22H2/23H2/24H2, so the Level 2/3 minimum and Level 3 maximum OS
/// versions have something to say.
/// </summary>
public static class DemoDevices
{
    /// <summary>Edge releases from oldest to newest; the newest ones are the most common.</summary>
    public static IReadOnlyList<string> EdgeVersions { get; } =
        ["126.0.2592.113", "128.0.2739.79", "130.0.2849.80", "131.0.2903.112", "132.0.2957.140"];

    private static readonly (int Weight, string Build, string[] Revisions)[] OsBuilds =
    [
        (10, "10.0.19045", ["3803", "4291", "5011", "5247"]),
        (20, "10.0.22621", ["2428", "3007", "4317", "4890"]),
        (45, "10.0.22631", ["2861", "3880", "4460", "4602"]),
        (25, "10.0.26100", ["1742", "2314", "2894"]),
    ];

    private static readonly (string Manufacturer, string Model)[] Models =
    [
        ("Microsoft Corporation", "Surface Laptop 5"),
        ("Microsoft Corporation", "Surface Laptop 7"),
        ("Microsoft Corporation", "Surface Pro 9"),
        ("Dell Inc.", "XPS 13 9315"),
        ("Dell Inc.", "Inspiron 16 5630"),
        ("LENOVO", "ThinkPad X1 Carbon Gen 11"),
        ("LENOVO", "IdeaPad Slim 5 16IRL8"),
        ("HP", "HP Spectre x360 14"),
        ("HP", "HP Pavilion Desktop TP01"),
        ("ASUSTeK COMPUTER INC.", "Zenbook 14 UX3405MA"),
        ("Acer", "Swift Go 14"),
    ];

    private const string NameAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789";

    /// <summary>A new device for the user named <paramref name="displayName"/>, with a random Edge version.</summary>
    public static DemoDevice Create(Random random, string displayName)
    {
        var (manufacturer, model) = Models[random.Next(Models.Length)];
        return new DemoDevice(
            DeviceId(random),
            DeviceName(random, displayName),
            model,
            manufacturer,
            OsVersion(random),
            EdgeVersions[Weighted(random, [5, 10, 20, 35, 30])],
            random.Next(4) == 0 ? "1.1.0" : "1.2.0");
    }

    /// <summary>A GUID drawn from <paramref name="random"/>, so seeded runs make the same device ids.</summary>
    public static string DeviceId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }

    /// <summary>The same device a little later: Edge updated, sometimes a newer OS revision.</summary>
    public static DemoDevice Updated(Random random, DemoDevice device)
    {
        var edge = EdgeVersions.ToList().IndexOf(device.AppVersion);
        var newerEdge = edge >= 0 && edge < EdgeVersions.Count - 1 && random.Next(3) == 0 ? EdgeVersions[edge + 1] : device.AppVersion;
        return device with { AppVersion = newerEdge };
    }

    private static string OsVersion(Random random)
    {
        var (_, build, revisions) = OsBuilds[Weighted(random, OsBuilds.Select(b => b.Weight).ToArray())];
        return $"{build}.{revisions[random.Next(revisions.Length)]}";
    }

    private static string DeviceName(Random random, string displayName)
    {
        // Windows device names are plain ASCII in practice: "Tomás" becomes "TOMAS".
        var first = string.Concat(displayName.Split(' ')[0].Normalize(NormalizationForm.FormD)
            .Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark));
        return random.Next(3) switch
        {
            0 => "DESKTOP-" + RandomText(random, 7),
            1 => "LAPTOP-" + RandomText(random, 8),
            _ => string.Create(CultureInfo.InvariantCulture, $"{first.ToUpperInvariant()}-PC{random.Next(1, 10)}"),
        };
    }

    private static string RandomText(Random random, int length) =>
        string.Create(length, random, (span, r) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = NameAlphabet[r.Next(NameAlphabet.Length)];
            }
        });

    private static int Weighted(Random random, int[] weights)
    {
        var pick = random.Next(weights.Sum());
        for (var i = 0; i < weights.Length; i++)
        {
            pick -= weights[i];
            if (pick < 0)
            {
                return i;
            }
        }
        return weights.Length - 1;
    }
}

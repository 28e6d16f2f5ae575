namespace AdminCenter.Core.Connectors;

/// <summary>
/// Who may evaluate app protection policies per platform (spec 02, as corrected): on Android and iOS/iPadOS,
/// Microsoft Defender for Endpoint plus one other partner; on Windows, one partner. Also says, in words, whose data
/// each platform's evaluations use, for the connector page.
/// </summary>
public static class AppProtectionPartnerRule
{
    public const string MaxThreatLevelCheck = "Max allowed device threat level";

    /// <summary>The platforms that have an app protection evaluation toggle, in the order the page lists them.</summary>
    public static IReadOnlyList<MtdPlatforms> Platforms { get; } = [MtdPlatforms.Android, MtdPlatforms.Ios, MtdPlatforms.Windows];

    /// <summary>
    /// The connector that keeps <paramref name="partner"/> from turning on app protection evaluation on
    /// <paramref name="platform"/>; null when it may.
    /// </summary>
    public static ExistingConnector? Holder(MtdPartner partner, MtdPlatforms platform, IEnumerable<ExistingConnector> others)
    {
        var holders = others.Where(o => o.Partner != partner && o.Settings.Get(ToggleFor(platform)));
        if (platform == MtdPlatforms.Windows)
        {
            return holders.FirstOrDefault();
        }
        // Defender sits beside any one partner; partners only clash with another non-Microsoft partner.
        return partner.IsMicrosoftService ? null : holders.FirstOrDefault(o => !o.Partner.IsMicrosoftService);
    }

    /// <summary>Why turning on <paramref name="platform"/> for the partner is refused, naming the holder.</summary>
    public static string RefusalMessage(MtdPlatforms platform, MtdPartner holder) => platform == MtdPlatforms.Windows
        ? $"{holder.Name} already evaluates app protection policies for Windows devices. Only one partner may; turn it off on {holder.Name} first."
        : $"{holder.Name} already evaluates app protection policies for {PlatformName(platform)} devices. Only Microsoft Defender for Endpoint " +
          $"and one other partner may; turn it off on {holder.Name} first.";

    /// <summary>
    /// One sentence per platform the partner protects: whose reports that platform's app protection evaluations use,
    /// e.g. "Windows devices: this connector's reports decide the Max allowed device threat level check."
    /// </summary>
    public static IReadOnlyList<string> DescribeDataUse(MtdPartner partner, MtdConnectorSettings settings, IEnumerable<ExistingConnector> others)
    {
        if (!partner.SupportsAppProtection)
        {
            return [$"{partner.Name} does not support app protection policy evaluation: app protection policies never use its reports."];
        }
        var otherList = others.Where(o => o.Partner != partner).ToList();
        return Platforms.Where(partner.SupportsAppProtectionOn)
            .Select(platform => $"{PlatformName(platform)} devices: {DescribePlatform(partner, settings, platform, otherList)}")
            .ToList();
    }

    public static ConnectorToggle ToggleFor(MtdPlatforms platform) => platform switch
    {
        MtdPlatforms.Android => ConnectorToggle.AndroidMobileApplicationManagementEnabled,
        MtdPlatforms.Ios => ConnectorToggle.IosMobileApplicationManagementEnabled,
        MtdPlatforms.Windows => ConnectorToggle.WindowsMobileApplicationManagementEnabled,
        _ => throw new ArgumentOutOfRangeException(nameof(platform), platform, "Not an app protection platform."),
    };

    public static string PlatformName(MtdPlatforms platform) => platform switch
    {
        MtdPlatforms.Android => "Android",
        MtdPlatforms.Ios => "iOS/iPadOS",
        MtdPlatforms.Windows => "Windows",
        _ => platform.ToString(),
    };

    private static string DescribePlatform(MtdPartner partner, MtdConnectorSettings settings, MtdPlatforms platform, List<ExistingConnector> others)
    {
        var toggle = ToggleFor(platform);
        var users = others.Where(o => o.Settings.Get(toggle)).Select(o => o.Partner).ToList();
        var on = settings.Get(toggle);
        if (platform == MtdPlatforms.Windows)
        {
            return on ? $"this connector's reports decide the {MaxThreatLevelCheck} check."
                : users.Count > 0 ? $"{users[0].Name}'s reports decide the {MaxThreatLevelCheck} check, not this connector's."
                : $"no connector's reports are used, so the {MaxThreatLevelCheck} check has no partner data. Turn on Windows app protection evaluation here to use this connector's.";
        }
        if (!on)
        {
            return users.Count > 0
                ? $"app protection evaluation uses the reports of {JoinNames(users)}, not this connector's."
                : $"no partner's reports are used for app protection evaluation. Turn on {PlatformName(platform)} app protection evaluation here to use this connector's.";
        }
        var beside = users.FirstOrDefault(u => u.IsMicrosoftService != partner.IsMicrosoftService);
        return beside is null
            ? "this connector's reports are used for app protection evaluation."
            : $"this connector's reports are used for app protection evaluation together with {beside.Name}'s; where both report on a device, " +
              "the policy's Primary MTD service decides which one counts (Microsoft Defender for Endpoint unless the policy says otherwise).";
    }

    private static string JoinNames(List<MtdPartner> partners) =>
        partners.Count == 1 ? partners[0].Name : string.Join(" and ", partners.Select(p => p.Name));
}

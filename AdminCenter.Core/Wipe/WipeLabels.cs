using AdminCenter.Core.Mam;

namespace AdminCenter.Core.Wipe;

/// <summary>Wipe states and origins in the admin center's words.</summary>
public static class WipeLabels
{
    public static IReadOnlyList<WipeRequestStatus> Statuses { get; } =
        [WipeRequestStatus.Pending, WipeRequestStatus.Successful, WipeRequestStatus.Failed];

    public static string Status(WipeRequestStatus status) => status switch
    {
        WipeRequestStatus.Pending => "Pending",
        WipeRequestStatus.Successful => "Successful",
        _ => "Failed",
    };

    public static string Origin(WipeRequestOrigin origin) => origin switch
    {
        WipeRequestOrigin.Automatic => "Automatic (policy outcome)",
        WipeRequestOrigin.Manual => "Manual",
        _ => "User-Level Wipe",
    };

    public static string App(string appId) => AppProtectionStatusLabels.App(appId);
}

using AdminCenter.Core.AppProtection;

namespace AdminCenter.Components.Pages.Apps.AppProtection;

/// <summary>The admin center's words for each policy value (spec 03); no enum name reaches the page.</summary>
public static class PolicyLabels
{
    public static IReadOnlyList<DataTransferLevel> TransferLevels { get; } = [DataTransferLevel.AllApps, DataTransferLevel.None];

    public static IReadOnlyList<ClipboardSharingLevel> ClipboardLevels { get; } =
    [
        ClipboardSharingLevel.AnyDestinationAnySource,
        ClipboardSharingLevel.None,
        ClipboardSharingLevel.OrgDestinationAnySource,
        ClipboardSharingLevel.OrgDestinationOrgSource,
    ];

    public static string ReceiveFrom(DataTransferLevel level) => level == DataTransferLevel.AllApps ? "All sources" : "No sources";

    public static string SendTo(DataTransferLevel level) => level == DataTransferLevel.AllApps ? "All destinations" : "No destinations";

    public static string Clipboard(ClipboardSharingLevel level) => level switch
    {
        ClipboardSharingLevel.AnyDestinationAnySource => "Any destination and any source",
        ClipboardSharingLevel.None => "No destination or source",
        ClipboardSharingLevel.OrgDestinationAnySource => "Org data destinations and any source",
        ClipboardSharingLevel.OrgDestinationOrgSource => "Org data destinations and org data sources",
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static string Print(bool blocked) => blocked ? "Block" : "Allow";

    public static string App(string appId) => appId == WindowsPolicyDraft.EdgeAppId ? "Microsoft Edge" : appId;

    public static string ScopeTag(string tagId) => tagId == WindowsPolicyDraft.DefaultScopeTagId ? "Default" : tagId;

    public static string YesNo(bool value) => value ? "Yes" : "No";
}

namespace AdminCenter.Core.Wipe;

/// <summary>One wipe request as the App selective wipe page and the API show it.</summary>
public sealed record WipeRequestRow(
    string Id,
    string RegistrationId,
    string UserId,
    string UserPrincipalName,
    string? UserDisplayName,
    string? DeviceName,
    string AzureAdDeviceId,
    string AppId,
    WipeRequestOrigin Origin,
    WipeRequestStatus Status,
    DateTime CreatedDateTime,
    string CreatedBy,
    DateTime? DeliveredDateTime,
    DateTime? CompletedDateTime,
    string? Message)
{
    public bool IsPending => Status == WipeRequestStatus.Pending;

    internal static WipeRequestRow From(WipeRequest request, string? userDisplayName) => new(
        request.Id, request.RegistrationId, request.UserId, request.UserPrincipalName, userDisplayName, request.DeviceName,
        request.AzureAdDeviceId, request.AppId, request.Origin, request.Status, request.CreatedDateTime, request.CreatedBy,
        request.DeliveredDateTime, request.CompletedDateTime, request.Message);
}

/// <summary>A registration of a user that can be wiped: one app on one device.</summary>
public sealed record WipeTarget(string RegistrationId, string? DeviceName, string AzureAdDeviceId, string AppId, bool HasPendingWipe)
{
    /// <summary>How the device picker lists it, e.g. "MEGAN-LAPTOP · Microsoft Edge".</summary>
    public string Label => $"{(string.IsNullOrWhiteSpace(DeviceName) ? AzureAdDeviceId : DeviceName)} · {WipeLabels.App(AppId)}";
}

/// <summary>A user on the User-Level Wipe list.</summary>
public sealed record UserLevelWipeRow(string UserId, string UserPrincipalName, string? DisplayName, DateTime AddedDateTime, string AddedBy);

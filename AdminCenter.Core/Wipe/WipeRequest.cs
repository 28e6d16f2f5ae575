namespace AdminCenter.Core.Wipe;

/// <summary>Where a wipe request is in its life (spec 04, Selective wipe).</summary>
public enum WipeRequestStatus
{
    Pending,
    Successful,
    Failed,
}

/// <summary>Why a wipe was requested: an evaluation outcome of Wipe, an admin's request, or the User-Level Wipe list.</summary>
public enum WipeRequestOrigin
{
    Automatic,
    Manual,
    UserLevel,
}

/// <summary>A selective wipe of org data for one registration (user, app, device).</summary>
public sealed class WipeRequest
{
    private WipeRequest()
    {
    }

    public string Id { get; private set; } = "";

    public string RegistrationId { get; private set; } = "";

    public string UserId { get; private set; } = "";

    public string UserPrincipalName { get; private set; } = "";

    public string AppId { get; private set; } = "";

    public string AzureAdDeviceId { get; private set; } = "";

    public string? DeviceName { get; private set; }

    public WipeRequestOrigin Origin { get; private set; }

    public WipeRequestStatus Status { get; private set; }

    public DateTime CreatedDateTime { get; private set; }

    /// <summary>The admin who asked, or "AdminCenter" for automatic and user-level wipes.</summary>
    public string CreatedBy { get; private set; } = "";

    /// <summary>When a check-in received the request.</summary>
    public DateTime? DeliveredDateTime { get; private set; }

    public DateTime? CompletedDateTime { get; private set; }

    /// <summary>The client's message with its result (a reason when Failed).</summary>
    public string? Message { get; private set; }

    public static WipeRequest Create(
        string registrationId, string userId, string userPrincipalName, string appId, string azureAdDeviceId, string? deviceName,
        WipeRequestOrigin origin, string createdBy, DateTime nowUtc) => new()
        {
            Id = Guid.NewGuid().ToString(),
            RegistrationId = registrationId,
            UserId = userId,
            UserPrincipalName = userPrincipalName,
            AppId = appId,
            AzureAdDeviceId = azureAdDeviceId,
            DeviceName = deviceName,
            Origin = origin,
            Status = WipeRequestStatus.Pending,
            CreatedBy = createdBy,
            CreatedDateTime = nowUtc,
        };

    public void MarkDelivered(DateTime nowUtc) => DeliveredDateTime ??= nowUtc;

    public void Complete(bool succeeded, string? message, DateTime nowUtc)
    {
        Status = succeeded ? WipeRequestStatus.Successful : WipeRequestStatus.Failed;
        Message = message;
        CompletedDateTime = nowUtc;
    }
}

/// <summary>A user on the User-Level Wipe list: every registration of theirs is wiped at every check-in until removed.</summary>
public sealed class UserLevelWipe(string userId, string userPrincipalName, DateTime addedDateTime, string addedBy)
{
    public string UserId { get; private set; } = userId;

    public string UserPrincipalName { get; private set; } = userPrincipalName;

    public DateTime AddedDateTime { get; private set; } = addedDateTime;

    public string AddedBy { get; private set; } = addedBy;
}

namespace AdminCenter.Core.Mam;

/// <summary>Whether a user's targeted app has a registration (spec 07, Report parity: User report).</summary>
public enum CheckInStatus
{
    CheckedIn,
    NotCheckedIn,
}

/// <summary>
/// One line of a user's User report: a registration (Checked in, with the policies its last evaluation applied), or a
/// targeted app the user never checked in with (Not checked in, with the policies whose groups target the user).
/// </summary>
public sealed record UserReportRow(
    string AppId,
    CheckInStatus Status,
    string? DeviceName,
    IReadOnlyList<string> PolicyNames,
    DateTime? LastSyncDateTime)
{
    public string AppName => AppProtectionStatusLabels.App(AppId);

    public string StatusText => Status == CheckInStatus.CheckedIn ? "Checked in" : "Not checked in";
}

/// <summary>A user's app protection coverage: per targeted or registered app, whether it checked in.</summary>
public sealed record UserReport(string UserId, string DisplayName, string UserPrincipalName, IReadOnlyList<UserReportRow> Rows);

/// <summary>A user whom a policy targets and who never checked in with the targeted app(s): protection that silently does nothing.</summary>
public sealed record TargetedUserRow(
    string UserId,
    string DisplayName,
    string UserPrincipalName,
    IReadOnlyList<string> AppIds,
    IReadOnlyList<string> PolicyNames)
{
    public string AppNames => string.Join(", ", AppIds.Select(AppProtectionStatusLabels.App).Distinct(StringComparer.Ordinal));
}

/// <summary>How many users one app of a policy reached.</summary>
public sealed record AppDeployment(string AppId, int AppliedUserCount)
{
    public string AppName => AppProtectionStatusLabels.App(AppId);
}

/// <summary>
/// A policy's Deployment status (Graph <c>managedAppPolicyDeploymentSummary</c>): users its groups target, users checked
/// in with it applied (overall and per app), computed at <see cref="LastRefreshDateTime"/>.
/// </summary>
public sealed record PolicyDeploymentSummary(
    string PolicyId,
    string DisplayName,
    int Version,
    int TargetedUserCount,
    int AppliedUserCount,
    IReadOnlyList<AppDeployment> PerApp,
    DateTime LastRefreshDateTime);

using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;

namespace AdminCenter.Core.ConditionalAccess;

/// <summary>The policy as the Conditional Access page shows it; <see cref="Version"/> guards the next save.</summary>
public sealed record ConditionalAccessPolicyView(
    string DisplayName,
    ConditionalAccessState State,
    IReadOnlyList<AssignedGroup> IncludedGroups,
    IReadOnlyList<AssignedGroup> ExcludedGroups,
    DateTime? LastModifiedDateTime,
    string LastModifiedBy,
    int Version)
{
    public ConditionalAccessPolicyDraft ToDraft() =>
        new(State, [.. IncludedGroups.Select(g => g.Id)], [.. ExcludedGroups.Select(g => g.Id)]);
}

/// <summary>What an admin edits on the Conditional Access page.</summary>
public sealed record ConditionalAccessPolicyDraft(ConditionalAccessState State, IReadOnlyList<string> IncludedGroupIds, IReadOnlyList<string> ExcludedGroupIds)
{
    public const string StateField = "state";
    public const string IncludedGroupsField = "includedGroups";
    public const string ExcludedGroupsField = "excludedGroups";

    public bool SameAs(ConditionalAccessPolicyDraft other) =>
        other is not null && State == other.State
        && IncludedGroupIds.SequenceEqual(other.IncludedGroupIds, StringComparer.Ordinal)
        && ExcludedGroupIds.SequenceEqual(other.ExcludedGroupIds, StringComparer.Ordinal);
}

/// <summary>A sign-in to evaluate (spec 05 §4).</summary>
public sealed record SignInRequest(
    [FieldKind(FieldKind.UserPrincipalName)] string UserPrincipalName,
    [FieldKind(FieldKind.Identifier)] string AzureAdDeviceId,
    [FieldKind(FieldKind.Identifier)] string ClientAppId,
    [FieldKind(FieldKind.Name)] string Resource);

/// <summary>What the sign-in logs show as the result.</summary>
public enum SignInResult
{
    Granted,
    Blocked,

    /// <summary>Granted because the policy is Report-only; On, it would have blocked.</summary>
    ReportOnlyBlocked,
}

/// <summary>Filters of the sign-in logs; every one is optional.</summary>
public sealed record SignInLogFilter
{
    /// <summary>Part of the user principal name, ignoring case.</summary>
    public string? User { get; init; }

    public SignInResult? Result { get; init; }

    /// <summary>Sign-ins at or after this UTC time.</summary>
    public DateTime? FromUtc { get; init; }

    /// <summary>Sign-ins before this UTC time.</summary>
    public DateTime? ToUtc { get; init; }
}

/// <summary>
/// One sign-in as the logs page shows it. <see cref="DeviceName"/> is the name the device's latest MAM registration
/// reported; null when no registration knows the device (then the page shows the Entra device id).
/// </summary>
public sealed record SignInLogRow(
    long Id,
    DateTime SignInDateTime,
    string UserPrincipalName,
    string AzureAdDeviceId,
    string? DeviceName,
    string ClientAppId,
    string Resource,
    SignInResult Result,
    IReadOnlyList<string> Reasons,
    IReadOnlyList<string> Remediation)
{
    public string AppName => ConditionalAccessLabels.App(ClientAppId);
}

/// <summary>The admin center's words for the policy's states and the sign-in results; no enum name reaches a page.</summary>
public static class ConditionalAccessLabels
{
    public static IReadOnlyList<ConditionalAccessState> States { get; } = [ConditionalAccessState.Off, ConditionalAccessState.ReportOnly, ConditionalAccessState.On];

    public static IReadOnlyList<SignInResult> Results { get; } = [SignInResult.Granted, SignInResult.Blocked, SignInResult.ReportOnlyBlocked];

    public static string State(ConditionalAccessState state) => state switch
    {
        ConditionalAccessState.Off => "Off",
        ConditionalAccessState.ReportOnly => "Report-only",
        ConditionalAccessState.On => "On",
        _ => throw new ArgumentOutOfRangeException(nameof(state)),
    };

    public static string Result(SignInResult result) => result switch
    {
        SignInResult.Granted => "Granted",
        SignInResult.Blocked => "Blocked",
        SignInResult.ReportOnlyBlocked => "Report-only: would block",
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };

    /// <summary>The client app by name when AdminCenter knows it ("Microsoft Edge", "Google Chrome"), else its id.</summary>
    public static string App(string clientAppId) => Common.AppNames.Name(clientAppId);
}

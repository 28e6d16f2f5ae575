using System.Globalization;
using AdminCenter.Core.AppProtection;
using AdminCenter.Core.Common;
using AdminCenter.Core.Connectors;
using AdminCenter.Core.UsersAndGroups;

namespace AdminCenter.Core.Mam;

/// <summary>An item after the checks that need no database: the refusal, or the parsed level, time and user.</summary>
internal readonly record struct CheckedHealthReport(string? Refusal, DeviceThreatLevel Level, DateTime ReportedUtc, string? NormalizedUserPrincipalName)
{
    public bool IsRefused => Refusal is not null;
}

/// <summary>
/// Every refusal of health reports (spec 04), decided without a database: the whole request (connector missing or not
/// accepting), each item's fields, and an item whose user or registration the lookup did not find.
/// </summary>
internal static class HealthReportChecks
{
    public const int MaxBatchSize = 1000;

    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The refusal of a request larger than <see cref="MaxBatchSize"/>, or null.</summary>
    public static string? CheckBatchSize(int count) =>
        count > MaxBatchSize ? $"A request holds at most {MaxBatchSize} reports; this one has {count}." : null;

    /// <summary>The connector id as stored (the catalog's spelling), so any casing of a known partner finds its row.</summary>
    public static string CanonicalConnectorId(string connectorId) =>
        PartnerCatalog.TryFind(connectorId, out var partner) ? partner.ConnectorId : connectorId;

    /// <summary>Whether a whole request is refused: no such connector (NotFound), or one that does not accept reports (Conflict).</summary>
    public static ServiceResult<IReadOnlyList<HealthReportItemResult>>? CheckConnector(string connectorId, MobileThreatDefenseConnector? connector)
    {
        if (connector is null)
        {
            return ServiceResult<IReadOnlyList<HealthReportItemResult>>.NotFound("connectorId", $"No connector with id '{connectorId}'.");
        }
        if (connector.PartnerState is ConnectorPartnerState.Unavailable or ConnectorPartnerState.NotSetUp)
        {
            return ServiceResult<IReadOnlyList<HealthReportItemResult>>.Conflict("connectorId",
                $"The {connector.Partner.Name} connector is {connector.PartnerState.ToDisplayName()}; its health reports are not accepted.");
        }
        return null;
    }

    /// <summary>Checks one item's fields against the server's clock.</summary>
    public static CheckedHealthReport CheckItem(HealthReportInput item, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (Refusal(item, nowUtc, out var level) is { } refusal)
        {
            return new CheckedHealthReport(refusal, default, default, null);
        }
        return new CheckedHealthReport(null, level, item.ReportedDateTime!.Value.ToUniversalTime(), DirectoryUser.Normalize(item.UserPrincipalName!));
    }

    /// <summary>The refusal of an item whose fields passed, given what the lookup found; null when it is accepted.</summary>
    public static string? CheckFound(HealthReportInput item, bool userFound, bool registrationFound)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (!userFound)
        {
            return $"unknown user: '{item.UserPrincipalName}' is not in the directory";
        }
        if (!registrationFound)
        {
            return $"user not MAM-enrolled: '{item.UserPrincipalName}' has no registration of {item.AppId} on device {item.AzureAdDeviceId}";
        }
        return null;
    }

    private static string? Refusal(HealthReportInput item, DateTime now, out DeviceThreatLevel level)
    {
        level = default;
        if (item.Problem is not null)
        {
            return item.Problem;
        }
        if (string.IsNullOrWhiteSpace(item.UserPrincipalName))
        {
            return "userPrincipalName is required";
        }
        if (string.IsNullOrWhiteSpace(item.AppId))
        {
            return "appId is required";
        }
        if (string.IsNullOrWhiteSpace(item.AzureAdDeviceId))
        {
            return "azureAdDeviceId is required";
        }
        // The API's reader refuses these already; other callers get the same rules, and the writer never sees bad text.
        if ((FieldRules.Check("userPrincipalName", item.UserPrincipalName, FieldKind.UserPrincipalName)
            ?? FieldRules.Check("appId", item.AppId, FieldKind.Identifier)
            ?? FieldRules.Check("azureAdDeviceId", item.AzureAdDeviceId, FieldKind.Identifier)) is { } textProblem)
        {
            return textProblem;
        }
        if (!HealthChecks.TryParseThreatLevel(item.ThreatLevel, out level) || level == DeviceThreatLevel.NotConfigured)
        {
            return $"threatLevel must be one of secured, low, medium, high (got '{item.ThreatLevel}')";
        }
        if (item.ReportedDateTime is not { } reported)
        {
            return "reportedDateTime is required";
        }
        if (reported.ToUniversalTime() > now + AllowedClockSkew)
        {
            return $"reportedDateTime {reported.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} is in the future (more than 5 minutes ahead of the server's clock)";
        }
        return null;
    }
}

using AdminCenter.Core.Common;

namespace AdminCenter.Core.Connectors;

/// <summary>A connector that already exists, as the validation rules see it.</summary>
public sealed record ExistingConnector(MtdPartner Partner, MtdConnectorSettings Settings);

/// <summary>The validation rules of spec 02 as pure functions, shared by the pages and the API.</summary>
public static class ConnectorValidator
{
    public const string PartnerField = "id";

    public static string ThresholdMessage { get; } =
        $"{ConnectorToggles.ThresholdLabel} must be a whole number from {MtdConnectorSettings.MinUnresponsivenessThresholdInDays} to {MtdConnectorSettings.MaxUnresponsivenessThresholdInDays}.";

    /// <summary>
    /// The threshold as the admin typed it: a whole number from 1 to 90. Returns why it is refused (null when it is
    /// fine) and the number when there is one, so the page can keep the text and the rule in one place.
    /// </summary>
    public static string? CheckThreshold(string? text, out int days)
    {
        days = 0;
        var value = (text ?? "").Trim();
        if (!int.TryParse(value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out days))
        {
            return ThresholdMessage;
        }
        return days is < MtdConnectorSettings.MinUnresponsivenessThresholdInDays or > MtdConnectorSettings.MaxUnresponsivenessThresholdInDays
            ? ThresholdMessage
            : null;
    }

    /// <summary>Rules for a new connector: a known partner without a connector yet, plus <see cref="ValidateSettings"/>.</summary>
    public static IReadOnlyList<ValidationProblem> ValidateNew(
        string? partnerId, MtdConnectorSettings settings, IReadOnlyCollection<ExistingConnector> existing)
    {
        if (!PartnerCatalog.TryFind(partnerId, out var partner))
        {
            return [new(PartnerField, string.IsNullOrWhiteSpace(partnerId)
                ? "Select the Mobile Threat Defense connector to set up."
                : $"'{partnerId}' is not a Mobile Threat Defense partner's connector id.")];
        }
        if (existing.Any(c => c.Partner == partner))
        {
            return [new(PartnerField, $"A connector for {partner.Name} already exists. A tenant has one connector per partner.", IsConflict: true)];
        }
        return ValidateSettings(partner, settings, existing);
    }

    /// <summary>
    /// Threshold in range, only toggles the partner offers, and <see cref="AppProtectionPartnerRule"/> for app protection
    /// evaluation. <paramref name="others"/> are the tenant's other connectors.
    /// </summary>
    public static IReadOnlyList<ValidationProblem> ValidateSettings(
        MtdPartner partner, MtdConnectorSettings settings, IEnumerable<ExistingConnector> others)
    {
        var problems = new List<ValidationProblem>();
        if (settings.PartnerUnresponsivenessThresholdInDays is < MtdConnectorSettings.MinUnresponsivenessThresholdInDays
            or > MtdConnectorSettings.MaxUnresponsivenessThresholdInDays)
        {
            problems.Add(new(ConnectorToggles.ThresholdGraphName, ThresholdMessage));
        }

        foreach (var definition in ConnectorToggles.All)
        {
            if (settings.Get(definition.Toggle) && !definition.IsOfferedBy(partner))
            {
                problems.Add(new(definition.GraphName, $"{partner.Name} does not support '{definition.LabelFor(partner)}'."));
            }
        }

        var otherList = others.Where(o => o.Partner != partner).ToList();
        foreach (var platform in AppProtectionPartnerRule.Platforms)
        {
            var definition = ConnectorToggles.Get(AppProtectionPartnerRule.ToggleFor(platform));
            if (settings.Get(definition.Toggle) && AppProtectionPartnerRule.Holder(partner, platform, otherList) is { } holder)
            {
                problems.Add(new(definition.GraphName, AppProtectionPartnerRule.RefusalMessage(platform, holder.Partner)));
            }
        }
        return problems;
    }
}

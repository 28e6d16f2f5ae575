using System.Net;
using System.Text;
using AdminCenter.Core.Common;
using AdminCenter.Core.Connectors;

namespace AdminCenter.Tests.Api;

/// <summary>Who may call an endpoint: the API token, or a connector's partner secret.</summary>
public enum Caller
{
    ApiToken,
    LookoutPartner,
    WscPartner,
}

/// <summary>One malformed request: its body and Content-Type, the status it must get and what the message must say.</summary>
public sealed record BadBody(string Name, byte[] Body, string? ContentType, HttpStatusCode Status, string Expect)
{
    /// <summary>A 200 whose only item is refused (health reports answer per item).</summary>
    public bool RefusedItem => Status == HttpStatusCode.OK;
}

/// <summary>One property of an endpoint's body: a valid value as raw JSON, its type and rules; <see cref="NotNull"/> when an optional one may not be null.</summary>
public sealed record BodyField(string Name, string Valid, FieldType Type, bool Required, FieldKind Kind = FieldKind.Identifier, bool NotNull = false);

public enum FieldType
{
    Text,
    Boolean,
    WholeNumber,
    Date,

    /// <summary>One of a fixed set of names.</summary>
    Enum,

    /// <summary>An array of text.</summary>
    TextList,

    /// <summary>An array of objects (their own properties are checked by the endpoint's extra cases).</summary>
    ObjectList,
}

/// <summary>An endpoint under test: where, who calls it, and its body's properties; POST unless <see cref="Method"/> says otherwise.</summary>
public sealed record BodyEndpoint(string Name, string Route, string Path, Caller Caller, IReadOnlyList<BodyField> Fields, bool AnswersPerItem = false)
{
    public HttpMethod Method { get; init; } = HttpMethod.Post;

    /// <summary>Cases of this endpoint's own rules (nested properties, read-only properties, Core's rules).</summary>
    public IReadOnlyList<BadBody> Extra { get; init; } = [];
}

/// <summary>
/// The table of malformed bodies for every endpoint: generic damage (syntax, root kinds, content types, nesting,
/// duplicates, unknown properties) and, for every property, wrong types, nulls, missing values, invalid UTF-8/UTF-16,
/// control characters and over-long text.
/// </summary>
public static class BadInputCases
{
    public const string Device = "bad-input-device";
    public const string User = "bad.input@contoso.com";
    public const string Lookout = "2c7790de-8b02-4814-85cf-e0c59380dee8";
    public const string PolicyName = "Bad input policy";
    public const string AppConfigurationName = "Bad input app configuration";

    // The connectors' Boolean properties (declared before Endpoints, which reads them).
    private static readonly string[] V1Toggles =
    [
        "partnerUnsupportedOsVersionBlocked", "androidEnabled", "iosEnabled", "windowsEnabled", "androidDeviceBlockedOnMissingPartnerData",
        "iosDeviceBlockedOnMissingPartnerData", "windowsDeviceBlockedOnMissingPartnerData", "androidMobileApplicationManagementEnabled",
        "iosMobileApplicationManagementEnabled", "microsoftDefenderForEndpointAttachEnabled", "allowPartnerToCollectIOSApplicationMetadata",
        "allowPartnerToCollectIOSPersonalApplicationMetadata",
    ];

    private static readonly string[] BetaToggles =
    [
        "windowsMobileApplicationManagementEnabled", "macEnabled", "macDeviceBlockedOnMissingPartnerData",
        "allowPartnerToCollectIosCertificateMetadata", "allowPartnerToCollectIosPersonalCertificateMetadata",
    ];

    private static readonly string[] GraphVersions = ["v1.0", "beta"];

    private static readonly string[] PolicyReadOnly = ["id", "createdDateTime", "lastModifiedDateTime", "isAssigned", "version", "deployedAppCount", "apps", "assignments"];

    public static readonly IReadOnlyList<BodyEndpoint> Endpoints =
    [
        new("checkIn", "/mam/v1/checkIn", "/mam/v1/checkIn", Caller.ApiToken,
        [
            new("userPrincipalName", Quote(User), FieldType.Text, true, FieldKind.UserPrincipalName),
            new("appId", Quote("com.microsoft.edge"), FieldType.Text, true),
            new("azureAdDeviceId", Quote(Device), FieldType.Text, true),
            new("deviceName", Quote("LAPTOP-1"), FieldType.Text, false, FieldKind.Name),
            new("deviceModel", Quote("Surface Laptop 5"), FieldType.Text, false, FieldKind.Name),
            new("deviceManufacturer", Quote("Microsoft"), FieldType.Text, false, FieldKind.Name),
            new("platformVersion", Quote("10.0.22631.4000"), FieldType.Text, false, FieldKind.Version),
            new("appVersion", Quote("131.0.2903.70"), FieldType.Text, false, FieldKind.Version),
            new("sdkVersion", Quote("1.0.0"), FieldType.Text, false, FieldKind.Version),
        ]),
        new("wipeResult", "/mam/v1/wipeResult", "/mam/v1/wipeResult", Caller.ApiToken,
        [
            new("registrationId", Quote("registration-1"), FieldType.Text, true),
            new("succeeded", "true", FieldType.Boolean, true),
            new("message", Quote("Org data removed"), FieldType.Text, false, FieldKind.Message),
        ]),
        new("signOut", "/mam/v1/signOut", "/mam/v1/signOut", Caller.ApiToken,
        [
            new("userPrincipalName", Quote(User), FieldType.Text, true, FieldKind.UserPrincipalName),
            new("appId", Quote("com.microsoft.edge"), FieldType.Text, true),
            new("azureAdDeviceId", Quote(Device), FieldType.Text, true),
        ]),
        new("heartbeat", "/partner/v1/connectors/{connectorId}/heartbeat", $"/partner/v1/connectors/{Lookout}/heartbeat", Caller.LookoutPartner,
        [
            new("status", Quote("error"), FieldType.Text, true),
            new("errorCode", "17", FieldType.WholeNumber, false),
            new("message", Quote("license expired"), FieldType.Text, false, FieldKind.Message),
        ]),
        new("deprovision", "/partner/v1/connectors/{connectorId}/deprovision", $"/partner/v1/connectors/{Lookout}/deprovision", Caller.LookoutPartner, []),
        new("healthReports", "/partner/v1/connectors/{connectorId}/healthReports", $"/partner/v1/connectors/{PartnerCatalog.WindowsSecurityCenterId}/healthReports", Caller.WscPartner,
        [
            new("userPrincipalName", Quote(User), FieldType.Text, false, FieldKind.UserPrincipalName),
            new("appId", Quote("com.microsoft.edge"), FieldType.Text, false),
            new("azureAdDeviceId", Quote(Device), FieldType.Text, false),
            new("threatLevel", Quote("high"), FieldType.Text, false),
            new("reportedDateTime", Quote("2026-11-25T09:00:00Z"), FieldType.Date, false),
        ], AnswersPerItem: true),
        new("evaluate", "/ca/v1/evaluate", "/ca/v1/evaluate", Caller.ApiToken,
        [
            new("userPrincipalName", Quote(User), FieldType.Text, true, FieldKind.UserPrincipalName),
            new("azureAdDeviceId", Quote(Device), FieldType.Text, true),
            new("clientAppId", Quote("com.microsoft.edge"), FieldType.Text, true),
            new("resource", Quote("Office 365 SharePoint Online"), FieldType.Text, true, FieldKind.Name),
        ]),
        new("graphWipe", "/graph/beta/users/{userPrincipalName}/wipeManagedAppRegistrationsByAzureAdDeviceId", $"/graph/beta/users/{User}/wipeManagedAppRegistrationsByAzureAdDeviceId", Caller.ApiToken,
        [
            new("azureAdDeviceId", Quote(Device), FieldType.Text, true),
        ]),
        .. ConnectorEndpoints(),
        .. GroupReferenceEndpoints(),
        .. PolicyEndpoints(),
        .. AppConfigurationEndpoints(),
    ];

    public static BodyEndpoint Endpoint(string name) => Endpoints.Single(e => e.Name == name);

    // Graph's connectors (spec 05 §1): POST and PATCH in v1.0 and beta, each with its version's writable properties.
    private static IEnumerable<BodyEndpoint> ConnectorEndpoints()
    {
        const string Connectors = "deviceManagement/mobileThreatDefenseConnectors";
        BodyField[] v1 =
        [
            new("@odata.type", Quote("#microsoft.graph.mobileThreatDefenseConnector"), FieldType.Text, false),
            new("partnerUnresponsivenessThresholdInDays", "7", FieldType.WholeNumber, false),
            .. V1Toggles.Select(name => new BodyField(name, "false", FieldType.Boolean, false)),
        ];
        BodyField[] beta =
        [
            .. v1,
            .. BetaToggles.Select(name => new BodyField(name, "false", FieldType.Boolean, false)),
        ];
        foreach (var (version, fields) in new[] { ("v1.0", v1), ("beta", beta) })
        {
            var collection = $"/graph/{version}/{Connectors}";
            yield return new($"connectorCreate {version}", collection, collection, Caller.ApiToken,
                [new("id", Quote(Lookout), FieldType.Text, true), .. fields]);
            yield return new($"connectorPatch {version}", collection + "/{id}", $"{collection}/{Lookout}", Caller.ApiToken,
                [new("id", Quote(Lookout), FieldType.Text, false), .. fields]) { Method = HttpMethod.Patch };
        }
    }

    // Graph beta's Windows app protection policies (spec 05 §1): create, PATCH, assign and targetApps of the tenant's policy.
    private static IEnumerable<BodyEndpoint> PolicyEndpoints()
    {
        const string Policies = "/graph/beta/deviceAppManagement/windowsManagedAppProtections";
        string[] versions =
        [
            "minimumRequiredSdkVersion", "minimumWipeSdkVersion", "minimumRequiredOsVersion", "minimumWarningOsVersion", "minimumWipeOsVersion",
            "minimumRequiredAppVersion", "minimumWarningAppVersion", "minimumWipeAppVersion", "maximumRequiredOsVersion", "maximumWarningOsVersion",
            "maximumWipeOsVersion",
        ];
        BodyField[] settings =
        [
            new("description", Quote("Edge for finance"), FieldType.Text, false, FieldKind.Message),
            new("@odata.type", Quote("#microsoft.graph.windowsManagedAppProtection"), FieldType.Text, false),
            new("roleScopeTagIds", "[\"0\"]", FieldType.TextList, false, NotNull: true),
            new("printBlocked", "true", FieldType.Boolean, false, NotNull: true),
            new("allowedInboundDataTransferSources", Quote("none"), FieldType.Enum, false, NotNull: true),
            new("allowedOutboundClipboardSharingLevel", Quote("orgDestinationOrgSource"), FieldType.Enum, false, NotNull: true),
            new("allowedOutboundDataTransferDestinations", Quote("allApps"), FieldType.Enum, false, NotNull: true),
            new("appActionIfUnableToAuthenticateUser", Quote("block"), FieldType.Enum, false),
            new("maximumAllowedDeviceThreatLevel", Quote("low"), FieldType.Enum, false, NotNull: true),
            new("mobileThreatDefenseRemediationAction", Quote("wipe"), FieldType.Enum, false, NotNull: true),
            .. versions.Select(name => new BodyField(name, Quote("10.0.22621.2506"), FieldType.Text, false, FieldKind.Version)),
            new("periodOfflineBeforeWipeIsEnforced", Quote("P90D"), FieldType.Text, false),
            new("periodOfflineBeforeAccessCheck", Quote("PT720M"), FieldType.Text, false),
        ];
        BadBody[] settingRules =
        [
            .. PolicyReadOnly.Select(name => Refused($"read-only {name}", $"{{\"{name}\":null}}", $"The property '{name}' is read-only")),
            Refused("read-only IsAssigned in another case", "{\"IsAssigned\":true}", "The property 'isAssigned' is read-only"),
            Refused("an iOS @odata.type", "{\"@odata.type\":\"#microsoft.graph.iosManagedAppProtection\"}", "'@odata.type' must be \"#microsoft.graph.windowsManagedAppProtection\""),
            Refused("a duration that is not one", "{\"periodOfflineBeforeAccessCheck\":\"12 hours\"}", "'periodOfflineBeforeAccessCheck' must be an ISO 8601 duration"),
            Refused("an offline period in seconds", "{\"periodOfflineBeforeAccessCheck\":\"PT30S\"}", "'periodOfflineBeforeAccessCheck': Offline grace period with Block access must be a whole number of minutes"),
            Refused("an offline wipe of 11 years", "{\"periodOfflineBeforeWipeIsEnforced\":\"P4015D\"}", "'periodOfflineBeforeWipeIsEnforced': Offline grace period with Wipe data must be a whole number of days from 1 to 3650"),
            Refused("a bare build number", "{\"minimumRequiredOsVersion\":\"22631.3155\"}", "'minimumRequiredOsVersion': '22631.3155' looks like a build number"),
            Refused("a version with letters", "{\"minimumWarningAppVersion\":\"v120\"}", "'minimumWarningAppVersion': 'v120' is not a version"),
            Refused("a Warn action on a disabled account", "{\"appActionIfUnableToAuthenticateUser\":\"warn\"}", "'appActionIfUnableToAuthenticateUser': Disabled account supports Block access or Wipe data only"),
            Refused("a wipe without a threat level", "{\"maximumAllowedDeviceThreatLevel\":\"notConfigured\",\"mobileThreatDefenseRemediationAction\":\"wipe\"}",
                "'mobileThreatDefenseRemediationAction' can be \"wipe\" only with"),
            Refused("Min OS above Max OS", "{\"minimumRequiredOsVersion\":\"10.0.22631.1\",\"maximumRequiredOsVersion\":\"10.0.22621.1\"}", "Min OS version must be lower than Max OS version"),
            Refused("an unknown scope tag", "{\"roleScopeTagIds\":[\"7\"]}", "'roleScopeTagIds': Scope tag '7' does not exist"),
            Refused("no scope tag", "{\"roleScopeTagIds\":[]}", "'roleScopeTagIds': Select at least one scope tag"),
            Refused("a description of 1025 characters", $"{{\"description\":{Quote(new string('d', 1025))}}}", "'description' is 1,025 characters long"),
        ];
        yield return new("policyCreate beta", Policies, Policies, Caller.ApiToken,
            [new("displayName", Quote("Created by the bad-input suite"), FieldType.Text, true, FieldKind.Name), .. settings])
        {
            Extra =
            [
                .. settingRules.Select(r => r with { Body = WithName(r.Body, "Created by the bad-input suite") }),
                Refused("an empty name", "{\"displayName\":\"  \"}", "'displayName': Name is required."),
                new("a duplicate name", Utf8($"{{\"displayName\":\"{PolicyName.ToUpperInvariant()}\"}}"), "application/json", HttpStatusCode.Conflict,
                    $"'displayName': A Windows policy named '{PolicyName.ToUpperInvariant()}' already exists."),
            ],
        };
        yield return new("policyPatch beta", Policies + "/{id}", Policies + "/{policyId}", Caller.ApiToken,
            [new("displayName", Quote(PolicyName), FieldType.Text, false, FieldKind.Name, NotNull: true), .. settings])
        {
            Method = HttpMethod.Patch,
            Extra = [.. settingRules, Refused("an empty name", "{\"displayName\":\"\"}", "'displayName': Name is required.")],
        };

        const string Include = "#microsoft.graph.groupAssignmentTarget";
        yield return new("policyAssign beta", Policies + "/{id}/assign", Policies + "/{policyId}/assign", Caller.ApiToken,
            [new("assignments", $"[{{\"target\":{{\"@odata.type\":\"{Include}\",\"groupId\":\"bad-input-group\"}}}}]", FieldType.ObjectList, true)])
        {
            Extra =
            [
                Refused("an item without a target", "{\"assignments\":[{\"id\":\"a\"}]}", "The required property 'assignments[0].target' is missing."),
                Refused("a target that is a string", "{\"assignments\":[{\"target\":\"group\"}]}", "'assignments[0].target' must be a JSON object"),
                Refused("a target without @odata.type", "{\"assignments\":[{\"target\":{\"groupId\":\"g\"}}]}", "The required property 'assignments[0].target.@odata.type' is missing."),
                Refused("an all-users target", "{\"assignments\":[{\"target\":{\"@odata.type\":\"#microsoft.graph.allLicensedUsersAssignmentTarget\"}}]}",
                    "'assignments[0].target.@odata.type' is '#microsoft.graph.allLicensedUsersAssignmentTarget'; Windows app protection policies are assigned to groups"),
                Refused("a group target without groupId", $"{{\"assignments\":[{{\"target\":{{\"@odata.type\":\"{Include}\"}}}}]}}", "'assignments[0].target.groupId' is required"),
                Refused("a groupId that is a number", $"{{\"assignments\":[{{\"target\":{{\"@odata.type\":\"{Include}\",\"groupId\":7}}}}]}}", "'assignments[0].target.groupId' must be a string"),
                Refused("a groupId with a NUL", $"{{\"assignments\":[{{\"target\":{{\"@odata.type\":\"{Include}\",\"groupId\":\"g\\u0000\"}}}}]}}",
                    "'assignments[0].target.groupId' contains the control character U+0000"),
                Refused("a target with an unknown property", $"{{\"assignments\":[{{\"target\":{{\"@odata.type\":\"{Include}\",\"groupId\":\"g\",\"userId\":\"u\"}}}}]}}",
                    "'assignments[0].target.userId' is not known here"),
                Refused("an assignment filter without a type", $"{{\"assignments\":[{{\"target\":{{\"@odata.type\":\"{Include}\",\"groupId\":\"g\",\"deviceAndAppManagementAssignmentFilterId\":\"f\"}}}}]}}",
                    "'assignments[0].target.deviceAndAppManagementAssignmentFilterType' must be \"include\" or \"exclude\" with a filter id"),
                Refused("an unknown assignment filter type", $"{{\"assignments\":[{{\"target\":{{\"@odata.type\":\"{Include}\",\"groupId\":\"g\",\"deviceAndAppManagementAssignmentFilterId\":\"f\",\"deviceAndAppManagementAssignmentFilterType\":\"always\"}}}}]}}",
                    "use \"include\", \"exclude\" or \"none\""),
                Refused("a wrong assignment @odata.type", $"{{\"assignments\":[{{\"@odata.type\":\"#microsoft.graph.mobileAppAssignment\",\"target\":{{\"@odata.type\":\"{Include}\",\"groupId\":\"g\"}}}}]}}",
                    "'assignments[0].@odata.type' must be \"#microsoft.graph.targetedManagedAppPolicyAssignment\""),
                Refused("a source that is a number", $"{{\"assignments\":[{{\"source\":1,\"target\":{{\"@odata.type\":\"{Include}\",\"groupId\":\"g\"}}}}]}}", "'assignments[0].source' must be a string"),
                Refused("an unknown group", $"{{\"assignments\":[{{\"target\":{{\"@odata.type\":\"{Include}\",\"groupId\":\"no-such-group\"}}}}]}}",
                    "'assignments': The group 'no-such-group' does not exist"),
                Refused("a group both included and excluded",
                    $"{{\"assignments\":[{{\"target\":{{\"@odata.type\":\"{Include}\",\"groupId\":\"g1\"}}}},{{\"target\":{{\"@odata.type\":\"#microsoft.graph.exclusionGroupAssignmentTarget\",\"groupId\":\"G1\"}}}}]}}",
                    "'assignments': Group 'g1' is both included and excluded"),
            ],
        };

        const string Edge = "{\"@odata.type\":\"#microsoft.graph.windowsAppIdentifier\",\"windowsAppId\":\"com.microsoft.edge\"}";
        yield return new("policyTargetApps beta", Policies + "/{id}/targetApps", Policies + "/{policyId}/targetApps", Caller.ApiToken,
            [new("apps", $"[{{\"mobileAppIdentifier\":{Edge}}}]", FieldType.ObjectList, true)])
        {
            Extra =
            [
                Refused("no apps", "{\"apps\":[]}", "'apps': Select at least one app."),
                Refused("an app that is not Edge", "{\"apps\":[{\"mobileAppIdentifier\":{\"@odata.type\":\"#microsoft.graph.windowsAppIdentifier\",\"windowsAppId\":\"com.microsoft.teams\"}}]}",
                    "'apps': 'com.microsoft.teams' is not an app Windows app protection policies can target"),
                Refused("Edge twice", $"{{\"apps\":[{{\"mobileAppIdentifier\":{Edge}}},{{\"mobileAppIdentifier\":{Edge}}}]}}", "'apps': Microsoft Edge is selected more than once."),
                Refused("an item without mobileAppIdentifier", "{\"apps\":[{\"id\":\"x\"}]}", "The required property 'apps[0].mobileAppIdentifier' is missing."),
                Refused("an Android identifier", "{\"apps\":[{\"mobileAppIdentifier\":{\"@odata.type\":\"#microsoft.graph.androidMobileAppIdentifier\",\"packageId\":\"com.microsoft.emmx\"}}]}",
                    "'apps[0].mobileAppIdentifier.packageId' is not known here"),
                Refused("an iOS identifier type", "{\"apps\":[{\"mobileAppIdentifier\":{\"@odata.type\":\"#microsoft.graph.iosMobileAppIdentifier\",\"windowsAppId\":\"com.microsoft.edge\"}}]}",
                    "'apps[0].mobileAppIdentifier.@odata.type' must be \"#microsoft.graph.windowsAppIdentifier\""),
                Refused("an identifier without windowsAppId", "{\"apps\":[{\"mobileAppIdentifier\":{\"@odata.type\":\"#microsoft.graph.windowsAppIdentifier\"}}]}",
                    "The required property 'apps[0].mobileAppIdentifier.windowsAppId' is missing."),
                Refused("a windowsAppId of 129 characters", $"{{\"apps\":[{{\"mobileAppIdentifier\":{{\"@odata.type\":\"#microsoft.graph.windowsAppIdentifier\",\"windowsAppId\":{Quote(new string('e', 129))}}}}}]}}",
                    "'apps[0].mobileAppIdentifier.windowsAppId' is 129 characters long"),
                Refused("a wrong app @odata.type", $"{{\"apps\":[{{\"@odata.type\":\"#microsoft.graph.mobileApp\",\"mobileAppIdentifier\":{Edge}}}]}}",
                    "'apps[0].@odata.type' must be \"#microsoft.graph.managedMobileApp\""),
                Refused("a version that is a number", $"{{\"apps\":[{{\"version\":1,\"mobileAppIdentifier\":{Edge}}}]}}", "'apps[0].version' must be a string"),
            ],
        };

        const string Filters = "/graph/beta/deviceManagement/assignmentFilters";
        BodyField[] filterFields =
        [
            new("displayName", Quote("Bad input filter"), FieldType.Text, false, FieldKind.Name),
            new("description", Quote("Made by the bad-input suite"), FieldType.Text, false, FieldKind.Message),
            new("rule", Quote("app.operatingSystemVersion -ge 10.0.22631.0"), FieldType.Text, false, FieldKind.Expression),
        ];
        BadBody[] filterRules =
        [
            Refused("a rule that does not parse", "{\"displayName\":\"Broken\",\"rule\":\"app.deviceModel -eq\"}", "'rule': Position 20:"),
            Refused("an iOS platform", "{\"displayName\":\"iOS\",\"rule\":\"app.deviceModel -eq \\\"x\\\"\",\"platform\":\"iOS\"}", "The property 'platform' is 'iOS'"),
            Refused("a read-only id", "{\"id\":\"mine\"}", "The property 'id' is read-only."),
        ];
        yield return new("assignmentFilterCreate beta", Filters, Filters, Caller.ApiToken, filterFields)
        {
            Extra = [.. filterRules, Refused("no rule", "{\"displayName\":\"No rule\"}", "The properties 'displayName' and 'rule' are required.")],
        };
        yield return new("assignmentFilterPatch beta", Filters + "/{id}", Filters + "/{filterId}", Caller.ApiToken, filterFields)
        {
            Method = HttpMethod.Patch,
            Extra = filterRules,
        };

        static BadBody Refused(string name, string body, string expect) => new(name, Utf8(body), "application/json", HttpStatusCode.BadRequest, expect);

        // A create needs its name: the setting's own rule must be what refuses it.
        static byte[] WithName(byte[] body, string name) => Utf8($"{{\"displayName\":{Quote(name)},{Encoding.UTF8.GetString(body)[1..]}");
    }

    // Graph beta's app configuration policies for Edge (spec 05, 07): create, PATCH, assign and targetApps of the tenant's policy.
    private static IEnumerable<BodyEndpoint> AppConfigurationEndpoints()
    {
        const string Configurations = "/graph/beta/deviceAppManagement/targetedManagedAppConfigurations";
        BodyField[] settings =
        [
            new("description", Quote("Edge home page for finance"), FieldType.Text, false, FieldKind.Message),
            new("@odata.type", Quote("#microsoft.graph.targetedManagedAppConfiguration"), FieldType.Text, false),
            new("customSettings", "[{\"name\":\"HomepageLocation\",\"value\":\"https://contoso.sharepoint.com\"}]", FieldType.ObjectList, false, NotNull: true),
        ];
        BadBody[] rules =
        [
            .. PolicyReadOnly.Select(name => Refused($"read-only {name}", $"{{\"{name}\":null}}", $"The property '{name}' is read-only")),
            Refused("an iOS @odata.type", "{\"@odata.type\":\"#microsoft.graph.iosManagedAppProtection\"}", "'@odata.type' must be \"#microsoft.graph.targetedManagedAppConfiguration\""),
            Refused("a setting without a name", "{\"customSettings\":[{\"value\":\"x\"}]}", "The required property 'customSettings[0].name' is missing."),
            Refused("a setting value that is a number", "{\"customSettings\":[{\"name\":\"a\",\"value\":1}]}", "'customSettings[0].value' must be a string"),
            Refused("a setting with an unknown property", "{\"customSettings\":[{\"name\":\"a\",\"value\":\"b\",\"kind\":\"c\"}]}", "'customSettings[0].kind' is not known here"),
            Refused("a wrong setting @odata.type", "{\"customSettings\":[{\"@odata.type\":\"#microsoft.graph.stringSetting\",\"name\":\"a\",\"value\":\"b\"}]}",
                "'customSettings[0].@odata.type' must be \"#microsoft.graph.keyValuePair\""),
            Refused("a home page that is not a URL", "{\"customSettings\":[{\"name\":\"HomepageLocation\",\"value\":\"contoso\"}]}", "HomepageLocation must be an absolute http or https URL"),
            Refused("a choice that is not one", "{\"customSettings\":[{\"name\":\"DownloadRestrictions\",\"value\":\"9\"}]}", "DownloadRestrictions must be one of"),
            Refused("an unknown token", "{\"customSettings\":[{\"name\":\"com.contoso.key\",\"value\":\"{{upn}}\"}]}", "{{upn}}, which is not a token"),
            Refused("a setting twice", "{\"customSettings\":[{\"name\":\"k\",\"value\":\"1\"},{\"name\":\"k\",\"value\":\"2\"}]}", "'k' is set twice"),
            Refused("a description of 1025 characters", $"{{\"description\":{Quote(new string('d', 1025))}}}", "'description' is 1,025 characters long"),
        ];
        yield return new("appConfigurationCreate beta", Configurations, Configurations, Caller.ApiToken,
            [new("displayName", Quote("Created by the bad-input suite"), FieldType.Text, true, FieldKind.Name), .. settings])
        {
            Extra =
            [
                .. rules.Select(r => r with { Body = WithName(r.Body, "Created by the bad-input suite") }),
                Refused("an empty name", "{\"displayName\":\"  \"}", "Name is required."),
                new("a duplicate name", Utf8($"{{\"displayName\":\"{AppConfigurationName.ToUpperInvariant()}\"}}"), "application/json", HttpStatusCode.Conflict,
                    $"An app configuration policy named '{AppConfigurationName.ToUpperInvariant()}' already exists."),
            ],
        };
        yield return new("appConfigurationPatch beta", Configurations + "/{id}", Configurations + "/{appConfigurationId}", Caller.ApiToken,
            [new("displayName", Quote(AppConfigurationName), FieldType.Text, false, FieldKind.Name, NotNull: true), .. settings])
        {
            Method = HttpMethod.Patch,
            Extra = [.. rules, Refused("an empty name", "{\"displayName\":\"\"}", "Name is required.")],
        };

        const string Include = "#microsoft.graph.groupAssignmentTarget";
        yield return new("appConfigurationAssign beta", Configurations + "/{id}/assign", Configurations + "/{appConfigurationId}/assign", Caller.ApiToken,
            [new("assignments", $"[{{\"target\":{{\"@odata.type\":\"{Include}\",\"groupId\":\"bad-input-group\"}}}}]", FieldType.ObjectList, true)])
        {
            Extra =
            [
                Refused("an item without a target", "{\"assignments\":[{\"id\":\"a\"}]}", "The required property 'assignments[0].target' is missing."),
                Refused("an all-users target", "{\"assignments\":[{\"target\":{\"@odata.type\":\"#microsoft.graph.allLicensedUsersAssignmentTarget\"}}]}",
                    "app configuration policies are assigned to groups"),
                Refused("a group target without groupId", $"{{\"assignments\":[{{\"target\":{{\"@odata.type\":\"{Include}\"}}}}]}}", "'assignments[0].target.groupId' is required"),
                Refused("an unknown group", $"{{\"assignments\":[{{\"target\":{{\"@odata.type\":\"{Include}\",\"groupId\":\"no-such-group\"}}}}]}}",
                    "The group 'no-such-group' does not exist"),
                Refused("an assignment filter without a type", $"{{\"assignments\":[{{\"target\":{{\"@odata.type\":\"{Include}\",\"groupId\":\"g\",\"deviceAndAppManagementAssignmentFilterId\":\"f\"}}}}]}}",
                    "'assignments[0].target.deviceAndAppManagementAssignmentFilterType' must be \"include\" or \"exclude\" with a filter id"),
                Refused("an unknown assignment filter type", $"{{\"assignments\":[{{\"target\":{{\"@odata.type\":\"{Include}\",\"groupId\":\"g\",\"deviceAndAppManagementAssignmentFilterId\":\"f\",\"deviceAndAppManagementAssignmentFilterType\":\"always\"}}}}]}}",
                    "use \"include\", \"exclude\" or \"none\""),
                Refused("a filter type without a filter id", $"{{\"assignments\":[{{\"target\":{{\"@odata.type\":\"{Include}\",\"groupId\":\"g\",\"deviceAndAppManagementAssignmentFilterType\":\"include\"}}}}]}}",
                    "'assignments[0].target.deviceAndAppManagementAssignmentFilterId' is required with a filter type of \"include\""),
                Refused("an unknown filter", $"{{\"assignments\":[{{\"target\":{{\"@odata.type\":\"{Include}\",\"groupId\":\"bad-input-group\",\"deviceAndAppManagementAssignmentFilterId\":\"no-such-filter\",\"deviceAndAppManagementAssignmentFilterType\":\"include\"}}}}]}}",
                    "The filter 'no-such-filter' does not exist"),
            ],
        };

        const string Edge = "{\"@odata.type\":\"#microsoft.graph.windowsAppIdentifier\",\"windowsAppId\":\"com.microsoft.edge\"}";
        yield return new("appConfigurationTargetApps beta", Configurations + "/{id}/targetApps", Configurations + "/{appConfigurationId}/targetApps", Caller.ApiToken,
            [new("apps", $"[{{\"mobileAppIdentifier\":{Edge}}}]", FieldType.ObjectList, true)])
        {
            Extra =
            [
                Refused("no apps", "{\"apps\":[]}", "Select Microsoft Edge (Windows) as the public app"),
                Refused("an app that is not Edge", "{\"apps\":[{\"mobileAppIdentifier\":{\"@odata.type\":\"#microsoft.graph.windowsAppIdentifier\",\"windowsAppId\":\"com.microsoft.teams\"}}]}",
                    "Select Microsoft Edge (Windows) as the public app"),
                Refused("an iOS identifier type", "{\"apps\":[{\"mobileAppIdentifier\":{\"@odata.type\":\"#microsoft.graph.iosMobileAppIdentifier\",\"windowsAppId\":\"com.microsoft.edge\"}}]}",
                    "'apps[0].mobileAppIdentifier.@odata.type' must be \"#microsoft.graph.windowsAppIdentifier\""),
            ],
        };

        static BadBody Refused(string name, string body, string expect) => new(name, Utf8(body), "application/json", HttpStatusCode.BadRequest, expect);

        static byte[] WithName(byte[] body, string name) => Utf8($"{{\"displayName\":{Quote(name)},{Encoding.UTF8.GetString(body)[1..]}");
    }

    // Graph's members/$ref (spec 05 §1): the body is checked before the group is looked up.
    private static IEnumerable<BodyEndpoint> GroupReferenceEndpoints() =>
        GraphVersions.Select(version => new BodyEndpoint($"groupMemberRef {version}", $"/graph/{version}/groups/{{id}}/members/$ref",
            $"/graph/{version}/groups/bad-input-group/members/$ref", Caller.ApiToken,
            [new("@odata.id", Quote("https://graph.microsoft.com/v1.0/directoryObjects/bad-input-user"), FieldType.Text, true, FieldKind.Name)]));

    public static IReadOnlyList<BadBody> For(BodyEndpoint endpoint)
    {
        var cases = new List<BadBody>();
        cases.AddRange(Generic(endpoint));
        foreach (var field in endpoint.Fields)
        {
            cases.AddRange(ForField(endpoint, field));
        }
        if (endpoint.AnswersPerItem)
        {
            cases.AddRange(Batch(endpoint));
        }
        cases.AddRange(endpoint.Extra);
        return cases;
    }

    private static IEnumerable<BadBody> Generic(BodyEndpoint endpoint)
    {
        var valid = Body(endpoint.Fields.Select(f => (f.Name, Utf8(f.Valid))));
        var validText = Encoding.UTF8.GetString(valid);
        var perItem = endpoint.AnswersPerItem;
        var itemStatus = perItem ? HttpStatusCode.OK : HttpStatusCode.BadRequest;
        var first = endpoint.Fields.Count > 0 ? endpoint.Fields[0] : null;

        if (endpoint.Fields.Count > 0)
        {
            yield return Bad("empty body", [], "request body is empty");
        }
        yield return Bad("only whitespace", Utf8("   \r\n "), "not valid JSON");
        yield return Bad("open brace only", Utf8("{"), "not valid JSON");
        yield return Bad("truncated in the middle", valid[..(valid.Length / 2)], "not valid JSON");
        yield return Bad("missing closing brace", valid[..^1], "not valid JSON");
        yield return Bad("empty array at root", Utf8("[]"), perItem ? "health report object" : "must be a JSON object");
        yield return Bad("the body inside an array", Utf8($"[{validText}]"), perItem ? "health report object" : "must be a JSON object");
        yield return Bad("a number at root", Utf8("42"), perItem ? "health report object" : "must be a JSON object");
        yield return Bad("a huge number at root", Utf8("1e400"), perItem ? "health report object" : "must be a JSON object");
        yield return Bad("a string at root", Utf8("\"hello\""), perItem ? "health report object" : "must be a JSON object");
        yield return Bad("null at root", Utf8("null"), perItem ? "health report object" : "must be a JSON object");
        yield return Bad("true at root", Utf8("true"), perItem ? "health report object" : "must be a JSON object");
        yield return Bad("two objects", Utf8(validText + "{}"), "not valid JSON");
        yield return Bad("trailing comma", Utf8(validText[..^1] + ",}"), "not valid JSON");
        yield return Bad("single quotes", Utf8("{'appId':'x'}"), "not valid JSON");
        yield return Bad("a comment", Utf8("/* hi */" + validText), "not valid JSON");
        yield return Bad("NaN literal", Utf8("{\"x\":NaN}"), "not valid JSON");
        yield return Bad("unquoted property name", Utf8("{appId:\"x\"}"), "not valid JSON");
        yield return Bad("invalid UTF-8 outside strings", [(byte)'{', 0xFF, (byte)'}'], "not valid JSON");
        yield return Bad("UTF-16 encoded body", Encoding.Unicode.GetBytes(validText), "not valid JSON");
        yield return Bad("nested 100 levels deep", Utf8(new string('[', 100) + new string(']', 100)), "not valid JSON");
        yield return Bad("raw control character in a string", Utf8("{\"x\":\"a\u0001b\"}"), "not valid JSON");
        yield return Bad("lone backslash escape", Utf8("{\"x\":\"a\\qb\"}"), "not valid JSON");
        yield return new BadBody("text/plain", valid, "text/plain", HttpStatusCode.UnsupportedMediaType, "Content-Type");
        yield return new BadBody("text/plain with utf-8 charset", valid, "text/plain; charset=utf-8", HttpStatusCode.UnsupportedMediaType, "Content-Type");
        yield return new BadBody("no Content-Type", valid, null, HttpStatusCode.UnsupportedMediaType, "Content-Type");
        yield return new BadBody("application/xml", Utf8("<checkIn/>"), "application/xml", HttpStatusCode.UnsupportedMediaType, "Content-Type");
        yield return new BadBody("form post", Utf8("appId=x"), "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "Content-Type");
        yield return new BadBody("multipart", Utf8("--b--"), "multipart/form-data; boundary=b", HttpStatusCode.UnsupportedMediaType, "Content-Type");
        yield return new BadBody("UTF-16 charset", Encoding.Unicode.GetBytes(validText), "application/json; charset=utf-16", HttpStatusCode.UnsupportedMediaType, "charset");
        yield return new BadBody("latin-1 charset", valid, "application/json; charset=iso-8859-1", HttpStatusCode.UnsupportedMediaType, "charset");
        yield return new BadBody("json without subtype", valid, "json", HttpStatusCode.UnsupportedMediaType, "Content-Type");
        yield return new BadBody("text/json", valid, "text/json", HttpStatusCode.UnsupportedMediaType, "Content-Type");
        yield return Item("an unknown property", Body(endpoint.Fields.Select(f => (f.Name, Utf8(f.Valid))).Append(("isAdmin", Utf8("true")))), "'isAdmin'");
        yield return Item("an unknown property with nested garbage", Body(endpoint.Fields.Select(f => (f.Name, Utf8(f.Valid)))
            .Append(("extra", Utf8("{\"a\":[1,{\"b\":[[[\"\\ud800\"]]]}],\"c\":{\"d\":null}}")))), "'extra'");
        yield return Item("an unknown property named with a control character", Body([("bad\\u0000name", Utf8("1"))]), "bad\\u0000name");
        yield return Item("an unknown property whose name is a lone surrogate", Body([("\\ud800", Utf8("1"))]), "not valid Unicode");
        yield return Item("an unknown property with a 100 KB name", Body([(new string('n', 100_000), Utf8("1"))]), "...");
        if (first is not null)
        {
            yield return Item($"{first.Name} twice", Body(endpoint.Fields.Select(f => (f.Name, Utf8(f.Valid))).Append((first.Name, Utf8(first.Valid)))),
                $"'{first.Name}' appears more than once");
            var otherCase = char.ToUpperInvariant(first.Name[0]) + first.Name[1..];
            yield return Item($"{first.Name} twice in different case", Body(endpoint.Fields.Select(f => (f.Name, Utf8(f.Valid))).Append((otherCase, Utf8(first.Valid)))),
                $"'{first.Name}' appears more than once");
        }
        var required = endpoint.Fields.Where(f => f.Required).ToList();
        if (required.Count > 0)
        {
            yield return Bad("an empty object", Utf8("{}"), "required propert");
        }

        BadBody Bad(string name, byte[] body, string expect) => new(name, body, "application/json", HttpStatusCode.BadRequest, expect);

        BadBody Item(string name, byte[] body, string expect) => new(name, body, "application/json", itemStatus, expect);
    }

    private static IEnumerable<BadBody> ForField(BodyEndpoint endpoint, BodyField field)
    {
        var status = endpoint.AnswersPerItem ? HttpStatusCode.OK : HttpStatusCode.BadRequest;
        var named = $"'{field.Name}'";

        BadBody With(string name, byte[] value, string expect) =>
            new($"{field.Name}: {name}", Body(endpoint.Fields.Select(f => (f.Name, f == field ? value : Utf8(f.Valid)))), "application/json", status, expect);

        BadBody Without(string name, string expect) =>
            new($"{field.Name}: {name}", Body(endpoint.Fields.Where(f => f != field).Select(f => (f.Name, Utf8(f.Valid)))), "application/json", status, expect);

        if (field.Required)
        {
            yield return With("null", Utf8("null"), $"{named} cannot be null");
            yield return Without("missing", $"required property {named} is missing");
        }
        else if (field.NotNull)
        {
            yield return With("null", Utf8("null"), $"{named} cannot be null");
        }
        else if (endpoint.AnswersPerItem && field.Type == FieldType.Text)
        {
            // Health reports: every property may be missing in JSON; the report then lacks a required field.
            var required = field.Name == "threatLevel" ? "threatLevel must be one of" : $"{field.Name} is required";
            yield return With("null", Utf8("null"), required);
            yield return Without("missing", required);
        }
        switch (field.Type)
        {
            case FieldType.Boolean:
                yield return With("a string", Utf8("\"true\""), $"{named} must be true or false");
                yield return With("a number", Utf8("1"), $"{named} must be true or false");
                yield return With("an object", Utf8("{}"), $"{named} must be true or false");
                break;
            case FieldType.WholeNumber:
                yield return With("a huge number", Utf8("1e400"), $"{named} must be a whole number");
                yield return With("beyond 32 bits", Utf8("99999999999"), $"{named} must be a whole number");
                yield return With("a fraction", Utf8("1.5"), $"{named} must be a whole number");
                yield return With("a string", Utf8("\"17\""), $"{named} must be a whole number");
                yield return With("true", Utf8("true"), $"{named} must be a whole number");
                break;
            case FieldType.Enum:
                yield return With("a number", Utf8("1"), $"{named} must be one of");
                yield return With("an unknown name", Utf8("\"sometimes\""), $"{named} must be one of");
                yield return With("a name in another case", Utf8(field.Valid.ToUpperInvariant()), $"{named} must be one of");
                yield return With("an empty string", Utf8("\"\""), $"{named} must be one of");
                yield return With("true", Utf8("true"), $"{named} must be one of");
                yield return With("an array", Utf8($"[{field.Valid}]"), $"{named} must be one of");
                yield return With("a lone surrogate", Utf8("\"a\\ud800\""), $"{named} must be one of");
                yield return With("a 100 KB name", Utf8(Quote(new string('x', 100_000))), $"{named} must be one of");
                break;
            case FieldType.TextList:
                var max = FieldRules.MaxLength(field.Kind);
                yield return With("a string", Utf8(Quote("0")), $"{named} must be an array");
                yield return With("an object", Utf8("{}"), $"{named} must be an array");
                yield return With("a number item", Utf8("[0]"), $"'{field.Name}[0]' must be a string");
                yield return With("a null item", Utf8("[null]"), $"The item '{field.Name}[0]' cannot be null");
                yield return With("a nested array", Utf8("[[\"0\"]]"), $"'{field.Name}[0]' must be a string");
                yield return With("an item with a NUL", Utf8("[\"0\", \"a\\u0000\"]"), $"'{field.Name}[1]' contains the control character U+0000");
                yield return With("an item with a lone surrogate", Utf8("[\"\\ud800\"]"), $"'{field.Name}[0]' is not valid Unicode text");
                yield return With($"an item of {max + 1} characters", Utf8($"[{Quote(new string('x', max + 1))}]"), FormattableString.Invariant($"'{field.Name}[0]' is {max + 1:N0} characters long"));
                break;
            case FieldType.ObjectList:
                yield return With("a string", Utf8(Quote("x")), $"{named} must be an array");
                yield return With("an object", Utf8("{}"), $"{named} must be an array");
                yield return With("true", Utf8("true"), $"{named} must be an array");
                yield return With("a null item", Utf8("[null]"), $"The item '{field.Name}[0]' cannot be null");
                yield return With("a number item", Utf8("[1]"), $"'{field.Name}[0]' must be a JSON object");
                yield return With("a string item", Utf8("[\"x\"]"), $"'{field.Name}[0]' must be a JSON object");
                yield return With("an array item", Utf8("[[]]"), $"'{field.Name}[0]' must be a JSON object");
                yield return With("an item with an unknown property", Utf8("[{\"colour\":\"red\"}]"), $"'{field.Name}[0].colour' is not known here");
                break;
            case FieldType.Date:
                yield return With("not a date", Utf8("\"yesterday\""), $"{named} must be an ISO 8601 date");
                yield return With("a number", Utf8("1764061200"), $"{named} must be an ISO 8601 date");
                yield return With("a lone surrogate", Utf8("\"2026-11-25\\ud800\""), $"{named} must be an ISO 8601 date");
                break;
            default:
                foreach (var text in TextCases(field))
                {
                    yield return With(text.Name, text.Value, text.Expect);
                }
                break;
        }
    }

    private static IEnumerable<(string Name, byte[] Value, string Expect)> TextCases(BodyField field)
    {
        var named = $"'{field.Name}'";
        var max = FieldRules.MaxLength(field.Kind);
        yield return ("a number", Utf8("123"), $"{named} must be a string");
        yield return ("a huge number", Utf8("1e400"), $"{named} must be a string");
        yield return ("true", Utf8("true"), $"{named} must be a string");
        yield return ("an array", Utf8("[\"a\"]"), $"{named} must be a string");
        yield return ("a nested object", Utf8("{\"a\":{\"b\":[1,2,{}]}}"), $"{named} must be a string");
        yield return ("an escaped lone high surrogate", Utf8("\"a\\ud800b\""), $"{named} is not valid Unicode text: it holds an unpaired surrogate (U+D800)");
        yield return ("an escaped lone low surrogate", Utf8("\"\\udc00\""), $"{named} is not valid Unicode text: it holds an unpaired surrogate (U+DC00)");
        yield return ("surrogates in the wrong order", Utf8("\"\\ude00\\ud83d\""), $"{named} is not valid Unicode text");
        yield return ("raw invalid UTF-8", [(byte)'"', (byte)'a', 0xFF, (byte)'b', (byte)'"'], $"{named} is not valid Unicode text: it holds bytes that are not UTF-8");
        yield return ("an overlong UTF-8 encoding", [(byte)'"', 0xC0, 0xAF, (byte)'"'], $"{named} is not valid Unicode text");
        yield return ("an encoded surrogate in UTF-8", [(byte)'"', 0xED, 0xA0, 0x80, (byte)'"'], $"{named} is not valid Unicode text");
        yield return ("invalid UTF-8 beside an escape", [(byte)'"', (byte)'\\', (byte)'n', 0xFF, (byte)'"'], $"{named} is not valid Unicode text");
        yield return ("an escaped NUL", Utf8("\"a\\u0000b\""), $"{named} contains the control character U+0000");
        yield return ("an escaped unit separator", Utf8("\"a\\u001fb\""), $"{named} contains the control character U+001F");
        yield return ("a raw DEL", Utf8("\"a\u007Fb\""), $"{named} contains the control character U+007F");
        yield return ("a raw C1 control", Utf8("\"a\u0085b\""), $"{named} contains the control character U+0085");
        yield return ("an escaped C1 control", Utf8("\"a\\u009fb\""), $"{named} contains the control character U+009F");
        if (field.Kind != FieldKind.Message)
        {
            yield return ("a line break", Utf8("\"a\\nb\""), $"{named} contains the control character U+000A");
            yield return ("a tab", Utf8("\"a\\tb\""), $"{named} contains the control character U+0009");
        }
        yield return ($"{max + 1} characters", Utf8(Quote(new string('x', max + 1))), FormattableString.Invariant($"{named} is {max + 1:N0} characters long; at most {max} are allowed"));
        yield return ($"{max + 1} escaped characters", Utf8(Quote(string.Concat(Enumerable.Repeat("\\u00e9", max + 1)))), FormattableString.Invariant($"{named} is {max + 1:N0} characters long"));
        yield return ("100 KB", Utf8(Quote(new string('x', 100_000))), $"{named} is 100,000 characters long");
    }

    // Health reports: the batch's own shape, and bad items beside each other.
    private static IEnumerable<BadBody> Batch(BodyEndpoint endpoint)
    {
        var item = Encoding.UTF8.GetString(Body(endpoint.Fields.Select(f => (f.Name, Utf8(f.Valid)))));
        yield return new("value is an object", Utf8("{\"value\":{}}"), "application/json", HttpStatusCode.BadRequest, "'value' must be an array");
        yield return new("value is null", Utf8("{\"value\":null}"), "application/json", HttpStatusCode.BadRequest, "'value' must be an array");
        yield return new("value is a string", Utf8("{\"value\":\"x\"}"), "application/json", HttpStatusCode.BadRequest, "'value' must be an array");
        yield return new("value twice", Utf8($"{{\"value\":[],\"value\":[{item}]}}"), "application/json", HttpStatusCode.BadRequest, "'value' appears more than once");
        yield return new("a property beside value", Utf8($"{{\"value\":[{item}],\"nextLink\":\"x\"}}"), "application/json", HttpStatusCode.BadRequest, "'nextLink'");
        yield return new("1001 items", Utf8($"{{\"value\":[{string.Join(",", Enumerable.Repeat(item, 1001))}]}}"), "application/json", HttpStatusCode.BadRequest, "at most 1000");
        yield return new("an item that is a number", Utf8("{\"value\":[1]}"), "application/json", HttpStatusCode.OK, "'value[0]' must be a JSON object");
        yield return new("an item that is null", Utf8("{\"value\":[null]}"), "application/json", HttpStatusCode.OK, "'value[0]' must be a JSON object");
        yield return new("an item with a lone surrogate", Utf8("{\"value\":[{\"azureAdDeviceId\":\"a\\ud800b\"}]}"), "application/json", HttpStatusCode.OK,
            "'value[0].azureAdDeviceId' is not valid Unicode text");
        yield return new("an item with a NUL", Utf8("{\"value\":[{\"userPrincipalName\":\"a\\u0000@contoso.com\"}]}"), "application/json", HttpStatusCode.OK,
            "'value[0].userPrincipalName' contains the control character U+0000");
        yield return new("an item with an unknown property", Utf8("{\"value\":[{\"severity\":\"high\"}]}"), "application/json", HttpStatusCode.OK, "'value[0].severity'");
        yield return new("an item with a severe threat level", Utf8($"{{\"value\":[{item.Replace("\"high\"", "\"severe\"", StringComparison.Ordinal)}]}}"),
            "application/json", HttpStatusCode.OK, "threatLevel must be one of secured, low, medium, high");
        yield return new("an item from the far future", Utf8($"{{\"value\":[{item.Replace("2026-11-25", "2099-01-01", StringComparison.Ordinal)}]}}"),
            "application/json", HttpStatusCode.OK, "in the future");
    }

    public static string Quote(string text) => $"\"{text}\"";

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A JSON object from raw property values (names are written as given, so they may hold escapes).</summary>
    public static byte[] Body(IEnumerable<(string Name, byte[] Value)> properties)
    {
        var body = new List<byte> { (byte)'{' };
        var first = true;
        foreach (var (name, value) in properties)
        {
            if (!first)
            {
                body.Add((byte)',');
            }
            first = false;
            body.AddRange(Utf8(Quote(name) + ":"));
            body.AddRange(value);
        }
        body.Add((byte)'}');
        return [.. body];
    }
}

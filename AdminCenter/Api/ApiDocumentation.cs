using System.Text.Json.Nodes;
using AdminCenter.Core.ConditionalAccess;
using AdminCenter.Core.Mam;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace AdminCenter.Api;

/// <summary>
/// What the OpenAPI document says of each operation beyond its route: a summary, the request body's schema and an
/// example shaped like the Graph documentation's, the success answer's example, and Graph's error shape for every
/// failure. Bodies are read by the one body reader (ApiJson), not bound by the framework, so the schemas come from
/// this table; a test fails when an API operation has no entry.
/// </summary>
internal static class ApiDocumentation
{
    private const string GraphError = """{"error": {"code": "BadRequest", "message": "'partnerUnresponsivenessThresholdInDays' must be a whole number from 1 to 90.", "innerError": {"request-id": "0HN8Q1J7S2K3V:00000001", "date": "2026-12-01T10:00:00Z"}}}""";
    private const string ConnectorsPath = "graph/{version}/deviceManagement/mobileThreatDefenseConnectors";
    private const string PoliciesPath = "graph/{version}/deviceAppManagement/windowsManagedAppProtections";
    private const string FiltersPath = "graph/{version}/deviceManagement/assignmentFilters";
    private const string Filter = """{"@odata.type": "#microsoft.graph.deviceAndAppManagementAssignmentFilter", "@odata.etag": "W/\"1\"", "id": "9b2c1d3e-4f5a-4b6c-8d7e-0f1a2b3c4d5e", "displayName": "Surface devices", "description": "Microsoft hardware", "platform": "windowsMobileApplicationManagement", "rule": "(app.deviceManufacturer -eq \"Microsoft Corporation\")", "assignmentFilterManagementType": "apps", "roleScopeTags": ["0"], "createdDateTime": "2026-12-01T10:00:00Z", "lastModifiedDateTime": "2026-12-01T10:00:00Z"}""";
    private const string AppConfigurationsPath = "graph/{version}/deviceAppManagement/targetedManagedAppConfigurations";
    private const string AppConfiguration = """{"@odata.type": "#microsoft.graph.targetedManagedAppConfiguration", "@odata.etag": "W/\"1\"", "id": "7b1e6c2a-4d3f-4a8b-9c0d-1e2f3a4b5c6d", "displayName": "Edge home page", "description": "Contoso intranet as the home page", "createdDateTime": "2026-12-01T10:00:00Z", "lastModifiedDateTime": "2026-12-01T10:00:00Z", "version": "1", "isAssigned": true, "deployedAppCount": 1, "customSettings": [{"name": "HomepageLocation", "value": "https://contoso.sharepoint.com"}, {"name": "com.contoso.signInName", "value": "{{userprincipalname}}"}]}""";
    private const string Connector = """{"@odata.type": "#microsoft.graph.mobileThreatDefenseConnector", "@odata.etag": "W/\"3\"", "id": "2c7790de-8b02-4814-85cf-e0c59380dee8", "lastHeartbeatDateTime": "2026-12-01T09:58:00Z", "partnerState": "enabled", "partnerUnresponsivenessThresholdInDays": 7, "partnerUnsupportedOsVersionBlocked": false, "androidEnabled": true, "iosEnabled": true, "windowsEnabled": false, "androidDeviceBlockedOnMissingPartnerData": false, "iosDeviceBlockedOnMissingPartnerData": false, "windowsDeviceBlockedOnMissingPartnerData": false, "androidMobileApplicationManagementEnabled": true, "iosMobileApplicationManagementEnabled": false, "microsoftDefenderForEndpointAttachEnabled": false, "allowPartnerToCollectIOSApplicationMetadata": false, "allowPartnerToCollectIOSPersonalApplicationMetadata": false}""";
    private const string Policy = """{"@odata.type": "#microsoft.graph.windowsManagedAppProtection", "@odata.etag": "W/\"2\"", "id": "d6d53469-5af6-4f96-85c2-7be233c1eca0", "displayName": "Edge: block printing", "description": null, "createdDateTime": "2026-12-01T10:00:00Z", "lastModifiedDateTime": "2026-12-01T10:05:00Z", "roleScopeTagIds": ["0"], "version": "2", "isAssigned": true, "printBlocked": true, "allowedInboundDataTransferSources": "allApps", "allowedOutboundClipboardSharingLevel": "anyDestinationAnySource", "allowedOutboundDataTransferDestinations": "allApps", "periodOfflineBeforeAccessCheck": "PT720M", "periodOfflineBeforeWipeIsEnforced": "P90D", "minimumRequiredOsVersion": "10.0.22621.2506", "maximumAllowedDeviceThreatLevel": "low", "mobileThreatDefenseRemediationAction": "block"}""";

    /// <summary>One operation's documentation; <see cref="Body"/> gives the schema, the examples are JSON text.</summary>
    internal sealed record Operation(string Summary, Type? Body = null, string? BodyExample = null, string? ResponseExample = null);

    // Keyed by "METHOD path"; Graph paths with {version} for both v1.0 and beta.
    private static readonly Dictionary<string, Operation> Operations = new(StringComparer.OrdinalIgnoreCase)
    {
        ["POST mam/v1/checkIn"] = new("A MAM client checks in: the registration is stored and evaluated; the answer says what the app must do",
            typeof(CheckInRequest),
            """{"userPrincipalName": "megan.bowen@contoso.com", "appId": "com.microsoft.edge", "azureAdDeviceId": "5f3c2a8e-1b7d-4e2f-9a6c-0d8b7e4f1a23", "deviceName": "MEGAN-LAPTOP", "deviceModel": "Surface Laptop 5", "deviceManufacturer": "Microsoft", "platformVersion": "10.0.22631.4460", "appVersion": "131.0.2903.70", "sdkVersion": "1.2.0"}""",
            """{"registrationId": "0f8e2b7a-5c1d-4e3f-8a9b-1c2d3e4f5a6b", "outcome": "block", "reasons": [{"policyId": "d6d53469-5af6-4f96-85c2-7be233c1eca0", "setting": "Max allowed device threat level", "expected": "Low", "actual": "High", "action": "Block access", "remediation": "Resolve the threats the Mobile Threat Defense app reports on this device, then open Microsoft Edge again."}], "policies": [], "wipeRequested": false, "nextCheckInSeconds": 1800, "appConfiguration": {"settings": [{"name": "HomepageLocation", "value": "https://contoso.sharepoint.com"}, {"name": "com.contoso.signInName", "value": "megan.bowen@contoso.com"}], "policies": ["7b1e6c2a-4d3f-4a8b-9c0d-1e2f3a4b5c6d"]}}"""),
        ["POST mam/v1/wipeResult"] = new("A MAM client reports the result of a selective wipe it was asked for",
            typeof(MamEndpoints.WipeResultRequest), """{"registrationId": "0f8e2b7a-5c1d-4e3f-8a9b-1c2d3e4f5a6b", "succeeded": true, "message": "Org data removed."}"""),
        ["POST mam/v1/signOut"] = new("A MAM client signs the work account out: its registration is removed",
            typeof(MamEndpoints.SignOutRequest), """{"userPrincipalName": "megan.bowen@contoso.com", "appId": "com.microsoft.edge", "azureAdDeviceId": "5f3c2a8e-1b7d-4e2f-9a6c-0d8b7e4f1a23"}"""),
        ["POST ca/v1/evaluate"] = new("Conditional Access: grant or block a sign-in by the device's app protection and threat state",
            typeof(SignInRequest),
            """{"userPrincipalName": "megan.bowen@contoso.com", "azureAdDeviceId": "5f3c2a8e-1b7d-4e2f-9a6c-0d8b7e4f1a23", "clientAppId": "com.microsoft.edge", "resource": "Office 365 Exchange Online"}""",
            """{"result": "block", "reportOnly": false, "reasons": ["The device's threat level High is above the allowed Low."], "remediation": ["Resolve the threats the Mobile Threat Defense app reports, then sign in again."]}"""),
        ["POST partner/v1/connectors/{connectorId}/heartbeat"] = new("A partner's heartbeat; the first one sets up a Not Set Up connector, \"error\" moves it to Error",
            typeof(PartnerEndpoints.HeartbeatRequest), """{"status": "ok"}""",
            """{"id": "2c7790de-8b02-4814-85cf-e0c59380dee8", "partnerState": "enabled", "lastHeartbeatDateTime": "2026-12-01T10:00:00Z"}"""),
        ["POST partner/v1/connectors/{connectorId}/deprovision"] = new("The partner deprovisions its connector: it becomes Unavailable (no body, or {})"),
        ["POST partner/v1/connectors/{connectorId}/healthReports"] = new("Device threat levels: one report, or {\"value\": [...]} of up to 1000, each accepted or refused on its own",
            BodyExample: """{"value": [{"userPrincipalName": "megan.bowen@contoso.com", "appId": "com.microsoft.edge", "azureAdDeviceId": "5f3c2a8e-1b7d-4e2f-9a6c-0d8b7e4f1a23", "threatLevel": "medium", "reportedDateTime": "2026-12-01T10:00:00Z"}]}""",
            ResponseExample: """{"accepted": 1, "refused": 0, "value": [{"index": 0, "status": "accepted"}]}"""),
        ["POST graph/beta/users/{userPrincipalName}/wipeManagedAppRegistrationsByAzureAdDeviceId"] = new("Request a selective wipe of the user's app registrations on a device",
            typeof(WipeEndpoints.WipeByDeviceRequest), """{"azureAdDeviceId": "5f3c2a8e-1b7d-4e2f-9a6c-0d8b7e4f1a23"}"""),

        [$"GET {ConnectorsPath}"] = new("List Mobile Threat Defense connectors ($top, $skip, $count, $select, $filter on partnerState)",
            ResponseExample: $$"""{"@odata.context": "http://localhost:5000/graph/v1.0/$metadata#deviceManagement/mobileThreatDefenseConnectors", "value": [{{Connector}}]}"""),
        [$"POST {ConnectorsPath}"] = new("Create a connector for a partner (its connector id) with any toggles",
            typeof(GraphConnectorCreateBeta), """{"id": "2c7790de-8b02-4814-85cf-e0c59380dee8", "androidEnabled": true, "iosEnabled": true, "partnerUnresponsivenessThresholdInDays": 7}""", Connector),
        [$"GET {ConnectorsPath}/{{id}}"] = new("Get a connector", ResponseExample: Connector),
        [$"PATCH {ConnectorsPath}/{{id}}"] = new("Change a connector's toggles or threshold (If-Match with @odata.etag: a stale one is 409)",
            typeof(GraphConnectorPatchBeta), """{"partnerUnresponsivenessThresholdInDays": 14, "windowsDeviceBlockedOnMissingPartnerData": true}""", Connector),
        [$"DELETE {ConnectorsPath}/{{id}}"] = new("Delete a connector (If-Match honoured)"),

        [$"GET {PoliciesPath}"] = new("List Windows app protection policies ($top, $skip, $count, $select, $filter, $expand=apps,assignments)",
            ResponseExample: $$"""{"@odata.context": "http://localhost:5000/graph/beta/$metadata#deviceAppManagement/windowsManagedAppProtections", "value": [{{Policy}}]}"""),
        [$"POST {PoliciesPath}"] = new("Create a Windows app protection policy (every setting of the wizard by its Graph name; the wizard's rules apply)",
            BodyExample: """{"@odata.type": "#microsoft.graph.windowsManagedAppProtection", "displayName": "Edge: block printing", "description": "Level 2 for finance", "printBlocked": true, "allowedOutboundClipboardSharingLevel": "none", "periodOfflineBeforeAccessCheck": "PT720M", "minimumRequiredOsVersion": "10.0.22621.2506", "maximumAllowedDeviceThreatLevel": "low", "mobileThreatDefenseRemediationAction": "block"}""",
            ResponseExample: Policy),
        [$"GET {PoliciesPath}/{{id}}"] = new("Get a policy ($expand=apps,assignments)", ResponseExample: Policy),
        [$"PATCH {PoliciesPath}/{{id}}"] = new("Change a policy's settings (only what the body names; null clears; If-Match with @odata.etag: a stale one is 409)",
            BodyExample: """{"printBlocked": false, "minimumWarningAppVersion": "130.0"}""", ResponseExample: Policy),
        [$"DELETE {PoliciesPath}/{{id}}"] = new("Delete a policy (If-Match honoured); it stops applying at the next check-in"),
        [$"POST {PoliciesPath}/{{id}}/assign"] = new("Replace the policy's assignments: included groups (each with an optional assignment filter, include or exclude) and excluded groups",
            typeof(GraphAssignBody),
            """{"assignments": [{"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "df6ca54a-3cc2-4022-a259-8a88411b8263", "deviceAndAppManagementAssignmentFilterId": "9b2c1d3e-4f5a-4b6c-8d7e-0f1a2b3c4d5e", "deviceAndAppManagementAssignmentFilterType": "include"}}, {"target": {"@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget", "groupId": "8e1f0c2d-3b4a-4c5d-9e6f-7a8b9c0d1e2f"}}]}"""),
        [$"POST {PoliciesPath}/{{id}}/targetApps"] = new("Set the apps the policy protects (Microsoft Edge)",
            typeof(GraphTargetAppsBody),
            """{"apps": [{"mobileAppIdentifier": {"@odata.type": "#microsoft.graph.windowsAppIdentifier", "windowsAppId": "com.microsoft.edge"}}]}"""),
        [$"GET {PoliciesPath}/{{id}}/apps"] = new("The apps the policy protects",
            ResponseExample: """{"value": [{"@odata.type": "#microsoft.graph.managedMobileApp", "id": "com.microsoft.edge.windows", "mobileAppIdentifier": {"@odata.type": "#microsoft.graph.windowsAppIdentifier", "windowsAppId": "com.microsoft.edge"}, "version": null}]}"""),
        [$"GET {PoliciesPath}/{{id}}/assignments"] = new("The policy's included and excluded groups",
            ResponseExample: """{"value": [{"@odata.type": "#microsoft.graph.targetedManagedAppPolicyAssignment", "id": "d6d53469-5af6-4f96-85c2-7be233c1eca0_df6ca54a-3cc2-4022-a259-8a88411b8263", "target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "df6ca54a-3cc2-4022-a259-8a88411b8263"}}]}"""),

        [$"GET {PoliciesPath}/{{id}}/deploymentSummary"] = new("The policy's deployment: users checked in with it applied, overall and per app, computed now",
            ResponseExample: """{"@odata.context": "http://localhost:5000/graph/beta/$metadata#deviceAppManagement/windowsManagedAppProtections('d6d53469-5af6-4f96-85c2-7be233c1eca0')/deploymentSummary/$entity", "@odata.type": "#microsoft.graph.managedAppPolicyDeploymentSummary", "id": "d6d53469-5af6-4f96-85c2-7be233c1eca0", "displayName": "Edge: block printing", "configurationDeployedUserCount": 42, "lastRefreshTime": "2026-12-01T10:00:00Z", "configurationDeploymentSummaryPerApp": [{"@odata.type": "#microsoft.graph.managedAppPolicyDeploymentSummaryPerApp", "mobileAppIdentifier": {"@odata.type": "#microsoft.graph.windowsAppIdentifier", "windowsAppId": "com.microsoft.edge"}, "configurationAppliedUserCount": 42}], "version": "2"}"""),
        [$"GET {FiltersPath}"] = new("List assignment filters for managed apps on Windows ($top, $skip, $count, $select, $filter on displayName)",
            ResponseExample: $$"""{"@odata.context": "http://localhost:5000/graph/beta/$metadata#deviceManagement/assignmentFilters", "value": [{{Filter}}]}"""),
        [$"POST {FiltersPath}"] = new("Create an assignment filter (displayName unique, rule in Intune's filter syntax; platform windowsMobileApplicationManagement, management type apps)",
            typeof(GraphAssignmentFilterBody),
            """{"@odata.type": "#microsoft.graph.deviceAndAppManagementAssignmentFilter", "displayName": "Surface devices", "description": "Microsoft hardware", "platform": "windowsMobileApplicationManagement", "assignmentFilterManagementType": "apps", "rule": "(app.deviceManufacturer -eq \"Microsoft Corporation\")"}""",
            Filter),
        [$"GET {FiltersPath}/{{id}}"] = new("Get an assignment filter", ResponseExample: Filter),
        [$"PATCH {FiltersPath}/{{id}}"] = new("Change a filter's name, description or rule (If-Match with @odata.etag: a stale one is 409); registrations are re-evaluated",
            typeof(GraphAssignmentFilterBody), """{"rule": "(app.deviceModel -startsWith \"Surface\")"}""", Filter),
        [$"DELETE {FiltersPath}/{{id}}"] = new("Delete a filter; refused (409) while an assignment uses it, naming the policies"),
        [$"GET {AppConfigurationsPath}"] = new("List app configuration policies for Microsoft Edge ($top, $skip, $count, $select, $filter on displayName and isAssigned, $expand=apps,assignments)",
            ResponseExample: $$"""{"@odata.context": "http://localhost:5000/graph/beta/$metadata#deviceAppManagement/targetedManagedAppConfigurations", "value": [{{AppConfiguration}}]}"""),
        [$"POST {AppConfigurationsPath}"] = new("Create an app configuration policy for Microsoft Edge: customSettings named like an Edge configuration setting are checked as that setting; the rest are General settings (tokens such as {{userprincipalname}} are replaced per user)",
            typeof(GraphAppConfigurationCreate),
            """{"@odata.type": "#microsoft.graph.targetedManagedAppConfiguration", "displayName": "Edge home page", "description": "Contoso intranet as the home page", "customSettings": [{"name": "HomepageLocation", "value": "https://contoso.sharepoint.com"}, {"name": "com.contoso.signInName", "value": "{{userprincipalname}}"}]}""",
            AppConfiguration),
        [$"GET {AppConfigurationsPath}/{{id}}"] = new("Get an app configuration policy ($expand=apps,assignments)", ResponseExample: AppConfiguration),
        [$"PATCH {AppConfigurationsPath}/{{id}}"] = new("Change an app configuration policy (displayName, description, customSettings replaced whole; If-Match with @odata.etag: a stale one is 409)",
            typeof(GraphAppConfigurationPatch), """{"customSettings": [{"name": "HomepageLocation", "value": "https://intranet.contoso.com"}]}""", AppConfiguration),
        [$"DELETE {AppConfigurationsPath}/{{id}}"] = new("Delete an app configuration policy (If-Match honoured); its settings stop being delivered at the next check-in"),
        [$"POST {AppConfigurationsPath}/{{id}}/assign"] = new("Replace the app configuration policy's assignments: included groups (each with an optional assignment filter, include or exclude) and excluded groups",
            typeof(GraphAssignBody),
            """{"assignments": [{"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "df6ca54a-3cc2-4022-a259-8a88411b8263", "deviceAndAppManagementAssignmentFilterId": "9b2c1d3e-4f5a-4b6c-8d7e-0f1a2b3c4d5e", "deviceAndAppManagementAssignmentFilterType": "include"}}]}"""),
        [$"POST {AppConfigurationsPath}/{{id}}/targetApps"] = new("Set the app the policy configures (Microsoft Edge)",
            typeof(GraphTargetAppsBody),
            """{"apps": [{"mobileAppIdentifier": {"@odata.type": "#microsoft.graph.windowsAppIdentifier", "windowsAppId": "com.microsoft.edge"}}]}"""),
        [$"GET {AppConfigurationsPath}/{{id}}/apps"] = new("The app the policy configures",
            ResponseExample: """{"value": [{"@odata.type": "#microsoft.graph.managedMobileApp", "id": "com.microsoft.edge.windows", "mobileAppIdentifier": {"@odata.type": "#microsoft.graph.windowsAppIdentifier", "windowsAppId": "com.microsoft.edge"}, "version": "1"}]}"""),
        [$"GET {AppConfigurationsPath}/{{id}}/assignments"] = new("The app configuration policy's included and excluded groups",
            ResponseExample: """{"value": [{"@odata.type": "#microsoft.graph.targetedManagedAppPolicyAssignment", "id": "7b1e6c2a-4d3f-4a8b-9c0d-1e2f3a4b5c6d_df6ca54a-3cc2-4022-a259-8a88411b8263", "target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "df6ca54a-3cc2-4022-a259-8a88411b8263"}}]}"""),

        ["GET graph/{version}/deviceAppManagement/managedAppRegistrations"] = new("List MAM registrations ($filter on userId)",
            ResponseExample: """{"value": [{"@odata.type": "#microsoft.graph.windowsManagedAppRegistration", "id": "0f8e2b7a-5c1d-4e3f-8a9b-1c2d3e4f5a6b", "userId": "e89435b8-d72a-4d1a-8e80-438b4b0e4e92", "azureADDeviceId": "5f3c2a8e-1b7d-4e2f-9a6c-0d8b7e4f1a23", "deviceName": "MEGAN-LAPTOP", "platformVersion": "10.0.22631.4460", "applicationVersion": "131.0.2903.70", "appIdentifier": {"@odata.type": "#microsoft.graph.windowsAppIdentifier", "windowsAppId": "com.microsoft.edge"}, "createdDateTime": "2026-11-08T18:06:07Z", "lastSyncDateTime": "2026-12-01T09:40:00Z", "flaggedReasons": []}]}"""),
        ["GET graph/{version}/deviceAppManagement/managedAppRegistrations/{id}"] = new("Get a MAM registration"),
        ["GET graph/{version}/deviceManagement/auditEvents"] = new(
            "List audit events, newest first ($filter: activityDateTime ge/le, category eq, actor/userPrincipalName eq; $top; @odata.nextLink with $skiptoken)",
            ResponseExample: """{"@odata.context": "http://localhost:5000/graph/beta/$metadata#deviceManagement/auditEvents", "value": [{"@odata.type": "#microsoft.graph.auditEvent", "id": "3f1c2b7e-8a4d-4c6e-9b1a-2d3e4f5a6b7c", "displayName": "Update MobileThreatDefenseConnector", "componentName": "Mobile Threat Defense", "activity": "Update MobileThreatDefenseConnector", "activityDateTime": "2026-11-25T08:00:00Z", "activityType": "Update MobileThreatDefenseConnector", "activityOperationType": "Update", "activityResult": "Success", "correlationId": "4bf92f3577b34da6a3ce929d0e0e4736", "category": "Mobile Threat Defense", "actor": {"@odata.type": "#microsoft.graph.auditActor", "type": "User", "userPrincipalName": "admin@contoso.com", "applicationDisplayName": null}, "resources": [{"@odata.type": "#microsoft.graph.auditResource", "displayName": "Lookout for Work", "type": "MobileThreatDefenseConnector", "resourceId": "2c7790de-8b02-4814-85cf-e0c59380dee8", "modifiedProperties": [{"displayName": "partnerUnresponsivenessThresholdInDays", "oldValue": "7", "newValue": "14"}]}]}]}"""),
        ["GET graph/{version}/users"] = new("List users ($filter on userPrincipalName or displayName with eq)",
            ResponseExample: """{"value": [{"id": "e89435b8-d72a-4d1a-8e80-438b4b0e4e92", "userPrincipalName": "megan.bowen@contoso.com", "displayName": "Megan Bowen", "accountEnabled": true}]}"""),
        ["GET graph/{version}/users/{id}"] = new("Get a user by id or user principal name"),
        ["GET graph/{version}/groups"] = new("List groups ($filter on displayName with eq)",
            ResponseExample: """{"value": [{"id": "df6ca54a-3cc2-4022-a259-8a88411b8263", "displayName": "Sales", "description": "Sales and account management"}]}"""),
        ["GET graph/{version}/groups/{id}"] = new("Get a group"),
        ["GET graph/{version}/groups/{id}/members"] = new("List a group's members"),
        ["POST graph/{version}/groups/{id}/members/$ref"] = new("Add a user to a group",
            typeof(GraphReferenceCreate), """{"@odata.id": "http://localhost:5000/graph/v1.0/directoryObjects/e89435b8-d72a-4d1a-8e80-438b4b0e4e92"}"""),
    };

    /// <summary>The table's entry for an operation, or null (the OpenAPI test requires one for every API operation).</summary>
    public static Operation? Find(string method, string relativePath) =>
        Operations.GetValueOrDefault($"{method} {GraphVersionless(relativePath.TrimStart('/'))}");

    public static async Task ApplyAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        if (Find(description.HttpMethod ?? "", description.RelativePath ?? "") is not { } documented)
        {
            return;
        }
        operation.Summary = documented.Summary;
        if (documented.BodyExample is not null)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new()
                    {
                        Schema = documented.Body is null ? null : await context.GetOrCreateSchemaAsync(documented.Body, null, cancellationToken),
                        Example = JsonNode.Parse(documented.BodyExample),
                    },
                },
            };
        }
        operation.Responses ??= [];
        var success = description.HttpMethod switch
        {
            "DELETE" => "204",
            "POST" when documented.ResponseExample is null => "204",
            "POST" when description.RelativePath!.EndsWith("mobileThreatDefenseConnectors", StringComparison.Ordinal)
                || description.RelativePath.EndsWith("windowsManagedAppProtections", StringComparison.Ordinal)
                || description.RelativePath.EndsWith("assignmentFilters", StringComparison.Ordinal)
                || description.RelativePath.EndsWith("targetedManagedAppConfigurations", StringComparison.Ordinal) => "201",
            _ => "200",
        };
        operation.Responses.Remove("200");
        operation.Responses[success] = new OpenApiResponse
        {
            Description = success == "204" ? "Done; no content." : "Success.",
            Content = documented.ResponseExample is null ? null
                : new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Example = JsonNode.Parse(documented.ResponseExample) } },
        };
        foreach (var (status, meaning) in ErrorResponses)
        {
            operation.Responses[status] = new OpenApiResponse
            {
                Description = meaning,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Example = JsonNode.Parse(GraphError) } },
            };
        }
    }

    private static readonly (string Status, string Meaning)[] ErrorResponses =
    [
        ("400", "Bad input: unparsable JSON, an unknown, read-only or repeated property, a wrong type or a value out of range; the message names the property."),
        ("401", "No valid token."),
        ("403", "The token's role may not do this; the message names the missing permission."),
        ("404", "Unknown id."),
        ("409", "A state conflict: a duplicate, or a stale If-Match."),
        ("413", "The body is larger than 1 MiB."),
        ("415", "The body is not JSON (Content-Type application/json)."),
        ("429", "Rate limit; retry after the Retry-After header's seconds."),
    ];

    private static string GraphVersionless(string path) =>
        path.StartsWith("graph/v1.0/", StringComparison.OrdinalIgnoreCase) ? "graph/{version}/" + path["graph/v1.0/".Length..]
        : path.StartsWith("graph/beta/", StringComparison.OrdinalIgnoreCase) && !path.Contains("wipeManagedAppRegistrations", StringComparison.Ordinal)
            ? "graph/{version}/" + path["graph/beta/".Length..]
        : path;
}

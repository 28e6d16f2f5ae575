using AdminCenter.Core.Audit;
using AdminCenter.Core.Roles;

namespace AdminCenter.Benchmarks;

/// <summary>Actors for tests that call Core services directly: who acts, and with which role's permissions.</summary>
public static class TestActors
{
    public const string GlobalAdministratorName = "admin@contoso.com";

    /// <summary>An admin who may do everything.</summary>
    public static Actor GlobalAdministrator { get; } = Admin(GlobalAdministratorName);

    /// <summary>The system (background jobs, seeding): every permission, "System" in the audit log.</summary>
    public static Actor System => Actor.System;

    /// <summary>A Global Administrator named <paramref name="name"/>, as the audit log shows them.</summary>
    public static Actor Admin(string name) => Actor.WithRoles(ActorKind.Administrator, name, [BuiltInRoles.GlobalAdministrator]);

    /// <summary>An admin holding <paramref name="role"/> only.</summary>
    public static Actor WithRole(RoleDefinition role, string name = "role.admin@contoso.com") => Actor.WithRoles(ActorKind.Administrator, name, [role]);

    /// <summary>
    /// The actor whose <see cref="Actor.AuditName"/> is <paramref name="auditName"/>, with every permission: "System" is the
    /// system, "API token: x" a token, anything else an admin. Keeps tests written against audit names as they were.
    /// </summary>
    public static Actor Named(string auditName) =>
        auditName == AuditActors.System ? Actor.System
        : auditName.StartsWith(AuditActors.ApiTokenPrefix, StringComparison.Ordinal)
            ? Actor.WithRoles(ActorKind.ApiToken, auditName[AuditActors.ApiTokenPrefix.Length..], [BuiltInRoles.GlobalAdministrator])
            : Admin(auditName);
}

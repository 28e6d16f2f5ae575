using System.Reflection;
using AdminCenter.Core.Common;
using AdminCenter.Core.Identity;
using AdminCenter.Core.Roles;

namespace AdminCenter.Tests.Core.Roles;

/// <summary>
/// Spec 06, Enforcement, through the Core services: every role of <see cref="PermissionMatrix.Roles"/> × every protected
/// action of <see cref="PermissionMatrix.Rows"/> is refused (Forbidden, naming the permission, nothing written) exactly
/// when the role does not allow the action's permission, and succeeds otherwise.
/// </summary>
public sealed class PermissionMatrixTests
{
    public static TheoryData<string, string> ServiceCases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var role in PermissionMatrix.Roles)
        {
            foreach (var row in PermissionMatrix.Rows.Where(r => r.Invoke is not null))
            {
                cases.Add(role.Name, row.Name);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(ServiceCases))]
    public async Task Service_RoleTimesAction_ForbiddenExactlyWhenTheRoleLacksThePermission(string roleName, string actionName)
    {
        var role = PermissionMatrix.Role(roleName);
        var row = PermissionMatrix.Row(actionName);
        var actor = Actor.WithRoles(ActorKind.Administrator, $"{role.Name.Replace(' ', '.')}@contoso.com", [role]);
        await using var tenant = await MatrixTenant.CreateAsync();
        if (row.Service == nameof(AdministratorService))
        {
            await tenant.PrepareAdministratorsAsync(actor);
        }
        var before = await tenant.FingerprintAsync();

        var outcome = await row.Invoke!(tenant, actor, Guid.NewGuid().ToString("N")[..8]);

        if (role.Allows(row.Needed!.Value))
        {
            Assert.True(outcome.Outcome == ServiceOutcome.Succeeded, $"{role.Name} may {row.Needed}: {row.Name} answered {outcome.Outcome}: {outcome.Message}");
        }
        else
        {
            Assert.Equal(ServiceOutcome.Forbidden, outcome.Outcome);
            Assert.Equal(row.Needed, outcome.MissingPermission);
            Assert.Contains(row.Needed.Value.ToString(), outcome.Message, StringComparison.Ordinal);
            Assert.Equal(before, await tenant.FingerprintAsync());
        }
    }

    [Fact]
    public void Matrix_EveryCoreChangeMethod_HasARow()
    {
        var covered = PermissionMatrix.Rows.Select(row => row.Name).ToHashSet(StringComparer.Ordinal);
        var changeMethods = typeof(ServiceResult<>).Assembly.GetExportedTypes()
            .Where(type => type.IsClass && !type.IsGenericTypeDefinition)
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(method => ReturnsServiceResult(method.ReturnType))
                .Select(method => $"{type.Name}.{method.Name}"))
            .Where(name => !name.StartsWith("ServiceResult`1.", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.NotEmpty(changeMethods);
        var missing = changeMethods.Where(name => !covered.Contains(name)).ToList();
        Assert.True(missing.Count == 0, "No permission matrix row for: " + string.Join(", ", missing));
        // And no row names a method that does not exist (a rename would leave the matrix testing nothing).
        var stale = covered.Where(name => !changeMethods.Contains(name)).ToList();
        Assert.True(stale.Count == 0, "Matrix rows for methods that do not exist: " + string.Join(", ", stale));
    }

    [Fact]
    public void Matrix_PermissionRows_NameAPermissionOfTheTableAndEveryOtherRowSaysWhoMayCallIt()
    {
        Assert.All(PermissionMatrix.Rows, row =>
        {
            Assert.Equal(row.Caller == MatrixCaller.Permission, row.Needed is not null);
            Assert.Equal(row.Caller == MatrixCaller.Permission, row.Invoke is not null);
            if (row.Needed is { } needed)
            {
                Assert.True(Permissions.Exists(needed), $"{row.Name}: {needed} is not in spec 06's table");
            }
        });
    }

    private static bool ReturnsServiceResult(Type type)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>))
        {
            type = type.GetGenericArguments()[0];
        }
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ServiceResult<>);
    }
}

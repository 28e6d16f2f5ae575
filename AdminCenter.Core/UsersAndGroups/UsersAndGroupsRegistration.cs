using Microsoft.Extensions.DependencyInjection;

namespace AdminCenter.Core.UsersAndGroups;

internal static class UsersAndGroupsRegistration
{
    /// <summary>Registers the directory's services (users, groups, CSV import).</summary>
    public static IServiceCollection AddUsersAndGroups(this IServiceCollection services) => services
        .AddSingleton<UserService>()
        .AddSingleton<GroupService>()
        .AddSingleton<UserImportService>();
}

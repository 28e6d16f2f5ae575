namespace AdminCenter.Core.Demo;

/// <summary>A user of the demo tenant: who, which department groups, and whether an admin has disabled the account.</summary>
public sealed record DemoUser(string UserPrincipalName, string DisplayName, IReadOnlyList<string> Groups, bool Disabled = false);

/// <summary>A group of the demo tenant.</summary>
public sealed record DemoGroup(string DisplayName, string Description);

/// <summary>
/// The demo tenant's directory (spec 01, <c>--seed-demo</c>): fixed, so the seeder and the partner simulator agree on
/// who exists. The simulator plays MAM clients for these user principal names on devices it invents.
/// </summary>
public static class DemoDirectory
{
    public const string Domain = "contoso.com";

    public const string AllStaff = "All staff";
    public const string Executives = "Executives";
    public const string Finance = "Finance";
    public const string Sales = "Sales";
    public const string Marketing = "Marketing";
    public const string InformationTechnology = "IT";
    public const string Contractors = "Contractors";

    public static IReadOnlyList<DemoGroup> Groups { get; } =
    [
        new(AllStaff, "Every employee of Contoso (contractors are not staff)"),
        new(Executives, "Leadership team"),
        new(Finance, "Finance and accounting"),
        new(Sales, "Sales and account management"),
        new(Marketing, "Marketing and communications"),
        new(InformationTechnology, "IT operations and helpdesk"),
        new(Contractors, "External contractors with a Contoso account"),
    ];

    public static IReadOnlyList<DemoUser> Users { get; } =
    [
        Staff("Megan Bowen", Executives),
        Staff("Alex Wilber", Executives),
        Staff("Isaiah Langer", Executives, Finance),
        Staff("Nestor Wilke", Executives),
        Staff("Adele Vance", Finance),
        Staff("Johanna Lorenz", Finance),
        Staff("Lidia Holloway", Finance),
        Staff("Patti Fernandez", Finance),
        Staff("Grady Archie", Finance) with { Disabled = true },
        Staff("Priya Raman", Finance),
        Staff("Diego Siciliani", Sales),
        Staff("Lee Gu", Sales),
        Staff("Lynne Robbins", Sales),
        Staff("Miriam Graham", Sales),
        Staff("Pradeep Gupta", Sales),
        Staff("Joni Sherman", Sales),
        Staff("Tomas Garcia", Sales) with { DisplayName = "Tomás García" },
        Staff("Aiko Tanaka", Sales),
        Staff("Samuel Okafor", Sales) with { Disabled = true },
        Staff("Ingrid Johansson", Sales),
        Staff("Henrietta Mueller", Marketing),
        Staff("Irvin Sayers", Marketing),
        Staff("Debra Berger", Marketing),
        Staff("Christie Cline", Marketing),
        Staff("Chloe Dubois", Marketing) with { DisplayName = "Chloé Dubois" },
        Staff("Mateo Rossi", Marketing),
        Staff("Allan Deyoung", InformationTechnology),
        Staff("Enrico Cattaneo", InformationTechnology),
        Staff("Emily Braun", InformationTechnology),
        Staff("Noah Schmidt", InformationTechnology),
        Staff("Fatima Haddad", InformationTechnology),
        // Two staff outside every department group: no app protection policy applies to them.
        Staff("Grace Liu"),
        Staff("Daniel Kim"),
        Contractor("Ravi Patel"),
        Contractor("Hannah Kowalski"),
        Contractor("Oliver Bennett") with { Disabled = true },
        Contractor("Amara Nwosu"),
        Contractor("Lucas Fischer"),
        Contractor("Elena Petrova"),
        Contractor("Kenji Watanabe"),
    ];

    /// <summary>The user principal names, in a fixed order: whom the simulator's MAM clients sign in as.</summary>
    public static IReadOnlyList<string> UserPrincipalNames { get; } = Users.Select(u => u.UserPrincipalName).ToList();

    private static DemoUser Staff(string asciiName, params string[] groups) => new(Upn(asciiName), asciiName, [AllStaff, .. groups]);

    private static DemoUser Contractor(string asciiName) => new(Upn(asciiName), asciiName, [Contractors]);

    private static string Upn(string asciiName) =>
        $"{asciiName.ToLowerInvariant().Replace(' ', '.')}@{Domain}";
}

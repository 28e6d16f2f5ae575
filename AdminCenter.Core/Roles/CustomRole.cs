using System.Text;

namespace AdminCenter.Core.Roles;

/// <summary>
/// A role an admin made (spec 06, Roles page): a name unique regardless of case (and distinct from every built-in
/// role), a description and the permissions it grants. Holders get exactly these permissions.
/// </summary>
public sealed class CustomRole
{
    private CustomRole()
    {
    }

    public string Id { get; private set; } = "";

    public string Name { get; private set; } = "";

    /// <summary>The uniqueness key: NFC, ASCII letters lowercased (no case folding that merges lookalikes).</summary>
    public string NormalizedName { get; private set; } = "";

    public string Description { get; private set; } = "";

    /// <summary>The granted permissions as "Category/Action" joined by ';' (e.g. "Managed apps/Read"); read through <see cref="Granted"/>.</summary>
    public string PermissionsText { get; private set; } = "";

    public DateTime CreatedDateTime { get; private set; }

    public DateTime ModifiedDateTime { get; private set; }

    public IReadOnlySet<Permission> Granted =>
        PermissionsText.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(Permissions.Parse).OfType<Permission>().ToHashSet();

    public static CustomRole Create(string name, string description, IEnumerable<Permission> granted, DateTime nowUtc) => new()
    {
        Id = Guid.NewGuid().ToString(),
        Name = name.Trim(),
        NormalizedName = Normalize(name),
        Description = description.Trim(),
        PermissionsText = Format(granted),
        CreatedDateTime = nowUtc,
        ModifiedDateTime = nowUtc,
    };

    public void Change(string name, string description, IEnumerable<Permission> granted, DateTime nowUtc)
    {
        Name = name.Trim();
        NormalizedName = Normalize(name);
        Description = description.Trim();
        PermissionsText = Format(granted);
        ModifiedDateTime = nowUtc;
    }

    public RoleDefinition ToDefinition() => new(Name, Description, IsBuiltIn: false, Granted);

    public static string Normalize(string name)
    {
        var composed = name.Trim().Normalize(NormalizationForm.FormC);
        return string.Create(composed.Length, composed, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = char.IsAsciiLetterUpper(source[i]) ? (char)(source[i] + ('a' - 'A')) : source[i];
            }
        });
    }

    /// <summary>In the order of the permissions table, so the stored text and the audit log read the same way each time.</summary>
    public static string Format(IEnumerable<Permission> granted)
    {
        var set = granted.ToHashSet();
        return string.Join(";", Permissions.All.Where(set.Contains));
    }
}

using AdminCenter.Core.Persistence;
using Microsoft.EntityFrameworkCore;

namespace AdminCenter.Core.Common;

/// <summary>
/// A random stamp that the writer of a cached concept replaces in the same SaveChanges as each change. An instance that
/// keeps the concept in memory reads the stamp (one row) before using its copy and reloads when it differs, so a change
/// saved on another instance is seen at the next read (spec 08) without a message between instances.
/// </summary>
public sealed class ChangeStamp
{
    /// <summary>Custom roles, kept in memory by the role catalog.</summary>
    public const string CustomRoles = "CustomRoles";

    public const int MaxNameLength = 64;

    private ChangeStamp()
    {
    }

    internal ChangeStamp(string name, Guid stamp)
    {
        Name = name;
        Stamp = stamp;
    }

    public string Name { get; private set; } = "";

    public Guid Stamp { get; private set; }
}

public static class ChangeStamps
{
    /// <summary>Marks <paramref name="name"/> changed; saved with the context's next SaveChanges, so with the change itself.</summary>
    public static void TouchStamp(this AdminCenterDbContext db, string name)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Set<ChangeStamp>().Update(new ChangeStamp(name, Guid.NewGuid()));
    }

    /// <summary>The current stamp of <paramref name="name"/>; synchronous for callers that are (authorization).</summary>
    public static Guid ReadStamp(this AdminCenterDbContext db, string name)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Set<ChangeStamp>().AsNoTracking().Where(s => s.Name == name).Select(s => s.Stamp).FirstOrDefault();
    }
}

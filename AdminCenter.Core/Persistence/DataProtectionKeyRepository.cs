using System.Data;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace AdminCenter.Core.Persistence;

/// <summary>
/// Data Protection's key ring in the database's <c>DataProtectionKeys</c> table (spec 08: sign-in cookies survive restarts
/// and work on every instance), read and written with plain commands. It stores exactly what the library's
/// <c>PersistKeysToDbContext</c> stores, in the same table, but the first request of a restart (the sign-in page's
/// antiforgery token needs the ring) then does not wait for EF Core's first context and first query to be built: a
/// restart reached its first answer sooner without them (BENCHMARKS.md "Cold start", ninth step).
/// </summary>
public sealed class DataProtectionKeyRepository(DatabaseSettings database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.CreateConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT \"Xml\" FROM \"DataProtectionKeys\" ORDER BY \"Id\"";
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            // Like the library's repository: a row without XML is skipped, not a failure of the whole ring.
            if (!reader.IsDBNull(0) && reader.GetString(0) is { Length: > 0 } xml)
            {
                elements.Add(XElement.Parse(xml));
            }
        }
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.CreateConnection();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO \"DataProtectionKeys\" (\"FriendlyName\", \"Xml\") VALUES (@friendlyName, @xml)";
        SqlDialect.AddParameter(command, "@friendlyName", DbType.String, friendlyName);
        SqlDialect.AddParameter(command, "@xml", DbType.String, element.ToString(SaveOptions.DisableFormatting));
        command.ExecuteNonQuery();
    }
}

using System.Xml.Linq;
using AdminCenter.Core.Persistence;
using AdminCenter.Tests.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AdminCenter.Tests.Core.Persistence;

/// <summary>
/// Data Protection's keys in the database through plain commands (issue 17, cold start): the same rows the library's
/// EF Core repository reads and writes, so a database written by either works with the other, and a key made by one
/// instance protects what another instance (or a restart) reads.
/// </summary>
public sealed class DataProtectionKeyRepositoryTests : IDisposable
{
    private readonly TestDatabase _database = new();
    private readonly ServiceProvider _efCoreServices;

    public DataProtectionKeyRepositoryTests()
    {
        var services = new ServiceCollection();
        services.AddScoped(_ => _database.CreateDbContext());
        _efCoreServices = services.BuildServiceProvider();
    }

    public void Dispose()
    {
        _efCoreServices.Dispose();
        _database.Dispose();
    }

    [Fact]
    public void GetAllElements_KeysTheLibrarysRepositoryStored_ReadsThemAll()
    {
        var library = new EntityFrameworkCoreXmlRepository<AdminCenterDbContext>(_efCoreServices, NullLoggerFactory.Instance);
        library.StoreElement(Key("one"), "key-one");
        library.StoreElement(Key("two"), "key-two");

        var read = new DataProtectionKeyRepository(_database.Settings).GetAllElements();

        Assert.Equal(["one", "two"], read.Select(element => (string?)element.Attribute("id")));
    }

    [Fact]
    public void StoreElement_ThenTheLibrarysRepositoryReads_FindsTheKeyWithItsName()
    {
        new DataProtectionKeyRepository(_database.Settings).StoreElement(Key("three"), "key-three");

        var library = new EntityFrameworkCoreXmlRepository<AdminCenterDbContext>(_efCoreServices, NullLoggerFactory.Instance);
        var read = Assert.Single(library.GetAllElements());
        using var db = _database.CreateDbContext();

        Assert.Equal("three", (string?)read.Attribute("id"));
        Assert.Equal("key-three", Assert.Single(db.DataProtectionKeys).FriendlyName);
    }

    [Fact]
    public void Unprotect_ByAnotherInstanceOnTheSameDatabase_ReturnsWhatTheFirstProtected()
    {
        var first = Protector();
        var protectedText = first.Protect("sign-in cookie");

        // A second provider has no key in memory: it reads the ring the first one stored.
        Assert.Equal("sign-in cookie", Protector().Unprotect(protectedText));
    }

    private IDataProtector Protector()
    {
        var services = new ServiceCollection();
        services.AddDataProtection().SetApplicationName("AdminCenter");
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = new DataProtectionKeyRepository(_database.Settings));
        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
    }

    private static XElement Key(string id) => new("key", new XAttribute("id", id), new XElement("payload", "secret of " + id));
}

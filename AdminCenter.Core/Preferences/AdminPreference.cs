namespace AdminCenter.Core.Preferences;

/// <summary>
/// One remembered choice of one administrator (a table's visible columns, the theme), keyed by the admin's Identity id.
/// No foreign key to the admin: a preference is worthless without its admin, but must never block removing one.
/// </summary>
public sealed class AdminPreference(string adminId, string key, string value, DateTime updatedDateTime)
{
    public const int MaxAdminIdLength = 450;
    public const int MaxKeyLength = 100;
    public const int MaxValueLength = 4000;

    public string AdminId { get; private set; } = adminId;

    public string Key { get; private set; } = key;

    public string Value { get; private set; } = value;

    public DateTime UpdatedDateTime { get; private set; } = updatedDateTime;
}

namespace ModelOps.Grains.Storage;

/// <summary>Where a <see cref="SqliteGrainStorage"/> keeps its database file.</summary>
public sealed class SqliteGrainStorageOptions
{
    /// <summary>Directory of the database file; created when missing.</summary>
    public string DataDirectory { get; set; } = "";

    /// <summary>Name of the database file inside <see cref="DataDirectory"/>.</summary>
    public string FileName { get; set; } = "modelops.db";
}

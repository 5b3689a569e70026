namespace ModelOps.Grains.Storage;

/// <summary>
/// Directories and files that only the owner of the process may read (0700, 0600), since they hold grain state and the
/// key ring. On Windows, where Unix modes do not apply, the directory's inherited ACL is kept.
/// </summary>
public static class OwnerOnly
{
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the directory, and any missing parent, as 0700; an existing one keeps its mode.</summary>
    public static DirectoryInfo CreateDirectory(string path) =>
        OperatingSystem.IsWindows() ? Directory.CreateDirectory(path) : Directory.CreateDirectory(path, DirectoryMode);

    /// <summary>Creates an empty file as 0600 unless it exists (SQLite then gives its journal and WAL files the same mode).</summary>
    public static void CreateFile(string path)
    {
        if (File.Exists(path))
        {
            return;
        }
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }
        try
        {
            using var _ = new FileStream(path, options);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another storage of this process or another process created it first: it is theirs, with the same mode.
        }
    }
}

namespace ModelOps.Grains.Hosting;

/// <summary>
/// A silo's Orleans name carries its <c>ModelOps:Role</c> (<c>all@host:11111</c>), so the membership table that every
/// node reads tells which silos also serve the API.
/// </summary>
public static class SiloNames
{
    public static string For(string role, int siloPort) => $"{role}@{Environment.MachineName}:{siloPort}";

    /// <summary>The role in a name made by <see cref="For"/>; <c>silo</c> for a name made otherwise.</summary>
    public static string RoleOf(string? siloName) =>
        siloName?.IndexOf('@', StringComparison.Ordinal) is > 0 and var at ? siloName[..at] : "silo";
}

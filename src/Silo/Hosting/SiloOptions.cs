using System.ComponentModel.DataAnnotations;

namespace ModelOps.Silo.Hosting;

/// <summary>What this process is, where the embedded silo keeps its state and which ports it listens on (section <c>ModelOps</c>).</summary>
public sealed class SiloOptions
{
    public const string Section = "ModelOps";

    /// <summary>The configuration key of <see cref="Role"/>.</summary>
    public const string RoleKey = Section + ":Role";

    /// <summary>
    /// <c>all</c> (a silo with the API and the dashboard), <c>silo</c> (grains only; <c>/health/*</c> and <c>/metrics</c>)
    /// or <c>api</c> (an Orleans client serving the API and the dashboard) (<c>ModelOps:Role</c>).
    /// </summary>
    [Required(ErrorMessage = "ModelOps:Role is required.")]
    [AllowedValues(HostRole.All, HostRole.Silo, HostRole.Api, ErrorMessage = "ModelOps:Role must be all, silo or api.")]
    public string Role { get; set; } = HostRole.All;

    /// <summary>Directory of the SQLite state file (<c>ModelOps:DataDir</c>), in embedded mode.</summary>
    [Required(ErrorMessage = "ModelOps:DataDir is required.")]
    public string DataDir { get; set; } = "./data";

    /// <summary>Silo-to-silo port (<c>ModelOps:SiloPort</c>).</summary>
    [Range(1, 65535, ErrorMessage = "ModelOps:SiloPort must be between 1 and 65535.")]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port (<c>ModelOps:GatewayPort</c>).</summary>
    [Range(1, 65535, ErrorMessage = "ModelOps:GatewayPort must be between 1 and 65535.")]
    public int GatewayPort { get; set; } = 30000;
}

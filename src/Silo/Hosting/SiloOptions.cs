using System.ComponentModel.DataAnnotations;

namespace ModelOps.Silo.Hosting;

/// <summary>Where the embedded silo keeps its state and which ports it listens on (section <c>ModelOps</c>).</summary>
public sealed class SiloOptions
{
    public const string Section = "ModelOps";

    /// <summary>Directory of the SQLite state file (<c>ModelOps:DataDir</c>).</summary>
    [Required(ErrorMessage = "ModelOps:DataDir is required.")]
    public string DataDir { get; set; } = "./data";

    /// <summary>Silo-to-silo port (<c>ModelOps:SiloPort</c>).</summary>
    [Range(1, 65535, ErrorMessage = "ModelOps:SiloPort must be between 1 and 65535.")]
    public int SiloPort { get; set; } = 11111;

    /// <summary>Client gateway port (<c>ModelOps:GatewayPort</c>).</summary>
    [Range(1, 65535, ErrorMessage = "ModelOps:GatewayPort must be between 1 and 65535.")]
    public int GatewayPort { get; set; } = 30000;
}

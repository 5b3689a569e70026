using System.ComponentModel.DataAnnotations;

namespace ModelOps.Api.Baselines;

/// <summary>Limits of baseline uploads (configuration section <c>ModelOps:Baselines</c>): 413 beyond a size, 429 beyond the concurrency.</summary>
public sealed class BaselineLimits
{
    public const string Section = "ModelOps:Baselines";

    /// <summary>Largest baseline body in bytes.</summary>
    [Range(1_024, 1_073_741_824, ErrorMessage = "ModelOps:Baselines:MaxBodyBytes must be between 1024 and 1073741824.")]
    public long MaxBodyBytes { get; set; } = 50 * 1024 * 1024;

    /// <summary>Most rows in one baseline.</summary>
    [Range(1, 10_000_000, ErrorMessage = "ModelOps:Baselines:MaxRows must be between 1 and 10000000.")]
    public int MaxRows { get; set; } = 1_000_000;

    /// <summary>Uploads read at once; one more gets 429 with Retry-After at once, so the memory uploads take is bounded.</summary>
    [Range(1, 64, ErrorMessage = "ModelOps:Baselines:MaxConcurrentUploads must be between 1 and 64.")]
    public int MaxConcurrentUploads { get; set; } = 2;
}

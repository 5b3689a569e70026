using System.ComponentModel.DataAnnotations;
using System.Net;

namespace ModelOps.Grains.Hosting;

/// <summary>
/// How a process joins a cluster (configuration section <c>ModelOps:Cluster</c>). Without <see cref="Redis"/> the process
/// runs embedded: one silo, localhost clustering, state in SQLite.
/// </summary>
public sealed class ClusterSettings : IValidatableObject
{
    public const string Section = "ModelOps:Cluster";

    /// <summary>The configuration key of <see cref="Redis"/>, for messages and for reading it before the host is built.</summary>
    public const string RedisKey = Section + ":Redis";

    /// <summary>
    /// A StackExchange.Redis connection string (<c>ModelOps:Cluster:Redis</c>, e.g. <c>127.0.0.1:6379</c>): membership,
    /// grain state, stream pub-sub state and reminders are kept there. Null or empty: embedded mode.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>The cluster id (<c>ModelOps:Cluster:Id</c>): processes with the same id and Redis form one cluster.</summary>
    [Required(ErrorMessage = "ModelOps:Cluster:Id is required.")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$", ErrorMessage = "ModelOps:Cluster:Id must be 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit.")]
    public string Id { get; set; } = "modelops";

    /// <summary>The IP address this silo advertises to the others (<c>ModelOps:Cluster:AdvertisedAddress</c>); default: the first non-loopback IPv4 address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>True when the process is part of a Redis cluster.</summary>
    public bool IsCluster => !string.IsNullOrWhiteSpace(Redis);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AdvertisedAddress is { Length: > 0 } address && !IPAddress.TryParse(address, out _))
        {
            yield return new ValidationResult($"ModelOps:Cluster:AdvertisedAddress must be an IP address (e.g. 10.0.0.5), not '{address}'.", [nameof(AdvertisedAddress)]);
        }
    }

    /// <summary>Whether the configuration puts the process in a Redis cluster, read before the host is built (the providers are chosen then).</summary>
    public static bool InCluster(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[RedisKey]);
}

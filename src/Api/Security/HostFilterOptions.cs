using System.ComponentModel.DataAnnotations;

namespace ModelOps.Api.Security;

/// <summary>Which <c>Host</c> headers the service answers (configuration section <c>ModelOps:Auth</c>).</summary>
public sealed class HostFilterOptions : IValidatableObject
{
    public const string Section = "ModelOps:Auth";

    /// <summary>The most entries <see cref="AllowedHosts"/> may have.</summary>
    public const int MaxAllowedHosts = 256;

    /// <summary>
    /// Host names (or <c>*.example.com</c> for a domain's subdomains) clients reach the service by, besides the names it
    /// always answers: <c>localhost</c> and <c>*.localhost</c>, this machine's name, loopback addresses and the addresses
    /// it listens on. <c>"*"</c> answers every host (behind a proxy that checks it).
    /// </summary>
    public List<string> AllowedHosts { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AllowedHosts.Count > MaxAllowedHosts)
        {
            yield return new ValidationResult($"ModelOps:Auth:AllowedHosts has {AllowedHosts.Count} entries; at most {MaxAllowedHosts}.", [nameof(AllowedHosts)]);
        }
        for (var i = 0; i < AllowedHosts.Count; i++)
        {
            var host = AllowedHosts[i];
            var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
            if (host != "*" && Uri.CheckHostName(name.Trim('[', ']')) == UriHostNameType.Unknown)
            {
                yield return new ValidationResult(
                    $"ModelOps:Auth:AllowedHosts:{i} must be a host name, an IP address, *.domain or *, not '{host}' (no scheme, no port).", [nameof(AllowedHosts)]);
            }
        }
    }
}

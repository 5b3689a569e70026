using System.ComponentModel.DataAnnotations;
using ModelOps.Contracts;

namespace ModelOps.Api.Security;

/// <summary>Who may call the API (configuration section <c>ModelOps:Auth</c>).</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "ModelOps:Auth";

    /// <summary>The environment variable that may carry <see cref="AdminKey"/>.</summary>
    public const string AdminKeyVariable = "MODELOPS_ADMIN_KEY";

    /// <summary>A key (<c>mov_</c> and at least 32 more characters) stored as the admin key <c>admin</c> at start, unless revoked since.</summary>
    public string? AdminKey { get; set; }

    /// <summary>Requests from loopback addresses without a key act as admin. Default: on embedded, off in cluster mode.</summary>
    public bool? AllowAnonymousLoopback { get; set; }

    /// <summary>Origins (<c>https://ops.example.com</c>) besides the server's own that may open the stream and call the API (CORS).</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Failed authentications an address may have per minute; beyond, its requests with a key get 429.</summary>
    [Range(1, 10_000, ErrorMessage = "ModelOps:Auth:FailuresPerMinute must be between 1 and 10000.")]
    public int FailuresPerMinute { get; set; } = 10;

    /// <summary>Client addresses whose failures are remembered at once.</summary>
    [Range(16, 1_000_000, ErrorMessage = "ModelOps:Auth:MaxTrackedAddresses must be between 16 and 1000000.")]
    public int MaxTrackedAddresses { get; set; } = 10_000;

    public bool AnonymousLoopback => AllowAnonymousLoopback ?? true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AdminKey is { } key && (!key.StartsWith(ApiKeyHeaders.KeyPrefix, StringComparison.Ordinal)
            || key.Length < ApiKeyHeaders.KeyPrefix.Length + ApiKeySecret.MinConfiguredLength || key.Length > 256 || key.Any(char.IsWhiteSpace)))
        {
            yield return new ValidationResult(
                $"{Section}:AdminKey ({AdminKeyVariable}) must be '{ApiKeyHeaders.KeyPrefix}' followed by {ApiKeySecret.MinConfiguredLength} to 252 characters without spaces, "
                + "for example: echo mov_$(openssl rand -base64 32 | tr '+/' '-_' | tr -d '=')");
        }
        foreach (var origin in AllowedOrigins)
        {
            if (!Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.PathAndQuery != "/" || origin.EndsWith('/'))
            {
                yield return new ValidationResult($"{Section}:AllowedOrigins: '{origin}' is not an origin; write scheme, host and port only, such as https://ops.example.com");
            }
        }
    }
}

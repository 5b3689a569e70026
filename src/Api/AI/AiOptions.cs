using System.ComponentModel.DataAnnotations;
using ModelOps.Contracts;

namespace ModelOps.Api.AI;

/// <summary>
/// The AI assistant (configuration section <c>ModelOps:AI</c>): Gemini through its OpenAI-compatible endpoint, or the
/// built-in analyst. The key may also come from the <c>GEMINI_API_KEY</c> or <c>API_KEY</c> environment variables.
/// </summary>
public sealed class AiOptions : IValidatableObject
{
    public const string Section = "ModelOps:AI";
    public const string DefaultModel = "gemini-2.5-flash";
    public const string DefaultEndpoint = "https://generativelanguage.googleapis.com/v1beta/openai/";

    /// <summary>The environment variables read for the key when <see cref="ApiKey"/> is not set, in order.</summary>
    public static readonly IReadOnlyList<string> KeyVariables = ["GEMINI_API_KEY", "API_KEY"];

    /// <summary><c>builtin</c> or <c>gemini</c>; unset: <c>gemini</c> when a key is present, else <c>builtin</c>.</summary>
    public string? Provider { get; set; }

    public string? ApiKey { get; set; }

    [Required(ErrorMessage = "ModelOps:AI:Model is required.")]
    public string Model { get; set; } = DefaultModel;

    /// <summary>The base URL of the OpenAI-compatible API; <c>chat/completions</c> is appended.</summary>
    public string Endpoint { get; set; } = DefaultEndpoint;

    /// <summary>The whole answer, retries and waits included.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "ModelOps:AI:Timeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Questions to the model at once; more wait in a queue of <see cref="QueueLength"/>, beyond that they fall back.</summary>
    [Range(1, 1_000, ErrorMessage = "ModelOps:AI:MaxConcurrency must be between 1 and 1000.")]
    public int MaxConcurrency { get; set; } = 4;

    [Range(0, 10_000, ErrorMessage = "ModelOps:AI:QueueLength must be between 0 and 10000.")]
    public int QueueLength { get; set; } = 16;

    /// <summary>Questions per minute; beyond it the built-in analyst answers until the minute is over.</summary>
    [Range(1, 100_000, ErrorMessage = "ModelOps:AI:MaxRequestsPerMinute must be between 1 and 100000.")]
    public int MaxRequestsPerMinute { get; set; } = 30;

    /// <summary>
    /// Insights (<c>POST …/insight</c>) and configuration proposals (<c>assist=true</c>) one API key (or, without one, one
    /// client address) may ask for a minute, in bursts of as many; 429 with <c>Retry-After</c> beyond. Counted per request,
    /// whether the answer comes from the cache, Gemini or the built-in analyst.
    /// </summary>
    [Range(1, 100_000, ErrorMessage = "ModelOps:AI:RequestsPerKeyPerMinute must be between 1 and 100000.")]
    public int RequestsPerKeyPerMinute { get; set; } = 10;

    /// <summary>Retries after a 408, 429, 500, 502, 503, 504 or a transport error (so at most <c>MaxRetries + 1</c> attempts per question).</summary>
    [Range(0, 10, ErrorMessage = "ModelOps:AI:MaxRetries must be between 0 and 10.")]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Back-off before the first retry when the answer carries no <c>Retry-After</c>; doubles per retry up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00", ErrorMessage = "ModelOps:AI:RetryBaseDelay must be between 00:00:00.001 and 00:01:00.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00", ErrorMessage = "ModelOps:AI:RetryMaxDelay must be between 00:00:00.001 and 00:10:00.")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>The provider in effect.</summary>
    public string EffectiveProvider => Provider is { Length: > 0 } chosen
        ? chosen
        : string.IsNullOrWhiteSpace(ApiKey) ? InsightProviders.Builtin : InsightProviders.Gemini;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider is { Length: > 0 } && Provider is not (InsightProviders.Builtin or InsightProviders.Gemini))
        {
            yield return new ValidationResult($"ModelOps:AI:Provider must be builtin or gemini, not '{Provider}'.", [nameof(Provider)]);
        }
        if (Provider == InsightProviders.Gemini && string.IsNullOrWhiteSpace(ApiKey))
        {
            yield return new ValidationResult(
                "ModelOps:AI:Provider is gemini but there is no key: set ModelOps:AI:ApiKey or the GEMINI_API_KEY environment variable.", [nameof(ApiKey)]);
        }
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult("ModelOps:AI:Endpoint must be an absolute http or https URL.", [nameof(Endpoint)]);
        }
        if (RetryMaxDelay < RetryBaseDelay)
        {
            yield return new ValidationResult("ModelOps:AI:RetryMaxDelay must not be shorter than ModelOps:AI:RetryBaseDelay.", [nameof(RetryMaxDelay)]);
        }
    }
}

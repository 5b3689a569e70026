using System.ComponentModel.DataAnnotations;

namespace ModelOps.Api;

/// <summary>Limits of the HTTP and WebSocket API (configuration section <c>ModelOps:Api</c>).</summary>
public sealed class ApiOptions
{
    public const string Section = "ModelOps:Api";

    /// <summary>Events accepted in one <c>POST …/events</c> (413 beyond).</summary>
    [Range(1, 1_000_000, ErrorMessage = "ModelOps:Api:MaxEventsPerRequest must be between 1 and 1000000.")]
    public int MaxEventsPerRequest { get; set; } = 10_000;

    /// <summary>Largest request body in bytes (413 beyond).</summary>
    [Range(1_024, 1_073_741_824, ErrorMessage = "ModelOps:Api:MaxBodyBytes must be between 1024 and 1073741824.")]
    public long MaxBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Ingest requests processed at once; more wait in a queue of <see cref="IngestQueueLength"/>, and beyond that get 429.</summary>
    [Range(1, 10_000, ErrorMessage = "ModelOps:Api:IngestConcurrency must be between 1 and 10000.")]
    public int IngestConcurrency { get; set; } = 64;

    [Range(0, 100_000, ErrorMessage = "ModelOps:Api:IngestQueueLength must be between 0 and 100000.")]
    public int IngestQueueLength { get; set; } = 1_024;

    /// <summary>Ingest requests a second one API key (or, without one, one client address) may send on average; 429 with <c>Retry-After</c> beyond.</summary>
    [Range(1, 1_000_000, ErrorMessage = "ModelOps:Api:IngestRequestsPerSecondPerKey must be between 1 and 1000000.")]
    public int IngestRequestsPerSecondPerKey { get; set; } = 1_000;

    /// <summary>The most ingest requests one key may send at once after a pause (its token bucket's size).</summary>
    [Range(1, 1_000_000, ErrorMessage = "ModelOps:Api:IngestBurstPerKey must be between 1 and 1000000.")]
    public int IngestBurstPerKey { get; set; } = 2_000;

    /// <summary>Frames a WebSocket session may have queued before it is closed as too slow.</summary>
    [Range(4, 100_000, ErrorMessage = "ModelOps:Api:SessionQueueLength must be between 4 and 100000.")]
    public int SessionQueueLength { get; set; } = 512;
}

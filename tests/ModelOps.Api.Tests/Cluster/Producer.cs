using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Cluster;

/// <summary>
/// A producer as a well-behaved client runs one: sends batches of fresh events to one model, one at a time, each under an
/// <c>Idempotency-Key</c> of its own, counts what was acknowledged (202), and on 503, 429 or a lost answer waits (the
/// Retry-After the answer names, else a second) and sends the same batch again under the same key, until it is
/// acknowledged. Asked to stop, it finishes the batch it is sending first, so that every batch it sent is acknowledged:
/// the model then holds exactly what it acknowledged. Every status it got is counted, and every 503 or 429 without
/// Retry-After is counted as a fault.
/// </summary>
public sealed class Producer(string model, int batchSize, bool durable)
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long acknowledgedBatches;
    private int withoutRetryAfter;
    private int resent;

    public string Model => model;

    public int BatchSize => batchSize;

    public long Acknowledged => Interlocked.Read(ref acknowledgedBatches) * batchSize;

    /// <summary>How many answers of each status it got (0 for a transport failure).</summary>
    public ConcurrentDictionary<int, int> Statuses { get; } = new();

    /// <summary>503 and 429 answers that did not say when to retry.</summary>
    public int WithoutRetryAfter => Volatile.Read(ref withoutRetryAfter);

    /// <summary>Batches sent again under their key (the first answer was not a 202).</summary>
    public int Resent => Volatile.Read(ref resent);

    /// <summary>The longest a batch waited between its first send and its acknowledgement.</summary>
    public TimeSpan LongestRetry { get; private set; }

    /// <summary>Sends until <paramref name="stop"/>, then finishes the batch in hand; <paramref name="abort"/> ends it at once.</summary>
    public async Task SendAsync(HttpClient http, Uri root, CancellationToken stop, CancellationToken abort)
    {
        var events = new Uri(root, $"api/v1/models/{model}/events{(durable ? "?durable=true" : "")}");
        while (!stop.IsCancellationRequested)
        {
            var key = Guid.NewGuid().ToString("N");
            // Events of their own (a model counts a repeated event id once), the same ones on every resend under the key.
            var batch = TestData.Events(batchSize);
            var firstTry = clock.Elapsed;
            for (var attempt = 0; ; attempt++)
            {
                if (attempt == 1)
                {
                    Interlocked.Increment(ref resent);
                }
                int status;
                TimeSpan retryAfter;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, events)
                    {
                        Content = JsonContent.Create(new EventBatch { Events = batch }, ModelOpsJsonContext.Default.EventBatch),
                    };
                    request.Headers.Add("Idempotency-Key", key);
                    using var response = await http.SendAsync(request, abort);
                    status = (int)response.StatusCode;
                    retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                    if (status is 503 or 429 && response.Headers.RetryAfter?.Delta is null)
                    {
                        Interlocked.Increment(ref withoutRetryAfter);
                    }
                }
                catch (OperationCanceledException) when (abort.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception lost) when (lost is HttpRequestException or TaskCanceledException)
                {
                    // The answer never came (a connection reset, or the client's timeout): the batch may be stored or not.
                    (status, retryAfter) = (0, TimeSpan.FromSeconds(1));
                }
                Statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
                if (status == (int)HttpStatusCode.Accepted)
                {
                    Interlocked.Increment(ref acknowledgedBatches);
                    LongestRetry = clock.Elapsed - firstTry > LongestRetry ? clock.Elapsed - firstTry : LongestRetry;
                    break;
                }
                if (status is not (0 or 503 or 429))
                {
                    // Anything else is a fault the test reports; sending it again would not change it.
                    return;
                }
                try
                {
                    await Task.Delay(retryAfter, abort);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    public string Describe() => $"{model}: acknowledged {Acknowledged}, statuses {string.Join(", ", Statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}×{pair.Value}"))}, resent {Resent}, longest wait {LongestRetry.TotalSeconds:0.0} s";
}

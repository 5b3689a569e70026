using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Cluster;

/// <summary>
/// A producer as a well-behaved client runs one: sends batches to one model, one at a time, counts what was acknowledged
/// (202), and on 503 or 429 waits the Retry-After the answer names and sends the batch again. Every status it got is
/// counted, and every 503 or 429 without Retry-After is counted as a fault.
/// </summary>
public sealed class Producer(string model, int batchSize, bool durable)
{
    private readonly InferenceEvent[] batch = TestData.Events(batchSize);
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long acknowledgedBatches;

    public string Model => model;

    public int BatchSize => batchSize;

    public long Acknowledged => Interlocked.Read(ref acknowledgedBatches) * batchSize;

    /// <summary>How many answers of each status it got (0 for a transport failure).</summary>
    public ConcurrentDictionary<int, int> Statuses { get; } = new();

    private int withoutRetryAfter;

    /// <summary>503 and 429 answers that did not say when to retry.</summary>
    public int WithoutRetryAfter => Volatile.Read(ref withoutRetryAfter);

    /// <summary>The longest a batch waited between its first send and its acknowledgement.</summary>
    public TimeSpan LongestRetry { get; private set; }

    public async Task SendAsync(HttpClient http, Uri root, CancellationToken stop)
    {
        var events = new Uri(root, $"api/v1/models/{model}/events{(durable ? "?durable=true" : "")}");
        var firstTry = clock.Elapsed;
        while (!stop.IsCancellationRequested)
        {
            int status;
            TimeSpan retryAfter;
            try
            {
                using var response = await http.PostAsJsonAsync(events, new EventBatch { Events = batch }, ModelOpsJsonContext.Default.EventBatch, stop);
                status = (int)response.StatusCode;
                retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.Zero;
                if (status is 503 or 429 && response.Headers.RetryAfter?.Delta is null)
                {
                    Interlocked.Increment(ref withoutRetryAfter);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException)
            {
                (status, retryAfter) = (0, TimeSpan.FromSeconds(1));
            }
            Statuses.AddOrUpdate(status, 1, (_, count) => count + 1);
            if (status == (int)HttpStatusCode.Accepted)
            {
                Interlocked.Increment(ref acknowledgedBatches);
                LongestRetry = clock.Elapsed - firstTry > LongestRetry ? clock.Elapsed - firstTry : LongestRetry;
                firstTry = clock.Elapsed;
                continue;
            }
            try
            {
                await Task.Delay(retryAfter > TimeSpan.Zero ? retryAfter : TimeSpan.FromMilliseconds(200), stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public string Describe() => $"{model}: acknowledged {Acknowledged}, statuses {string.Join(", ", Statuses.OrderBy(pair => pair.Key).Select(pair => $"{pair.Key}×{pair.Value}"))}, longest wait {LongestRetry.TotalSeconds:0.0} s";
}

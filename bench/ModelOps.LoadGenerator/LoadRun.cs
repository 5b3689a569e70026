using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ModelOps.Bench;
using ModelOps.Contracts;

namespace ModelOps.LoadGenerator;

/// <summary>
/// N loops, one per connection, each posting pre-serialised batches back to back until the deadline. A request
/// still running a grace period after the deadline is cancelled, so a run always ends by itself.
/// </summary>
public sealed class LoadRun(HttpClient http, LoadOptions options)
{
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly string eventsPath = $"api/v1/models/{Uri.EscapeDataString(options.Model)}/events{(options.Durable ? "?durable=true" : "")}";
    private readonly byte[][] bodies = SerializeBatches(options);

    public long BodyBytes => bodies[0].Length;

    /// <summary>One client for setup, load and the final check; its pool holds one connection per loop, and no call waits forever.</summary>
    public static HttpClient CreateHttpClient(LoadOptions options) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = options.Connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseProxy = false,
        UseCookies = false,
    })
    {
        BaseAddress = options.Url.AbsoluteUri.EndsWith('/') ? options.Url : new Uri(options.Url.AbsoluteUri + "/"),
        Timeout = RequestTimeout,
    };

    public async Task<LoadResult> RunAsync()
    {
        using var hardStop = new CancellationTokenSource(options.Duration + Grace);
        var deadline = Stopwatch.GetTimestamp() + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var tallies = await Task.WhenAll(Enumerable.Range(0, options.Connections)
            .Select(loop => Task.Run(() => LoopAsync(loop, deadline, hardStop.Token))));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return LoadResult.Merge(tallies, elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore);
    }

    private async Task<LoopTally> LoopAsync(int loop, long deadline, CancellationToken hardStop)
    {
        var tally = new LoopTally();
        for (var sent = 0; Stopwatch.GetTimestamp() < deadline; sent++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, eventsPath)
            {
                Content = new ByteArrayContent(bodies[(loop + sent) % bodies.Length]) { Headers = { ContentType = Json } },
            };
            var start = Stopwatch.GetTimestamp();
            TimeSpan? retryAfter = null;
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, hardStop);
                var answer = await response.Content.ReadAsByteArrayAsync(hardStop);
                tally.Record(Stopwatch.GetElapsedTime(start), response.StatusCode, answer);
                if (response.StatusCode == HttpStatusCode.TooManyRequests)
                {
                    retryAfter = response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1);
                }
            }
            catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
            {
                tally.Cancelled++;
                break;
            }
            catch (OperationCanceledException)
            {
                tally.TimedOut++;
            }
            catch (HttpRequestException)
            {
                tally.TransportErrors++;
            }
            if (retryAfter is { } pause)
            {
                // A rejected batch is retried when the server asked, not sooner; a flood of 429s measures nothing.
                var remaining = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), deadline);
                if (remaining > TimeSpan.Zero)
                {
                    await Task.Delay(pause < remaining ? pause : remaining);
                }
            }
        }
        return tally;
    }

    /// <summary>
    /// The bodies every loop sends over and over. Their events carry no id: a model counts a repeated event id once, and
    /// resending a body must count as new traffic.
    /// </summary>
    private static byte[][] SerializeBatches(LoadOptions options) => Enumerable.Range(0, options.DistinctBatches)
        .Select(seed => new EventBatch { Events = [.. new SyntheticEvents(options.Features, seed).Batch(options.BatchSize).Select(e => e with { Id = null })] })
        .Select(batch => JsonSerializer.SerializeToUtf8Bytes(batch, ModelOpsJsonContext.Default.EventBatch))
        .ToArray();
}

/// <summary>What one loop saw; loops share nothing while running and are merged once at the end.</summary>
public sealed class LoopTally
{
    public List<TimeSpan> Latencies { get; } = [];
    public long AcceptedEvents { get; private set; }
    public long LateEvents { get; private set; }
    public Dictionary<int, long> OtherStatuses { get; } = [];
    public long TransportErrors { get; set; }
    public long TimedOut { get; set; }
    public long Cancelled { get; set; }

    public void Record(TimeSpan latency, HttpStatusCode status, byte[] answer)
    {
        Latencies.Add(latency);
        if (status == HttpStatusCode.Accepted && JsonSerializer.Deserialize(answer, ModelOpsJsonContext.Default.IngestResult) is { } result)
        {
            AcceptedEvents += result.Accepted;
            LateEvents += result.Late;
            return;
        }
        OtherStatuses[(int)status] = OtherStatuses.GetValueOrDefault((int)status) + 1;
    }
}

/// <summary>The merged figures of a run.</summary>
public sealed record LoadResult(
    long Requests,
    long AcceptedEvents,
    long LateEvents,
    IReadOnlyDictionary<int, long> OtherStatuses,
    long TransportErrors,
    long TimedOut,
    long Cancelled,
    TimeSpan Elapsed,
    TimeSpan GeneratorCpu,
    TimeSpan[] SortedLatencies)
{
    public double EventsPerSecond => AcceptedEvents / Elapsed.TotalSeconds;

    public long Rejected => OtherStatuses.GetValueOrDefault((int)HttpStatusCode.TooManyRequests);

    public static LoadResult Merge(IReadOnlyList<LoopTally> tallies, TimeSpan elapsed, TimeSpan generatorCpu)
    {
        var latencies = tallies.SelectMany(tally => tally.Latencies).Order().ToArray();
        var statuses = tallies.SelectMany(tally => tally.OtherStatuses)
            .GroupBy(pair => pair.Key)
            .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Value));
        return new LoadResult(
            latencies.Length,
            tallies.Sum(tally => tally.AcceptedEvents),
            tallies.Sum(tally => tally.LateEvents),
            statuses,
            tallies.Sum(tally => tally.TransportErrors),
            tallies.Sum(tally => tally.TimedOut),
            tallies.Sum(tally => tally.Cancelled),
            elapsed,
            generatorCpu,
            latencies);
    }

    /// <summary>Nearest-rank percentile of the completed requests; zero when none completed.</summary>
    public TimeSpan Percentile(double q) =>
        SortedLatencies.Length == 0 ? TimeSpan.Zero : SortedLatencies[Math.Clamp((int)Math.Ceiling(q * SortedLatencies.Length) - 1, 0, SortedLatencies.Length - 1)];
}

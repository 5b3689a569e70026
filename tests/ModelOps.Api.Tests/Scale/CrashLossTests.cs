using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using ModelOps.Api.Tests.Hosting;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Scale;

/// <summary>
/// What a crash costs, with the published product under load from producers that count what it acknowledged: stopped
/// with SIGTERM or killed with -9 on its own data directory, then started again on it and asked for every model's count.
/// </summary>
public sealed class CrashLossTests
{
    private const int Models = 4;
    private const int BatchSize = 250;

    /// <summary>
    /// A checkpoint starts every interval (1 s here) and covers what was acknowledged before it started, so a kill loses
    /// what was acknowledged since the start of the last checkpoint to finish: one interval, plus the write that was in
    /// flight. This bound allows one more interval for that write and for timers late on a busy machine.
    /// </summary>
    private static readonly TimeSpan NonDurableLossWindow = TimeSpan.FromSeconds(2);

    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Kill_minus_9_loses_no_event_acknowledged_with_durable_true()
    {
        var (producers, exitCode, after) = await CrashUnderLoad(durable: true, product => product.Kill());

        Assert.Equal(137, exitCode);
        foreach (var producer in producers)
        {
            // The one request that was in flight at the kill may or may not have been stored; nothing acknowledged is lost.
            Assert.Contains(after[producer.Model], new[] { producer.Acknowledged, producer.Acknowledged + BatchSize });
        }
    }

    [Fact]
    public async Task Kill_minus_9_loses_at_most_the_events_acknowledged_in_the_last_checkpoint_interval()
    {
        var (producers, exitCode, after) = await CrashUnderLoad(durable: false, product => product.Kill());

        Assert.Equal(137, exitCode);
        foreach (var producer in producers)
        {
            var lost = producer.Acknowledged - after[producer.Model];
            Assert.InRange(lost, -BatchSize, producer.AcknowledgedWithin(NonDurableLossWindow));
        }
    }

    [Fact]
    public async Task A_graceful_stop_under_load_loses_nothing()
    {
        var (producers, exitCode, after) = await CrashUnderLoad(durable: false, product => product.Terminate());

        Assert.Equal(0, exitCode);
        foreach (var producer in producers)
        {
            Assert.Contains(after[producer.Model], new[] { producer.Acknowledged, producer.Acknowledged + BatchSize });
        }
    }

    /// <summary>
    /// Starts the product, has one producer per model send until every one has had 20 batches acknowledged, stops it with
    /// <paramref name="stop"/> while they send, and returns the producers, the exit code and each model's count after a restart.
    /// </summary>
    private async Task<(IReadOnlyList<Producer> Producers, int ExitCode, IReadOnlyDictionary<string, long> After)> CrashUnderLoad(bool durable, Action<ProductProcess> stop)
    {
        var dataDir = Directory.CreateTempSubdirectory("modelops-crash-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["ModelOps__DataDir"] = dataDir,
            ["ModelOps__Simulator__Enabled"] = "false",
            ["ModelOps__CheckpointInterval"] = "00:00:01",
        };
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            Producer[] producers;
            int exitCode;
            await using (var first = await ProductProcess.StartAsync(environment))
            {
                await first.WaitUntilReadyAsync(http);
                producers = Enumerable.Range(0, Models).Select(i => new Producer($"crash-{i}", durable)).ToArray();
                foreach (var producer in producers)
                {
                    using var put = await http.PutAsJsonAsync(new Uri(first.Root, $"api/v1/models/{producer.Model}"), TestData.Classifier(producer.Model), ModelOpsJsonContext.Default.ModelDefinition, cancel);
                    Assert.Equal(HttpStatusCode.OK, put.StatusCode);
                }
                using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(cancel);
                var sending = producers.Select(producer => Task.Run(() => producer.SendAsync(http, first.Root, stopSending.Token), cancel)).ToArray();
                await TestData.WaitUntil(() => Task.FromResult(producers.All(producer => producer.Acknowledged >= 20 * BatchSize)),
                    TimeSpan.FromSeconds(60), "every producer to have 20 batches acknowledged");

                stop(first);
                exitCode = await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
                await Task.WhenAll(sending);
            }

            await using var second = await ProductProcess.StartAsync(environment);
            await second.WaitUntilReadyAsync(http);
            var after = new Dictionary<string, long>();
            foreach (var producer in producers)
            {
                var model = await http.GetFromJsonAsync(new Uri(second.Root, $"api/v1/models/{producer.Model}"), ModelOpsJsonContext.Default.ModelView, cancel);
                after[producer.Model] = model!.Metrics.Count;
                TestContext.Current.TestOutputHelper?.WriteLine(
                    $"{producer.Model}: acknowledged {producer.Acknowledged}, after restart {model.Metrics.Count}, in the last {NonDurableLossWindow.TotalSeconds} s {producer.AcknowledgedWithin(NonDurableLossWindow)}");
            }
            return (producers, exitCode, after);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>Sends batches of fresh events (a repeated event id counts once) to one model, one at a time, and keeps when each was acknowledged, until the server goes away.</summary>
    private sealed class Producer(string model, bool durable)
    {
        private readonly List<TimeSpan> acknowledgedAt = [];
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private TimeSpan stoppedAt;

        public string Model => model;

        public long Acknowledged
        {
            get
            {
                lock (acknowledgedAt)
                {
                    return (long)acknowledgedAt.Count * BatchSize;
                }
            }
        }

        /// <summary>The events acknowledged in the last <paramref name="span"/> before the server went away.</summary>
        public long AcknowledgedWithin(TimeSpan span)
        {
            lock (acknowledgedAt)
            {
                return (long)acknowledgedAt.Count(at => at >= stoppedAt - span) * BatchSize;
            }
        }

        public async Task SendAsync(HttpClient http, Uri root, CancellationToken cancellationToken)
        {
            var events = new Uri(root, $"api/v1/models/{model}/events{(durable ? "?durable=true" : "")}");
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.PostAsJsonAsync(events, new EventBatch { Events = TestData.Events(BatchSize) }, ModelOpsJsonContext.Default.EventBatch, cancellationToken);
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        lock (acknowledgedAt)
                        {
                            acknowledgedAt.Add(clock.Elapsed);
                        }
                    }
                    else if (response.StatusCode != HttpStatusCode.TooManyRequests)
                    {
                        // A stopping server answers 503; nothing more will be acknowledged.
                        break;
                    }
                }
                catch (HttpRequestException)
                {
                    break;
                }
            }
            stoppedAt = clock.Elapsed;
        }
    }
}

using System.Text.Json;
using BenchmarkDotNet.Attributes;
using ModelOps.Bench;
using ModelOps.Contracts;
using ModelOps.Grains.Ingest;

namespace ModelOps.Benchmarks;

/// <summary>
/// The rest of the server's per-event work on the ingest path, to put the window update in proportion:
/// reading a 1000-event body from a stream with the wire contract's JSON context (as <c>JsonBody</c> does),
/// and validating the batch.
/// </summary>
[MemoryDiagnoser]
public class IngestParsingBenchmarks
{
    private const int BatchSize = WindowUpdateBenchmarks.BatchSize;

    private byte[] body = [];
    private InferenceEvent[] events = [];
    private DateTimeOffset now;

    [GlobalSetup]
    public void Setup()
    {
        events = new SyntheticEvents(featureCount: 10).Batch(BatchSize);
        body = JsonSerializer.SerializeToUtf8Bytes(new EventBatch { Events = events }, ModelOpsJsonContext.Default.EventBatch);
        now = DateTimeOffset.FromUnixTimeSeconds(WindowUpdateBenchmarks.NowSecond);
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "JSON EventBatch deserialize")]
    public async Task<int> Deserialize()
    {
        using var stream = new MemoryStream(body, writable: false);
        var batch = await JsonSerializer.DeserializeAsync(stream, ModelOpsJsonContext.Default.EventBatch);
        return batch!.Events.Count;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "EventValidator.Validate")]
    public int Validate()
    {
        EventValidator.Validate(events, ModelTask.Classification, now);
        return events.Length;
    }
}

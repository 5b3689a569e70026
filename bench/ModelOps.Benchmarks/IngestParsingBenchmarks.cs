using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelOps.Api;
using ModelOps.Bench;
using ModelOps.Contracts;
using ModelOps.Grains.Ingest;

namespace ModelOps.Benchmarks;

/// <summary>
/// The rest of the server's per-event work on the ingest path, to put the window update in proportion:
/// reading a 1000-event body from a stream with the wire contract's JSON context, the same with the options the API
/// binds a body with (strict numbers and enums, duplicated and unknown properties refused), and validating the batch.
/// </summary>
[MemoryDiagnoser]
public class IngestParsingBenchmarks
{
    private const int BatchSize = WindowUpdateBenchmarks.BatchSize;

    private byte[] body = [];
    private InferenceEvent[] events = [];
    private DateTimeOffset now;
    private JsonSerializerOptions api = null!;

    [GlobalSetup]
    public void Setup()
    {
        events = new SyntheticEvents(featureCount: 10).Batch(BatchSize);
        body = JsonSerializer.SerializeToUtf8Bytes(new EventBatch { Events = events }, ModelOpsJsonContext.Default.EventBatch);
        now = DateTimeOffset.FromUnixTimeSeconds(WindowUpdateBenchmarks.NowSecond);
        api = new ServiceCollection().AddModelOpsApi().BuildServiceProvider()
            .GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "JSON EventBatch deserialize")]
    public async Task<int> Deserialize()
    {
        using var stream = new MemoryStream(body, writable: false);
        var batch = await JsonSerializer.DeserializeAsync(stream, ModelOpsJsonContext.Default.EventBatch);
        return batch!.Events.Count;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "JSON EventBatch deserialize, API binding")]
    public async Task<int> DeserializeAsTheApiBinds()
    {
        using var stream = new MemoryStream(body, writable: false);
        var batch = await JsonSerializer.DeserializeAsync<EventBatch>(stream, api);
        return batch!.Events.Count;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "EventValidator.Validate")]
    public int Validate()
    {
        EventValidator.Validate(events, ModelTask.Classification, now);
        return events.Length;
    }
}

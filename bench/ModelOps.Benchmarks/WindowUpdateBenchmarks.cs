using BenchmarkDotNet.Attributes;
using ModelOps.Bench;
using ModelOps.Contracts;
using ModelOps.Grains.Ingest;
using ModelOps.Grains.Monitoring;

namespace ModelOps.Benchmarks;

/// <summary>The per-event cost of folding traffic into a model's window: each invocation is one batch of 1000 events.</summary>
[MemoryDiagnoser]
public class WindowUpdateBenchmarks
{
    public const int BatchSize = 1_000;
    public const long NowSecond = 1_790_000_000;

    private InferenceEvent[] events = [];
    private Observation[] observations = [];
    private double[] latencies = [];
    private MetricsWindow window = null!;
    private QuantileSketch sketch = null!;

    [GlobalSetup]
    public void Setup()
    {
        events = new SyntheticEvents(featureCount: 10).Batch(BatchSize);
        observations = events.Select(e => ObservationFactory.From(e, ModelTask.Classification, NowSecond)).ToArray();
        latencies = observations.Select(observation => observation.LatencyMs).ToArray();
        window = new MetricsWindow(TimeSpan.FromMinutes(5));
        sketch = new QuantileSketch();
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "MetricsWindow.Record")]
    public int Record()
    {
        var late = 0;
        foreach (ref readonly var observation in observations.AsSpan())
        {
            if (!window.Record(observation, NowSecond))
            {
                late++;
            }
        }
        return late;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "ObservationFactory.From + Record")]
    public int FromAndRecord()
    {
        var late = 0;
        foreach (var e in events)
        {
            if (!window.Record(ObservationFactory.From(e, ModelTask.Classification, NowSecond), NowSecond))
            {
                late++;
            }
        }
        return late;
    }

    [Benchmark(OperationsPerInvoke = BatchSize, Description = "QuantileSketch.Add")]
    public long SketchAdd()
    {
        foreach (var latency in latencies)
        {
            sketch.Add(latency);
        }
        return sketch.Count;
    }
}

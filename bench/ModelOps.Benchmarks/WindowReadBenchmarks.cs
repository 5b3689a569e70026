using BenchmarkDotNet.Attributes;
using ModelOps.Bench;
using ModelOps.Contracts;
using ModelOps.Grains.Ingest;
using ModelOps.Grains.Monitoring;

namespace ModelOps.Benchmarks;

/// <summary>What a model pays once per tick: the snapshot and the per-second history of a full 5-minute window.</summary>
[MemoryDiagnoser]
public class WindowReadBenchmarks
{
    private const int EventsPerSecond = 1_000;
    private const long NowSecond = WindowUpdateBenchmarks.NowSecond;

    private MetricsWindow window = null!;

    [GlobalSetup]
    public void Setup()
    {
        window = new MetricsWindow(TimeSpan.FromMinutes(5));
        var traffic = new SyntheticEvents(featureCount: 10);
        var windowSeconds = (long)window.Length.TotalSeconds;
        for (var second = NowSecond - windowSeconds + 1; second <= NowSecond; second++)
        {
            foreach (var e in traffic.Batch(EventsPerSecond))
            {
                window.Record(ObservationFactory.From(e, ModelTask.Classification, second), second);
            }
        }
    }

    [Benchmark(Description = "MetricsWindow.Snapshot (300 s full)")]
    public MetricsSnapshot Snapshot() => window.Snapshot(NowSecond, ModelTask.Classification);

    [Benchmark(Description = "MetricsWindow.History (300 s full)")]
    public IReadOnlyList<HistoryPoint> History() => window.History(NowSecond, ModelTask.Classification);
}

using BenchmarkDotNet.Attributes;
using ModelOps.Bench;
using ModelOps.Contracts;
using ModelOps.Grains.Drift;
using ModelOps.Grains.Drift.Window;

namespace ModelOps.Benchmarks;

/// <summary>
/// The per-event cost of drift monitoring once a model has its baseline: <see cref="DriftMonitor.Observe"/>, as the
/// grain calls it on ingest, bins each event's 10 features into the drift window. Each invocation is one batch of 1000 events.
/// </summary>
[MemoryDiagnoser]
public class DriftObserveBenchmarks
{
    private const int FeatureCount = 10;
    private const long NowSecond = WindowUpdateBenchmarks.NowSecond;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(NowSecond);

    private InferenceEvent[] events = [];
    private ModelDefinitionView definition = null!;
    private DriftMonitor monitor = null!;

    [GlobalSetup]
    public void Setup()
    {
        definition = DriftBaselines.Definition(FeatureCount);
        monitor = DriftBaselines.MonitorWithBaseline(definition, Now);
        events = new SyntheticEvents(FeatureCount).Batch(WindowUpdateBenchmarks.BatchSize);
    }

    [Benchmark(OperationsPerInvoke = WindowUpdateBenchmarks.BatchSize, Description = "DriftMonitor.Observe (10 features)")]
    public bool Observe() => monitor.Observe(events, NowSecond, Now, definition);
}

/// <summary>
/// What a model pays on each drift evaluation, as the grain's tick does it: merge the whole window, evaluate every one of
/// 20 features against the baseline by its selected method (the verdicts-only report), decide the dataset drift, and
/// summarise. The window holds 10^3 or 10^8 events, spread over all of its buckets, to show that the cost depends on the
/// bins, not on the traffic. Between ticks only the newest buckets change, so every invocation after the first merges the
/// window's kept merge of its settled buckets with the newest two, as a tick within a bucket's length of the last one does.
/// </summary>
[MemoryDiagnoser]
public class DriftEvaluationBenchmarks
{
    private const int FeatureCount = 20;
    private const long NowSecond = WindowUpdateBenchmarks.NowSecond;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(NowSecond);

    private ModelDefinitionView definition = null!;
    private DriftMonitor monitor = null!;
    private InferenceEvent[] lateEvent = [];

    [Params(1_000, 100_000_000)]
    public long WindowEvents { get; set; }

    /// <summary>
    /// Folds every event through <see cref="DriftMonitor.Observe"/>, the way ingest does: a bucket's count only grows by
    /// recording events, so 10^8 of them take two to three minutes on 2 cores. The same 1000 events are cycled, so the
    /// 10^8 window's histograms are the 10^3 window's times 10^5 and both evaluations run the same statistics on the same shapes.
    /// </summary>
    [GlobalSetup]
    public void Setup()
    {
        definition = DriftBaselines.Definition(FeatureCount);
        monitor = DriftBaselines.MonitorWithBaseline(definition, Now);
        var traffic = new SyntheticEvents(FeatureCount).Batch(WindowUpdateBenchmarks.BatchSize);
        var bucketSeconds = (long)(DriftWindow.DefaultLength.TotalSeconds / DriftWindow.BucketsPerWindow);
        var next = 0;
        for (var bucket = 0; bucket < DriftWindow.BucketsPerWindow; bucket++)
        {
            var second = NowSecond - bucketSeconds * (DriftWindow.BucketsPerWindow - 1 - bucket);
            var remaining = WindowEvents * (bucket + 1) / DriftWindow.BucketsPerWindow - WindowEvents * bucket / DriftWindow.BucketsPerWindow;
            while (remaining > 0)
            {
                var size = (int)Math.Min(remaining, traffic.Length - next);
                monitor.Observe(new ArraySegment<InferenceEvent>(traffic, next, size), second, DateTimeOffset.FromUnixTimeSeconds(second), definition);
                next = (next + size) % traffic.Length;
                remaining -= size;
            }
        }

        lateEvent = [traffic[0] with { Timestamp = Now - DriftWindow.DefaultLength / 2 }];

        var report = monitor.Report(null, null, Now, definition);
        var perFeature = report.Features.Select(feature => feature.CurrentHistogram?.Counts.Sum() ?? feature.CurrentCounts!.Values.Sum()).Distinct().ToArray();
        if (report.Window.Count != WindowEvents || report.Features.Count != FeatureCount || perFeature is not [var counted] || counted != WindowEvents)
        {
            throw new InvalidOperationException(
                $"The window should hold {WindowEvents} events in each of {FeatureCount} features; it reports {report.Window.Count} events, "
                + $"{report.Features.Count} features and per-feature counts {string.Join(", ", perFeature)}.");
        }
    }

    [Benchmark(Description = "DriftMonitor.Report (verdicts) + Summary (20 features)")]
    public DriftSummary Evaluate() => DriftReportBuilder.Summary(monitor.Report(null, null, Now, definition, DriftReportDetail.Verdicts));

    /// <summary>
    /// The same evaluation when the window merges all of its buckets afresh, as the first tick after the window moved on by
    /// a bucket does, or the first after an event landed in a settled bucket: here one late event precedes each evaluation.
    /// </summary>
    [Benchmark(Description = "Observe(1 late event) + DriftMonitor.Report (verdicts) + Summary (20 features)")]
    public DriftSummary EvaluateAfterALateEvent()
    {
        monitor.Observe(lateEvent, NowSecond, Now, definition);
        return DriftReportBuilder.Summary(monitor.Report(null, null, Now, definition, DriftReportDetail.Verdicts));
    }
}

/// <summary>A model declaring the synthetic features, with a 5000-row baseline uploaded from other traffic than the window's.</summary>
internal static class DriftBaselines
{
    private const int BaselineRows = 5_000;
    private const int BaselineSeed = 7;

    public static ModelDefinitionView Definition(int featureCount) => new(SyntheticEvents.Definitions(featureCount), Drift: null);

    public static DriftMonitor MonitorWithBaseline(ModelDefinitionView definition, DateTimeOffset now)
    {
        var monitor = new DriftMonitor(new DriftState());
        var rows = new SyntheticEvents(definition.Features.Count, BaselineSeed).Batch(BaselineRows).Select(e => e.Features!).ToList();
        monitor.Replace(rows, "upload", now, definition);
        return monitor;
    }
}

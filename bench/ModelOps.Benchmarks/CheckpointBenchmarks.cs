using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Bench;
using ModelOps.Contracts;
using ModelOps.Grains.Ingest;
using ModelOps.Grains.Models;
using ModelOps.Grains.Monitoring;
using Orleans.Serialization;

namespace ModelOps.Benchmarks;

/// <summary>
/// What a checkpoint of a full 5-minute window costs to serialise (what the grain storage then writes): the whole window
/// with its day of minutes, as every checkpoint did before, against the log of changed buckets written instead — one
/// changed second, the usual case at one checkpoint a second, and the fullest log before it is compacted.
/// </summary>
[MemoryDiagnoser]
public class CheckpointBenchmarks
{
    private const long NowSecond = 1_790_000_000;
    private const int EventsPerSecond = 1_000;

    private Serializer serializer = null!;
    private MetricsWindow window = null!;
    private WindowState whole = null!;
    private Observation[] oneSecond = [];

    [GlobalSetup]
    public void Setup()
    {
        serializer = new ServiceCollection().AddSerializer(builder => builder.AddAssembly(typeof(WindowState).Assembly))
            .BuildServiceProvider().GetRequiredService<Serializer>();
        var events = new SyntheticEvents(featureCount: 10).Batch(EventsPerSecond);
        window = new MetricsWindow(TimeSpan.FromMinutes(5));
        for (var second = NowSecond - 299; second <= NowSecond; second++)
        {
            foreach (var e in events)
            {
                window.Record(ObservationFactory.From(e, ModelTask.Classification, second) with { Second = second }, second);
            }
        }
        var minutes = new MinuteHistory((int)HistorySteps.Kept.TotalMinutes);
        minutes.Advance(window, NowSecond, ModelTask.Classification);
        window.TakeChanges();
        whole = new WindowState { Metrics = window, Minutes = minutes };
        oneSecond = events.Select(e => ObservationFactory.From(e, ModelTask.Classification, NowSecond)).ToArray();
    }

    [Benchmark(Baseline = true, Description = "whole window (300 buckets + day of minutes)")]
    public int WholeWindow() => serializer.SerializeToArray(whole).Length;

    [Benchmark(Description = "log of 1 changed bucket")]
    public int OneChangedBucket()
    {
        window.Record(oneSecond[0], NowSecond);
        return serializer.SerializeToArray(new WindowLog { Metrics = [.. window.TakeChanges()] }).Length;
    }

    [Benchmark(Description = "log of 32 changed buckets (compaction point)")]
    public int FullLog()
    {
        for (var second = NowSecond - WindowCheckpoints.CompactAfterBuckets + 1; second <= NowSecond; second++)
        {
            window.Record(oneSecond[0] with { Second = second }, NowSecond);
        }
        return serializer.SerializeToArray(new WindowLog { Metrics = [.. window.TakeChanges()] }).Length;
    }
}

using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Bench;
using ModelOps.Contracts;
using ModelOps.Grains.Drift;
using ModelOps.Grains.Ingest;
using ModelOps.Grains.Models;
using ModelOps.Grains.Monitoring;
using ModelOps.Grains.Serialization;
using Orleans.Serialization;

namespace ModelOps.Benchmarks;

/// <summary>
/// The memory one model holds: its state read back from storage, as a grain activation reads it. Reading allocates the
/// object graph the grain then keeps, so the Allocated column is the bytes per model (plus a read buffer of a few KB).
/// "Idle" is a model with a definition of 10 features and no traffic; "full" has events in every second of its 5-minute
/// window, a day of minute history, a 5000-row baseline with a full drift window, and its 200 recent events.
/// Orleans' own cost per activation (a few KB) comes on top.
/// </summary>
[MemoryDiagnoser]
public class ModelMemoryBenchmarks
{
    private const long NowSecond = WindowUpdateBenchmarks.NowSecond;
    private Serializer serializer = null!;
    private byte[] idleWindow = null!, idleDrift = null!, idleDefinition = null!;
    private byte[] fullWindow = null!, fullDrift = null!, fullDefinition = null!, fullRecent = null!;

    [GlobalSetup]
    public void Setup()
    {
        serializer = new ServiceCollection().AddSerializer(builder => builder.AddContractSerialization()).BuildServiceProvider().GetRequiredService<Serializer>();
        var traffic = new SyntheticEvents(featureCount: 10);
        var definition = new ModelDefinitionState { Name = "model", Version = "1", Task = ModelTask.Classification, Features = Features(traffic) };
        idleDefinition = fullDefinition = serializer.SerializeToArray(definition);
        idleWindow = serializer.SerializeToArray(new WindowState { Metrics = new MetricsWindow(TimeSpan.FromMinutes(5)), Minutes = new MinuteHistory(1440) });
        idleDrift = serializer.SerializeToArray(new DriftState());

        var window = new MetricsWindow(TimeSpan.FromMinutes(5));
        var minutes = new MinuteHistory(1440);
        var driftState = new DriftState();
        var drift = new DriftMonitor(driftState);
        var view = new ModelDefinitionView(definition.Features, null);
        drift.Replace([.. traffic.Batch(5000).Select(e => (IReadOnlyDictionary<string, ScalarValue>)e.Features!)], "upload", DateTimeOffset.FromUnixTimeSeconds(NowSecond - 86_400), view);
        // A day of traffic, 2 events a second and 20 in the last 10 minutes: every minute sealed, every second of the window
        // and every bucket of the drift window filled.
        for (var second = NowSecond - 86_400 + 1; second <= NowSecond; second++)
        {
            var batch = traffic.Batch(second > NowSecond - 600 ? 20 : 2);
            foreach (var e in batch)
            {
                window.Record(ObservationFactory.From(e, ModelTask.Classification, second), second);
            }
            if (second > NowSecond - 600)
            {
                drift.Observe(batch, second, DateTimeOffset.FromUnixTimeSeconds(second), view);
            }
            if (second % 60 == 0)
            {
                minutes.Advance(window, second, ModelTask.Classification);
            }
        }
        fullWindow = serializer.SerializeToArray(new WindowState { Metrics = window, Minutes = minutes });
        fullDrift = serializer.SerializeToArray(driftState);
        fullRecent = serializer.SerializeToArray(traffic.Batch(200));
    }

    [Benchmark(Description = "Model state, idle")]
    public object Idle() => (
        serializer.Deserialize<ModelDefinitionState>(idleDefinition),
        serializer.Deserialize<WindowState>(idleWindow),
        serializer.Deserialize<DriftState>(idleDrift));

    [Benchmark(Description = "Model state, full window")]
    public object Full() => (
        serializer.Deserialize<ModelDefinitionState>(fullDefinition),
        serializer.Deserialize<WindowState>(fullWindow),
        serializer.Deserialize<DriftState>(fullDrift),
        serializer.Deserialize<InferenceEvent[]>(fullRecent));

    private static List<FeatureDefinition> Features(SyntheticEvents traffic) =>
        [.. traffic.Batch(1)[0].Features!.Select(feature => new FeatureDefinition
        {
            Name = feature.Key,
            Type = feature.Value.Kind == ScalarKind.Number ? FeatureType.Numeric : FeatureType.Categorical,
        })];
}

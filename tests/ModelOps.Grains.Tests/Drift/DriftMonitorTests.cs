using ModelOps.Contracts;
using ModelOps.Grains.Drift;

namespace ModelOps.Grains.Tests.Drift;

public sealed class DriftMonitorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
    private static readonly FeatureDefinition[] Features = [new() { Name = "x", Type = FeatureType.Numeric }];

    [Fact]
    public void A_changed_drift_window_starts_an_empty_window_of_the_new_length_over_the_same_baseline()
    {
        var state = new DriftState();
        var monitor = new DriftMonitor(state);
        var hour = new ModelDefinitionView(Features, new ModelDriftSettings { BaselineSize = 10 });
        monitor.Observe(Events(0, 15), Start.ToUnixTimeSeconds(), Start, hour);
        var baseline = state.Baseline;

        var tenMinutes = hour with { Drift = new ModelDriftSettings { BaselineSize = 10, Window = TimeSpan.FromMinutes(10) } };
        var replaced = monitor.Reconfigure(tenMinutes);
        var report = monitor.Report(null, null, Start, tenMinutes);

        Assert.True(replaced);
        Assert.Same(baseline, state.Baseline);
        Assert.Equal(TimeSpan.FromMinutes(10), state.Window!.Length);
        Assert.Equal(0, report.Window.Count);
        Assert.Equal(10, report.Baseline!.Count);
        Assert.False(monitor.Reconfigure(tenMinutes));
    }

    [Fact]
    public void Without_a_baseline_there_is_no_window_to_reconfigure()
    {
        var monitor = new DriftMonitor(new DriftState());

        Assert.False(monitor.Reconfigure(new ModelDefinitionView(Features, new ModelDriftSettings { Window = TimeSpan.FromMinutes(10) })));
    }

    private static InferenceEvent[] Events(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => new InferenceEvent
        {
            LatencyMs = 1, Prediction = "a", Features = new Dictionary<string, ScalarValue> { ["x"] = i },
        })];
}

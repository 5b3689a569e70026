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

    [Fact]
    public void The_cached_verdicts_are_made_again_only_once_the_interval_has_passed()
    {
        var (monitor, definition) = MonitorWithBaseline();
        var tenMinutes = TimeSpan.FromMinutes(10);

        var first = monitor.Refresh(Start, TimeSpan.FromMinutes(1), definition, [tenMinutes, tenMinutes]);
        var latest = monitor.Latest;
        var early = monitor.Refresh(Start.AddSeconds(59), TimeSpan.FromMinutes(1), definition, [tenMinutes]);
        var sameReport = monitor.Latest;
        var due = monitor.Refresh(Start.AddSeconds(60), TimeSpan.FromMinutes(1), definition, [tenMinutes]);

        Assert.Equal((true, false, true), (first, early, due));
        Assert.Same(latest, sameReport);
        Assert.NotSame(latest, monitor.Latest);
        Assert.Equal((Start.AddSeconds(60), 5L), (monitor.Latest!.ComputedAt, monitor.Latest.Window.Count));
        Assert.Equal((monitor.Latest.DatasetDrift, monitor.Latest.DriftShare), (monitor.Summary!.DatasetDrift, monitor.Summary.DriftShare));
        Assert.Equal(5L, monitor.Cached(tenMinutes)!.Window.Count);
        Assert.Same(monitor.Latest, monitor.Cached(null));
        Assert.Null(monitor.Cached(TimeSpan.FromMinutes(3)));
    }

    [Fact]
    public void A_new_baseline_forgets_the_cached_verdicts()
    {
        var (monitor, definition) = MonitorWithBaseline();
        monitor.Refresh(Start, TimeSpan.FromMinutes(1), definition, [TimeSpan.FromMinutes(10)]);

        monitor.Replace(Events(100, 10).Select(e => e.Features!).ToArray(), "upload", Start.AddSeconds(1), definition);

        Assert.Equal((null, null, null), (monitor.Latest, monitor.Summary, monitor.Cached(TimeSpan.FromMinutes(10))));
        Assert.Equal(0L, monitor.LatestOrNow(Start.AddSeconds(2), definition)!.Window.Count);
    }

    [Fact]
    public void Without_a_baseline_there_is_nothing_to_cache()
    {
        var monitor = new DriftMonitor(new DriftState());
        var definition = new ModelDefinitionView(Features, null);

        Assert.False(monitor.Refresh(Start, TimeSpan.FromMinutes(1), definition, []));
        Assert.Null(monitor.Latest);
        Assert.Null(monitor.LatestOrNow(Start, definition));
    }

    /// <summary>A monitor whose first 10 events became the baseline and whose next 5 are in the window.</summary>
    private static (DriftMonitor Monitor, ModelDefinitionView Definition) MonitorWithBaseline()
    {
        var monitor = new DriftMonitor(new DriftState());
        var definition = new ModelDefinitionView(Features, new ModelDriftSettings { BaselineSize = 10 });
        monitor.Observe(Events(0, 15), Start.ToUnixTimeSeconds(), Start, definition);
        return (monitor, definition);
    }

    private static InferenceEvent[] Events(int from, int count) =>
        [.. Enumerable.Range(from, count).Select(i => new InferenceEvent
        {
            LatencyMs = 1, Prediction = "a", Features = new Dictionary<string, ScalarValue> { ["x"] = i },
        })];
}

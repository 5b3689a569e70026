using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ModelOps.Contracts;
using ModelOps.Grains.Alerting.Lifecycle;
using ModelOps.Grains.Telemetry;

namespace ModelOps.Grains.Tests.Telemetry;

public sealed class ModelMetricsTests : IDisposable
{
    private readonly FakeTimeProvider clock = new(DateTimeOffset.Parse("2026-12-02T12:00:00Z"));
    private readonly LogEntries log = new();
    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly ModelMetrics metrics;

    public ModelMetricsTests() =>
        metrics = new ModelMetrics(services.GetRequiredService<IMeterFactory>(),
            Options.Create(new ModelMetricsOptions { MaxModels = 2, MaxFeaturesPerModel = 50 }), clock, log);

    public void Dispose() => services.Dispose();

    [Fact]
    public void An_alert_is_logged_once_when_it_starts_firing_and_once_when_it_stops()
    {
        var pending = Alert("m-1", AlertState.Pending);
        var firing = Alert("m-1", AlertState.Firing);

        metrics.Report("m", Metrics(5), null, [pending]);
        metrics.Report("m", Metrics(5), null, [firing]);
        metrics.Report("m", Metrics(5), null, [firing]);
        metrics.Report("m", Metrics(5), null, []);

        Assert.Equal(
        [
            (LogLevel.Warning, "Alert m-1 firing on model m (critical): Latency p95 high: latencyP95 is 300 ms"),
            (LogLevel.Information, "Alert m-1 on model m stopped firing: Latency p95 high"),
        ], log.Entries);
    }

    [Fact]
    public void Models_beyond_the_limit_are_counted_and_take_a_slot_once_a_model_stops_reporting()
    {
        metrics.Report("a", Metrics(1), null, []);
        metrics.Report("b", Metrics(2), null, []);
        metrics.Report("c", Metrics(3), null, []);

        Assert.Equal([("a", 1.0), ("b", 2.0)], Events());
        Assert.Equal(1, Omitted());

        clock.Advance(ModelMetrics.StaleAfter / 2);
        metrics.Report("b", Metrics(2), null, []);
        metrics.Report("c", Metrics(3), null, []);
        clock.Advance(ModelMetrics.StaleAfter / 2 + TimeSpan.FromSeconds(1));
        Assert.Equal([("b", 2.0)], Events());

        metrics.Report("c", Metrics(3), null, []);
        Assert.Equal([("b", 2.0), ("c", 3.0)], Events());
        Assert.Equal(0, Omitted());
    }

    private static MetricsSnapshot Metrics(long count) => new() { Count = count, Latency = new LatencyStats(null, null, null, null) };

    private static AlertRecord Alert(string id, AlertState state) => new()
    {
        Id = id,
        ModelId = "m",
        Title = "Latency p95 high",
        Message = "latencyP95 is 300 ms",
        Severity = AlertSeverity.Critical,
        State = state,
    };

    private (string Model, double Value)[] Events() =>
        [.. Observe<double>("modelops.model.events").Select(m => ((string)m.Tags["model"]!, m.Value)).OrderBy(m => m.Item1, StringComparer.Ordinal)];

    private long Omitted() => Observe<long>("modelops.metrics.models_omitted").Single().Value;

    private List<(T Value, Dictionary<string, object?> Tags)> Observe<T>(string instrument) where T : struct
    {
        var measured = new List<(T, Dictionary<string, object?>)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (published, subscriber) =>
        {
            // This test's meter only: the test cluster's silos in the same process report their models on meters of the same name.
            if (published.Meter.Name == ModelMetrics.MeterName && published.Name == instrument
                && ReferenceEquals(published.Meter.Scope, services.GetRequiredService<IMeterFactory>()))
            {
                subscriber.EnableMeasurementEvents(published);
            }
        };
        listener.SetMeasurementEventCallback<T>((_, value, tags, _) =>
            measured.Add((value, tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value))));
        listener.Start();
        listener.RecordObservableInstruments();
        return measured;
    }

    private sealed class LogEntries : ILogger<ModelMetrics>
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}

using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelOps.Contracts;
using ModelOps.Grains.Alerting.Lifecycle;

namespace ModelOps.Grains.Telemetry;

/// <summary>
/// The silo's per-model gauges: each model grain reports its headline on every tick, and the observable gauges of
/// meter <see cref="MeterName"/> read the latest one at collection (a Prometheus scrape or an OTLP export), so a scrape
/// never calls a grain. A model that stops reporting (deleted, or deactivated when idle) leaves the series after
/// <see cref="StaleAfter"/>. At most <see cref="ModelMetricsOptions.MaxModels"/> models and
/// <see cref="ModelMetricsOptions.MaxFeaturesPerModel"/> features per model get series; the rest are counted.
/// Firing alerts are logged here as they start and stop firing, once per silo.
/// </summary>
public sealed partial class ModelMetrics
{
    public const string MeterName = "ModelOps.Models";

    /// <summary>How long a model's series outlive its last report.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(1);

    private static readonly AlertSeverity[] Severities = Enum.GetValues<AlertSeverity>();

    private readonly ConcurrentDictionary<string, ModelHeadline> models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> admitted = new(StringComparer.Ordinal);
    private readonly ModelMetricsOptions limits;
    private readonly TimeProvider clock;
    private readonly ILogger<ModelMetrics> logger;
    private readonly Lock admission = new();

    public ModelMetrics(IMeterFactory meters, IOptions<ModelMetricsOptions> options, TimeProvider clock, ILogger<ModelMetrics> logger)
    {
        limits = options.Value;
        this.clock = clock;
        this.logger = logger;
        var meter = meters.Create(MeterName);
        Gauge(meter, "modelops.model.events", "Events in the model's rolling window.", m => m.Count);
        Gauge(meter, "modelops.model.throughput", "Events per second over the rolling window.", m => m.ThroughputPerSec, unit: "{event}/s");
        Gauge(meter, "modelops.model.accuracy", "Share of labelled events predicted right (classification).", m => m.Accuracy);
        Gauge(meter, "modelops.model.mae", "Mean absolute error (regression).", m => m.Mae);
        Gauge(meter, "modelops.model.rmse", "Root mean squared error (regression).", m => m.Rmse);
        Gauge(meter, "modelops.model.error_rate", "Share of events flagged as errors.", m => m.ErrorRate);
        Gauge(meter, "modelops.model.labels", "Labelled events in the rolling window.", m => m.LabelCount);
        Gauge(meter, "modelops.model.late_events", "Events timestamped before the window, acknowledged and not folded in.", m => m.LateEvents);
        meter.CreateObservableGauge("modelops.model.latency", ObserveLatency, unit: "s", description: "Latency quantiles over the rolling window.");
        meter.CreateObservableGauge("modelops.model.drift_share", () => Observe(h => h.Drift?.Baseline is null ? null : h.Drift.DriftShare),
            description: "Share of the model's features that drifted.");
        meter.CreateObservableGauge("modelops.feature.drift_score", () => ObserveFeatures(f => f.Score, withMethod: true),
            description: "The selected drift statistic of a feature (a p-value for ks, chiSquare and zTest; a distance otherwise).");
        meter.CreateObservableGauge("modelops.feature.drifted", () => ObserveFeatures(f => f.Drifted ? 1 : 0, withMethod: false),
            description: "1 when the feature drifted, else 0.");
        meter.CreateObservableGauge("modelops.feature.null_share", () => ObserveFeatures(f => f.NullShare, withMethod: false),
            description: "Share of missing values of the feature in the drift window.");
        meter.CreateObservableGauge("modelops.alerts.firing", ObserveFiring, description: "Firing alerts by model and severity.");
        meter.CreateObservableGauge("modelops.metrics.models_omitted", () => (long)Math.Max(0, models.Count - admitted.Count),
            description: "Models left out of the per-model series (ModelOps:Metrics:MaxModels).");
        meter.CreateObservableGauge("modelops.metrics.features_omitted", ObserveOmittedFeatures,
            description: "Features left out of the per-feature series (ModelOps:Metrics:MaxFeaturesPerModel).");
    }

    /// <summary>The model's latest figures; called on the model grain's tick, so it stays cheap and logs only changes.</summary>
    public void Report(string modelId, MetricsSnapshot metrics, DriftReport? drift, IEnumerable<AlertRecord> openAlerts)
    {
        var firing = openAlerts
            .Where(alert => alert.State == AlertState.Firing)
            .Select(alert => new FiringAlert(alert.Id, alert.Title, alert.Severity, alert.Message))
            .ToArray();
        var previous = models.TryGetValue(modelId, out var known) ? known.Firing : [];
        models[modelId] = new ModelHeadline(metrics, drift, firing, clock.GetUtcNow());
        if (!admitted.ContainsKey(modelId))
        {
            lock (admission)
            {
                if (admitted.Count < limits.MaxModels)
                {
                    admitted.TryAdd(modelId, 0);
                }
            }
        }
        LogChanges(modelId, previous, firing);
    }

    /// <summary>Forgets models that stopped reporting, so their series end and their slots go to others.</summary>
    private void Expire()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, headline) in models)
        {
            if (now - headline.ReportedAt > StaleAfter && models.TryRemove(id, out _))
            {
                admitted.TryRemove(id, out _);
            }
        }
    }

    private void LogChanges(string modelId, IReadOnlyList<FiringAlert> before, IReadOnlyList<FiringAlert> now)
    {
        foreach (var alert in now.Where(alert => !before.Any(old => old.Id == alert.Id)))
        {
            LogFiring(alert.Id, modelId, alert.Severity.ToString().ToLowerInvariant(), alert.Title, alert.Message);
        }
        foreach (var alert in before.Where(alert => !now.Any(current => current.Id == alert.Id)))
        {
            LogStopped(alert.Id, modelId, alert.Title);
        }
    }

    private IEnumerable<KeyValuePair<string, ModelHeadline>> Current()
    {
        Expire();
        foreach (var id in admitted.Keys)
        {
            if (models.TryGetValue(id, out var headline))
            {
                yield return new(id, headline);
            }
        }
    }

    private void Gauge(Meter meter, string name, string description, Func<MetricsSnapshot, double?> value, string? unit = null) =>
        meter.CreateObservableGauge(name, () => Observe(headline => value(headline.Metrics)), unit, description);

    private IEnumerable<Measurement<double>> Observe(Func<ModelHeadline, double?> value)
    {
        foreach (var (id, headline) in Current())
        {
            if (value(headline) is { } measured)
            {
                yield return new Measurement<double>(measured, new KeyValuePair<string, object?>("model", id));
            }
        }
    }

    private IEnumerable<Measurement<double>> ObserveLatency()
    {
        foreach (var (id, headline) in Current())
        {
            var latency = headline.Metrics.Latency;
            foreach (var (quantile, milliseconds) in new[] { ("0.5", latency.P50), ("0.95", latency.P95), ("0.99", latency.P99) })
            {
                if (milliseconds is { } ms)
                {
                    yield return new Measurement<double>(ms / 1000, new("model", id), new("quantile", quantile));
                }
            }
        }
    }

    private IEnumerable<Measurement<double>> ObserveFeatures(Func<FeatureDriftView, double?> value, bool withMethod)
    {
        foreach (var (id, headline) in Current())
        {
            foreach (var feature in (headline.Drift?.Features ?? []).Take(limits.MaxFeaturesPerModel))
            {
                if (value(feature) is not { } measured)
                {
                    continue;
                }
                yield return withMethod
                    ? new Measurement<double>(measured, new("model", id), new("feature", feature.Name), new("method", feature.Method))
                    : new Measurement<double>(measured, new("model", id), new("feature", feature.Name));
            }
        }
    }

    private IEnumerable<Measurement<long>> ObserveFiring()
    {
        foreach (var (id, headline) in Current())
        {
            foreach (var severity in Severities)
            {
                yield return new Measurement<long>(headline.Firing.Count(alert => alert.Severity == severity),
                    new("model", id), new("severity", severity.ToString().ToLowerInvariant()));
            }
        }
    }

    private long ObserveOmittedFeatures() =>
        Current().Sum(model => (long)Math.Max(0, (model.Value.Drift?.Features.Count ?? 0) - limits.MaxFeaturesPerModel));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert {AlertId} firing on model {ModelId} ({Severity}): {Title}: {Message}")]
    private partial void LogFiring(string alertId, string modelId, string severity, string title, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} on model {ModelId} stopped firing: {Title}")]
    private partial void LogStopped(string alertId, string modelId, string title);
}

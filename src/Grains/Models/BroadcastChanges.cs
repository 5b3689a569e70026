using ModelOps.Contracts;
using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Models;

/// <summary>
/// What a model's next <see cref="ModelBroadcast"/> carries: only what changed since the previous one. History points go
/// out only while someone watches the model (a lease the API side renews), because the fleet view needs only headlines.
/// </summary>
public sealed class BroadcastChanges
{
    // Until the first broadcast only the seconds that events touch are new: a watcher got the rest from Watch. The first
    // broadcast of an activation carries the whole model, so a receiver's copy follows a definition changed meanwhile.
    private long sentThroughSecond = long.MaxValue;
    private long revisedFromSecond = long.MaxValue;
    private bool definitionChanged = true;
    private DriftSummary? sentDrift;
    private DateTimeOffset watchedUntil = DateTimeOffset.MinValue;

    /// <summary>The definition (name, version, features, drift settings) changed: the next broadcast carries the whole model.</summary>
    public void DefinitionChanged() => definitionChanged = true;

    /// <summary>An event landed in <paramref name="second"/>, which may be older than the seconds already sent.</summary>
    public void Revised(long second) => revisedFromSecond = Math.Min(revisedFromSecond, second);

    /// <summary>Someone watches the model until <paramref name="until"/>: broadcasts carry history points till then.</summary>
    public void WatchUntil(DateTimeOffset until) => watchedUntil = until > watchedUntil ? until : watchedUntil;

    /// <summary>The broadcast of now; what it carries counts as sent.</summary>
    /// <param name="now">The grain's time.</param>
    /// <param name="window">The model's metrics window.</param>
    /// <param name="task">The model's task.</param>
    /// <param name="headline">The model's status, metrics and firing alerts now.</param>
    /// <param name="drift">The model's drift summary now.</param>
    /// <param name="wholeModel">Builds the model without history, called only when the broadcast carries it.</param>
    /// <param name="logs">Events sampled since the previous broadcast.</param>
    public ModelBroadcast Next(
        DateTimeOffset now, MetricsWindow window, ModelTask task, (string Id, ModelStatus Status, MetricsSnapshot Metrics, int OpenAlerts) headline,
        DriftSummary? drift, Func<ModelView> wholeModel, IReadOnlyList<InferenceEvent> logs)
    {
        var nowSecond = now.ToUnixTimeSeconds();
        var points = now < watchedUntil
            ? window.History(nowSecond, task, Math.Min(sentThroughSecond, revisedFromSecond), nowSecond)
            : [];
        var model = definitionChanged || !Same(sentDrift, drift) ? wholeModel() : null;
        (sentThroughSecond, revisedFromSecond, definitionChanged, sentDrift) = (nowSecond, long.MaxValue, false, drift);
        return new ModelBroadcast(headline.Id, model, headline.Status, headline.Metrics, headline.OpenAlerts, now, points, logs);
    }

    private static bool Same(DriftSummary? sent, DriftSummary? now) =>
        ReferenceEquals(sent, now)
        || (sent is not null && now is not null && sent.DatasetDrift == now.DatasetDrift && sent.DriftShare.Equals(now.DriftShare)
            && sent.DriftedFeatures.SequenceEqual(now.DriftedFeatures, StringComparer.Ordinal));
}

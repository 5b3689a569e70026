using ModelOps.Contracts;
using ModelOps.Grains.Drift.Selection;
using ModelOps.Grains.Drift.Statistics;
using ModelOps.Grains.Drift.Summaries;
using ModelOps.Grains.Drift.Window;

namespace ModelOps.Grains.Drift;

/// <summary>
/// A model's drift monitoring over its <see cref="DriftState"/>: the first events become the baseline unless one is
/// uploaded, later events are folded into the drift window, and reports compare a range of it with the baseline. The
/// verdicts that the model's summary and its drift rules read are cached between refreshes (<see cref="Refresh"/>) and
/// forgotten when the baseline or the window is replaced; the cache holds one report per distinct rule window.
/// </summary>
public sealed class DriftMonitor(DriftState state)
{
    public const int DefaultBaselineSize = 1_000;
    public const double DefaultShareThreshold = 0.5;

    private readonly Dictionary<TimeSpan, DriftReport> windowedReports = [];
    private DateTimeOffset lastRefresh;

    public bool HasBaseline => state.Baseline is not null;

    /// <summary>The verdicts over the whole drift window as of the last refresh; null before it, or since the baseline or the window was replaced.</summary>
    public DriftReport? Latest { get; private set; }

    /// <summary>The summary of <see cref="Latest"/>.</summary>
    public DriftSummary? Summary { get; private set; }

    /// <summary>
    /// Makes the cached verdicts anew once <paramref name="interval"/> has passed since the last refresh: over the whole
    /// window, and over each of <paramref name="ruleWindows"/> (the windows of the model's drift rules). True when it did.
    /// </summary>
    public bool Refresh(DateTimeOffset now, TimeSpan interval, ModelDefinitionView definition, IEnumerable<TimeSpan> ruleWindows)
    {
        if (!HasBaseline || now - lastRefresh < interval)
        {
            return false;
        }
        lastRefresh = now;
        Latest = Report(null, null, now, definition, DriftReportDetail.Verdicts);
        Summary = DriftReportBuilder.Summary(Latest);
        windowedReports.Clear();
        foreach (var span in ruleWindows.Distinct())
        {
            windowedReports[span] = Report(now - span, null, now, definition, DriftReportDetail.Verdicts);
        }
        return true;
    }

    /// <summary>The cached verdicts a drift rule reads: over its <paramref name="window"/>, or over the whole drift window when null.</summary>
    public DriftReport? Cached(TimeSpan? window) => window is { } span ? windowedReports.GetValueOrDefault(span) : Latest;

    /// <summary>The cached verdicts over the whole window, or made now when there are none; null without a baseline.</summary>
    public DriftReport? LatestOrNow(DateTimeOffset now, ModelDefinitionView definition) =>
        Latest ?? (HasBaseline ? Report(null, null, now, definition, DriftReportDetail.Verdicts) : null);

    /// <summary>Folds a validated batch in; true when it completed the automatic baseline.</summary>
    /// <remarks>
    /// A row of the automatic baseline keeps the model's features only (declared and learned), so names beyond the
    /// feature cap, which the model did not learn, add nothing to it.
    /// </remarks>
    public bool Observe(IReadOnlyList<InferenceEvent> events, long nowSecond, DateTimeOffset now, ModelDefinitionView definition)
    {
        var completed = false;
        HashSet<string>? known = null;
        foreach (var e in events)
        {
            if (state.Window is { } window)
            {
                window.Record(e.Features, e.Timestamp?.ToUnixTimeSeconds() ?? nowSecond, nowSecond);
            }
            else if (e.Features is { } features)
            {
                known ??= definition.Features.Select(feature => feature.Name).ToHashSet(StringComparer.Ordinal);
                state.PendingRows.Add(features.Where(feature => known.Contains(feature.Key)).ToDictionary(StringComparer.Ordinal));
                if (state.PendingRows.Count >= (definition.Drift?.BaselineSize ?? DefaultBaselineSize))
                {
                    Replace(state.PendingRows, "auto", now, definition);
                    completed = true;
                }
            }
        }
        return completed;
    }

    /// <summary>A new baseline, which starts a fresh comparison.</summary>
    public BaselineSummary Replace(IReadOnlyList<IReadOnlyDictionary<string, ScalarValue>> rows, string source, DateTimeOffset now, ModelDefinitionView definition) =>
        Replace(BaselineProfile.Build(rows, definition.Features), source, now, definition);

    /// <inheritdoc cref="Replace(IReadOnlyList{IReadOnlyDictionary{string, ScalarValue}}, string, DateTimeOffset, ModelDefinitionView)"/>
    public BaselineSummary Replace(BaselineProfile profile, string source, DateTimeOffset now, ModelDefinitionView definition)
    {
        state.Baseline = profile;
        state.Info = new BaselineSummary(profile.RowCount, source, now);
        state.Window = new DriftWindow(profile, definition.Drift?.Window ?? DriftWindow.DefaultLength);
        state.PendingRows = [];
        Forget();
        return state.Info;
    }

    /// <summary>
    /// Follows a changed <c>drift.window</c>: a window of the new length over the same baseline, starting empty, since
    /// buckets of one length cannot be cut into buckets of another. True when the window was replaced.
    /// </summary>
    public bool Reconfigure(ModelDefinitionView definition)
    {
        var length = definition.Drift?.Window ?? DriftWindow.DefaultLength;
        if (state.Window is not { } window || state.Baseline is not { } baseline || window.Length == length)
        {
            return false;
        }
        state.Window = new DriftWindow(baseline, length);
        Forget();
        return true;
    }

    private void Forget()
    {
        Latest = null;
        Summary = null;
        windowedReports.Clear();
    }

    /// <summary>
    /// Checks each feature's override against the shape of the feature: the baseline's, or before there is one, every
    /// shape its type can take (a categorical feature is never numeric; a numeric one may turn out discrete).
    /// </summary>
    /// <exception cref="InvalidRequestException">At <c>features[i].drift.method</c> or <c>.threshold</c>.</exception>
    public void ValidateOverrides(IReadOnlyList<FeatureDefinition> features)
    {
        for (var i = 0; i < features.Count; i++)
        {
            if (features[i].Drift is not { } pinned)
            {
                continue;
            }
            var kinds = state.Baseline?.Find(features[i].Name) is { } baseline ? DriftReportBuilder.KindsOf(baseline)
                : features[i].Type == FeatureType.Categorical ? DriftFeatureKinds.Categorical | DriftFeatureKinds.Binary
                : DriftFeatureKinds.Numeric | DriftFeatureKinds.Categorical | DriftFeatureKinds.Binary;
            new DriftOverride(pinned.Method, pinned.Threshold).Resolve($"features[{i}].drift", kinds);
        }
    }

    /// <summary>The default selector's method and threshold for each baseline feature; empty while there is no baseline.</summary>
    public IReadOnlyList<DefaultDriftChoice> DefaultChoices() =>
        state.Baseline is { } baseline ? baseline.Features.Select(DefaultChoice).ToArray() : [];

    private static DefaultDriftChoice DefaultChoice(FeatureBaseline feature)
    {
        var choice = DriftReportBuilder.Choose(feature, driftOverride: null);
        return new DefaultDriftChoice(feature.Name, choice.Method.Name, choice.Threshold);
    }

    /// <summary>The drift of the window's events between <paramref name="from"/> and <paramref name="to"/> (the whole window when null).</summary>
    /// <param name="from">First instant of the compared range; the window's start when null.</param>
    /// <param name="to">End of the compared range, exclusive; now when null.</param>
    /// <param name="now">When the report is made.</param>
    /// <param name="definition">The model's features, their drift overrides and its drift settings.</param>
    /// <param name="detail">Every score and both distributions, or the verdicts only.</param>
    public DriftReport Report(
        DateTimeOffset? from, DateTimeOffset? to, DateTimeOffset now, ModelDefinitionView definition, DriftReportDetail detail = DriftReportDetail.Full)
    {
        var nowSecond = now.ToUnixTimeSeconds();
        var current = state.Window?.Merge(from?.ToUnixTimeSeconds() ?? long.MinValue, to?.ToUnixTimeSeconds() ?? long.MaxValue, nowSecond);
        var overrides = definition.Features
            .Where(feature => feature.Drift is not null)
            .ToDictionary(feature => feature.Name, feature => new DriftOverride(feature.Drift!.Method, feature.Drift.Threshold), StringComparer.Ordinal);
        return DriftReportBuilder.Build(state.Baseline, state.Info, current, overrides, now,
            definition.Drift?.ShareThreshold ?? DefaultShareThreshold, detail: detail);
    }
}

/// <summary>What drift monitoring needs of a model's definition.</summary>
public sealed record ModelDefinitionView(IReadOnlyList<FeatureDefinition> Features, ModelDriftSettings? Drift);

/// <summary>The method and threshold DESIGN's default selector picks for a feature, given the model's baseline.</summary>
[GenerateSerializer, Immutable, Alias("ModelOps.DefaultDriftChoice")]
public sealed record DefaultDriftChoice(
    [property: Id(0)] string Feature,
    [property: Id(1)] string Method,
    [property: Id(2)] double Threshold);

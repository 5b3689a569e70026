using ModelOps.Contracts;
using ModelOps.Grains.Drift.Summaries;
using Orleans;

namespace ModelOps.Grains.Drift.Window;

/// <summary>One time bucket of a <see cref="DriftWindow"/>: its events, and one summary per baseline feature.</summary>
[GenerateSerializer, Alias("ModelOps.DriftBucket")]
public sealed class DriftBucket
{
    /// <summary>The bucket's number: its first second divided by the bucket length; <see cref="long.MinValue"/> when unused.</summary>
    [Id(0)] public long Index { get; private set; } = long.MinValue;
    [Id(1)] public long Count { get; private set; }

    /// <summary>In the order of the baseline's features.</summary>
    [Id(2)] private readonly FeatureSummary[] summaries;

    public DriftBucket(BaselineProfile baseline) => summaries = baseline.Features.Select(feature => feature.NewSummary()).ToArray();

    public IReadOnlyList<FeatureSummary> Summaries => summaries;

    public void Reset(long index)
    {
        Index = index;
        Count = 0;
        foreach (var summary in summaries)
        {
            summary.Clear();
        }
    }

    public void Record(IReadOnlyDictionary<string, ScalarValue>? features, BaselineProfile baseline)
    {
        Count++;
        for (var i = 0; i < summaries.Length; i++)
        {
            var feature = baseline.Features[i];
            var value = features is not null && features.TryGetValue(feature.Name, out var present) ? present : ScalarValue.Missing;
            summaries[i].Add(value, feature.Binning);
        }
    }
}

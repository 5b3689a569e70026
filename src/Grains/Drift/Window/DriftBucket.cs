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

    private DriftBucket(FeatureSummary[] summaries) => this.summaries = summaries;

    public IReadOnlyList<FeatureSummary> Summaries => summaries;

    /// <summary>A bucket of the same index holding the same summaries, which later records into the original leave alone.</summary>
    public DriftBucket Copy() => new(summaries.Select(summary => summary.Copy()).ToArray()) { Index = Index, Count = Count };

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
        var columns = baseline.Features;
        var column = 0;
        if (features is Dictionary<string, ScalarValue> entries)
        {
            // Producers list an event's features in one order, most often the declared one that the baseline's columns
            // follow: while the entries line up with the columns, each costs a comparison of names instead of a lookup.
            foreach (var (name, value) in entries)
            {
                if (column == columns.Length || columns[column].Name != name)
                {
                    break;
                }
                summaries[column].Add(value, columns[column].Binning);
                column++;
            }
        }
        for (; column < columns.Length; column++)
        {
            var feature = columns[column];
            var value = features is not null && features.TryGetValue(feature.Name, out var present) ? present : ScalarValue.Missing;
            summaries[column].Add(value, feature.Binning);
        }
    }
}

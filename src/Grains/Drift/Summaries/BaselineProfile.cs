using ModelOps.Contracts;
using Orleans;

namespace ModelOps.Grains.Drift.Summaries;

/// <summary>
/// What a baseline leaves behind once its rows are gone: per feature, the binning that every later summary
/// counts over, the baseline's own counts and its spread. Declared features come first, in their declared
/// order; undeclared columns follow in order of their first present value (see <see cref="BaselineProfileBuilder"/>).
/// </summary>
[GenerateSerializer, Alias("ModelOps.BaselineProfile")]
public sealed class BaselineProfile
{
    [Id(0)] public required long RowCount { get; init; }
    [Id(1)] public required FeatureBaseline[] Features { get; init; }

    /// <summary>The profile of rows held in memory (the automatic baseline's); uploads fold their rows in one at a time with <see cref="BaselineProfileBuilder"/>.</summary>
    public static BaselineProfile Build(IReadOnlyList<IReadOnlyDictionary<string, ScalarValue>> rows, IReadOnlyList<FeatureDefinition> declared)
    {
        var builder = new BaselineProfileBuilder(declared);
        foreach (var row in rows)
        {
            builder.Add(row);
        }
        return builder.Build();
    }

    /// <summary>The baseline of the named feature, or null when the baseline does not have it.</summary>
    public FeatureBaseline? Find(string name) => Array.Find(Features, feature => feature.Name == name);
}

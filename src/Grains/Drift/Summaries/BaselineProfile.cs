using ModelOps.Contracts;
using Orleans;

namespace ModelOps.Grains.Drift.Summaries;

/// <summary>
/// What a baseline leaves behind once its rows are gone: per feature, the binning that every later summary
/// counts over, the baseline's own counts and its spread. Declared features come first, in their declared
/// order; undeclared columns follow in order of first appearance, typed by their first present value.
/// </summary>
[GenerateSerializer, Alias("ModelOps.BaselineProfile")]
public sealed class BaselineProfile
{
    [Id(0)] public required long RowCount { get; init; }
    [Id(1)] public required FeatureBaseline[] Features { get; init; }

    public static BaselineProfile Build(IReadOnlyList<IReadOnlyDictionary<string, ScalarValue>> rows, IReadOnlyList<FeatureDefinition> declared)
    {
        var features = declared.Select(feature => (feature.Name, feature.Type, Learned: false)).ToList();
        var known = new HashSet<string>(features.Select(feature => feature.Name), StringComparer.Ordinal);
        var untyped = new List<string>();
        foreach (var row in rows)
        {
            foreach (var (name, value) in row)
            {
                if (!known.Contains(name) && !untyped.Contains(name))
                {
                    untyped.Add(name);
                }
                if (value.Kind != ScalarKind.Missing && untyped.Remove(name))
                {
                    known.Add(name);
                    features.Add((name, value.Kind == ScalarKind.Number ? FeatureType.Numeric : FeatureType.Categorical, Learned: true));
                }
            }
        }
        // A column that only ever held nulls has no type to learn; as a category it reports every later value as new.
        features.AddRange(untyped.Select(name => (name, FeatureType.Categorical, Learned: true)));

        return new BaselineProfile
        {
            RowCount = rows.Count,
            Features = features.Select(feature => Profile(feature.Name, feature.Type, feature.Learned, rows)).ToArray(),
        };
    }

    /// <summary>The baseline of the named feature, or null when the baseline does not have it.</summary>
    public FeatureBaseline? Find(string name) => Array.Find(Features, feature => feature.Name == name);

    private static FeatureBaseline Profile(string name, FeatureType type, bool learned, IReadOnlyList<IReadOnlyDictionary<string, ScalarValue>> rows)
    {
        var values = rows.Select(row => row.TryGetValue(name, out var value) ? value : ScalarValue.Missing).ToList();
        var binning = type == FeatureType.Numeric ? NumericBinning(values, out var standardDeviation) : CategoricalBinning(values, out standardDeviation);
        var counts = new FeatureSummary(binning);
        foreach (var value in values)
        {
            counts.Add(value, binning);
        }
        return new FeatureBaseline { Name = name, Type = type, Learned = learned, Binning = binning, Counts = counts, StandardDeviation = standardDeviation };
    }

    private static FeatureBinning NumericBinning(List<ScalarValue> values, out double standardDeviation)
    {
        var numbers = new List<double>(values.Count);
        foreach (var value in values)
        {
            if (FeatureBinning.TryReadNumber(value, out var number))
            {
                numbers.Add(number);
            }
        }
        standardDeviation = PopulationStandardDeviation(numbers);
        return FeatureBinning.ForNumeric(numbers);
    }

    private static FeatureBinning CategoricalBinning(List<ScalarValue> values, out double standardDeviation)
    {
        standardDeviation = 0;
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var category = value.Kind switch
            {
                ScalarKind.Text => value.Text!,
                ScalarKind.Number => FeatureBinning.NumberCategory(value.Number),
                _ => null,
            };
            if (category is not null)
            {
                counts[category] = counts.GetValueOrDefault(category) + 1;
            }
        }
        return FeatureBinning.ForCategorical(counts);
    }

    /// <summary>Two passes (mean, then squared deviations) so large offsets do not cancel, as numpy's <c>np.std</c> does.</summary>
    private static double PopulationStandardDeviation(List<double> numbers)
    {
        if (numbers.Count == 0)
        {
            return 0;
        }
        var mean = numbers.Average();
        var squares = 0.0;
        foreach (var number in numbers)
        {
            squares += (number - mean) * (number - mean);
        }
        return Math.Sqrt(squares / numbers.Count);
    }
}

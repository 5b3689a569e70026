using System.Globalization;
using ModelOps.Contracts;

namespace ModelOps.Grains.Drift.Summaries;

/// <summary>
/// Folds baseline rows, one at a time, into what a <see cref="BaselineProfile"/> needs, so no row is kept: per numeric
/// column its finite values (8 bytes each, in row order, for exact quantile edges and sums), per categorical column its
/// category counts. Declared columns keep their type; an undeclared one is numeric while every value present is a
/// number (with <c>textMayBeNumber</c>, text that parses as one, as CSV cells are), and categorical from its first other
/// value on, its numbers then counted as their text.
/// </summary>
public sealed class BaselineProfileBuilder
{
    /// <summary>
    /// Undeclared CSV cells kept as written when that differs from the number's own text (<c>1.50</c>, <c>01067</c>), in
    /// case a later text cell makes the column categorical; past this many distinct forms (far beyond the categories a
    /// baseline remembers) the rest are counted by the number's text.
    /// </summary>
    public const int MaxWrittenForms = FeatureBinning.MaxCategories + FeatureBinning.MaxRememberedOtherCategories;

    private readonly bool textMayBeNumber;
    private readonly List<Column> declared;
    private readonly Dictionary<string, Column> columns = new(StringComparer.Ordinal);
    private readonly List<Column> learned = [];
    private readonly List<Column> untyped = [];

    /// <param name="declared">The model's features, in order; they keep their type.</param>
    /// <param name="textMayBeNumber">True for CSV: an undeclared column's text that parses as a number counts as one.</param>
    public BaselineProfileBuilder(IReadOnlyList<FeatureDefinition> declared, bool textMayBeNumber = false)
    {
        this.textMayBeNumber = textMayBeNumber;
        this.declared = declared.Select(feature => new Column(feature.Name, feature.Type)).ToList();
        foreach (var column in this.declared)
        {
            columns.TryAdd(column.Name, column);
        }
    }

    public long RowCount { get; private set; }

    public void Add(IEnumerable<KeyValuePair<string, ScalarValue>> row)
    {
        RowCount++;
        foreach (var (name, value) in row)
        {
            if (!columns.TryGetValue(name, out var column))
            {
                column = new Column(name, declaredType: null);
                columns.Add(name, column);
                untyped.Add(column);
            }
            column.Add(value, textMayBeNumber);
            if (column is { Learned: true, Typed: false } && value.Kind != ScalarKind.Missing)
            {
                column.Typed = true;
                untyped.Remove(column);
                learned.Add(column);
            }
        }
    }

    /// <summary>Declared features first, in their order; undeclared ones in order of their first present value, then those that held only nulls.</summary>
    public BaselineProfile Build() => new()
    {
        RowCount = RowCount,
        Features = [.. declared.Concat(learned).Concat(untyped).Select(column => column.Profile(RowCount))],
    };

    private sealed class Column(string name, FeatureType? declaredType)
    {
        private List<double>? numbers = declaredType == FeatureType.Categorical ? null : [];
        private Dictionary<string, long>? categories = declaredType == FeatureType.Categorical ? new(StringComparer.Ordinal) : null;
        private Dictionary<string, long>? writtenForms;

        public string Name { get; } = name;
        public bool Learned { get; } = declaredType is null;
        public bool Typed { get; set; }

        public void Add(ScalarValue value, bool textMayBeNumber)
        {
            if (value.Kind == ScalarKind.Missing)
            {
                return;
            }
            if (numbers is null)
            {
                Count(value.Kind == ScalarKind.Text ? value.Text! : FeatureBinning.NumberCategory(value.Number));
                return;
            }
            if (!Learned)
            {
                // A declared numeric column reads text that parses; other text is counted with the missing values.
                if (FeatureBinning.TryReadNumber(value, out var declaredNumber))
                {
                    numbers.Add(declaredNumber);
                }
                return;
            }
            if (value.Kind == ScalarKind.Number)
            {
                numbers.Add(value.Number);
            }
            else if (textMayBeNumber && double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
            {
                numbers.Add(parsed);
                if (value.Text != FeatureBinning.NumberCategory(parsed))
                {
                    writtenForms ??= new(StringComparer.Ordinal);
                    if (writtenForms.Count < MaxWrittenForms || writtenForms.ContainsKey(value.Text!))
                    {
                        writtenForms[value.Text!] = writtenForms.GetValueOrDefault(value.Text!) + 1;
                    }
                }
            }
            else
            {
                BecomeCategorical();
                Count(value.Text!);
            }
        }

        public FeatureBaseline Profile(long rowCount)
        {
            var type = numbers is null ? FeatureType.Categorical : FeatureType.Numeric;
            if (Learned && numbers is { Count: 0 })
            {
                // A column that only ever held nulls has no type to learn; as a category it reports every later value as new.
                type = FeatureType.Categorical;
                BecomeCategorical();
            }
            var binning = numbers is null ? FeatureBinning.ForCategorical(categories!) : FeatureBinning.ForNumeric(numbers);
            var counts = new FeatureSummary(binning);
            long present = 0;
            if (numbers is not null)
            {
                foreach (var number in numbers)
                {
                    counts.Add(number, binning);
                }
                present = numbers.Count;
            }
            else
            {
                foreach (var (category, count) in categories!)
                {
                    for (var i = 0; i < count; i++)
                    {
                        counts.Add(category, binning);
                    }
                    present += count;
                }
            }
            for (var i = present; i < rowCount; i++)
            {
                counts.Add(ScalarValue.Missing, binning);
            }
            return new FeatureBaseline
            {
                Name = Name,
                Type = type,
                Learned = Learned,
                Binning = binning,
                Counts = counts,
                StandardDeviation = numbers is null ? 0 : PopulationStandardDeviation(numbers),
            };
        }

        private void Count(string category) => categories![category] = categories.GetValueOrDefault(category) + 1;

        /// <summary>The numbers so far become categories: their own text, or the text they were written as.</summary>
        private void BecomeCategorical()
        {
            categories = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var number in numbers!)
            {
                Count(FeatureBinning.NumberCategory(number));
            }
            foreach (var (written, count) in writtenForms ?? [])
            {
                var own = FeatureBinning.NumberCategory(double.Parse(written, NumberStyles.Float, CultureInfo.InvariantCulture));
                categories[own] -= count;
                if (categories[own] == 0)
                {
                    categories.Remove(own);
                }
                categories[written] = categories.GetValueOrDefault(written) + count;
            }
            numbers = null;
            writtenForms = null;
        }

        /// <summary>Two passes (mean, then squared deviations) so large offsets do not cancel, as numpy's <c>np.std</c> does.</summary>
        private static double PopulationStandardDeviation(List<double> values)
        {
            if (values.Count == 0)
            {
                return 0;
            }
            var mean = values.Average();
            var squares = 0.0;
            foreach (var value in values)
            {
                squares += (value - mean) * (value - mean);
            }
            return Math.Sqrt(squares / values.Count);
        }
    }
}

using System.Globalization;
using ModelOps.Contracts;
using Orleans;

namespace ModelOps.Grains.Drift.Summaries;

/// <summary>
/// The slots of one feature, fixed once by its baseline so that every summary of the feature counts over the
/// same slots and summaries merge by adding counts. A numeric feature has <see cref="Edges"/>.Length + 1 slots
/// (underflow, one per pair of neighbouring edges, overflow); a discrete or categorical one has one slot per
/// category and a last slot for <c>other</c> (a baseline category outside the top ones). Values the baseline
/// never held are not slotted: they are new, and <see cref="FeatureSummary"/> counts them on their own.
/// </summary>
[GenerateSerializer, Alias("ModelOps.FeatureBinning")]
public sealed class FeatureBinning
{
    /// <summary>The number of percentiles a numeric baseline is cut at (0 %, 1 %, …, 100 %).</summary>
    public const int QuantileSteps = 100;

    /// <summary>A numeric feature with at most this many distinct baseline values is discrete.</summary>
    public const int MaxDiscreteValues = 5;

    /// <summary>At most this many baseline categories get a slot of their own; the rest share <c>other</c>.</summary>
    public const int MaxCategories = 100;

    /// <summary>
    /// At most this many baseline categories beyond the top ones are remembered, so that they count as
    /// <c>other</c> rather than new; past it the baseline is too diverse to tell, and every value outside the
    /// top categories counts as <c>other</c>.
    /// </summary>
    public const int MaxRememberedOtherCategories = 10_000;

    [Id(0)] public BinningKind Kind { get; private set; }

    /// <summary>Ascending, distinct bin edges of a numeric feature; empty otherwise.</summary>
    [Id(1)] public double[] Edges { get; private set; } = [];

    /// <summary>The categories with a slot of their own, most frequent in the baseline first; a discrete feature's values in invariant culture.</summary>
    [Id(2)] public string[] Categories { get; private set; } = [];

    /// <summary>A discrete feature's values, in the order of <see cref="Categories"/>.</summary>
    [Id(3)] public double[] DiscreteValues { get; private set; } = [];

    /// <summary>Baseline categories that share the <c>other</c> slot.</summary>
    [Id(4)] public string[] OtherCategories { get; private set; } = [];

    /// <summary>False when the baseline held more than <see cref="MaxRememberedOtherCategories"/> categories beyond the top ones.</summary>
    [Id(5)] public bool DetectsNewCategories { get; private set; } = true;

    // Lookups rebuilt on first use, so a deserialized binning does not carry them in storage.
    [NonSerialized] private Dictionary<string, int>? categoryIndex;
    [NonSerialized] private HashSet<string>? otherCategorySet;
    [NonSerialized] private EdgeIndex? edgeIndex;

    /// <summary>The number of counted slots: bins with under/overflow, or categories with <c>other</c>.</summary>
    public int SlotCount => Kind == BinningKind.Numeric ? Edges.Length + 1 : Categories.Length + 1;

    /// <summary>The slot of <c>other</c> for a discrete or categorical feature.</summary>
    public int OtherSlot => Categories.Length;

    /// <summary>
    /// Bins from the finite values of a numeric baseline: quantile edges, or categories when at most
    /// <see cref="MaxDiscreteValues"/> distinct values occur.
    /// </summary>
    public static FeatureBinning ForNumeric(IReadOnlyCollection<double> baselineValues)
    {
        var sorted = baselineValues.ToArray();
        Array.Sort(sorted);
        var distinct = sorted.Distinct().ToArray();
        if (distinct.Length <= MaxDiscreteValues)
        {
            return new FeatureBinning
            {
                Kind = BinningKind.Discrete,
                DiscreteValues = distinct,
                Categories = distinct.Select(NumberCategory).ToArray(),
            };
        }
        return new FeatureBinning { Kind = BinningKind.Numeric, Edges = QuantileEdges(sorted) };
    }

    /// <summary>Slots for the <see cref="MaxCategories"/> most frequent baseline categories (ties broken by name) and <c>other</c>.</summary>
    public static FeatureBinning ForCategorical(IReadOnlyDictionary<string, long> baselineCounts)
    {
        var ranked = baselineCounts
            .OrderByDescending(pair => pair.Value)
            .ThenBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Key)
            .ToArray();
        var others = ranked.Skip(MaxCategories).ToArray();
        var remembersAll = others.Length <= MaxRememberedOtherCategories;
        return new FeatureBinning
        {
            Kind = BinningKind.Categorical,
            Categories = ranked.Take(MaxCategories).ToArray(),
            OtherCategories = remembersAll ? others : [],
            DetectsNewCategories = remembersAll,
        };
    }

    /// <summary>The category text of a discrete or categorical feature's numeric value.</summary>
    public static string NumberCategory(double value) => ScalarValue.Of(value).ToString();

    /// <summary>
    /// The slot of a present value, or −1 when the baseline never held it (a new category). Callers handle
    /// missing values first; a numeric feature's value is finite (see <see cref="TryReadNumber"/>).
    /// </summary>
    public int SlotOf(double number) => Kind switch
    {
        BinningKind.Numeric => (edgeIndex ??= new EdgeIndex(Edges)).SlotOf(number),
        BinningKind.Discrete => Array.IndexOf(DiscreteValues, number),
        _ => SlotOf(NumberCategory(number)),
    };

    /// <inheritdoc cref="SlotOf(double)"/>
    public int SlotOf(string category)
    {
        categoryIndex ??= Categories.Select((name, index) => (name, index)).ToDictionary(entry => entry.name, entry => entry.index, StringComparer.Ordinal);
        if (categoryIndex.TryGetValue(category, out var slot))
        {
            return slot;
        }
        if (!DetectsNewCategories)
        {
            return OtherSlot;
        }
        otherCategorySet ??= new HashSet<string>(OtherCategories, StringComparer.Ordinal);
        return otherCategorySet.Contains(category) ? OtherSlot : -1;
    }

    /// <summary>
    /// The number a numeric or discrete feature reads from a value: a finite number, or text that parses as one.
    /// Anything else cannot be placed on the axis and is counted with the missing values, so a producer that
    /// starts sending garbage shows up as a rise of the null share.
    /// </summary>
    public static bool TryReadNumber(ScalarValue value, out double number)
    {
        number = value.Kind switch
        {
            ScalarKind.Number => value.Number,
            ScalarKind.Text when double.TryParse(value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => double.NaN,
        };
        return double.IsFinite(number);
    }

    /// <summary>numpy's default (linear) quantiles at every percentile, equal edges merged.</summary>
    private static double[] QuantileEdges(double[] sorted)
    {
        var edges = new List<double>(QuantileSteps + 1);
        for (var step = 0; step <= QuantileSteps; step++)
        {
            var position = (sorted.Length - 1) * (double)step / QuantileSteps;
            var below = (int)Math.Floor(position);
            var above = Math.Min(below + 1, sorted.Length - 1);
            var edge = Math.Min(sorted[below] + (position - below) * (sorted[above] - sorted[below]), sorted[above]);
            if (edges.Count == 0 || edge > edges[^1])
            {
                edges.Add(edge);
            }
        }
        return [.. edges];
    }
}

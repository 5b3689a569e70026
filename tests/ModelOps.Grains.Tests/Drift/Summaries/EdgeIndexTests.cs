using ModelOps.Grains.Drift.Summaries;

namespace ModelOps.Grains.Tests.Drift.Summaries;

/// <summary>
/// The index must find, for every value, the very slot a binary search over all the edges finds: each case compares it
/// with <see cref="SearchedSlot"/>, the search it replaced, on the edges, their neighbouring doubles, the points between
/// them, the values beyond both ends, and a large sample from the distribution the edges were cut from.
/// </summary>
public sealed class EdgeIndexTests
{
    private const int SampleSize = 200_000;

    [Fact]
    public void Edges_cut_from_a_normal_baseline_slot_every_value_as_the_binary_search_does()
    {
        var random = new Random(1);

        AssertSameSlots(random, () => 50 + 10 * Gaussian(random));
    }

    [Fact]
    public void Edges_crowded_near_the_low_end_of_a_log_normal_baseline_slot_every_value_as_the_binary_search_does()
    {
        var random = new Random(2);

        AssertSameSlots(random, () => Math.Exp(2 * Gaussian(random)));
    }

    [Fact]
    public void Edges_of_a_baseline_made_mostly_of_repeated_values_slot_every_value_as_the_binary_search_does()
    {
        var random = new Random(3);

        AssertSameSlots(random, () => random.NextDouble() < 0.9 ? random.Next(4) : Math.Round(100 * random.NextDouble(), 1));
    }

    [Fact]
    public void Edges_packed_into_one_cell_by_a_far_outlier_slot_every_value_as_the_binary_search_does()
    {
        var random = new Random(4);
        var edges = Enumerable.Range(0, 100).Select(index => index / 100.0).Append(1e12).ToArray();

        AssertSameSlots(edges, random);
    }

    [Fact]
    public void Edges_too_far_apart_for_their_distance_to_be_a_double_slot_every_value_as_the_binary_search_does()
    {
        var random = new Random(5);
        double[] edges = [double.MinValue, -1e300, -1, 0, 1, 1e300, double.MaxValue];

        AssertSameSlots(edges, random);
    }

    [Fact]
    public void Edges_too_close_for_the_inverse_of_their_distance_to_be_a_double_slot_every_value_as_the_binary_search_does()
    {
        var random = new Random(6);
        var edges = Enumerable.Range(1, 8).Select(index => index * double.Epsilon).ToArray();

        AssertSameSlots(edges, random);
    }

    [Fact]
    public void Edges_across_zero_slot_negative_zero_as_zero()
    {
        double[] edges = [-3, -1, 0, 2, 5, 8];
        var index = new EdgeIndex(edges);

        Assert.Equal(3, index.SlotOf(-0.0));
        Assert.Equal(3, index.SlotOf(0.0));
        AssertSameSlots(edges, new Random(7));
    }

    [Fact]
    public void Two_edges_and_a_single_edge_slot_every_value_as_the_binary_search_does()
    {
        AssertSameSlots([1.5, 2.5], new Random(8));
        AssertSameSlots([1.5], new Random(9));
    }

    [Fact]
    public void Values_beyond_the_edges_fall_into_underflow_and_overflow_and_nan_into_underflow()
    {
        var index = new EdgeIndex([1, 2, 3, 4, 5, 6]);

        Assert.Equal(0, index.SlotOf(double.NegativeInfinity));
        Assert.Equal(0, index.SlotOf(Math.BitDecrement(1)));
        Assert.Equal(1, index.SlotOf(1));
        Assert.Equal(5, index.SlotOf(6));
        Assert.Equal(6, index.SlotOf(Math.BitIncrement(6)));
        Assert.Equal(6, index.SlotOf(double.PositiveInfinity));
        Assert.Equal(0, index.SlotOf(double.NaN));
    }

    [Fact]
    public void A_numeric_binning_slots_values_through_its_index()
    {
        var random = new Random(10);
        var binning = FeatureBinning.ForNumeric(Enumerable.Range(0, 5_000).Select(_ => Math.Exp(Gaussian(random))).ToArray());

        foreach (var value in Probes(binning.Edges).Concat(Enumerable.Range(0, 10_000).Select(_ => Math.Exp(Gaussian(random)))))
        {
            Assert.Equal(SearchedSlot(binning.Edges, value), binning.SlotOf(value));
        }
    }

    /// <summary>The binary search over all the edges that numeric slots were found with before the index.</summary>
    private static int SearchedSlot(double[] edges, double value)
    {
        if (value < edges[0])
        {
            return 0;
        }
        if (value > edges[^1])
        {
            return edges.Length;
        }
        var low = 0;
        var high = edges.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (edges[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return Math.Min(low, edges.Length - 1);
    }

    /// <summary>Cuts the edges of a numeric baseline of draws, then compares the slots of fresh draws too.</summary>
    private static void AssertSameSlots(Random random, Func<double> draw)
    {
        var binning = FeatureBinning.ForNumeric(Enumerable.Range(0, 5_000).Select(_ => draw()).ToArray());
        Assert.Equal(BinningKind.Numeric, binning.Kind);
        AssertSameSlots(binning.Edges, random, Enumerable.Range(0, SampleSize).Select(_ => draw()));
    }

    private static void AssertSameSlots(double[] edges, Random random, IEnumerable<double>? draws = null)
    {
        var index = new EdgeIndex(edges);
        // Interpolated rather than offset from an edge, so that edges a double's range apart still give finite values.
        var between = Enumerable.Range(0, SampleSize).Select(_ =>
        {
            var at = random.Next(edges.Length);
            var next = Math.Min(at + 1, edges.Length - 1);
            var share = random.NextDouble();
            return edges[at] * (1 - share) + edges[next] * share;
        });
        var onEdges = Enumerable.Range(0, SampleSize).Select(_ => edges[random.Next(edges.Length)]);
        foreach (var value in Probes(edges).Concat(between).Concat(onEdges).Concat(draws ?? []))
        {
            var expected = SearchedSlot(edges, value);
            var actual = index.SlotOf(value);
            if (actual != expected)
            {
                Assert.Fail($"{value:R} among edges [{string.Join(", ", edges.Select(edge => edge.ToString("R")))}]: slot {actual}, the binary search's {expected}.");
            }
        }
    }

    /// <summary>Every edge, the doubles just below and above it, the midpoint to the next edge, and values beyond both ends.</summary>
    private static IEnumerable<double> Probes(double[] edges)
    {
        for (var i = 0; i < edges.Length; i++)
        {
            yield return edges[i];
            yield return Math.BitDecrement(edges[i]);
            yield return Math.BitIncrement(edges[i]);
            if (i + 1 < edges.Length)
            {
                yield return edges[i] / 2 + edges[i + 1] / 2;
            }
        }
        yield return edges[0] - Math.Abs(edges[0]) - 1;
        yield return edges[^1] + Math.Abs(edges[^1]) + 1;
        yield return double.MinValue;
        yield return double.MaxValue;
        yield return double.NegativeInfinity;
        yield return double.PositiveInfinity;
        yield return double.NaN;
    }

    private static double Gaussian(Random random) => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}

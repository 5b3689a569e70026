using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Tests.Monitoring;

public sealed class QuantileSketchTests
{
    private const int SampleCount = 100_000;

    // The bin value sits exactly α from both bin edges, so only floating-point rounding may add to α.
    private const double Tolerance = QuantileSketch.RelativeAccuracy + 1e-12;

    public static TheoryData<string> Distributions => [Samples.LogNormal, Samples.Uniform, Samples.Bimodal, Samples.WithZeros];

    private static readonly double[] Percents = [.. Enumerable.Range(0, 101).Select(percent => percent / 100.0)];

    [Theory]
    [MemberData(nameof(Distributions))]
    public void P50_p95_and_p99_are_within_one_percent_of_the_exact_sample_quantile(string distribution)
    {
        var values = Samples.Draw(distribution, SampleCount);
        var sketch = SketchOf(values);
        var sorted = values.Order().ToArray();

        foreach (var q in new[] { 0.5, 0.95, 0.99 })
        {
            AssertWithinRelativeAccuracy(Samples.ExactQuantile(sorted, q), sketch.Quantile(q), $"q={q} of {distribution}");
        }
    }

    [Theory]
    [MemberData(nameof(Distributions))]
    public void Every_percentile_from_the_minimum_to_the_maximum_is_within_one_percent(string distribution)
    {
        var values = Samples.Draw(distribution, SampleCount);
        var sketch = SketchOf(values);
        var sorted = values.Order().ToArray();

        foreach (var q in Percents)
        {
            AssertWithinRelativeAccuracy(Samples.ExactQuantile(sorted, q), sketch.Quantile(q), $"q={q} of {distribution}");
        }
    }

    [Fact]
    public void Quantiles_that_fall_on_zeros_are_exactly_zero()
    {
        var values = Samples.Draw(Samples.WithZeros, SampleCount);
        var sketch = SketchOf(values);
        var zeros = values.Count(value => value == 0);

        Assert.InRange(zeros, 19_000, 21_000);
        Assert.Equal(0, sketch.Quantile(0));
        Assert.Equal(0, sketch.Quantile(zeros / (double)SampleCount));
        Assert.NotEqual(0, sketch.Quantile((zeros + 1) / (double)SampleCount));
        Assert.Equal(SampleCount, sketch.Count);
    }

    [Fact]
    public void Values_at_or_below_the_smallest_indexable_value_count_as_zero()
    {
        var sketch = SketchOf([0, QuantileSketch.MinIndexableValue, 5, 5]);

        Assert.Equal(4, sketch.Count);
        Assert.Equal(0, sketch.Quantile(0));
        Assert.Equal(0, sketch.Quantile(0.5));
        AssertWithinRelativeAccuracy(5, sketch.Quantile(0.7), "q=0.7");
    }

    [Fact]
    public void A_single_value_is_every_quantile()
    {
        var sketch = SketchOf([42]);

        foreach (var q in Percents)
        {
            AssertWithinRelativeAccuracy(42, sketch.Quantile(q), $"q={q}");
        }
    }

    [Fact]
    public void An_empty_sketch_has_no_quantiles()
    {
        var sketch = new QuantileSketch();

        Assert.Equal(0, sketch.Count);
        Assert.All(Percents, q => Assert.Null(sketch.Quantile(q)));
    }

    [Fact]
    public void A_cleared_sketch_is_empty_and_counts_again_from_nothing()
    {
        var sketch = SketchOf(Samples.Draw(Samples.LogNormal, 1_000));

        sketch.Clear();

        Assert.Equal(0, sketch.Count);
        Assert.Null(sketch.Quantile(0.5));

        sketch.Add(7);
        Assert.Equal(1, sketch.Count);
        AssertWithinRelativeAccuracy(7, sketch.Quantile(0), "q=0 after clear");
        AssertWithinRelativeAccuracy(7, sketch.Quantile(1), "q=1 after clear");
    }

    [Fact]
    public void Merging_two_interleaved_halves_equals_the_one_pass_sketch()
    {
        var values = Samples.Draw(Samples.Bimodal, SampleCount);
        var evens = SketchOf(values.Where((_, i) => i % 2 == 0));
        var odds = SketchOf(values.Where((_, i) => i % 2 == 1));

        evens.Merge(odds);

        AssertSameSketch(SketchOf(values), evens);
    }

    [Fact]
    public void Merging_a_sketch_of_larger_values_into_one_of_smaller_values_equals_the_one_pass_sketch()
    {
        var values = Samples.Draw(Samples.WithZeros, SampleCount);
        var small = SketchOf(values.Where(value => value < 20));
        var large = SketchOf(values.Where(value => value >= 20));

        small.Merge(large);

        AssertSameSketch(SketchOf(values), small);
    }

    [Fact]
    public void Merging_a_sketch_that_spans_both_sides_of_the_target_equals_the_one_pass_sketch()
    {
        var values = Samples.Draw(Samples.Uniform, SampleCount);
        var middle = SketchOf(values.Where(value => value is >= 400 and < 600));
        var outer = SketchOf(values.Where(value => value is < 400 or >= 600));

        middle.Merge(outer);

        AssertSameSketch(SketchOf(values), middle);
    }

    [Fact]
    public void Merging_into_or_from_an_empty_sketch_changes_nothing()
    {
        var values = Samples.Draw(Samples.LogNormal, 10_000);
        var intoEmpty = new QuantileSketch();
        var fromEmpty = SketchOf(values);

        intoEmpty.Merge(SketchOf(values));
        fromEmpty.Merge(new QuantileSketch());

        AssertSameSketch(SketchOf(values), intoEmpty);
        AssertSameSketch(SketchOf(values), fromEmpty);
    }

    private static QuantileSketch SketchOf(IEnumerable<double> values)
    {
        var sketch = new QuantileSketch();
        foreach (var value in values)
        {
            sketch.Add(value);
        }
        return sketch;
    }

    private static void AssertSameSketch(QuantileSketch expected, QuantileSketch actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(Percents.Select(expected.Quantile), Percents.Select(actual.Quantile));
    }

    private static void AssertWithinRelativeAccuracy(double exact, double? estimate, string what)
    {
        Assert.True(estimate.HasValue, $"{what}: the sketch gave no quantile");
        var error = exact == 0 ? Math.Abs(estimate.Value) : Math.Abs(estimate.Value - exact) / exact;
        Assert.True(error <= Tolerance, $"{what}: estimate {estimate} of exact {exact} is off by {error:P4}, more than {QuantileSketch.RelativeAccuracy:P0}");
    }
}

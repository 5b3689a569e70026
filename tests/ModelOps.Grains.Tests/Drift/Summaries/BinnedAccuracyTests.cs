using ModelOps.Contracts;
using ModelOps.Grains.Drift.Statistics;
using ModelOps.Grains.Drift.Summaries;

namespace ModelOps.Grains.Tests.Drift.Summaries;

public sealed class BinnedAccuracyTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.3, 1.0)]
    [InlineData(0.0, 1.5)]
    [InlineData(1.0, 0.5)]
    public void Percentile_bins_keep_the_ks_statistic_within_a_hundredth_of_the_raw_sample_one(double shift, double scale)
    {
        var random = new Random(42);
        var baseline = Enumerable.Range(0, 5000).Select(_ => Normal(random)).ToArray();
        var current = Enumerable.Range(0, 5000).Select(_ => shift + scale * Normal(random)).ToArray();
        var feature = BaselineProfile.Build(BaselineProfileTests.Rows("x", baseline.Select(ScalarValue.Of)), []).Find("x")!;
        var summary = feature.NewSummary();
        foreach (var value in current)
        {
            summary.Add(value, feature.Binning);
        }

        var binned = KolmogorovSmirnov.Compute(DriftInputs.Numeric(feature, summary)).TestStatistic!.Value;

        Assert.InRange(binned - RawKs(baseline, current), -0.01, 0.01);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static double RawKs(double[] first, double[] second)
    {
        var a = first.Order().ToArray();
        var b = second.Order().ToArray();
        var i = 0;
        var j = 0;
        var gap = 0.0;
        while (i < a.Length && j < b.Length)
        {
            var next = Math.Min(a[i], b[j]);
            while (i < a.Length && a[i] == next)
            {
                i++;
            }
            while (j < b.Length && b[j] == next)
            {
                j++;
            }
            gap = Math.Max(gap, Math.Abs((double)i / a.Length - (double)j / b.Length));
        }
        return gap;
    }
}

using ModelOps.Grains.Drift.Statistics;

namespace ModelOps.Grains.Tests.Drift;

public sealed class NumericStatisticsGoldenTests
{
    public static TheoryData<string> Cases => [.. DriftGolden.Load.Numeric.Select(golden => golden.Name)];

    public static TheoryData<string> KsNearRawCases => [.. DriftGolden.Load.Numeric.Where(golden => golden.KsNearRaw).Select(golden => golden.Name)];

    public static TheoryData<string> WassersteinNearRawCases =>
        [.. DriftGolden.Load.Numeric.Where(golden => golden.WassersteinNearRaw).Select(golden => golden.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Binned_ks_statistic_and_asymptotic_p_value_equal_scipy_on_the_same_bins(string name)
    {
        var golden = DriftGolden.Load.NumericCase(name);

        var result = KolmogorovSmirnov.Compute(golden.Histograms);

        Tolerance.Relative(golden.Expected.Ks, result.TestStatistic, Tolerance.ClosedForm, $"{name} KS D");
        Tolerance.Relative(golden.Expected.KsPValue, result.Score, Tolerance.ClosedForm, $"{name} KS p (kstwobign)");
    }

    // scipy's method='asymp' uses the finite-n Kolmogorov distribution kstwo(round(en)); ours is its n → ∞ limit.
    // They differ by O(1/√en): 0.0083 on the smallest set (en ≈ 86), far less on the others.
    [Theory]
    [MemberData(nameof(Cases))]
    public void Ks_p_value_is_within_one_hundredth_of_scipys_finite_sample_asymptotic_p_value(string name)
    {
        var golden = DriftGolden.Load.NumericCase(name);

        Tolerance.Absolute(golden.Expected.KsPValueScipyAsymp, KolmogorovSmirnov.Compute(golden.Histograms).Score, 0.01, $"{name} KS p vs kstwo");
    }

    [Theory]
    [MemberData(nameof(KsNearRawCases))]
    public void Binned_ks_statistic_is_within_one_hundredth_of_the_raw_sample_statistic(string name)
    {
        var golden = DriftGolden.Load.NumericCase(name);

        Tolerance.Absolute(golden.Raw.Ks, KolmogorovSmirnov.Compute(golden.Histograms).TestStatistic, 0.01, $"{name} KS D vs raw samples");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Binned_wasserstein_normed_by_the_baseline_spread_equals_scipy_on_the_same_bins(string name)
    {
        var golden = DriftGolden.Load.NumericCase(name);

        // scipy integrates |F − G| bin by bin with quad (epsrel 1e-13); we cut each bin where the spreads of its values
        // start and end, and integrate the piecewise linear gap exactly.
        Tolerance.Relative(golden.Expected.Wasserstein, Wasserstein.Compute(golden.Histograms).Score, Tolerance.ClosedForm, $"{name} Wasserstein");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Binned_wasserstein_without_sums_equals_scipy_with_values_uniform_in_their_bins_and_outliers_on_the_outer_edges(string name)
    {
        var golden = DriftGolden.Load.NumericCase(name);

        Tolerance.Relative(
            golden.Expected.WassersteinWithoutSums, Wasserstein.Compute(golden.HistogramsWithoutSums).Score, Tolerance.ClosedForm, $"{name} Wasserstein without sums");
    }

    [Theory]
    [MemberData(nameof(WassersteinNearRawCases))]
    public void Binned_wasserstein_is_within_five_percent_of_the_raw_sample_distance(string name)
    {
        var golden = DriftGolden.Load.NumericCase(name);

        var binned = Wasserstein.Compute(golden.Histograms).Score;

        if (golden.Raw.Wasserstein == 0)
        {
            Assert.Equal(0.0, binned);
            return;
        }
        Tolerance.Relative(golden.Raw.Wasserstein, binned, 0.05, $"{name} Wasserstein vs raw samples");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Psi_jensen_shannon_and_hellinger_over_the_bins_equal_scipy(string name)
    {
        var golden = DriftGolden.Load.NumericCase(name);

        Tolerance.Relative(golden.Expected.Psi, PopulationStabilityIndex.Compute(golden.Reference, golden.Current).Score, Tolerance.ClosedForm, $"{name} PSI");
        Tolerance.Relative(golden.Expected.JensenShannon, JensenShannon.Compute(golden.Reference, golden.Current).Score, Tolerance.ClosedForm, $"{name} JS");
        Tolerance.Relative(golden.Expected.Hellinger, Hellinger.Compute(golden.Reference, golden.Current).Score, Tolerance.ClosedForm, $"{name} Hellinger");
    }

    [Theory]
    [MemberData(nameof(KolmogorovPoints))]
    public void Kolmogorov_survival_function_equals_scipys_kstwobign(double x, double expected)
    {
        Tolerance.Relative(expected, KolmogorovSmirnov.KolmogorovSurvival(x), Tolerance.ClosedForm, $"Q_KS({x})");
    }

    public static TheoryData<double, double> KolmogorovPoints =>
        [.. DriftGolden.Load.KolmogorovSurvival.Select(point => (point.X, point.Sf))];
}

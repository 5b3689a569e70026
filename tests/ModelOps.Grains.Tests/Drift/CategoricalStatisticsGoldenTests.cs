using ModelOps.Grains.Drift.Statistics;

namespace ModelOps.Grains.Tests.Drift;

public sealed class CategoricalStatisticsGoldenTests
{
    public static TheoryData<string> Cases => [.. DriftGolden.Load.Categorical.Select(golden => golden.Name)];

    public static TheoryData<string> BinaryCases => [.. DriftGolden.Load.Categorical.Where(golden => golden.Categories.Length == 2).Select(golden => golden.Name)];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Psi_jensen_shannon_and_hellinger_equal_scipy(string name)
    {
        var golden = DriftGolden.Load.CategoricalCase(name);

        Tolerance.Relative(golden.Expected.Psi, PopulationStabilityIndex.Compute(golden.Reference, golden.Current).Score, Tolerance.ClosedForm, $"{name} PSI");
        Tolerance.Relative(golden.Expected.JensenShannon, JensenShannon.Compute(golden.Reference, golden.Current).Score, Tolerance.ClosedForm, $"{name} JS");
        Tolerance.Relative(golden.Expected.Hellinger, Hellinger.Compute(golden.Reference, golden.Current).Score, Tolerance.ClosedForm, $"{name} Hellinger");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Chi_square_statistic_and_p_value_equal_scipys_chisquare(string name)
    {
        var golden = DriftGolden.Load.CategoricalCase(name);

        var result = ChiSquare.Compute(golden.Reference, golden.Current);

        if (golden.Expected.ChiSquare is { } statistic)
        {
            Tolerance.Relative(statistic, result.TestStatistic, Tolerance.ClosedForm, $"{name} χ²");
        }
        else
        {
            Assert.Null(result.TestStatistic);
        }
        Tolerance.Relative(golden.Expected.ChiSquarePValue, result.Score, Tolerance.ClosedForm, $"{name} χ² p");
    }

    [Theory]
    [MemberData(nameof(BinaryCases))]
    public void Two_proportion_z_test_equals_the_normal_distribution_of_scipy(string name)
    {
        var golden = DriftGolden.Load.CategoricalCase(name);

        var result = TwoProportionZTest.Compute(golden.Reference, golden.Current);

        Tolerance.Relative(golden.Expected.ZTest!.Value, result.TestStatistic, Tolerance.ClosedForm, $"{name} z");
        Tolerance.Relative(golden.Expected.ZTestPValue!.Value, result.Score, Tolerance.ClosedForm, $"{name} z p");
    }
}

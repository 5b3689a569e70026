using System.Text.Json;
using ModelOps.Grains.Drift.Statistics;

namespace ModelOps.Grains.Tests.Drift;

/// <summary>The reference values of tests/golden/drift_golden.json, written by scipy through tests/golden/drift_golden.py.</summary>
internal sealed record DriftGolden(
    string Scipy,
    IReadOnlyList<NumericGoldenCase> Numeric,
    IReadOnlyList<CategoricalGoldenCase> Categorical,
    IReadOnlyList<KolmogorovGoldenPoint> KolmogorovSurvival)
{
    public static DriftGolden Load { get; } = JsonSerializer.Deserialize<DriftGolden>(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "drift_golden.json")),
        new JsonSerializerOptions(JsonSerializerDefaults.Web))
        ?? throw new InvalidOperationException("drift_golden.json is empty.");

    public NumericGoldenCase NumericCase(string name) => Numeric.Single(golden => golden.Name == name);

    public CategoricalGoldenCase CategoricalCase(string name) => Categorical.Single(golden => golden.Name == name);
}

internal sealed record NumericGoldenCase(
    string Name,
    bool KsNearRaw,
    bool WassersteinNearRaw,
    double[] Edges,
    long[] Reference,
    long[] Current,
    double[] ReferenceSums,
    double[] CurrentSums,
    double ReferenceStandardDeviation,
    NumericExpectations Expected,
    RawSampleValues Raw)
{
    public NumericHistograms Histograms => new(Edges, Reference, Current, ReferenceStandardDeviation, ReferenceSums, CurrentSums);

    /// <summary>The histograms as summaries stored before sums were kept give them.</summary>
    public NumericHistograms HistogramsWithoutSums => new(Edges, Reference, Current, ReferenceStandardDeviation);
}

internal sealed record NumericExpectations(
    double Ks,
    double KsPValue,
    double KsPValueScipyAsymp,
    double Wasserstein,
    double WassersteinWithoutSums,
    double Psi,
    double JensenShannon,
    double Hellinger);

internal sealed record RawSampleValues(double Ks, double KsPValue, double Wasserstein);

internal sealed record CategoricalGoldenCase(string Name, string[] Categories, long[] Reference, long[] Current, CategoricalExpectations Expected);

internal sealed record CategoricalExpectations(
    double Psi, double JensenShannon, double Hellinger, double? ChiSquare, double ChiSquarePValue, double? ZTest, double? ZTestPValue);

internal sealed record KolmogorovGoldenPoint(double X, double Sf);

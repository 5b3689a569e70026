using ModelOps.Contracts;

namespace ModelOps.Dashboard.Tests;

/// <summary>Drift reports as <c>GET /models/{id}/drift</c> returns them, timed relative to <see cref="TestModels.Now"/>.</summary>
internal static class TestDriftReports
{
    public static FeatureDriftView Numeric(string name, string method, double threshold, double? score, bool drifted,
        double? nullShare = 0.0, bool nullShareDrift = false, Histogram? baseline = null, Histogram? current = null) =>
        new()
        {
            Name = name,
            Type = FeatureType.Numeric,
            Method = method,
            Threshold = threshold,
            Score = score,
            Drifted = drifted,
            NullShare = nullShare,
            NullShareDrift = nullShareDrift,
            BaselineHistogram = baseline ?? new Histogram([0, 10, 20], [0, 5, 5, 0]),
            CurrentHistogram = current ?? new Histogram([0, 10, 20], [0, 4, 6, 0]),
        };

    public static FeatureDriftView Categorical(string name, string method, double threshold, double? score, bool drifted,
        Dictionary<string, long>? baseline = null, Dictionary<string, long>? current = null, IReadOnlyList<string>? newCategories = null) =>
        new()
        {
            Name = name,
            Type = FeatureType.Categorical,
            Method = method,
            Threshold = threshold,
            Score = score,
            Drifted = drifted,
            NullShare = 0.0,
            BaselineCounts = baseline ?? new Dictionary<string, long> { ["DE"] = 6, ["FR"] = 4 },
            CurrentCounts = current ?? new Dictionary<string, long> { ["DE"] = 5, ["FR"] = 5 },
            NewCategories = newCategories ?? [],
        };

    /// <summary>
    /// The fraud model's report with one feature of each kind of severity: a drifted p-value test far past its threshold,
    /// a drifted distance, a null share on the rise, two within their thresholds, and one without a score.
    /// </summary>
    public static DriftReport Fraud(bool datasetDrift = true, double driftShare = 0.5) => new()
    {
        ComputedAt = TestModels.Now,
        Window = new DriftRange(TestModels.Now.AddHours(-1), TestModels.Now, 5000),
        Baseline = new BaselineSummary(1500, "auto", TestModels.Now.AddHours(-2)),
        DatasetDrift = datasetDrift,
        DriftShare = driftShare,
        DriftShareThreshold = 0.5,
        Features =
        [
            Categorical("merchant", "chiSquare", 0.05, 0.5, drifted: false),
            Numeric("age", "ks", 0.05, null, drifted: false, nullShare: null),
            Numeric("amount", "wasserstein", 0.1, 0.23, drifted: true),
            Categorical("country", "jensenShannon", 0.1, 0.04, drifted: false,
                baseline: new() { ["DE"] = 1200, ["FR"] = 900, ["(other)"] = 0 },
                current: new() { ["DE"] = 1100, ["FR"] = 1010, ["(other)"] = 0, ["BR"] = 30, ["IN"] = 10 },
                newCategories: ["BR", "IN"]),
            Numeric("card_age_days", "wasserstein", 0.1, 0.02, drifted: false, nullShare: 0.25, nullShareDrift: true),
            Numeric("hour", "ks", 0.05, 0.0001, drifted: true),
        ],
    };

    /// <summary>A model whose baseline is still being collected, as DriftReportBuilder words it.</summary>
    public static DriftReport WithoutBaseline() => new()
    {
        ComputedAt = TestModels.Now,
        Window = new DriftRange(TestModels.Now, TestModels.Now, 0),
        Message = "no baseline yet: upload one with PUT /api/v1/models/{id}/baseline, or wait for the first N events",
        DriftShareThreshold = 0.5,
    };
}

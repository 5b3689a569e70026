using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>A feature's verdict by its drift method: past the threshold, within it, or nothing to compare yet.</summary>
public enum DriftVerdict
{
    Drifted,
    Ok,
    NoData,
}

/// <summary>One feature in the drift table, its numbers formatted and its severity made comparable across methods.</summary>
/// <param name="Feature">The feature as the drift report carries it.</param>
public sealed record DriftFeatureRow(FeatureDriftView Feature)
{
    /// <summary>The p-value tests (DESIGN section 4): their score drifts when it falls below the threshold; every other method's score is a distance that drifts when it reaches it.</summary>
    public static readonly IReadOnlySet<string> PValueMethods = new HashSet<string>(StringComparer.Ordinal) { "ks", "chiSquare", "zTest" };

    public string Name => Feature.Name;

    public string Type => Feature.Type == FeatureType.Numeric ? "numeric" : "categorical";

    public string Method => Feature.Method;

    public string Score => DriftFormat.Score(Feature.Score, Feature.Threshold);

    public string Threshold => DriftFormat.Number(Feature.Threshold);

    public string NullShare => KpiFormat.Percent(Feature.NullShare);

    public int NewCategories => Feature.NewCategories.Count;

    public DriftVerdict Verdict => Feature.Score is null ? DriftVerdict.NoData : Feature.Drifted ? DriftVerdict.Drifted : DriftVerdict.Ok;

    /// <summary>The verdict as the badge words it; its colour comes from <see cref="BadgeCssClass"/>.</summary>
    public string BadgeText => Verdict switch
    {
        DriftVerdict.Drifted => "Drifted",
        DriftVerdict.Ok => "OK",
        _ => "No data",
    };

    public string BadgeCssClass => Verdict switch
    {
        DriftVerdict.Drifted => "drift-badge-drifted",
        DriftVerdict.Ok => "drift-badge-ok",
        _ => "drift-badge-no-data",
    };

    /// <summary>
    /// How far the score lies past its threshold, 1 being at it and more being worse whatever the method:
    /// threshold / p-value for the tests, distance / threshold for the others; null without a score.
    /// </summary>
    public double? Severity => Feature.Score is { } score
        ? PValueMethods.Contains(Feature.Method) ? Ratio(Feature.Threshold, score) : Ratio(score, Feature.Threshold)
        : null;

    /// <summary>
    /// Worst first: drifted by the method, then drifted by a rising null share alone, then the rest with a score,
    /// then those without one; within each, by <see cref="Severity"/> and then by name.
    /// </summary>
    public static IReadOnlyList<DriftFeatureRow> BySeverity(IEnumerable<FeatureDriftView> features) =>
    [
        .. features.Select(feature => new DriftFeatureRow(feature))
            .OrderBy(row => row.Rank)
            .ThenByDescending(row => row.Severity ?? 0)
            .ThenBy(row => row.Name, StringComparer.Ordinal),
    ];

    /// <summary>
    /// Rows are the same row when they show the same feature: the grid then keeps a feature's row element, and the
    /// keyboard focus on it, when a new report replaces the numbers.
    /// </summary>
    public bool Equals(DriftFeatureRow? other) => other is not null && StringComparer.Ordinal.Equals(Name, other.Name);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    private int Rank => Feature.Drifted ? 0 : Feature.NullShareDrift ? 1 : Feature.Score is not null ? 2 : 3;

    // A zero denominator means a p-value of 0 or a threshold of 0: as far past the threshold as it gets.
    private static double Ratio(double numerator, double denominator) => denominator > 0
        ? numerator / denominator
        : numerator > 0 ? double.PositiveInfinity : 1;
}

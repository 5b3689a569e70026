using System.Globalization;
using ModelOps.Grains.Drift.Statistics;

namespace ModelOps.Grains.Drift.Selection;

/// <summary>
/// A feature's own drift method and threshold from the model definition, e.g. <c>"drift": {"method": "psi", "threshold": 0.2}</c>.
/// Without a threshold the method's default threshold applies.
/// </summary>
public sealed record DriftOverride(string Method, double? Threshold = null)
{
    /// <summary>
    /// The method and threshold this override selects for a feature of the given kinds.
    /// Throws <see cref="InvalidRequestException"/> at <c>{field}.method</c> for an unknown method or one that does not
    /// apply to the feature, and at <c>{field}.threshold</c> for a threshold out of range.
    /// </summary>
    /// <param name="field">Path of the override in the request, e.g. <c>features[2].drift</c>.</param>
    /// <param name="kinds">The feature's summary shape, see <see cref="DefaultDriftMethod.KindsOf"/>.</param>
    public DriftMethodChoice Resolve(string field, DriftFeatureKinds kinds)
    {
        var descriptor = DriftStatisticCatalog.Find(Method ?? string.Empty)
            ?? throw new InvalidRequestException($"{field}.method",
                $"unknown drift method '{Method}'; allowed: {Names(DriftStatisticCatalog.All)}.");

        if ((descriptor.AppliesTo & kinds) == 0)
        {
            var applicable = DriftStatisticCatalog.All.Where(candidate => (candidate.AppliesTo & kinds) != 0).ToList();
            throw new InvalidRequestException($"{field}.method",
                $"drift method '{descriptor.Name}' does not apply to a {Describe(kinds)} feature; allowed: {Names(applicable)}.");
        }

        var threshold = Threshold ?? descriptor.DefaultThreshold;
        if (!IsInRange(descriptor, threshold))
        {
            throw new InvalidRequestException($"{field}.threshold",
                $"threshold {threshold.ToString(CultureInfo.InvariantCulture)} is out of range for drift method '{descriptor.Name}'; allowed: {RangeOf(descriptor)}.");
        }
        return new DriftMethodChoice(descriptor, threshold);
    }

    /// <summary>p-values: strictly between 0 and 1; distances: greater than 0 and finite.</summary>
    private static bool IsInRange(DriftStatisticDescriptor descriptor, double threshold) => IsPValue(descriptor)
        ? threshold > 0 && threshold < 1
        : threshold > 0 && double.IsFinite(threshold);

    private static string RangeOf(DriftStatisticDescriptor descriptor) => IsPValue(descriptor)
        ? "a p-value greater than 0 and less than 1"
        : "a distance greater than 0";

    private static bool IsPValue(DriftStatisticDescriptor descriptor) => descriptor.Direction != DriftDirection.DistanceAtLeast;

    private static string Names(IEnumerable<DriftStatisticDescriptor> descriptors) => string.Join(", ", descriptors.Select(descriptor => descriptor.Name));

    private static string Describe(DriftFeatureKinds kinds) =>
        kinds.HasFlag(DriftFeatureKinds.Numeric) ? "numeric"
        : kinds.HasFlag(DriftFeatureKinds.Binary) ? "binary"
        : "categorical or discrete";
}

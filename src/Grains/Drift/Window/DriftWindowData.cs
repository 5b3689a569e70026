using ModelOps.Grains.Drift.Summaries;

namespace ModelOps.Grains.Drift.Window;

/// <summary>The merged current data of a range of a <see cref="DriftWindow"/>.</summary>
/// <param name="FromSecond">First second (Unix time) the merged buckets cover, inclusive.</param>
/// <param name="ToSecond">End of the covered range, exclusive; equal to <paramref name="FromSecond"/> when no bucket was covered.</param>
/// <param name="Count">Events in the covered range.</param>
/// <param name="Features">One merged summary per baseline feature, by name.</param>
public sealed record DriftWindowData(long FromSecond, long ToSecond, long Count, IReadOnlyDictionary<string, FeatureSummary> Features);

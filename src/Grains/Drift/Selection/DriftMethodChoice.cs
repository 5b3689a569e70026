using ModelOps.Grains.Drift.Statistics;

namespace ModelOps.Grains.Drift.Selection;

/// <summary>The statistic a feature's verdict is taken on, and the threshold its score is compared with.</summary>
/// <param name="Method">The statistic; its <see cref="DriftStatisticDescriptor.Direction"/> says which side of the threshold is drift.</param>
/// <param name="Threshold">The threshold the selected score is compared with.</param>
public sealed record DriftMethodChoice(DriftStatisticDescriptor Method, double Threshold)
{
    public bool IsDrifted(double score) => Method.IsDrifted(score, Threshold);
}

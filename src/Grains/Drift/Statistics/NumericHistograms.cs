namespace ModelOps.Grains.Drift.Statistics;

/// <summary>
/// Baseline and current counts of a numeric feature over the same bins. <see cref="Edges"/> are the ascending
/// bin edges fixed by the baseline; the counts hold, in order, the underflow bin (values below the first edge),
/// one bin per pair of neighbouring edges, and the overflow bin (values above the last edge), so each count
/// array is one longer than <see cref="Edges"/>.
/// </summary>
/// <param name="Edges">Ascending bin edges; equal neighbours (a zero-width bin) are allowed.</param>
/// <param name="Reference">Baseline counts per bin.</param>
/// <param name="Current">Current-window counts per bin.</param>
/// <param name="ReferenceStandardDeviation">Population standard deviation of the raw baseline values (numpy's <c>np.std</c>, ddof 0).</param>
public sealed record NumericHistograms(double[] Edges, long[] Reference, long[] Current, double ReferenceStandardDeviation)
{
    public NumericHistograms Validated()
    {
        if (Edges.Length < 2)
        {
            throw new ArgumentException("A histogram needs at least two edges.", nameof(Edges));
        }
        if (Reference.Length != Edges.Length + 1 || Current.Length != Edges.Length + 1)
        {
            throw new ArgumentException(
                $"With {Edges.Length} edges each count array must have {Edges.Length + 1} bins (underflow, {Edges.Length - 1} bins, overflow); "
                + $"got {Reference.Length} baseline and {Current.Length} current counts.");
        }
        for (var i = 1; i < Edges.Length; i++)
        {
            if (!(Edges[i] >= Edges[i - 1]))
            {
                throw new ArgumentException($"Edges must ascend; edge {i} ({Edges[i]}) is below edge {i - 1} ({Edges[i - 1]}).", nameof(Edges));
            }
        }
        return this;
    }
}

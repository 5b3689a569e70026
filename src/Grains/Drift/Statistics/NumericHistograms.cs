namespace ModelOps.Grains.Drift.Statistics;

/// <summary>
/// Baseline and current counts of a numeric feature over the same bins. <see cref="Edges"/> are the ascending
/// bin edges fixed by the baseline; the counts hold, in order, the underflow bin (values below the first edge),
/// one bin per pair of neighbouring edges, and the overflow bin (values above the last edge), so each count
/// array is one longer than <see cref="Edges"/>. The sums of the values in each bin, where known, line up with
/// the counts.
/// </summary>
/// <param name="Edges">Ascending bin edges; equal neighbours (a zero-width bin) are allowed.</param>
/// <param name="Reference">Baseline counts per bin.</param>
/// <param name="Current">Current-window counts per bin.</param>
/// <param name="ReferenceStandardDeviation">Population standard deviation of the raw baseline values (numpy's <c>np.std</c>, ddof 0).</param>
/// <param name="ReferenceSums">The sum of the baseline values in each bin, or null when not known.</param>
/// <param name="CurrentSums">The sum of the current values in each bin, or null when not known.</param>
public sealed record NumericHistograms(
    double[] Edges,
    long[] Reference,
    long[] Current,
    double ReferenceStandardDeviation,
    double[]? ReferenceSums = null,
    double[]? CurrentSums = null)
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
        if ((ReferenceSums is not null && ReferenceSums.Length != Reference.Length) || (CurrentSums is not null && CurrentSums.Length != Current.Length))
        {
            throw new ArgumentException(
                $"Sums must line up with the {Edges.Length + 1} bins; got {ReferenceSums?.Length} baseline and {CurrentSums?.Length} current sums.");
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

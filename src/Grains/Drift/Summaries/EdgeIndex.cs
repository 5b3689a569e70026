namespace ModelOps.Grains.Drift.Summaries;

/// <summary>
/// Finds the slot of a value among the ascending edges of a numeric <see cref="FeatureBinning"/>: underflow below the
/// first edge, overflow above the last, bins [e_i, e_i+1) between, and the last bin holds its upper edge.
/// A binary search over all of a baseline's ~100 edges takes a branch at each of its seven steps that values arriving
/// in random order defeat, which made binning the larger part of an event's cost. Instead, a uniform grid of cells
/// over [first edge, last edge] gives, for any value of a cell, the edges that cell holds, and the search runs over
/// those alone: with several cells per edge most cells hold none, so most values are slotted without a search.
/// </summary>
internal sealed class EdgeIndex
{
    /// <summary>
    /// Enough cells that the centre of a normal baseline, where its percentile edges lie closest, gets several cells
    /// per bin; skewed baselines crowd more edges into their cells, which costs a step of search per doubling.
    /// </summary>
    private const int CellsPerEdge = 8;

    private readonly double[] edges;
    private readonly double first;
    private readonly double cellsPerUnit;
    private readonly int lastCell;

    /// <summary>Per cell, how many edges lie in the cells before it; one entry more, for the end of the last cell.</summary>
    private readonly int[] edgesBefore;

    public EdgeIndex(double[] edges)
    {
        this.edges = edges;
        var cells = edges.Length * CellsPerEdge;
        first = edges[0];
        lastCell = cells - 1;
        // Edges so far apart that their distance overflows, or so close that its inverse does, share a single cell.
        var scale = cells / (edges[^1] - edges[0]);
        cellsPerUnit = double.IsFinite(scale) ? scale : 0;
        edgesBefore = new int[cells + 1];
        var edge = 0;
        for (var cell = 0; cell <= cells; cell++)
        {
            while (edge < edges.Length && CellOf(edges[edge]) < cell)
            {
                edge++;
            }
            edgesBefore[cell] = edge;
        }
    }

    public int SlotOf(double value)
    {
        // NaN compares false both ways; it lands in slot 0, where the search over all edges always put it.
        if (!(value >= edges[0]))
        {
            return 0;
        }
        if (value > edges[^1])
        {
            return edges.Length;
        }
        // Edges in earlier cells lie below the value and edges in later cells above it, so the slot is the number of
        // edges before its cell plus those of its own cell at or below it.
        var cell = CellOf(value);
        var low = edgesBefore[cell];
        var high = edgesBefore[cell + 1];
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (edges[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return Math.Min(low, edges.Length - 1);
    }

    /// <summary>
    /// Never decreases as the value grows, whatever the rounding (subtracting, multiplying and truncating all keep the
    /// order), which is all the grid relies on: an edge in an earlier cell than a value is below it, one in a later cell above.
    /// The conversion saturates and takes NaN to 0, so where the edges share one cell, the ∞ × 0 of a far value lands in it too.
    /// </summary>
    private int CellOf(double value) => Math.Min((int)((value - first) * cellsPerUnit), lastCell);
}

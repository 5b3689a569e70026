using Orleans;

namespace ModelOps.Grains.Monitoring;

/// <summary>
/// A DDSketch-style relative-error quantile sketch (Masson, Rim, Lee, VLDB 2019): values fall into
/// logarithmic bins of ratio γ = (1+α)/(1−α), so every quantile is answered within α = 1% of the exact
/// sample quantile. Counts live in one dense array spanning only the bins that were hit, which for a
/// second of latencies is typically a few hundred ints; sketches merge by adding counts.
/// </summary>
[GenerateSerializer, Alias("ModelOps.QuantileSketch")]
public sealed class QuantileSketch
{
    public const double RelativeAccuracy = 0.01;

    /// <summary>Values at or below this (1 µs when the unit is ms) are counted as zero.</summary>
    public const double MinIndexableValue = 1e-3;

    private const double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double InverseLogGamma = 1.0 / Math.Log(Gamma);

    [Id(0)] private int[] bins = [];
    [Id(1)] private int offset;
    [Id(2)] private long zeroCount;
    [Id(3)] private long count;

    public long Count => count;

    /// <summary>Approximate bytes held by the sketch.</summary>
    public int MemoryBytes => 40 + bins.Length * sizeof(int);

    public void Add(double value)
    {
        count++;
        if (value <= MinIndexableValue)
        {
            zeroCount++;
            return;
        }
        var index = (int)Math.Ceiling(Math.Log(value) * InverseLogGamma);
        var slot = index - offset;
        if ((uint)slot >= (uint)bins.Length)
        {
            EnsureRange(index, index);
            slot = index - offset;
        }
        bins[slot]++;
    }

    public void Merge(QuantileSketch other)
    {
        if (other.count == 0)
        {
            return;
        }
        count += other.count;
        zeroCount += other.zeroCount;
        if (other.bins.Length == 0)
        {
            return;
        }
        EnsureRange(other.offset, other.offset + other.bins.Length - 1);
        var shift = other.offset - offset;
        for (var i = 0; i < other.bins.Length; i++)
        {
            bins[shift + i] += other.bins[i];
        }
    }

    /// <summary>The q-quantile (0 ≤ q ≤ 1) within 1% relative error, or null when the sketch is empty.</summary>
    public double? Quantile(double q)
    {
        Span<double?> result = stackalloc double?[1];
        Quantiles([q], result);
        return result[0];
    }

    /// <summary>Several quantiles, <paramref name="qs"/> in ascending order, in one pass over the bins.</summary>
    public void Quantiles(ReadOnlySpan<double> qs, Span<double?> results)
    {
        if (count == 0)
        {
            results[..qs.Length].Clear();
            return;
        }
        var seen = zeroCount;
        var bin = -1;
        for (var k = 0; k < qs.Length; k++)
        {
            var rank = NearestRank(qs[k], count);
            if (rank < zeroCount)
            {
                results[k] = 0;
                continue;
            }
            while (seen <= rank && bin < bins.Length - 1)
            {
                seen += bins[++bin];
            }
            results[k] = BinValue(offset + Math.Max(bin, 0));
        }
    }

    public void Clear()
    {
        Array.Clear(bins);
        zeroCount = 0;
        count = 0;
    }

    /// <summary>
    /// The 0-based rank of the q-quantile by the nearest-rank rule: the smallest value with at least a share q of
    /// the sample at or below it. For three latencies the p99 is the largest, not the middle one.
    /// </summary>
    public static long NearestRank(double q, long count) =>
        Math.Clamp((long)Math.Ceiling(Math.Clamp(q, 0, 1) * count - 1e-9) - 1, 0, count - 1);

    /// <summary>The value of bin i: the point whose relative distance to both bin edges is α.</summary>
    private static double BinValue(int index) => 2 * Math.Pow(Gamma, index) / (Gamma + 1);

    private void EnsureRange(int low, int high)
    {
        if (bins.Length == 0)
        {
            bins = new int[Math.Max(16, high - low + 1)];
            offset = low;
            return;
        }
        var currentHigh = offset + bins.Length - 1;
        if (low >= offset && high <= currentHigh)
        {
            return;
        }
        // Grow with slack on the side that overflowed, so a drifting latency does not reallocate per event.
        var newLow = Math.Min(low, offset);
        var newHigh = Math.Max(high, currentHigh);
        if (low < offset)
        {
            newLow -= 8;
        }
        if (high > currentHigh)
        {
            newHigh += 8;
        }
        var grown = new int[newHigh - newLow + 1];
        Array.Copy(bins, 0, grown, offset - newLow, bins.Length);
        bins = grown;
        offset = newLow;
    }
}

using Orleans;

namespace ModelOps.Grains.Labels;

/// <summary>
/// The mergeable counts behind the metrics ML teams read, for the labelled events of one bucket: the confusion counts
/// and a binned score histogram per side (classification), the sums for MAPE and R² (regression). Sparse: a second with
/// a few labels holds a few entries. Counts are added and taken back (a replaced label), never recomputed.
/// </summary>
[GenerateSerializer, Alias("ModelOps.LabelSummary")]
public sealed class LabelSummary
{
    /// <summary>Score bins over [0, 1]: the binned ROC AUC is within half the share of positive–negative pairs that share a bin of the exact one.</summary>
    public const int ScoreBins = 1_000;

    /// <summary>The confusion key of (predicted, actual) is predicted × this + actual.</summary>
    public const int ClassStride = ClassCatalog.MaxClasses + 1;

    /// <summary>sklearn clips probabilities to [ε, 1 − ε] before the logarithm of log loss.</summary>
    public const double LogLossEpsilon = 1e-15;

    /// <summary>sklearn divides by max(|label|, the float64 machine epsilon) in MAPE.</summary>
    public const double MapeEpsilon = 2.220446049250313e-16;

    /// <summary>(predicted × <see cref="ClassStride"/> + actual) → labelled events.</summary>
    [Id(0)] public Dictionary<int, long> Confusion { get; private set; } = [];

    /// <summary>Score bin → events whose score's class is theirs (<see cref="Judgement.Positive"/>).</summary>
    [Id(1)] public Dictionary<int, long> PositiveScores { get; private set; } = [];

    /// <summary>Score bin → the other scored events.</summary>
    [Id(2)] public Dictionary<int, long> NegativeScores { get; private set; } = [];

    /// <summary>Σ −ln p of the scored labelled events, without the ln(classes − 1) of multi-class misses.</summary>
    [Id(3)] public double LogLossSum { get; private set; }

    [Id(4)] public long ScoredCount { get; private set; }

    /// <summary>Multi-class misses whose log loss adds ln(classes − 1).</summary>
    [Id(5)] public long SpreadCount { get; private set; }

    [Id(6)] public double LabelSum { get; private set; }
    [Id(7)] public double LabelSquareSum { get; private set; }

    /// <summary>Σ |prediction − label| / max(|label|, ε), as sklearn's mean_absolute_percentage_error sums it.</summary>
    [Id(8)] public double AbsolutePercentSum { get; private set; }

    /// <summary>Adds (<paramref name="sign"/> = 1) or takes back (−1) one judgement.</summary>
    public void Apply(in Judgement judgement, int sign)
    {
        if (!judgement.Classification)
        {
            var (y, error) = (judgement.Label, judgement.Prediction - judgement.Label);
            LabelSum += sign * y;
            LabelSquareSum += sign * y * y;
            AbsolutePercentSum += sign * Math.Abs(error) / Math.Max(Math.Abs(y), MapeEpsilon);
            return;
        }
        Add(Confusion, judgement.Predicted * ClassStride + judgement.Actual, sign);
        if (!judgement.HasScore)
        {
            return;
        }
        Add(judgement.Positive ? PositiveScores : NegativeScores, BinOf(judgement.Score), sign);
        var probability = Math.Clamp(judgement.Positive ? judgement.Score : 1.0 - judgement.Score, LogLossEpsilon, 1 - LogLossEpsilon);
        LogLossSum += sign * -Math.Log(probability);
        ScoredCount += sign;
        if (judgement.Spread)
        {
            SpreadCount += sign;
        }
    }

    public void Merge(LabelSummary other)
    {
        foreach (var (key, count) in other.Confusion)
        {
            Add(Confusion, key, count);
        }
        foreach (var (bin, count) in other.PositiveScores)
        {
            Add(PositiveScores, bin, count);
        }
        foreach (var (bin, count) in other.NegativeScores)
        {
            Add(NegativeScores, bin, count);
        }
        LogLossSum += other.LogLossSum;
        ScoredCount += other.ScoredCount;
        SpreadCount += other.SpreadCount;
        LabelSum += other.LabelSum;
        LabelSquareSum += other.LabelSquareSum;
        AbsolutePercentSum += other.AbsolutePercentSum;
    }

    public static LabelSummary CopyOf(LabelSummary summary)
    {
        var copy = new LabelSummary();
        copy.Merge(summary);
        return copy;
    }

    /// <summary>Approximate bytes held: a dictionary entry is about 24 bytes.</summary>
    public int MemoryBytes => 120 + 24 * (Confusion.Count + PositiveScores.Count + NegativeScores.Count);

    /// <summary>Scores outside [0, 1] count in the first or last bin.</summary>
    public static int BinOf(double score) => Math.Clamp((int)(score * ScoreBins), 0, ScoreBins - 1);

    private static void Add(Dictionary<int, long> counts, int key, long delta)
    {
        var updated = counts.GetValueOrDefault(key) + delta;
        if (updated == 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = updated;
        }
    }
}

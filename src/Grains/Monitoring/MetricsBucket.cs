using ModelOps.Grains.Labels;
using Orleans;

namespace ModelOps.Grains.Monitoring;

/// <summary>The mergeable summary of one second of a model's traffic.</summary>
[GenerateSerializer, Alias("ModelOps.MetricsBucket")]
public sealed class MetricsBucket
{
    /// <summary>The second (Unix time) this bucket summarises; <see cref="long.MinValue"/> when unused.</summary>
    [Id(0)] public long Second { get; private set; } = long.MinValue;
    [Id(1)] public long Count { get; private set; }
    [Id(2)] public long ErrorCount { get; private set; }
    [Id(3)] public long LabelCount { get; private set; }
    [Id(4)] public long CorrectCount { get; private set; }
    [Id(5)] public double LatencySum { get; private set; }
    [Id(6)] public double AbsoluteErrorSum { get; private set; }
    [Id(7)] public double SquaredErrorSum { get; private set; }
    [Id(8)] public long LateCount { get; private set; }
    [Id(9)] public QuantileSketch Latency { get; private set; } = new();

    /// <summary>The counts behind precision, recall, F1, ROC AUC, log loss, MAPE and R²; null until a label is recorded.</summary>
    [Id(10)] public LabelSummary? Labels { get; private set; }

    public void Reset(long second)
    {
        Second = second;
        Count = ErrorCount = LabelCount = CorrectCount = LateCount = 0;
        LatencySum = AbsoluteErrorSum = SquaredErrorSum = 0;
        Latency.Clear();
        Labels = null;
    }

    /// <summary>A bucket of the same second holding the same summary, which later records into the original leave alone.</summary>
    public static MetricsBucket CopyOf(MetricsBucket bucket)
    {
        var copy = new MetricsBucket();
        copy.Reset(bucket.Second);
        copy.Merge(bucket);
        return copy;
    }

    public void Record(in Observation observation)
    {
        Count++;
        LatencySum += observation.LatencyMs;
        Latency.Add(observation.LatencyMs);
        if (observation.Error)
        {
            ErrorCount++;
        }
        if (observation.Judgement is { } judgement)
        {
            ApplyLabel(judgement, 1);
            return;
        }
        switch (observation.Outcome)
        {
            case LabelOutcome.Correct:
                LabelCount++;
                CorrectCount++;
                break;
            case LabelOutcome.Incorrect:
                LabelCount++;
                break;
            case LabelOutcome.Residual:
                LabelCount++;
                AbsoluteErrorSum += Math.Abs(observation.Residual);
                SquaredErrorSum += observation.Residual * observation.Residual;
                break;
        }
    }

    public void RecordLate() => LateCount++;

    /// <summary>Adds (<paramref name="sign"/> = 1) or takes back (−1) the label of an event this bucket counts.</summary>
    public void ApplyLabel(in Judgement judgement, int sign)
    {
        LabelCount += sign;
        if (judgement.Classification)
        {
            CorrectCount += judgement.Correct ? sign : 0;
        }
        else
        {
            var residual = judgement.Prediction - judgement.Label;
            AbsoluteErrorSum += sign * Math.Abs(residual);
            SquaredErrorSum += sign * residual * residual;
        }
        (Labels ??= new LabelSummary()).Apply(judgement, sign);
    }

    /// <summary>A bucket holding only the label counts of this one, as a sealed minute keeps them for labels that arrive later.</summary>
    public MetricsBucket LabelsOnly()
    {
        var copy = new MetricsBucket();
        copy.Reset(Second);
        (copy.LabelCount, copy.CorrectCount, copy.AbsoluteErrorSum, copy.SquaredErrorSum) = (LabelCount, CorrectCount, AbsoluteErrorSum, SquaredErrorSum);
        copy.Labels = Labels is null ? null : LabelSummary.CopyOf(Labels);
        return copy;
    }

    public void Merge(MetricsBucket other)
    {
        Count += other.Count;
        ErrorCount += other.ErrorCount;
        LabelCount += other.LabelCount;
        CorrectCount += other.CorrectCount;
        LatencySum += other.LatencySum;
        AbsoluteErrorSum += other.AbsoluteErrorSum;
        SquaredErrorSum += other.SquaredErrorSum;
        LateCount += other.LateCount;
        Latency.Merge(other.Latency);
        if (other.Labels is not null)
        {
            (Labels ??= new LabelSummary()).Merge(other.Labels);
        }
    }
}

/// <summary>How an event's label compares with its prediction.</summary>
public enum LabelOutcome : byte
{
    Unlabelled,
    Correct,
    Incorrect,

    /// <summary>A regression label: <see cref="Observation.Residual"/> holds prediction − label.</summary>
    Residual,
}

/// <summary>What the window needs to know of one event.</summary>
/// <remarks>An event labelled on arrival carries its <see cref="Judgement"/>, which then stands for <see cref="Outcome"/> and <see cref="Residual"/>.</remarks>
public readonly record struct Observation(long Second, double LatencyMs, bool Error, LabelOutcome Outcome, double Residual = 0, Judgement? Judgement = null);

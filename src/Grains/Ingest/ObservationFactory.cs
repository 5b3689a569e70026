using ModelOps.Contracts;
using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Ingest;

/// <summary>Reduces a validated event to what the metrics window keeps of it.</summary>
public static class ObservationFactory
{
    public static Observation From(InferenceEvent e, ModelTask task, long arrivalSecond) => new(
        e.Timestamp?.ToUnixTimeSeconds() ?? arrivalSecond,
        e.LatencyMs!.Value,
        e.Error,
        Outcome(e, task),
        task == ModelTask.Regression && e.Label is { Kind: ScalarKind.Number } label ? e.Prediction!.Value.Number - label.Number : 0);

    private static LabelOutcome Outcome(InferenceEvent e, ModelTask task)
    {
        if (e.Label is not { Kind: not ScalarKind.Missing } label)
        {
            return LabelOutcome.Unlabelled;
        }
        if (task == ModelTask.Regression)
        {
            return LabelOutcome.Residual;
        }
        return SameClass(e.Prediction!.Value, label) ? LabelOutcome.Correct : LabelOutcome.Incorrect;
    }

    /// <summary>Classes compare by value; a class sent as 1 by one producer and "1" by another is the same class.</summary>
    private static bool SameClass(ScalarValue prediction, ScalarValue label) => (prediction.Kind, label.Kind) switch
    {
        (ScalarKind.Text, ScalarKind.Text) => string.Equals(prediction.Text, label.Text, StringComparison.Ordinal),
        (ScalarKind.Number, ScalarKind.Number) => prediction.Number.Equals(label.Number),
        _ => string.Equals(prediction.ToString(), label.ToString(), StringComparison.Ordinal),
    };
}

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
        return e.Prediction!.Value.IsSameClassAs(label) ? LabelOutcome.Correct : LabelOutcome.Incorrect;
    }
}

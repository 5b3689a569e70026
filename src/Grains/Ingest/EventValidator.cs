using ModelOps.Contracts;

namespace ModelOps.Grains.Ingest;

/// <summary>Checks a batch before any of it is applied; the first problem names the item and the field.</summary>
public static class EventValidator
{
    public const double MaxLatencyMs = 86_400_000;
    public const int MaxIdLength = 256;
    public const int MaxFeatures = 1_000;
    public const int MaxFeatureNameLength = DefinitionLimits.MaxFeatureNameLength;
    public const int MaxTextLength = 1_024;
    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromHours(1);

    /// <exception cref="InvalidRequestException">The first invalid field of the batch.</exception>
    public static void Validate(IReadOnlyList<InferenceEvent> events, ModelTask task, DateTimeOffset now)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is null)
            {
                throw new InvalidRequestException($"events[{i}]", "expected an event object, got null");
            }
            var problem = Check(events[i], task, now);
            if (problem is { } found)
            {
                throw new InvalidRequestException($"events[{i}].{found.Field}", found.Message);
            }
        }
    }

    /// <summary>
    /// An event with a label and neither latency nor prediction is the delayed label of an earlier event with its id
    /// (as <c>POST …/labels</c> takes them), not an inference.
    /// </summary>
    public static bool IsLabelOnly(InferenceEvent e) =>
        e.LatencyMs is null && e.Prediction is not { Kind: not ScalarKind.Missing } && e.Label is { Kind: not ScalarKind.Missing };

    private static (string Field, string Message)? Check(InferenceEvent e, ModelTask task, DateTimeOffset now)
    {
        if (IsLabelOnly(e))
        {
            return LabelValidator.Check(e.Id, e.Label, e.Timestamp, task, now, "an event with only a label is the delayed label of the event with this id");
        }
        if (e.LatencyMs is not { } latency)
        {
            return ("latencyMs", "required: the model's latency in milliseconds (an event that carries only an id and a label is a delayed label)");
        }
        if (!double.IsFinite(latency) || latency < 0 || latency > MaxLatencyMs)
        {
            return ("latencyMs", $"expected a number between 0 and {MaxLatencyMs:0} (one day in milliseconds)");
        }
        if (e.Prediction is not { Kind: not ScalarKind.Missing } prediction)
        {
            return ("prediction", "required: the class (string) or value (number) the model predicted");
        }
        if (ScalarProblem(prediction, task) is { } predictionProblem)
        {
            return ("prediction", predictionProblem);
        }
        if (e.Label is { Kind: not ScalarKind.Missing } label && ScalarProblem(label, task) is { } labelProblem)
        {
            return ("label", labelProblem);
        }
        if (e.Score is { } score && !double.IsFinite(score))
        {
            return ("score", "expected a finite number");
        }
        if (e.Id is { Length: > MaxIdLength })
        {
            return ("id", $"at most {MaxIdLength} characters");
        }
        if (e.Timestamp is { } timestamp && timestamp - now > MaxClockSkew)
        {
            return ("timestamp", $"{timestamp:O} is more than {MaxClockSkew.TotalMinutes:0} minutes in the future; check the producer's clock");
        }
        return e.Features is { } features ? FeatureProblem(features) : null;
    }

    internal static string? ScalarProblem(ScalarValue value, ModelTask task) => value.Kind switch
    {
        ScalarKind.Text when task == ModelTask.Regression => "expected a number: this is a regression model",
        ScalarKind.Text when value.Text!.Length > MaxTextLength => $"at most {MaxTextLength} characters",
        ScalarKind.Number when !double.IsFinite(value.Number) => "expected a finite number",
        _ => null,
    };

    private static (string Field, string Message)? FeatureProblem(IReadOnlyDictionary<string, ScalarValue> features)
    {
        if (features.Count > MaxFeatures)
        {
            return ("features", $"at most {MaxFeatures} features per event");
        }
        foreach (var (name, value) in features)
        {
            if (name.Length is 0 or > MaxFeatureNameLength)
            {
                return ("features", $"feature names are 1–{MaxFeatureNameLength} characters");
            }
            if (value.Kind == ScalarKind.Number && !double.IsFinite(value.Number))
            {
                return ($"features.{name}", "expected a finite number");
            }
            if (value.Kind == ScalarKind.Text && value.Text!.Length > MaxTextLength)
            {
                return ($"features.{name}", $"at most {MaxTextLength} characters");
            }
        }
        return null;
    }
}

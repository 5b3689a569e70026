using ModelOps.Contracts;

namespace ModelOps.Grains.Ingest;

/// <summary>Checks a batch of delayed labels before any of it is applied; the first problem names the item and the field.</summary>
public static class LabelValidator
{
    /// <summary>Labels accepted in one request.</summary>
    public const int MaxLabelsPerRequest = 10_000;

    /// <exception cref="InvalidRequestException">The first invalid field of the batch.</exception>
    public static void Validate(IReadOnlyList<DelayedLabel> labels, ModelTask task, DateTimeOffset now)
    {
        for (var i = 0; i < labels.Count; i++)
        {
            if (labels[i] is not { } label)
            {
                throw new InvalidRequestException($"labels[{i}]", "expected a label object, got null");
            }
            if (Check(label.Id, label.Label, label.Timestamp, task, now, "the id of the event this label is for") is { } found)
            {
                throw new InvalidRequestException($"labels[{i}].{found.Field}", found.Message);
            }
        }
    }

    /// <summary>The first problem of one label: its event's id, its class or value, its timestamp.</summary>
    internal static (string Field, string Message)? Check(string? id, ScalarValue? label, DateTimeOffset? timestamp, ModelTask task, DateTimeOffset now, string idMeaning)
    {
        if (id is not { Length: > 0 and <= EventValidator.MaxIdLength })
        {
            return ("id", $"required, 1–{EventValidator.MaxIdLength} characters: {idMeaning}");
        }
        if (label is not { Kind: not ScalarKind.Missing } value)
        {
            return ("label", "required: the true class (string) or value (number)");
        }
        if (EventValidator.ScalarProblem(value, task) is { } problem)
        {
            return ("label", problem);
        }
        if (timestamp is { } at && at - now > EventValidator.MaxClockSkew)
        {
            return ("timestamp", $"{at:O} is more than {EventValidator.MaxClockSkew.TotalMinutes:0} minutes in the future; check the producer's clock");
        }
        return null;
    }
}

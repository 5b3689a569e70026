using System.Globalization;
using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>Whether a prediction matched its label; <see cref="Unjudged"/> without a label, and for regression models.</summary>
public enum LogOutcome
{
    Unjudged,
    Correct,
    Incorrect,
}

/// <summary>One line of the inference log, formatted: a missing value is "—". <paramref name="Event"/> is what it shows, and its identity on the page.</summary>
public sealed record LogRow(
    InferenceEvent Event,
    string Time,
    string Id,
    string Prediction,
    string Label,
    LogOutcome Outcome,
    double? LatencyMs,
    string Latency,
    bool Error,
    string FeaturesPreview,
    string Features)
{
    /// <summary>Features named in the preview; the rest are in <see cref="Features"/>.</summary>
    public const int PreviewFeatureCount = 3;

    /// <summary>The outcome in words with a mark, so it does not rest on colour: "✓ correct", "✗ incorrect", or nothing.</summary>
    public string OutcomeText => Outcome switch
    {
        LogOutcome.Correct => "✓ correct",
        LogOutcome.Incorrect => "✗ incorrect",
        _ => "",
    };

    public static LogRow For(InferenceEvent e, ModelTask task, TimeZoneInfo zone)
    {
        var features = (e.Features ?? new Dictionary<string, ScalarValue>()).Select(pair => $"{pair.Key}={Text(pair.Value)}").ToList();
        var preview = string.Join(", ", features.Take(PreviewFeatureCount));
        return new LogRow(
            e,
            TimeFormat.TimeOfDay(e.Timestamp, zone),
            e.Id ?? KpiFormat.Missing,
            Text(e.Prediction),
            Text(e.Label),
            OutcomeOf(e, task),
            e.LatencyMs,
            KpiFormat.Milliseconds(e.LatencyMs),
            e.Error,
            features.Count > PreviewFeatureCount ? preview + ", …" : preview,
            string.Join(", ", features));
    }

    /// <summary>A prediction, label or feature value: numbers to six significant digits, "—" when missing.</summary>
    private static string Text(ScalarValue? value) => value switch
    {
        { Kind: ScalarKind.Number } number => number.Number.ToString("G6", CultureInfo.InvariantCulture),
        { Kind: ScalarKind.Text } text => text.Text!,
        _ => KpiFormat.Missing,
    };

    private static LogOutcome OutcomeOf(InferenceEvent e, ModelTask task) =>
        task == ModelTask.Classification && e.Prediction is { Kind: not ScalarKind.Missing } prediction && e.Label is { Kind: not ScalarKind.Missing } label
            ? prediction.IsSameClassAs(label) ? LogOutcome.Correct : LogOutcome.Incorrect
            : LogOutcome.Unjudged;
}

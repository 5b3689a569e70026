using Microsoft.Extensions.Time.Testing;
using ModelOps.Contracts;
using ModelOps.Grains.Labels;
using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Tests.Labels;

/// <summary>
/// The model's label path as its grain runs it (window, minute history, join store), driven by a fake clock through a
/// day: what the grain's ingest and label calls do, without the silo.
/// </summary>
public sealed class DelayedLabelTests
{
    /// <summary>10:00:00 UTC, the start of a minute.</summary>
    private static readonly DateTimeOffset Today = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider clock = new(Today);
    private readonly MetricsWindow window = new(TimeSpan.FromMinutes(5));
    private readonly MinuteHistory history = new(minutes: 24 * 60);
    private readonly LabelJoin join = new(new LabelJoinState(), new LabelJoinStore(maxEntries: 1_000));

    private long Now => clock.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public void A_model_gets_predictions_today_and_labels_tomorrow_and_its_accuracy_for_today_is_exact()
    {
        // Minute 10:00: 4 predictions of "fraud"; minute 10:01: 4 of "legit"; no labels yet.
        for (var i = 0; i < 8; i++)
        {
            Ingest(new InferenceEvent { Id = $"req-{i}", LatencyMs = 5, Prediction = i < 4 ? "fraud" : "legit", Score = i < 4 ? 0.9 : 0.2 }, Today.AddSeconds(i < 4 ? 10 + i : 70 + i));
        }
        clock.SetUtcNow(Today.AddMinutes(3));
        history.Advance(window, Now, ModelTask.Classification);
        Assert.All(history.Points(Now - 600, Now, Now, ModelTask.Classification, Scoring), point => Assert.Null(point.Accuracy));

        // Tomorrow, 22 hours later, the truth: 3 of the first minute were fraud, 2 of the second were legit.
        clock.SetUtcNow(Today.AddHours(22));
        history.Advance(window, Now, ModelTask.Classification);
        string[] truth = ["fraud", "fraud", "fraud", "legit", "legit", "legit", "fraud", "fraud"];
        var outcomes = truth.Select((label, i) => Label($"req-{i}", label)).ToArray();

        var points = history.Points(Today.ToUnixTimeSeconds(), Today.AddMinutes(1).ToUnixTimeSeconds(), Now, ModelTask.Classification, Scoring);
        Assert.All(outcomes, outcome => Assert.Equal(JoinOutcome.Matched, outcome));
        Assert.Equal([Today, Today.AddMinutes(1)], points.Select(point => point.Timestamp));
        Assert.Equal([4L, 4L], points.Select(point => point.Count));
        Assert.Equal([0.75, 0.5], points.Select(point => point.Accuracy));
        // Minute 10:00 is fraud-only in prediction: precision 3/4, recall 3/3 of the positive class "fraud".
        Assert.Equal(0.75, points[0].Precision);
        Assert.Equal(1.0, points[0].Recall);
        Assert.Equal(2 * 0.75 / 1.75, points[0].F1);
        Assert.Equal(0.0, points[1].Precision);
        var stats = join.Stats();
        Assert.Equal(new LabelJoinStats(8, 0, 0, 0, 8, stats.MedianDelaySeconds), stats);
        Assert.InRange(stats.MedianDelaySeconds!.Value, 22 * 3600 * 0.99, 22 * 3600 * 1.01);
    }

    [Fact]
    public void A_label_within_the_window_counts_in_the_second_of_its_event_and_a_second_label_replaces_it()
    {
        Ingest(new InferenceEvent { Id = "a", LatencyMs = 5, Prediction = "fraud" }, Today.AddSeconds(1));
        Ingest(new InferenceEvent { Id = "b", LatencyMs = 5, Prediction = "fraud" }, Today.AddSeconds(2));
        clock.SetUtcNow(Today.AddSeconds(30));

        var first = Label("a", "legit");
        var again = Label("a", "fraud");
        var unknown = Label("zzz", "fraud");

        Assert.Equal((JoinOutcome.Matched, JoinOutcome.Replaced, JoinOutcome.Unmatched), (first, again, unknown));
        var seconds = window.History(Now, ModelTask.Classification, Today.ToUnixTimeSeconds(), Now, Scoring);
        var labelled = Assert.Single(seconds, point => point.Accuracy is not null);
        Assert.Equal(Today.AddSeconds(1), labelled.Timestamp);
        Assert.Equal(1.0, labelled.Accuracy);
        var metrics = window.Snapshot(Now, ModelTask.Classification, scoring: Scoring);
        Assert.Equal(1, metrics.LabelCount);
        Assert.Equal(1.0, metrics.Accuracy);
        Assert.Equal(new LabelJoinStats(1, 1, 1, 1, 2, 29), join.Stats() with { MedianDelaySeconds = Math.Round(join.Stats().MedianDelaySeconds!.Value) });
    }

    [Fact]
    public void An_event_that_fell_out_of_the_retention_is_unmatched()
    {
        Ingest(new InferenceEvent { Id = "old", LatencyMs = 5, Prediction = "fraud" }, Today);
        clock.SetUtcNow(Today.AddDays(8));

        join.Expire((clock.GetUtcNow() - TimeSpan.FromDays(7)).ToUnixTimeSeconds());

        Assert.Equal(JoinOutcome.Unmatched, Label("old", "fraud"));
        Assert.Equal(new LabelJoinStats(0, 1, 0, 0, 0, null), join.Stats());
    }

    private Scoring Scoring => new(join.Classes, join.Classes.IndexOf("fraud"));

    /// <summary>What the grain's ingest does with one event arriving at <paramref name="at"/>.</summary>
    private void Ingest(InferenceEvent e, DateTimeOffset at)
    {
        clock.SetUtcNow(at);
        var observation = new Observation(Now, e.LatencyMs!.Value, false, LabelOutcome.Unlabelled, Judgement: join.Judge(e, ModelTask.Classification, "fraud"));
        Assert.True(window.Record(observation, Now));
        join.Remember(e, Now, ModelTask.Classification);
    }

    /// <summary>What the grain's label call does with one label.</summary>
    private JoinOutcome Label(string id, string label)
    {
        var joined = join.Join(id, label, Now, ModelTask.Classification, "fraud");
        if (joined.Outcome == JoinOutcome.Replaced)
        {
            window.ApplyLabel(joined.Second, joined.Previous, -1);
            history.ApplyLabel(joined.Second, joined.Previous, -1, ModelTask.Classification);
        }
        if (joined.Outcome != JoinOutcome.Unmatched)
        {
            window.ApplyLabel(joined.Second, joined.Label, 1);
            history.ApplyLabel(joined.Second, joined.Label, 1, ModelTask.Classification);
        }
        return joined.Outcome;
    }
}

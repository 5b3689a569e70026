using System.Net;
using System.Net.Http.Json;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests;

public sealed class LabelsApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ModelOpsClient client = fixture.Server.Client;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Delayed_labels_join_their_events_by_id_and_the_metrics_read_them_exactly()
    {
        await client.PutModelAsync("joined", TestData.Classifier() with { PositiveClass = "fraud" }, cancel);
        var now = DateTimeOffset.UtcNow;
        InferenceEvent[] events =
        [
            new() { Id = "r1", LatencyMs = 5, Prediction = "fraud", Score = 0.9, Timestamp = now },
            new() { Id = "r2", LatencyMs = 5, Prediction = "fraud", Score = 0.8, Timestamp = now },
            new() { Id = "r3", LatencyMs = 5, Prediction = "legit", Score = 0.3, Timestamp = now },
            new() { Id = "r4", LatencyMs = 5, Prediction = "legit", Score = 0.1, Timestamp = now },
        ];
        await client.PostEventsAsync("joined", events, cancel);

        var first = await client.PostLabelsAsync("joined",
        [
            new() { Id = "r1", Label = "fraud" }, new() { Id = "r2", Label = "legit" }, new() { Id = "r3", Label = "fraud" },
            new() { Id = "r4", Label = "fraud" }, new() { Id = "never-sent", Label = "fraud" },
        ], cancel);
        var replaced = await client.PostLabelsAsync("joined", [new() { Id = "r4", Label = "legit" }], cancel);
        var metrics = await client.GetMetricsAsync("joined", cancel);

        Assert.Equal(new LabelResult(4, 1, 0), first);
        Assert.Equal(new LabelResult(0, 0, 1), replaced);
        Assert.Equal(4, metrics.Count);
        Assert.Equal(4, metrics.LabelCount);
        Assert.Equal(0.5, metrics.Accuracy);
        // fraud: predicted r1, r2; labelled r1, r3 → precision 1/2, recall 1/2.
        Assert.Equal((0.5, 0.5, 0.5), (metrics.Precision, metrics.Recall, metrics.F1));
        // Positives (fraud) scored 0.9 and 0.3, negatives 0.8 and 0.1: 3 of 4 pairs ranked right.
        Assert.Equal(0.75, metrics.RocAuc);
        Assert.NotNull(metrics.Classes);
        Assert.Equal(["fraud", "legit"], metrics.Classes.Labels);
        Assert.Equal([[1L, 1L], [1L, 1L]], metrics.Classes.Confusion.Select(row => row.ToArray()).ToArray());
        Assert.Equal("fraud", metrics.Classes.PositiveClass);
        Assert.NotNull(metrics.LabelJoin);
        Assert.Equal((4L, 1L, 1L, 0L, 4L), (metrics.LabelJoin.Matched, metrics.LabelJoin.Unmatched, metrics.LabelJoin.Duplicate, metrics.LabelJoin.Pending, metrics.LabelJoin.Held));
        Assert.Equal("fraud", (await client.GetModelAsync("joined", cancel))!.PositiveClass);
    }

    [Fact]
    public async Task An_event_sent_again_is_counted_once_and_reported_as_a_duplicate_and_a_label_only_event_joins_its_event()
    {
        await client.PutModelAsync("repeated", TestData.Classifier(), cancel);
        InferenceEvent once = new() { Id = "r1", LatencyMs = 5, Prediction = "fraud" };

        var first = await client.PostEventsAsync("repeated", [once, once with { Id = "r2" }], cancel);
        var again = await client.PostEventsAsync("repeated", [once, new() { Id = "r2", Label = "fraud" }, new() { Id = "gone", Label = "fraud" }], cancel);
        var metrics = await client.GetMetricsAsync("repeated", cancel);

        Assert.Equal(new IngestResult(2, 0), first);
        Assert.Equal(new IngestResult(3, 0, 0, Duplicate: 2, UnmatchedLabels: 1), again);
        Assert.Equal(2, metrics.Count);
        Assert.Equal(1, metrics.LabelCount);
        Assert.Equal(1.0, metrics.Accuracy);
    }

    [Fact]
    public async Task A_batch_with_one_invalid_label_is_refused_by_its_index_and_field_and_joins_nothing()
    {
        await client.PutModelAsync("refused-labels", TestData.Classifier(), cancel);
        await client.PostEventsAsync("refused-labels", [new() { Id = "r1", LatencyMs = 5, Prediction = "fraud" }], cancel);

        using var response = await fixture.Server.Http.PostAsJsonAsync("/api/v1/models/refused-labels/labels",
            new { labels = new object[] { new { id = "r1", label = "fraud" }, new { label = "fraud" } } }, cancel);
        var text = await response.Content.ReadAsStringAsync(cancel);
        var metrics = await client.GetMetricsAsync("refused-labels", cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("labels[1].id: required, 1–256 characters: the id of the event this label is for", text, StringComparison.Ordinal);
        Assert.Equal(0, metrics.LabelCount);
    }

    [Fact]
    public async Task More_than_ten_thousand_labels_are_refused_as_too_large()
    {
        await client.PutModelAsync("many-labels", TestData.Classifier(), cancel);
        var labels = Enumerable.Range(0, 10_001).Select(i => new DelayedLabel { Id = $"r{i}", Label = "a" }).ToArray();

        var problem = await Assert.ThrowsAsync<ModelOpsApiException>(() => client.PostLabelsAsync("many-labels", labels, cancel));

        Assert.Equal(413, problem.StatusCode);
        Assert.Equal("The batch holds 10001 labels; at most 10000 are accepted per request. Split it into smaller batches.", problem.Message);
    }
}

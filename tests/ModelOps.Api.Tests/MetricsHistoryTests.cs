using System.Net;
using System.Net.Http.Json;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests;

public sealed class MetricsHistoryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ModelOpsClient client = fixture.Server.Client;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Per_second_points_hold_exactly_the_events_of_their_second_and_seconds_between_are_empty()
    {
        await client.PutModelAsync("per-second", TestData.Classifier(), cancel);
        var now = DateTimeOffset.UtcNow;
        var first = now.AddSeconds(-3).ToUnixTimeSeconds();
        await client.PostEventsAsync("per-second", [.. Events(4, latencyMs: 10, now.AddSeconds(-3)), .. Events(6, latencyMs: 30, now)], cancel);

        var history = await client.GetHistoryAsync("per-second", step: HistorySteps.Second, cancellationToken: cancel);
        var bySecond = history.Points.ToDictionary(p => p.Timestamp.ToUnixTimeSeconds());

        Assert.Equal(HistorySteps.Second, history.Step);
        Assert.Equal(first, history.Points[0].Timestamp.ToUnixTimeSeconds());
        Assert.Equal([4L, 0, 0, 6], Enumerable.Range(0, 4).Select(i => bySecond[first + i].Count));
        Assert.Equal([4.0, 0, 0, 6], Enumerable.Range(0, 4).Select(i => bySecond[first + i].ThroughputPerSec));
        Assert.Equal([0.5, null, null, 0.5], Enumerable.Range(0, 4).Select(i => bySecond[first + i].Accuracy));
        Assert.InRange(bySecond[first].LatencyP50!.Value, 9.9, 10.1);
        Assert.Null(bySecond[first + 1].LatencyP50);
        Assert.InRange(bySecond[first + 3].LatencyP99!.Value, 29.7, 30.3);
        Assert.Equal(10, history.Points.Sum(p => p.Count));
    }

    [Fact]
    public async Task Per_minute_points_hold_exactly_the_events_of_their_minute()
    {
        await client.PutModelAsync("per-minute", TestData.Classifier(), cancel);
        var minute = StartOfMinute(DateTimeOffset.UtcNow);
        await client.PostEventsAsync("per-minute",
            [.. Events(4, latencyMs: 10, minute.AddMinutes(-2).AddSeconds(5)), .. Events(6, latencyMs: 20, minute.AddMinutes(-1).AddSeconds(50))], cancel);

        var history = await client.GetHistoryAsync("per-minute", minute.AddMinutes(-10), minute.AddSeconds(-1), HistorySteps.Minute, cancel);

        Assert.Equal((minute.AddMinutes(-10), minute.AddSeconds(-1), HistorySteps.Minute), (history.From, history.To, history.Step));
        Assert.Equal([minute.AddMinutes(-2), minute.AddMinutes(-1)], history.Points.Select(p => p.Timestamp));
        Assert.Equal([4L, 6], history.Points.Select(p => p.Count));
        Assert.Equal([4 / 60.0, 6 / 60.0], history.Points.Select(p => p.ThroughputPerSec));
        Assert.Equal([0.5, 0.5], history.Points.Select(p => p.Accuracy));
        Assert.Equal([0.0, 0.0], history.Points.Select(p => p.ErrorRate));
        Assert.InRange(history.Points[1].LatencyP95!.Value, 19.8, 20.2);
    }

    [Fact]
    public async Task Without_parameters_the_history_is_the_last_window_per_second_and_a_longer_range_is_per_minute()
    {
        await client.PutModelAsync("defaults", TestData.Classifier(), cancel);
        await client.PostEventsAsync("defaults", Events(3, latencyMs: 10, timestamp: null), cancel);

        var window = await client.GetHistoryAsync("defaults", cancellationToken: cancel);
        var hour = await client.GetHistoryAsync("defaults", from: DateTimeOffset.UtcNow.AddHours(-1), cancellationToken: cancel);

        Assert.Equal((HistorySteps.Second, TimeSpan.FromMinutes(5)), (window.Step, window.To - window.From));
        Assert.Equal(3, window.Points.Sum(p => p.Count));
        Assert.Equal(HistorySteps.Minute, hour.Step);
    }

    [Theory]
    [InlineData("from=2026-11-29T15:00:00Z&to=2026-11-29T14:00:00Z", "from")]
    [InlineData("from=2026-11-29T15:00:00Z&to=2026-11-29T15:00:00Z", "from")]
    [InlineData("from=2026-11-28T14:59:59Z&to=2026-11-29T15:00:00Z", "from")]
    [InlineData("step=5m", "step")]
    [InlineData("step=fast", "step")]
    public async Task An_invalid_range_or_step_is_a_400_naming_the_field(string query, string field)
    {
        await client.PutModelAsync("invalid-range", TestData.Classifier(), cancel);

        using var response = await fixture.Server.Http.GetAsync($"/api/v1/models/invalid-range/metrics/history?{query}", cancel);
        var problem = await response.Content.ReadFromJsonAsync<ApiProblem>(ModelOpsJsonContext.Default.ApiProblem, cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([field], problem!.Errors!.Keys);
        Assert.StartsWith($"{field}: ", problem.Detail);
    }

    [Fact]
    public async Task The_history_of_an_unknown_model_is_a_404()
    {
        var error = await Assert.ThrowsAsync<ModelOpsApiException>(() => client.GetHistoryAsync("no-such-model", cancellationToken: cancel));

        Assert.Equal(404, error.StatusCode);
    }

    /// <summary><paramref name="count"/> events of one latency: the odd ones labelled correctly, the even ones wrongly.</summary>
    private static InferenceEvent[] Events(int count, double latencyMs, DateTimeOffset? timestamp) =>
        [.. Enumerable.Range(1, count).Select(i => new InferenceEvent
        {
            // An id sent twice is one event: each call's ids are its own.
            Id = $"req-{latencyMs}-{timestamp?.ToUnixTimeSeconds()}-{i}",
            Timestamp = timestamp,
            LatencyMs = latencyMs,
            Prediction = "fraud",
            Label = i % 2 == 1 ? "fraud" : "legit",
        })];

    private static DateTimeOffset StartOfMinute(DateTimeOffset time) => time.AddTicks(-(time.Ticks % TimeSpan.TicksPerMinute));
}

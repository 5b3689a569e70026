using ModelOps.Contracts;

namespace ModelOps.Grains.Tests.Contracts;

public sealed class ModelUpdatesTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void New_points_replace_the_held_point_of_their_second_and_extend_the_history()
    {
        var held = Points((0, 1), (1, 1), (2, 1));

        var merged = ModelUpdates.Merge(held, Points((2, 5), (3, 2)), TimeSpan.FromMinutes(5));

        Assert.Equal([(0L, 1L), (1L, 1L), (2L, 5L), (3L, 2L)], merged.Select(p => ((long)(p.Timestamp - Start).TotalSeconds, p.Count)));
    }

    [Fact]
    public void Points_older_than_one_window_before_the_newest_are_dropped()
    {
        var merged = ModelUpdates.Merge(Points((0, 1), (1, 1), (2, 1)), Points((11, 1)), TimeSpan.FromSeconds(10));

        Assert.Equal([2L, 11L], merged.Select(p => (long)(p.Timestamp - Start).TotalSeconds));
    }

    [Fact]
    public void An_update_without_points_keeps_the_history_held()
    {
        var held = Points((0, 1), (1, 1));

        Assert.Same(held, ModelUpdates.Merge(held, [], TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void A_model_update_takes_the_updates_fields_and_the_merged_history()
    {
        var held = Model(7, Points((0, 1), (1, 1)));
        var update = Model(9, Points((1, 3), (2, 4))) with { Name = "Renamed" };

        var merged = ModelUpdates.Merge(held, update);

        Assert.Equal("Renamed", merged.Name);
        Assert.Equal(9, merged.Metrics.Count);
        Assert.Equal([1L, 3L, 4L], merged.History.Select(p => p.Count));
    }

    private static ModelView Model(long count, IReadOnlyList<HistoryPoint> history) => new()
    {
        Id = "m", Name = "Model", Version = "1",
        Metrics = new MetricsSnapshot { Window = TimeSpan.FromMinutes(5), Count = count, Latency = new LatencyStats(null, null, null, null) },
        History = history,
    };

    private static HistoryPoint[] Points(params (int Second, long Count)[] points) =>
        [.. points.Select(p => new HistoryPoint { Timestamp = Start.AddSeconds(p.Second), Count = p.Count })];
}

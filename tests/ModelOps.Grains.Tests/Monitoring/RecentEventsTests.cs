using ModelOps.Contracts;
using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Tests.Monitoring;

public sealed class RecentEventsTests
{
    private readonly RecentEvents recent = new(capacity: 3);

    [Fact]
    public void The_newest_events_up_to_the_capacity_are_kept_newest_first()
    {
        AddNumbered(1, 5);

        Assert.Equal(["e5", "e4", "e3"], Ids(recent.Latest(10)));
        Assert.Equal(["e5", "e4"], Ids(recent.Latest(2)));
        Assert.Empty(recent.Latest(0));
    }

    [Fact]
    public void Fewer_events_than_the_capacity_are_all_kept()
    {
        AddNumbered(1, 2);

        Assert.Equal(["e2", "e1"], Ids(recent.Latest(10)));
    }

    [Fact]
    public void Nothing_is_recent_before_the_first_event()
    {
        Assert.Empty(recent.Latest(10));
        Assert.Empty(recent.TakeNew(10));
    }

    [Fact]
    public void TakeNew_returns_only_the_events_added_since_the_previous_take()
    {
        AddNumbered(1, 2);
        Assert.Equal(["e2", "e1"], Ids(recent.TakeNew(10)));

        AddNumbered(3, 3);

        Assert.Equal(["e3"], Ids(recent.TakeNew(10)));
        Assert.Empty(recent.TakeNew(10));
        Assert.Equal(["e3", "e2", "e1"], Ids(recent.Latest(10)));
    }

    [Fact]
    public void TakeNew_gives_the_newest_up_to_the_limit_and_skips_the_older_ones()
    {
        AddNumbered(1, 3);

        Assert.Equal(["e3", "e2"], Ids(recent.TakeNew(2)));
        Assert.Empty(recent.TakeNew(2));
    }

    [Fact]
    public void TakeNew_gives_no_more_than_the_capacity_when_more_arrived()
    {
        AddNumbered(1, 7);

        Assert.Equal(["e7", "e6", "e5"], Ids(recent.TakeNew(10)));
    }

    private void AddNumbered(int first, int last)
    {
        for (var i = first; i <= last; i++)
        {
            recent.Add(new InferenceEvent { Id = $"e{i}", LatencyMs = i, Prediction = "yes" });
        }
    }

    private static IEnumerable<string?> Ids(IEnumerable<InferenceEvent> events) => events.Select(e => e.Id);
}

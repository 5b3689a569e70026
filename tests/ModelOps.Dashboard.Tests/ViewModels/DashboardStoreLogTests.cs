using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Tests.ViewModels;

public sealed class DashboardStoreLogTests
{
    private readonly DashboardStore store = new();
    private readonly List<DashboardChange> changes = [];

    public DashboardStoreLogTests()
    {
        store.Apply(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));
        store.Changed += changes.Add;
    }

    [Fact]
    public void The_log_keeps_the_newest_200_events_newest_first()
    {
        for (var n = 1; n <= 250; n++)
        {
            store.Apply(TestEvents.Log(n));
        }

        Assert.Equal(200, store.Logs.Count);
        Assert.Equal("req-250", store.Logs[0].Id);
        Assert.Equal("req-51", store.Logs[^1].Id);
        Assert.Equal(250, store.LogsReceived);
    }

    [Fact]
    public void A_late_line_of_the_model_active_before_a_switch_is_not_shown_as_the_new_ones()
    {
        store.Apply(new NewLogMessage(TestEvents.Log(1).Event, "fraud"));
        store.Apply(new ActiveModelChangedMessage("churn"));
        changes.Clear();

        store.Apply(new NewLogMessage(TestEvents.Log(2).Event, "fraud"));
        store.Apply(new NewLogMessage(TestEvents.Log(3).Event, "churn"));

        Assert.Equal(["req-3"], store.Logs.Select(e => e.Id));
        Assert.Equal([DashboardChange.Logs], changes);
    }

    [Fact]
    public void Each_new_event_reports_a_log_change_and_nothing_else()
    {
        store.Apply(TestEvents.Log(1));
        store.Apply(TestEvents.Log(2));

        Assert.Equal([DashboardChange.Logs, DashboardChange.Logs], changes);
    }

    [Fact]
    public void A_snapshot_kept_by_a_component_does_not_move_with_the_log()
    {
        store.Apply(TestEvents.Log(1));
        var kept = store.Logs;

        store.Apply(TestEvents.Log(2));

        Assert.Equal(["req-1"], kept.Select(e => e.Id));
        Assert.Equal(["req-2", "req-1"], store.Logs.Select(e => e.Id));
    }

    [Fact]
    public void Another_active_model_empties_the_log_and_restarts_the_count()
    {
        store.Apply(TestEvents.Log(1));
        store.Apply(TestEvents.Log(2));
        changes.Clear();

        store.Apply(new ActiveModelChangedMessage("churn"));

        Assert.Empty(store.Logs);
        Assert.Equal(0, store.LogsReceived);
        Assert.Equal([DashboardChange.ActiveModelSelected | DashboardChange.Logs], changes);
    }

    [Fact]
    public void A_resync_from_initial_state_empties_the_log_since_events_missed_meanwhile_are_not_replayed()
    {
        store.Apply(TestEvents.Log(1));

        store.Apply(TestModels.InitialState("fraud", TestModels.Classifier()));

        Assert.Empty(store.Logs);
        Assert.Equal(0, store.LogsReceived);
        Assert.True(changes[^1].HasFlag(DashboardChange.Logs));
    }

    [Fact]
    public void Fetched_events_merge_with_streamed_ones_in_time_order_each_once()
    {
        store.Apply(TestEvents.Log(3));
        store.Apply(TestEvents.Log(5));

        store.MergeLogs("fraud", [TestEvents.Event(4), TestEvents.Event(3), TestEvents.Event(2), TestEvents.Event(1)]);
        store.Apply(TestEvents.Log(4));

        Assert.Equal(["req-5", "req-4", "req-3", "req-2", "req-1"], store.Logs.Select(e => e.Id));
        Assert.Equal(2, store.LogsReceived);
        Assert.Equal([DashboardChange.Logs, DashboardChange.Logs, DashboardChange.Logs], changes);
    }

    [Fact]
    public void Fetched_events_fill_the_log_only_up_to_its_bound_keeping_the_newest()
    {
        store.Apply(TestEvents.Log(300));

        store.MergeLogs("fraud", [.. Enumerable.Range(1, 250).Reverse().Select(n => TestEvents.Event(n))]);

        Assert.Equal(200, store.Logs.Count);
        Assert.Equal(["req-300", "req-250"], store.Logs.Take(2).Select(e => e.Id));
        Assert.Equal("req-52", store.Logs[^1].Id);
    }

    [Fact]
    public void Events_fetched_for_a_model_that_is_no_longer_active_are_dropped()
    {
        store.Apply(new ActiveModelChangedMessage("churn"));
        changes.Clear();

        store.MergeLogs("fraud", [TestEvents.Event(1)]);

        Assert.Empty(store.Logs);
        Assert.Empty(changes);
    }
}

using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Tests.ViewModels;

public sealed class DashboardStoreAlertTests
{
    private readonly DashboardStore store = new();
    private readonly List<DashboardChange> changes = [];

    public DashboardStoreAlertTests()
    {
        store.Apply(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));
        store.Changed += changes.Add;
    }

    [Fact]
    public void Alerts_are_kept_by_id_newest_first_and_a_state_change_replaces_its_alert()
    {
        var pending = TestAlerts.Pending(startedAgo: TimeSpan.FromSeconds(30));
        store.Apply(new NewAlertMessage(TestAlerts.Firing(startedAgo: TimeSpan.FromMinutes(3))));
        store.Apply(new NewAlertMessage(pending));

        store.Apply(new NewAlertMessage(pending with { State = AlertState.Firing, FiredAt = TestModels.Now }));

        Assert.Equal(["churn-4", "fraud-1"], store.Alerts.Select(alert => alert.Id));
        Assert.Equal(AlertState.Firing, store.FindAlert("churn-4")?.State);
        Assert.Equal([DashboardChange.Alerts, DashboardChange.Alerts, DashboardChange.Alerts], changes);
    }

    [Fact]
    public void A_copy_from_earlier_in_the_lifecycle_never_replaces_a_later_one()
    {
        var firing = TestAlerts.Firing();
        var acknowledged = TestAlerts.Acknowledged(firing);
        var resolved = acknowledged with { State = AlertState.Resolved, ResolvedAt = TestModels.Now };
        store.Apply(new NewAlertMessage(resolved));
        changes.Clear();

        store.ApplyAlerts([firing]);
        store.Apply(new NewAlertMessage(acknowledged));

        Assert.Same(resolved, store.FindAlert("fraud-1"));
        Assert.Empty(changes);
    }

    [Fact]
    public void A_copy_at_the_same_point_of_the_lifecycle_replaces_the_held_one_so_a_refresh_brings_new_deliveries()
    {
        store.Apply(new NewAlertMessage(TestAlerts.Firing()));
        var refreshed = TestAlerts.Firing() with
        {
            Deliveries = [new DeliveryView { Id = "d-1", ChannelId = "ops-slack", Event = "firing", Status = DeliveryStatus.Delivered, Attempts = 1 }],
        };

        store.ApplyAlerts([refreshed]);

        Assert.Same(refreshed, store.FindAlert("fraud-1"));
    }

    [Fact]
    public void The_list_holds_200_alerts_dropping_the_oldest_resolved_and_never_an_open_one()
    {
        var open = Enumerable.Range(1, 10).Select(n => TestAlerts.Firing($"fraud-{n}", startedAgo: TimeSpan.FromDays(1)));
        var resolved = Enumerable.Range(100, 200).Select(n => TestAlerts.Resolved($"fraud-{n}", resolvedAgo: TimeSpan.FromSeconds(1000 - n)));

        store.ApplyAlerts([.. open, .. resolved]);

        Assert.Equal(200, store.Alerts.Count);
        Assert.Equal(10, store.Alerts.Count(alert => alert.State == AlertState.Firing));
        Assert.Null(store.FindAlert("fraud-109"));
        Assert.NotNull(store.FindAlert("fraud-110"));
    }

    [Fact]
    public void The_alerts_of_a_removed_model_go_with_it()
    {
        store.ApplyAlerts([TestAlerts.Firing(), TestAlerts.Pending()]);
        changes.Clear();

        store.Apply(new ModelRemovedMessage("fraud"));

        Assert.Equal(["churn-4"], store.Alerts.Select(alert => alert.Id));
        Assert.Equal([DashboardChange.ModelList | DashboardChange.ActiveModelUpdated | DashboardChange.Alerts], changes);
    }

    [Fact]
    public void A_resync_drops_the_alerts_of_models_deleted_while_disconnected()
    {
        store.ApplyAlerts([TestAlerts.Firing(), TestAlerts.Pending()]);

        store.Apply(TestModels.InitialState("churn", TestModels.WithoutLabels()));

        Assert.Equal(["churn-4"], store.Alerts.Select(alert => alert.Id));
        Assert.True(changes[^1].HasFlag(DashboardChange.Alerts));
    }
}

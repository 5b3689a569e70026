using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Tests.ViewModels;

public sealed class DashboardStoreTests
{
    private readonly DashboardStore store = new();

    [Fact]
    public void Initial_state_fills_the_model_list_and_names_the_active_model()
    {
        store.Apply(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));

        Assert.Equal(["churn", "fraud"], store.Models.Keys.Order());
        Assert.Equal(["Churn scorer", "Fraud detector"], store.ModelsByName.Select(model => model.Name));
        Assert.Equal("fraud", store.ActiveModelId);
        Assert.Equal(0.9342, store.ActiveModel?.Metrics.Accuracy);
    }

    [Fact]
    public void A_model_update_replaces_that_model_and_leaves_the_others_as_they_were()
    {
        var churn = TestModels.WithoutLabels();
        store.Apply(TestModels.InitialState("fraud", TestModels.Classifier(), churn));

        store.Apply(new ModelUpdateMessage(TestModels.Classifier(accuracy: 0.951, p99: 61.5)));

        Assert.Equal(0.951, store.Models["fraud"].Metrics.Accuracy);
        Assert.Equal(61.5, store.ActiveModel?.Metrics.Latency.P99);
        Assert.Same(churn, store.Models["churn"]);
    }

    [Fact]
    public void A_model_update_for_a_model_not_yet_listed_adds_it()
    {
        store.Apply(TestModels.InitialState("fraud", TestModels.Classifier()));

        store.Apply(new ModelUpdateMessage(TestModels.Regressor()));

        Assert.Equal(["Delivery ETA", "Fraud detector"], store.ModelsByName.Select(model => model.Name));
        Assert.Equal("fraud", store.ActiveModelId);
    }

    [Fact]
    public void Active_model_changed_makes_that_model_the_active_one()
    {
        store.Apply(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));

        store.Apply(new ActiveModelChangedMessage("churn"));

        Assert.Equal("churn", store.ActiveModelId);
        Assert.Equal("Churn scorer", store.ActiveModel?.Name);
    }

    [Fact]
    public void A_resync_from_initial_state_drops_models_that_are_gone_and_takes_its_active_model()
    {
        store.Apply(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));

        store.Apply(TestModels.InitialState("churn", TestModels.WithoutLabels()));

        Assert.Equal(["churn"], store.Models.Keys);
        Assert.Equal("churn", store.ActiveModelId);
    }

    [Fact]
    public void A_removed_model_leaves_the_list_and_no_longer_shows_as_active()
    {
        store.Apply(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));
        var changes = new List<DashboardChange>();
        store.Changed += changes.Add;

        store.Apply(new ModelRemovedMessage("fraud"));

        Assert.Equal(["Churn scorer"], store.ModelsByName.Select(model => model.Name));
        Assert.Null(store.ActiveModel);
        Assert.Equal([DashboardChange.ModelList | DashboardChange.ActiveModelUpdated], changes);
    }

    [Fact]
    public void Each_message_reports_only_what_it_changed()
    {
        var changes = new List<DashboardChange>();
        store.Changed += changes.Add;

        store.Apply(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));
        store.Apply(new ModelUpdateMessage(TestModels.WithoutLabels() with { Metrics = TestModels.Classifier().Metrics }));
        store.Apply(new ModelUpdateMessage(TestModels.WithoutLabels() with { Status = ModelStatus.Warning }));
        store.Apply(new ModelUpdateMessage(TestModels.Classifier(accuracy: 0.9)));
        store.Apply(new ActiveModelChangedMessage("churn"));
        store.Apply(new ActiveModelChangedMessage("churn"));

        Assert.Equal(
            [
                DashboardChange.ModelList | DashboardChange.ActiveModelSelected | DashboardChange.ActiveModelUpdated,
                DashboardChange.ModelList,
                DashboardChange.ActiveModelUpdated,
                DashboardChange.ActiveModelSelected,
            ],
            changes);
    }

    [Fact]
    public void The_connection_starts_as_Connecting_and_reports_each_change_once()
    {
        var changes = new List<DashboardChange>();
        store.Changed += changes.Add;

        var initial = store.Connection;
        store.SetConnection(ConnectionState.Connected);
        store.SetConnection(ConnectionState.Connected);
        store.SetConnection(ConnectionState.Disconnected);

        Assert.Equal(ConnectionState.Connecting, initial);
        Assert.Equal(ConnectionState.Disconnected, store.Connection);
        Assert.Equal([DashboardChange.Connection, DashboardChange.Connection], changes);
    }
}

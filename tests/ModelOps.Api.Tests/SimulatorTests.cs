using ModelOps.Silo.Simulation;

namespace ModelOps.Api.Tests;

public sealed class SimulatorTests
{
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_simulator_creates_three_demo_models_and_feeds_them_through_the_public_api()
    {
        await using var server = new ModelOpsServer(settings: new Dictionary<string, string>
        {
            ["ModelOps:Simulator:Enabled"] = "true",
            ["ModelOps:Simulator:EventsPerSecond"] = "40",
        });
        string[] demo = ["churn-classifier", "fraud-detector", "house-price-regressor"];

        await TestData.WaitUntil(
            async () => (await server.Client.ListModelsAsync(cancel)) is var models
                && demo.All(id => models.Any(m => m.Id == id && m.Metrics.LabelCount > 0)),
            TimeSpan.FromSeconds(20),
            "all three demo models to have labelled traffic");
        var byId = (await server.Client.ListModelsAsync(cancel)).ToDictionary(m => m.Id);

        Assert.Equal(demo, byId.Keys.Order());
        Assert.NotNull(byId["fraud-detector"].Metrics.Accuracy);
        Assert.NotNull(byId["churn-classifier"].Metrics.Accuracy);
        Assert.Null(byId["house-price-regressor"].Metrics.Accuracy);
        Assert.NotNull(byId["house-price-regressor"].Metrics.Mae);
        Assert.Contains(byId["fraud-detector"].Features, f => f.Name == "card_age_days");
        var logs = await server.Client.GetLogsAsync("fraud-detector", 200, cancel);
        Assert.Contains(logs, e => e.Features!["card_age_days"].Kind == Contracts.ScalarKind.Number);
    }

    [Fact]
    public void The_incident_schedule_repeats_a_latency_spike_a_decay_and_a_gradual_shift_every_cycle()
    {
        var schedule = new IncidentSchedule(TimeSpan.FromMinutes(6));

        Assert.Equal(1.0, schedule.LatencyFactor(TimeSpan.FromSeconds(30)));
        Assert.Equal(4.0, schedule.LatencyFactor(TimeSpan.FromSeconds(60)));
        Assert.Equal(4.0, schedule.LatencyFactor(TimeSpan.FromSeconds(360 + 60)));
        Assert.Equal(0.10, schedule.ChurnMistakeRate(TimeSpan.FromSeconds(100)));
        Assert.Equal(0.10 + 0.35 / 2, schedule.ChurnMistakeRate(TimeSpan.FromSeconds(162)), 9);
        Assert.Equal(1.0, schedule.SquareFootFactor(TimeSpan.FromSeconds(30)));
        Assert.Equal(1.2, schedule.SquareFootFactor(TimeSpan.FromSeconds(108)), 9);
        Assert.Equal(1.4, schedule.SquareFootFactor(TimeSpan.FromSeconds(200)), 9);
        Assert.False(schedule.NewMarket(TimeSpan.FromSeconds(80)));
        Assert.True(schedule.NewMarket(TimeSpan.FromSeconds(100)));
        Assert.Equal(0.15, schedule.ErrorRate(TimeSpan.FromSeconds(220)));
    }
}

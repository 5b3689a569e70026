using ModelOps.Contracts;
using ModelOps.Grains.Drift;
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

    /// <summary>
    /// The demo's traffic for its first two minutes at the default 20 events per second, through the drift monitoring a
    /// model grain runs (the first 1500 events become the baseline): by then the fraud model's new market and the
    /// house model's growing floor areas (and the room counts that follow them) have drifted, and the churn model,
    /// whose inputs never shift, has not.
    /// </summary>
    [Theory]
    [InlineData("fraud-detector", new[] { "country" })]
    [InlineData("house-price-regressor", new[] { "sqft", "bedrooms", "bathrooms" })]
    [InlineData("churn-classifier", new string[0])]
    public void The_demo_shows_input_drift_within_two_minutes_of_start(string modelId, string[] drifting)
    {
        IDemoModel model = new IDemoModel[] { new FraudModel(), new HousePriceModel(), new ChurnModel() }.Single(m => m.Id == modelId);
        var schedule = new IncidentSchedule(TimeSpan.FromMinutes(6));
        var definition = new ModelDefinitionView(model.Definition.Features, model.Definition.Drift);
        var monitor = new DriftMonitor(new DriftState());
        var random = new Random(20261129);
        var start = new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero);
        long sequence = 0;
        for (var second = 0; second < 120; second++)
        {
            var now = start.AddSeconds(second);
            var events = Enumerable.Range(0, 20)
                .Select(_ => model.Next(random, TimeSpan.FromSeconds(second), schedule, sequence++) with { Timestamp = now })
                .ToArray();
            monitor.Observe(events, now.ToUnixTimeSeconds(), now, definition);
        }

        var report = monitor.Report(null, null, start.AddSeconds(120), definition);

        Assert.Equal(new BaselineSummary(1500, "auto", start.AddSeconds(74)), report.Baseline);
        Assert.Equal(900, report.Window.Count);
        Assert.Equal(drifting, report.Features.Where(f => f.Drifted).Select(f => f.Name));
    }
}

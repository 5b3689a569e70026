using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelOps.Contracts;
using ModelOps.Grains.Models;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace ModelOps.Grains.Tests.Cluster;

/// <summary>A model with nothing to do arms no timer, one with work arms them, and Orleans collects an idle one after ModelOps:IdleDeactivation.</summary>
[Collection(ClusterCollection.Name)]
public sealed class IdleModelTests(ClusterFixture fixture)
{
    private static readonly ModelDefinition Classifier = new() { Task = ModelTask.Classification };

    private static readonly AlertRule NoTraffic = new()
    {
        Id = "no-traffic", Name = "No traffic", Metric = "throughput", Op = "<", Threshold = 1, For = Duration.Zero, Severity = AlertSeverity.Critical,
    };

    [Fact]
    public async Task A_model_without_traffic_disarms_its_tick_and_an_ingest_arms_tick_and_checkpoint_again()
    {
        var model = NewModel("idle");
        await model.Define(Classifier);
        await Deadline.Until(async () => await model.GetActivity() is { Ticking: false, Checkpointing: false }, "the idle model to disarm its timers");

        await model.IngestBatch(TestEvents.Numbered("idle", 3));
        var woken = await model.GetActivity();

        Assert.True(woken.Ticking);
        Assert.True(woken.Checkpointing);
        Assert.Equal(3, (await model.GetMetrics()).Count);
    }

    [Fact]
    public async Task A_rule_that_breaks_on_an_empty_window_keeps_the_tick_and_fires_on_an_idle_model()
    {
        var model = NewModel("no-traffic");
        await model.Define(Classifier);
        await Deadline.Until(async () => await model.GetActivity() is { Ticking: false }, "the idle model to disarm its tick");

        await model.SetRules([NoTraffic]);
        AlertView? firing = null;
        await Deadline.Until(async () => (firing = (await model.GetAlerts(AlertState.Firing, 10)).SingleOrDefault()) is not null, "the no-traffic alert to fire");

        Assert.Equal("no-traffic", firing!.RuleId);
        Assert.Equal(0, firing.Value);
        Assert.True((await model.GetActivity()).Ticking);
    }

    [Fact]
    public void Model_grains_are_collected_after_the_idle_deactivation_setting()
    {
        var silo = fixture.Cluster.GetActiveSilos().Cast<InProcessSiloHandle>().First().SiloHost.Services;
        var collection = silo.GetRequiredService<IOptions<GrainCollectionOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(15), collection.ClassSpecificCollectionAge[typeof(ModelGrain).FullName!]);
        Assert.Equal(TimeSpan.FromMinutes(15), silo.GetRequiredService<IOptions<MonitoringOptions>>().Value.IdleDeactivation);
    }

    private IModelGrain NewModel(string purpose) => fixture.Client.GetGrain<IModelGrain>($"{purpose}-{Guid.NewGuid():N}");
}

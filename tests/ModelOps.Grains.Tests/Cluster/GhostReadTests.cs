using ModelOps.Contracts;
using ModelOps.Grains.Models;

namespace ModelOps.Grains.Tests.Cluster;

/// <summary>Reads of models that do not exist answer not-found and leave no activation (no window, no tick) behind.</summary>
[Collection(ClusterCollection.Name)]
public sealed class GhostReadTests(ClusterFixture fixture)
{
    private const int Ghosts = 300;

    [Fact]
    public async Task Reads_of_unknown_models_answer_not_found_and_every_activation_they_caused_ends_while_a_defined_model_stays()
    {
        var defined = fixture.Client.GetGrain<IModelGrain>("ghost-control");
        await defined.Define(new ModelDefinition { Task = ModelTask.Classification });
        var ghosts = Enumerable.Range(0, Ghosts).Select(i => fixture.Client.GetGrain<IModelGrain>($"ghost-{i}")).ToArray();

        var notFound = await Task.WhenAll(ghosts.Select(async (ghost, i) => (i % 4) switch
        {
            0 => await ghost.Get(includeHistory: true) is null,
            1 => await ghost.GetConfig() is null,
            2 => await Assert.ThrowsAsync<ModelNotFoundException>(() => ghost.GetMetrics()) is not null,
            _ => await Assert.ThrowsAsync<ModelNotFoundException>(() => ghost.GetDrift(null, null)) is not null,
        }));

        Assert.Equal(Enumerable.Repeat(true, Ghosts), notFound);
        var ghostIds = ghosts.Select(ghost => ghost.GetGrainId()).ToHashSet();
        var management = fixture.Client.GetGrain<IManagementGrain>(0);
        await Deadline.Until(
            async () => (await management.GetDetailedGrainStatistics(null, null, TestContext.Current.CancellationToken)).All(activation => !ghostIds.Contains(activation.GrainId)),
            $"the {Ghosts} activations of unknown models to end");
        var controlId = defined.GetGrainId();
        Assert.Single(await management.GetDetailedGrainStatistics(null, null, TestContext.Current.CancellationToken), activation => activation.GrainId == controlId);
        Assert.Null(await fixture.Client.GetGrain<IModelGrain>("ghost-0").Get(includeHistory: false));
        Assert.DoesNotContain("ghost-0", await fixture.Client.GetGrain<IModelRegistryGrain>(Names.FleetKey).List());
    }

    [Fact]
    public async Task A_model_read_before_it_exists_is_monitored_once_it_is_defined()
    {
        var model = fixture.Client.GetGrain<IModelGrain>("ghost-then-defined");
        Assert.Null(await model.Get(includeHistory: false));

        await model.Define(new ModelDefinition { Task = ModelTask.Classification });
        await model.IngestBatch([new InferenceEvent { LatencyMs = 7, Prediction = "a" }]);

        Assert.Equal(1, (await model.GetMetrics()).Count);
    }
}

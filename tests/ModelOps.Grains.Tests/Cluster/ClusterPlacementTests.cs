using ModelOps.Contracts;
using ModelOps.Grains.Models;

namespace ModelOps.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ClusterPlacementTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Twenty_models_activated_across_the_cluster_each_keep_their_own_metrics()
    {
        // Orleans' resource-optimised placement decides which silo hosts each model, so which silos are used is
        // not asserted; that every model works wherever it lands, with its own exact counts, is.
        var ids = Enumerable.Range(0, 20).Select(i => $"spread-{i}-{Guid.NewGuid():N}").ToArray();

        await Task.WhenAll(ids.Select(async (id, i) =>
        {
            var model = fixture.Client.GetGrain<IModelGrain>(id);
            await model.Define(new ModelDefinition());
            await model.IngestBatch(TestEvents.Numbered(id, i + 1));
        }));

        var counts = await Task.WhenAll(ids.Select(async id => (await fixture.Client.GetGrain<IModelGrain>(id).GetMetrics()).Count));
        Assert.Equal(Enumerable.Range(1, ids.Length).Select(count => (long)count), counts);
        var grainIds = ids.Select(id => fixture.Client.GetGrain<IModelGrain>(id).GetGrainId()).ToHashSet();
        var activations = (await fixture.Client.GetGrain<IManagementGrain>(0).GetDetailedGrainStatistics(null, null, TestContext.Current.CancellationToken))
            .Where(activation => grainIds.Contains(activation.GrainId))
            .ToArray();
        Assert.Equal(ids.Length, activations.Length);
        var silos = fixture.Cluster.GetActiveSilos().Select(silo => silo.SiloAddress).ToHashSet();
        Assert.All(activations, activation => Assert.Contains(activation.SiloAddress, silos));
        Assert.Equal(ids.Order(StringComparer.Ordinal), (await fixture.Client.GetGrain<IModelRegistryGrain>(Names.FleetKey).List()).Where(ids.Contains));
    }
}

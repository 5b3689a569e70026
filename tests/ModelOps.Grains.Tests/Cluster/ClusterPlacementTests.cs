using ModelOps.Contracts;
using ModelOps.Grains.Models;

namespace ModelOps.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ClusterPlacementTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Models_are_activated_on_both_silos_and_each_keeps_its_own_metrics()
    {
        // Twenty models: the client spreads first calls over both gateways (they split 10/10 in practice), so one
        // silo holding all of them would mean placement or a gateway is broken, not bad luck.
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
        Assert.Equal(ClusterFixture.SiloCount, activations.Select(activation => activation.SiloAddress).Distinct().Count());
        Assert.Equal(ids.Order(StringComparer.Ordinal), (await fixture.Client.GetGrain<IModelRegistryGrain>(Names.FleetKey).List()).Where(ids.Contains));
    }
}

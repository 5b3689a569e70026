using ModelOps.Contracts;
using ModelOps.Grains.Models;
using Orleans.Streams;

namespace ModelOps.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ModelBroadcastTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_model_broadcasts_its_metrics_and_new_logs_within_a_few_ticks_of_an_ingest()
    {
        var id = $"broadcast-{Guid.NewGuid():N}";
        var model = fixture.Client.GetGrain<IModelGrain>(id);
        var received = new TaskCompletionSource<ModelBroadcast>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = await ModelStream(id).SubscribeAsync((broadcast, _) =>
        {
            if (broadcast.Model.Metrics.Count > 0)
            {
                received.TrySetResult(broadcast);
            }
            return Task.CompletedTask;
        });
        try
        {
            await model.Define(new ModelDefinition { Name = "Broadcaster" });
            await model.IngestBatch(TestEvents.Numbered("e", 10));

            var broadcast = await received.Task.Within($"a broadcast of model {id} with its 10 events");

            Assert.Equal(id, broadcast.Model.Id);
            Assert.Equal("Broadcaster", broadcast.Model.Name);
            Assert.Equal(ModelStatus.Healthy, broadcast.Model.Status);
            Assert.Equal(10, broadcast.Model.Metrics.Count);
            Assert.Equal(10, broadcast.Model.History.Sum(point => point.Count));
            Assert.Equal(Enumerable.Range(0, 10).Reverse().Select(i => $"e-{i}"), broadcast.Logs.Select(e => e.Id));
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    [Fact]
    public async Task Logs_go_out_once_and_at_most_the_configured_sample_per_tick()
    {
        var id = $"log-samples-{Guid.NewGuid():N}";
        var model = fixture.Client.GetGrain<IModelGrain>(id);
        var broadcasts = new List<ModelBroadcast>();
        var secondAfterIngest = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = await ModelStream(id).SubscribeAsync((broadcast, _) =>
        {
            lock (broadcasts)
            {
                broadcasts.Add(broadcast);
                if (broadcasts.Count(b => b.Model.Metrics.Count > 0) == 2)
                {
                    secondAfterIngest.TrySetResult();
                }
            }
            return Task.CompletedTask;
        });
        try
        {
            await model.Define(new ModelDefinition());
            await model.IngestBatch(TestEvents.Numbered("e", 50));

            await secondAfterIngest.Task.Within($"two broadcasts of model {id} after its ingest");

            ModelBroadcast[] withData;
            lock (broadcasts)
            {
                withData = [.. broadcasts.Where(b => b.Model.Metrics.Count > 0)];
            }
            var samplesPerTick = new MonitoringOptions().LogSamplesPerTick;
            Assert.Equal(Enumerable.Range(50 - samplesPerTick, samplesPerTick).Reverse().Select(i => $"e-{i}"), withData[0].Logs.Select(e => e.Id));
            Assert.Empty(withData[1].Logs);
            Assert.Equal(50, withData[1].Model.Metrics.Count);
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    private IAsyncStream<ModelBroadcast> ModelStream(string id) =>
        fixture.Client.GetStreamProvider(Names.StreamProvider).GetStream<ModelBroadcast>(StreamId.Create(Names.ModelStreamNamespace, id));
}

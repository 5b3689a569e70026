using ModelOps.Contracts;
using ModelOps.Grains.Models;
using Orleans.Streams;

namespace ModelOps.Grains.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public sealed class ModelBroadcastTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_watched_model_broadcasts_its_metrics_points_and_new_logs_within_a_few_ticks_of_an_ingest()
    {
        var id = $"broadcast-{Guid.NewGuid():N}";
        var model = fixture.Client.GetGrain<IModelGrain>(id);
        var received = new TaskCompletionSource<ModelBroadcast>(TaskCreationOptions.RunContinuationsAsynchronously);
        var subscription = await ModelStream(id).SubscribeAsync((broadcast, _) =>
        {
            if (broadcast.Metrics.Count > 0)
            {
                received.TrySetResult(broadcast);
            }
            return Task.CompletedTask;
        });
        try
        {
            await model.Define(new ModelDefinition { Name = "Broadcaster" });
            await model.Watch(TimeSpan.FromMinutes(1));
            await model.IngestBatch(TestEvents.Numbered("e", 10));

            var broadcast = await received.Task.Within($"a broadcast of model {id} with its 10 events");

            Assert.Equal(id, broadcast.ModelId);
            Assert.Equal(ModelStatus.Healthy, broadcast.Status);
            Assert.Equal(10, broadcast.Metrics.Count);
            Assert.Equal(10, broadcast.Points.Sum(point => point.Count));
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
                if (broadcasts.Count(b => b.Metrics.Count > 0) == 2)
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
                withData = [.. broadcasts.Where(b => b.Metrics.Count > 0)];
            }
            var samplesPerTick = new MonitoringOptions().LogSamplesPerTick;
            Assert.Equal(Enumerable.Range(50 - samplesPerTick, samplesPerTick).Reverse().Select(i => $"e-{i}"), withData[0].Logs.Select(e => e.Id));
            Assert.Empty(withData[1].Logs);
            Assert.Equal(50, withData[1].Metrics.Count);
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    [Fact]
    public async Task Broadcasts_carry_the_whole_model_only_when_it_changed_and_the_points_only_while_watched()
    {
        var id = $"deltas-{Guid.NewGuid():N}";
        var model = fixture.Client.GetGrain<IModelGrain>(id);
        var broadcasts = new List<ModelBroadcast>();
        var subscription = await ModelStream(id).SubscribeAsync((broadcast, _) =>
        {
            lock (broadcasts)
            {
                broadcasts.Add(broadcast);
            }
            return Task.CompletedTask;
        });
        try
        {
            await model.Define(new ModelDefinition { Name = "Deltas" });
            await model.IngestBatch(TestEvents.Numbered("a", 10));
            await Deadline.Until(() => Task.FromResult(Snapshot(broadcasts).Count(b => b.Metrics.Count == 10) >= 3), $"three broadcasts of unwatched model {id}");
            var unwatched = Snapshot(broadcasts);

            var watchedFrom = unwatched.Length;
            var held = await model.Watch(TimeSpan.FromMinutes(1));
            await model.IngestBatch(TestEvents.Numbered("b", 20));
            await Deadline.Until(() => Task.FromResult(Snapshot(broadcasts).Skip(watchedFrom).Count(b => b.Metrics.Count == 30) >= 3), $"three broadcasts of watched model {id}");
            var watched = Snapshot(broadcasts)[watchedFrom..];

            Assert.Equal("Deltas", Assert.Single(unwatched, b => b.Model is not null).Model!.Name);
            Assert.All(unwatched, b => Assert.Empty(b.Points));
            Assert.All(watched, b => Assert.Null(b.Model));
                foreach (var (previous, next) in watched.Zip(watched.Skip(1)))
            {
                // Each broadcast resends at most the last second of the one before: O(change), not O(window).
                Assert.Equal(previous.UpdatedAt.ToUnixTimeSeconds(), next.Points[0].Timestamp.ToUnixTimeSeconds());
            }
            foreach (var broadcast in watched)
            {
                held = broadcast.ApplyTo(held);
            }
            Assert.Equal(30, held!.History.Sum(point => point.Count));
            Assert.Equal(30, held.Metrics.Count);
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    private static ModelBroadcast[] Snapshot(List<ModelBroadcast> broadcasts)
    {
        lock (broadcasts)
        {
            return [.. broadcasts];
        }
    }

    private IAsyncStream<ModelBroadcast> ModelStream(string id) =>
        fixture.Client.GetStreamProvider(Names.StreamProvider).GetStream<ModelBroadcast>(StreamId.Create(Names.ModelStreamNamespace, id));
}

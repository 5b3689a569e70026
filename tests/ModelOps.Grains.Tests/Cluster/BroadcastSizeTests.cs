using Microsoft.Extensions.DependencyInjection;
using ModelOps.Contracts;
using ModelOps.Grains.Models;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Streams;

namespace ModelOps.Grains.Tests.Cluster;

/// <summary>
/// What one model costs on the stream per tick, in the bytes the silo's serializer writes for its <see cref="ModelBroadcast"/>:
/// O(change), not O(window). The README's figure comes from this test's output
/// (<c>dotnet test tests/ModelOps.Grains.Tests --filter FullyQualifiedName~BroadcastSizeTests --logger "console;verbosity=detailed"</c>).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BroadcastSizeTests(ClusterFixture fixture)
{
    private const int Features = 10;

    [Fact]
    public async Task A_tick_sends_what_changed_whether_or_not_the_model_is_watched()
    {
        var id = $"sizes-{Guid.NewGuid():N}";
        var model = fixture.Client.GetGrain<IModelGrain>(id);
        var serializer = fixture.Client.ServiceProvider.GetRequiredService<Serializer>();
        var broadcasts = new List<ModelBroadcast>();
        var subscription = await fixture.Client.GetStreamProvider(Names.StreamProvider)
            .GetStream<ModelBroadcast>(StreamId.Create(Names.ModelStreamNamespace, id))
            .SubscribeAsync((broadcast, _) =>
            {
                lock (broadcasts)
                {
                    broadcasts.Add(broadcast);
                }
                return Task.CompletedTask;
            });
        try
        {
            await model.Define(new ModelDefinition
            {
                Name = "Sizes",
                Features = [.. Enumerable.Range(0, Features).Select(i => new FeatureDefinition { Name = $"f{i}", Type = i < 7 ? FeatureType.Numeric : FeatureType.Categorical })],
            });
            await model.IngestBatch(Events("a", 100));
            await Deadline.Until(() => Task.FromResult(Snapshot(broadcasts).Count(b => b.Model is null && b.Metrics.Count == 100 && b.Logs.Count == 0) >= 2), $"two quiet broadcasts of unwatched model {id}");
            var unwatched = Snapshot(broadcasts).Where(b => b.Model is null && b.Logs.Count == 0).Select(b => serializer.SerializeToArray(b).Length).ToArray();

            var watchedFrom = Snapshot(broadcasts).Length;
            await model.Watch(TimeSpan.FromMinutes(1));
            await model.IngestBatch(Events("b", 100));
            await Deadline.Until(() => Task.FromResult(Snapshot(broadcasts).Skip(watchedFrom).Count(b => b.Model is null && b.Metrics.Count == 200 && b.Logs.Count == 0) >= 2), $"two quiet broadcasts of watched model {id}");
            var watched = Snapshot(broadcasts)[watchedFrom..].Where(b => b.Model is null && b.Metrics.Count == 200).ToArray();
            var watchedQuiet = watched.Where(b => b.Logs.Count == 0).Select(b => serializer.SerializeToArray(b).Length).ToArray();
            var withLogs = watched.Where(b => b.Logs.Count > 0).Select(b => (serializer.SerializeToArray(b).Length, b.Logs.Count)).ToArray();
            var whole = Snapshot(broadcasts).Where(b => b.Model is not null).Select(b => serializer.SerializeToArray(b).Length).ToArray();

            var output = TestContext.Current.TestOutputHelper!;
            output.WriteLine($"nobody watching: {string.Join(", ", unwatched)} B");
            output.WriteLine($"watched, no new log: {string.Join(", ", watchedQuiet)} B (points {string.Join(", ", watched.Where(b => b.Logs.Count == 0).Select(b => b.Points.Count))})");
            output.WriteLine($"watched, with sampled logs: {string.Join(", ", withLogs.Select(pair => $"{pair.Item1} B for {pair.Item2} logs"))}");
            output.WriteLine($"the whole model (after the definition): {string.Join(", ", whole)} B");

            // The headline of a model with 10 features, and a second or two of history while watched: about a kilobyte,
            // where the 300-point history every tick was 66.6 KB.
            Assert.All(unwatched, size => Assert.InRange(size, 100, 1_024));
            Assert.All(watchedQuiet, size => Assert.InRange(size, 200, 2_048));
            Assert.NotEmpty(whole);
        }
        finally
        {
            await subscription.UnsubscribeAsync();
        }
    }

    private static InferenceEvent[] Events(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new InferenceEvent
        {
            Id = $"{prefix}-{i}",
            LatencyMs = 10 + i % 50,
            Prediction = i % 3 == 0 ? "fraud" : "ok",
            Label = i % 4 == 0 ? "fraud" : "ok",
            Features = Enumerable.Range(0, Features).ToDictionary(f => $"f{f}", f => f < 7 ? (ScalarValue)(i * 1.5 + f) : (ScalarValue)$"c{(i + f) % 5}"),
        })];

    private static ModelBroadcast[] Snapshot(List<ModelBroadcast> broadcasts)
    {
        lock (broadcasts)
        {
            return [.. broadcasts];
        }
    }
}

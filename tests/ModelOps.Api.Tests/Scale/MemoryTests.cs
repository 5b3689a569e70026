using System.Diagnostics;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Scale;

/// <summary>Memory over minutes: a fleet under steady traffic levels off instead of growing with time.</summary>
[Collection(ModelOps.Api.Tests.Scale.AloneCollection.Name)]
public sealed class MemoryTests
{
    private const int Models = 300;
    private const long AllowedGrowthBytes = 100L * 1024 * 1024;
    private static readonly TimeSpan WarmUp = TimeSpan.FromMinutes(1);
    private const int Samples = 6;
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(20);
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    /// <summary>
    /// Measures the managed heap after a forced full, compacting collection: what the process still holds on to, which is
    /// where the stream cache grew before (its blocks are managed arrays). The working set is reported beside it but not
    /// asserted: it also counts heap the runtime keeps committed after a collection and this test host's own memory.
    /// </summary>
    [Fact]
    public async Task Three_hundred_models_under_steady_traffic_for_three_minutes_grow_less_than_100_MB_after_the_first()
    {
        await using var server = new ModelOpsServer(settings: new Dictionary<string, string> { ["ModelOps:TickInterval"] = "00:00:01" });
        var ids = Enumerable.Range(0, Models).Select(i => $"memory-{i:D3}").ToArray();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancel },
            async (id, token) => await server.Client.PutModelAsync(id, TestData.Classifier(id), token));
        await using var watcher = await server.ConnectStreamAsync(ids[0]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var watching = ReadAllAsync(watcher, stop.Token);
        var traffic = SendTrafficAsync(server.Client, ids, stop.Token);

        var clock = Stopwatch.StartNew();
        await WaitUntilAsync(clock, WarmUp);
        var baseline = Measure();
        var samples = new List<(long Heap, long WorkingSet)>();
        for (var sample = 1; sample <= Samples; sample++)
        {
            await WaitUntilAsync(clock, WarmUp + SampleEvery * sample);
            samples.Add(Measure());
        }
        await stop.CancelAsync();
        var sent = await traffic;
        await watching;

        TestContext.Current.TestOutputHelper?.WriteLine(
            $"{Models} models, {sent} events: heap after 1 min {baseline.Heap / 1048576.0:0.0} MB, then " +
            string.Join(", ", samples.Select(s => $"{s.Heap / 1048576.0:0.0}")) + $" MB; working set {baseline.WorkingSet / 1048576.0:0} MB, then " +
            string.Join(", ", samples.Select(s => $"{s.WorkingSet / 1048576.0:0}")) + " MB");
        Assert.InRange(samples.Max(s => s.Heap) - baseline.Heap, long.MinValue, AllowedGrowthBytes);
        Assert.InRange(sent, Models * 100L, long.MaxValue);
    }

    private static (long Heap, long WorkingSet) Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: false), process.WorkingSet64);
    }

    /// <summary>Every second a third of the fleet gets a batch of 3 events, so each model sees one event a second.</summary>
    private static async Task<long> SendTrafficAsync(ModelOpsClient client, string[] ids, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        long sent = 0;
        var round = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                var third = ids.Where((_, i) => i % 3 == round % 3);
                await Parallel.ForEachAsync(third, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stop },
                    async (id, token) => Interlocked.Add(ref sent, (await client.PostEventsAsync(id, TestData.Events(3), token)).Accepted));
                round++;
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The measurement is over.
        }
        return sent;
    }

    private static async Task ReadAllAsync(ModelOpsStreamClient stream, CancellationToken stop)
    {
        try
        {
            await foreach (var _ in stream.ReadAllAsync(stop))
            {
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The measurement is over.
        }
    }

    /// <summary>Waits for the test's clock to reach <paramref name="elapsed"/>: pacing a measurement, not waiting on a result.</summary>
    private static async Task WaitUntilAsync(Stopwatch clock, TimeSpan elapsed)
    {
        var remaining = elapsed - clock.Elapsed;
        if (remaining > TimeSpan.Zero)
        {
            await Task.Delay(remaining, TestContext.Current.CancellationToken);
        }
    }
}

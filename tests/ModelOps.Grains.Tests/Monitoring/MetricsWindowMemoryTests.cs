using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Tests.Monitoring;

/// <summary>
/// The memory a full 5-minute window holds (1000 events a second), by the shape of its latencies: the sketches are
/// where the bytes go. The README's figures are this test's output
/// (<c>dotnet test tests/ModelOps.Grains.Tests --filter FullyQualifiedName~MetricsWindowMemoryTests --logger "console;verbosity=detailed"</c>).
/// </summary>
public sealed class MetricsWindowMemoryTests
{
    private const int EventsPerSecond = 1_000;
    private const long NowSecond = 1_800_000_000;

    [Theory]
    [InlineData(Samples.LogNormal, 360_000, 390_000)]
    [InlineData(Samples.Uniform, 430_000, 460_000)]
    public void A_full_window_holds_what_its_latency_sketches_need(string distribution, long atLeast, long atMost)
    {
        var window = new MetricsWindow(TimeSpan.FromMinutes(5));
        var seconds = (long)window.Length.TotalSeconds;
        var latencies = Samples.Draw(distribution, EventsPerSecond * (int)seconds);
        var next = 0;
        for (var second = NowSecond - seconds + 1; second <= NowSecond; second++)
        {
            for (var i = 0; i < EventsPerSecond; i++)
            {
                window.Record(new Observation(second, latencies[next++], Error: i % 100 == 0, LabelOutcome.Correct), second);
            }
        }

        TestContext.Current.TestOutputHelper!.WriteLine($"{distribution}: {window.MemoryBytes:N0} bytes for {next:N0} events");
        Assert.Equal(seconds * EventsPerSecond, window.Snapshot(NowSecond, ModelOps.Contracts.ModelTask.Classification).Count);
        Assert.InRange(window.MemoryBytes, atLeast, atMost);
    }
}

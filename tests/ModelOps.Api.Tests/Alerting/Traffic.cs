using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Alerting;

/// <summary>
/// Steady inference traffic to one model: a few events every 100 ms at the latency currently set, so a rule over a
/// window of a few seconds always has a value to judge. Stops on dispose, and rethrows there if a post failed.
/// </summary>
public sealed class Traffic : IAsyncDisposable
{
    private const int EventsPerPost = 5;
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly CancellationTokenSource stopping = new();
    private readonly Task sending;
    private double latencyMs;

    private Traffic(ModelOpsClient client, string modelId, double latencyMs)
    {
        this.latencyMs = latencyMs;
        sending = Task.Run(() => SendAsync(client, modelId));
    }

    /// <summary>The latency of the events sent from now on.</summary>
    public double LatencyMs
    {
        get => Volatile.Read(ref latencyMs);
        set => Volatile.Write(ref latencyMs, value);
    }

    public static Traffic Start(ModelOpsClient client, string modelId, double latencyMs) => new(client, modelId, latencyMs);

    /// <summary>Correctly labelled events of one latency.</summary>
    public static InferenceEvent[] Events(int count, double latencyMs) =>
        Enumerable.Range(0, count).Select(i => new InferenceEvent
        {
            LatencyMs = latencyMs,
            Prediction = "fraud",
            Label = "fraud",
            Features = new Dictionary<string, ScalarValue> { ["amount"] = 10 + i, ["country"] = "DE" },
        }).ToArray();

    private async Task SendAsync(ModelOpsClient client, string modelId)
    {
        using var timer = new PeriodicTimer(Interval);
        do
        {
            await client.PostEventsAsync(modelId, Events(EventsPerPost, LatencyMs), stopping.Token);
        }
        while (await timer.WaitForNextTickAsync(stopping.Token));
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await sending;
        }
        catch (OperationCanceledException)
        {
        }
        stopping.Dispose();
    }
}

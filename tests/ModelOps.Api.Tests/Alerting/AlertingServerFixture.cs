namespace ModelOps.Api.Tests.Alerting;

/// <summary>
/// A server whose channels may post to receivers on loopback, with retries fast enough to watch in a test: back-off of
/// 50–500 ms, 2 s per attempt, and enough attempts that a receiver down across a restart is still being retried when it
/// comes back; the outbox reminder every second. The tick is <see cref="ModelOpsServer"/>'s 200 ms; drift is refreshed as often.
/// </summary>
public static class AlertingServer
{
    public static IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["ModelOps:Notifications:AllowPrivateNetworks"] = "true",
        ["ModelOps:Notifications:RetryBaseDelay"] = "00:00:00.100",
        ["ModelOps:Notifications:RetryMaxDelay"] = "00:00:00.500",
        ["ModelOps:Notifications:AttemptTimeout"] = "00:00:02",
        ["ModelOps:Notifications:MaxAttempts"] = "50",
        ["ModelOps:Notifications:OutboxReminderPeriod"] = "00:00:01",
        ["ModelOps:DriftInterval"] = "00:00:00.200",
    };

    /// <summary>Starts the server on <paramref name="dataDir"/>, or on a directory of its own.</summary>
    public static ModelOpsServer Start(string? dataDir = null) => new(dataDir, Settings);
}

/// <summary>
/// One alerting server shared by the tests of a class. Channels and silences are fleet-wide, so each test uses model
/// ids of its own and channels that name their model (never <c>"*"</c>).
/// </summary>
public sealed class AlertingServerFixture : IAsyncLifetime
{
    public ModelOpsServer Server { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Server = AlertingServer.Start();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Server.DataDir, recursive: true);
    }
}

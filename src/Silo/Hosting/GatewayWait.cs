namespace ModelOps.Silo.Hosting;

/// <summary>
/// An <c>api</c> node started before any silo (or while every silo restarts) waits for one, saying so every few
/// seconds, rather than exiting: the cluster's processes can start in any order.
/// </summary>
public sealed partial class GatewayWait(TimeProvider clock, ILogger<GatewayWait> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogWaiting(logger, exception.Message);
        await Task.Delay(Pause, clock, cancellationToken);
        return !cancellationToken.IsCancellationRequested;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo of the cluster answers yet; retrying in a second ({Reason})")]
    private static partial void LogWaiting(ILogger logger, string reason);
}

using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelOps.Grains.Alerting;

using ModelOps.Grains.Telemetry;

namespace ModelOps.Grains.Notifications;

/// <summary>
/// Delivers outbox items in the background, one serial queue per channel: a channel's notifications go out in the
/// order they were submitted (a resolve never overtakes its trigger, even while the trigger is being retried), and a
/// slow or dead channel delays only itself. Every attempt's outcome is reported to the <see cref="IDeliveryRecorder"/>.
/// On stop, waits between attempts end at once and attempts in flight finish within their timeout; what is left
/// stays in the models' outboxes and is resubmitted at the next start.
/// </summary>
public sealed partial class NotificationDispatcher(
    NotificationSender sender,
    RetryPolicy retry,
    IChannelLookup channels,
    IDeliveryRecorder recorder,
    TimeProvider time,
    ServiceMetrics metrics,
    ILogger<NotificationDispatcher> logger) : INotificationDispatcher, IHostedService, IAsyncDisposable
{
    /// <summary>Waits before trying again to report an attempt the recorder did not take; then the report is dropped.</summary>
    private static readonly TimeSpan[] ReportBackoff = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3)];

    /// <summary>The longest single timer; a later attempt is waited for in several.</summary>
    private static readonly TimeSpan MaxWait = TimeSpan.FromDays(1);

    private readonly Dictionary<string, (ChannelWriter<OutboxItem> Queue, Task Worker)> workers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> inFlight = new(StringComparer.Ordinal);

    /// <summary>Cancelled on stop: ends the waits between attempts and keeps new attempts from starting.</summary>
    private readonly CancellationTokenSource stopping = new();

    /// <summary>Cancelled when the host's shutdown deadline passes: abandons attempts in flight.</summary>
    private readonly CancellationTokenSource aborting = new();

    /// <summary>Set, under the lock of <see cref="workers"/>, once stopping has begun: no worker starts after it.</summary>
    private bool stopped;

    /// <summary>Queues the item behind the other notifications of its channel; ignored when the same delivery is already queued or in flight.</summary>
    public void Submit(OutboxItem item)
    {
        lock (workers)
        {
            if (stopped)
            {
                LogSubmittedWhileStopping(logger, item.DeliveryId, item.ChannelId);
                return;
            }
            if (!inFlight.TryAdd(item.DeliveryId, 0))
            {
                return;
            }
            if (!workers.TryGetValue(item.ChannelId, out var worker))
            {
                var queue = Channel.CreateUnbounded<OutboxItem>(new UnboundedChannelOptions { SingleReader = true });
                worker = (queue.Writer, Task.Run(() => RunAsync(queue.Reader)));
                workers.Add(item.ChannelId, worker);
            }
            worker.Queue.TryWrite(item);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Ends the waits, lets attempts in flight finish until <paramref name="cancellationToken"/> (the host's shutdown deadline), then abandons them.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        Task[] running;
        lock (workers)
        {
            stopped = true;
            running = workers.Values.Select(worker => worker.Worker).ToArray();
        }
        await stopping.CancelAsync();
        try
        {
            await Task.WhenAll(running).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await aborting.CancelAsync();
            await Task.WhenAll(running);
        }
    }

    /// <summary>Stops as <see cref="StopAsync"/> does, without a deadline: attempts in flight end within their timeout.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task RunAsync(ChannelReader<OutboxItem> queue)
    {
        try
        {
            await foreach (var item in queue.ReadAllAsync(stopping.Token))
            {
                try
                {
                    await DeliverAsync(item);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
                {
                    LogDeliveryFault(logger, ex, item.DeliveryId, item.ChannelId);
                }
                finally
                {
                    inFlight.TryRemove(item.DeliveryId, out _);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Attempts the item until it is delivered or fails for good, keeping its place at the head of the channel's queue.</summary>
    private async Task DeliverAsync(OutboxItem item)
    {
        while (true)
        {
            for (var wait = item.NextAttemptAt - time.GetUtcNow(); wait > TimeSpan.Zero; wait = item.NextAttemptAt - time.GetUtcNow())
            {
                await Task.Delay(wait < MaxWait ? wait : MaxWait, time, stopping.Token);
            }
            stopping.Token.ThrowIfCancellationRequested();
            var attempt = await AttemptAsync(item);
            await ReportAsync(item, attempt);
            if (attempt.Outcome != DeliveryOutcome.Retry)
            {
                return;
            }
            item = item with { Attempts = item.Attempts + 1, NextAttemptAt = attempt.NextAttemptAt ?? time.GetUtcNow() };
        }
    }

    private async Task<DeliveryAttempt> AttemptAsync(OutboxItem item)
    {
        DeliveryAttempt attempt;
        try
        {
            var channel = await channels.GetAsync(item.ChannelId);
            attempt = await sender.SendAsync(item, channel, aborting.Token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            attempt = retry.Decide(item, time.GetUtcNow(), AttemptResult.NoAnswer($"could not read the channel: {ex.Message}"));
        }
        var attempts = item.Attempts + 1;
        metrics.Notification(item.ChannelId, item.Event, attempt.Outcome switch
        {
            DeliveryOutcome.Delivered => "delivered",
            DeliveryOutcome.Retry => "retrying",
            _ => "failed",
        });
        switch (attempt.Outcome)
        {
            case DeliveryOutcome.Delivered:
                LogDelivered(logger, item.DeliveryId, item.Event, item.ModelId, item.ChannelId, attempts);
                break;
            case DeliveryOutcome.Retry:
                LogRetrying(logger, item.DeliveryId, item.ChannelId, attempts, attempt.Error, attempt.NextAttemptAt);
                break;
            default:
                LogFailed(logger, item.DeliveryId, item.Event, item.ModelId, item.ChannelId, attempts, attempt.Error);
                break;
        }
        return attempt;
    }

    private async Task ReportAsync(OutboxItem item, DeliveryAttempt attempt)
    {
        for (var tries = 1; ; tries++)
        {
            try
            {
                await recorder.RecordAsync(item.ModelId, attempt);
                return;
            }
            catch (Exception ex) when (tries <= ReportBackoff.Length && !stopping.IsCancellationRequested)
            {
                LogReportRetrying(logger, ex, item.DeliveryId, item.ModelId, tries);
                try
                {
                    await Task.Delay(ReportBackoff[tries - 1], time, stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    LogReportDropped(logger, item.DeliveryId, item.ModelId, attempt.Outcome, tries);
                    return;
                }
            }
            catch (Exception ex)
            {
                LogReportFailed(logger, ex, item.DeliveryId, item.ModelId, attempt.Outcome, tries);
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Notification {DeliveryId} ({Event} of model {ModelId}) delivered to channel {ChannelId} at attempt {Attempt}")]
    private static partial void LogDelivered(ILogger logger, string deliveryId, string @event, string modelId, string channelId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {DeliveryId} to channel {ChannelId}: attempt {Attempt} failed ({Error}); next attempt at {NextAttemptAt:O}")]
    private static partial void LogRetrying(ILogger logger, string deliveryId, string channelId, int attempt, string? error, DateTimeOffset? nextAttemptAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {DeliveryId} ({Event} of model {ModelId}) to channel {ChannelId} failed for good at attempt {Attempt}: {Error}")]
    private static partial void LogFailed(ILogger logger, string deliveryId, string @event, string modelId, string channelId, int attempt, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report notification {DeliveryId} to model {ModelId} (try {Try}); trying again")]
    private static partial void LogReportRetrying(ILogger logger, Exception exception, string deliveryId, string modelId, int @try);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up reporting the {Outcome} of notification {DeliveryId} to model {ModelId} after {Tries} tries; the model's outbox resends it at the next start")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, string deliveryId, string modelId, DeliveryOutcome outcome, int tries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping: the {Outcome} of notification {DeliveryId} was not reported to model {ModelId} after {Tries} tries; the model's outbox resends it at the next start")]
    private static partial void LogReportDropped(ILogger logger, string deliveryId, string modelId, DeliveryOutcome outcome, int tries);

    [LoggerMessage(Level = LogLevel.Error, Message = "Notification {DeliveryId} to channel {ChannelId} stopped on an unexpected error; the model's outbox resends it at the next start")]
    private static partial void LogDeliveryFault(ILogger logger, Exception exception, string deliveryId, string channelId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Notification {DeliveryId} to channel {ChannelId} submitted while stopping; the model's outbox resends it at the next start")]
    private static partial void LogSubmittedWhileStopping(ILogger logger, string deliveryId, string channelId);
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelOps.Grains;
using ModelOps.Grains.Models;

namespace ModelOps.Api.Notifications;

/// <summary>
/// Once the host has started, asks every model to hand its unconfirmed outbox to the dispatcher, so notifications
/// that were written but not confirmed before a restart (or a crash) are sent again.
/// </summary>
public sealed partial class DeliveryResumer(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<DeliveryResumer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        await using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        try
        {
            var ids = await grains.GetGrain<IModelRegistryGrain>(Names.FleetKey).List();
            await Task.WhenAll(ids.Select(id => grains.GetGrain<IModelGrain>(id).ResumeDeliveries()));
            LogResumed(logger, ids.Count);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Asked {Models} models to resend their unconfirmed notifications")]
    private static partial void LogResumed(ILogger logger, int models);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not resume the notification outboxes; each model resends them when it next activates")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelOps.Grains.Alerting;
using ModelOps.Grains.Alerting.Routing;
using ModelOps.Grains.Telemetry;
using Orleans.Hosting;

namespace ModelOps.Grains.Notifications;

public static class NotificationServiceCollectionExtensions
{
    /// <summary>
    /// Notification delivery, on the silo: the dispatcher (<see cref="INotificationDispatcher"/> for the grains, and a
    /// hosted service so it stops cleanly), its sender and HTTP client, and <see cref="NotificationOptions"/>. Needs
    /// <see cref="IGrainFactory"/> from the silo. Call it inside the silo's configuration, after the silo's own services,
    /// so that at shutdown the dispatcher stops first and can still report the attempts in flight to the grains. The silo
    /// also needs a reminder service (the models' outboxes are driven by reminders), chosen by the host.
    /// </summary>
    public static IServiceCollection AddModelOpsNotifications(this IServiceCollection services)
    {
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddHttpClient(NotificationHttp.ClientName)
            // Each attempt has its own timeout (AttemptTimeout); the client's must not cut it short.
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(provider =>
                NotificationHttp.CreateHandler(provider.GetRequiredService<IOptions<NotificationOptions>>().Value.AllowPrivateNetworks))
            // The factory's loggers write request URLs, and a Slack webhook's URL is its secret.
            .RemoveAllLoggers();
        // The outbox reminder's period is the setting: Orleans' minimum (a minute) follows it down.
        services.AddOptions<ReminderOptions>().Configure<IOptions<NotificationOptions>>((reminders, notifications) =>
            reminders.MinimumReminderPeriod = new[] { reminders.MinimumReminderPeriod, notifications.Value.OutboxReminderPeriod }.Min());
        services.TryAddSingleton(TimeProvider.System);
        services.AddServiceMetrics();
        services.AddSingleton(provider => new RetryPolicy(provider.GetRequiredService<IOptions<NotificationOptions>>().Value, Random.Shared));
        services.AddSingleton<NotificationSender>();
        services.AddSingleton<IChannelLookup, GrainChannelLookup>();
        services.AddSingleton<IDeliveryRecorder, GrainDeliveryRecorder>();
        services.AddSingleton<RoutingSnapshot>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<RoutingSnapshot>());
        services.AddSingleton<NotificationDispatcher>();
        services.AddSingleton<INotificationDispatcher>(provider => provider.GetRequiredService<NotificationDispatcher>());
        services.AddHostedService(provider => provider.GetRequiredService<NotificationDispatcher>());
        return services;
    }
}

using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Grains.Notifications;
using ModelOps.Contracts;
using ModelOps.Grains.Alerting;

namespace ModelOps.Api.Tests.Notifications;

/// <summary>The notification services as production registers them, with fast retries, and the alert the tests send.</summary>
public static class NotificationTestKit
{
    public static readonly DateTimeOffset StartedAt = new(2026, 11, 29, 15, 0, 0, TimeSpan.Zero);

    /// <summary><see cref="NotificationServiceCollectionExtensions.AddModelOpsNotifications"/> with retries after 50–200 ms.</summary>
    public static ServiceProvider Services(
        bool allowPrivateNetworks = true, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? replace = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["ModelOps:Notifications:AllowPrivateNetworks"] = allowPrivateNetworks ? "true" : "false",
            ["ModelOps:Notifications:RetryBaseDelay"] = "00:00:00.050",
            ["ModelOps:Notifications:RetryMaxDelay"] = "00:00:00.200",
            ["ModelOps:Notifications:AttemptTimeout"] = "00:00:05",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(all).Build())
            .AddLogging()
            .AddModelOpsNotifications();
        replace?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = false, ValidateScopes = true });
    }

    public static AlertView Alert(AlertState state = AlertState.Firing) => new()
    {
        Id = "fraud-7",
        ModelId = "fraud",
        RuleId = "accuracy-low",
        Fingerprint = "3f2a9c0d1e4b5a6c",
        Title = "Accuracy too low",
        Message = "accuracy is 0.8123, below the threshold of 0.9 (for 30s)",
        Severity = AlertSeverity.Critical,
        State = state,
        Metric = "accuracy",
        Value = state == AlertState.Resolved ? 0.93 : 0.8123,
        Threshold = 0.9,
        Op = "<",
        StartedAt = StartedAt,
        FiredAt = StartedAt.AddSeconds(30),
        ResolvedAt = state == AlertState.Resolved ? StartedAt.AddMinutes(10) : null,
    };

    public static OutboxItem Item(string channelId, string @event = NotificationEvents.Firing, AlertView? alert = null, string deliveryId = "d-1", int attempts = 0) =>
        new(deliveryId, "fraud", channelId, @event, alert ?? Alert(), null, attempts, DateTimeOffset.MinValue, StartedAt);

    public static NotificationChannel Webhook(HookReceiver receiver, string? secret = null, string path = "hook") =>
        new() { Type = ChannelTypes.Webhook, Url = receiver.Url(path), Secret = secret };

    /// <summary>The JSON as System.Text.Json writes it, so two documents compare as text with a readable diff.</summary>
    public static string Normalized(string json) => JsonNode.Parse(json)!.ToJsonString();
}

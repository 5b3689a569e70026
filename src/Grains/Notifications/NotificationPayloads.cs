using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelOps.Contracts;
using ModelOps.Grains.Alerting;
using ModelOps.Grains.Alerting.Rules;

namespace ModelOps.Grains.Notifications;

/// <summary>The bodies each channel type receives, as UTF-8 JSON bytes. Pure: the same item gives the same bytes.</summary>
public static class NotificationPayloads
{
    /// <summary>Slack's limits: a header's text, a section's text.</summary>
    private const int MaxHeaderLength = 150;
    private const int MaxSectionLength = 3_000;

    /// <summary>PagerDuty's limit on <c>payload.summary</c>.</summary>
    public const int MaxSummaryLength = 1_024;

    /// <summary>The body <paramref name="channel"/> gets for <paramref name="item"/>; null when the item lacks what that channel type sends.</summary>
    public static byte[]? For(NotificationChannel channel, OutboxItem item) => (channel.Type, item) switch
    {
        (ChannelTypes.Retrain, { Retrain: { } request }) => Retrain(request),
        (ChannelTypes.Slack, { Alert: { } alert }) => Slack(alert, item.Event),
        (ChannelTypes.PagerDuty, { Alert: { } alert }) when channel.RoutingKey is { } routingKey => PagerDuty(alert, item.Event, routingKey),
        (ChannelTypes.Webhook, { Alert: { } alert }) => Webhook(alert, item.Event),
        _ => null,
    };

    /// <summary>A Slack incoming-webhook message: a one-line <c>text</c> (the notification's fallback) and <c>blocks</c> with the details.</summary>
    public static byte[] Slack(AlertView alert, string @event)
    {
        var fields = new JsonArray(
            Field("Model", alert.ModelId),
            Field("Metric", alert.Metric),
            Field("Value", Value(alert)),
            Field("Threshold", Threshold(alert)),
            Field("State", State(alert.State)),
            Field("Started", Time(alert.StartedAt)));
        if (alert.FiredAt is { } fired)
        {
            fields.Add(Field("Fired", Time(fired)));
        }
        if (alert.ResolvedAt is { } resolved)
        {
            fields.Add(Field("Resolved", Time(resolved)));
        }
        var section = new JsonObject { ["type"] = "section" };
        if (alert.Message.Length > 0)
        {
            section["text"] = Mrkdwn(Truncate(SlackEscape(alert.Message), MaxSectionLength));
        }
        section["fields"] = fields;
        var header = @event switch
        {
            NotificationEvents.Resolved => $"Resolved: {alert.Title}",
            NotificationEvents.Repeat => $"{Label(alert.Severity)} (still firing): {alert.Title}",
            _ => $"{Label(alert.Severity)}: {alert.Title}",
        };
        return Bytes(new JsonObject
        {
            ["text"] = SlackEscape($"[{Label(alert.Severity)}] {Headline(alert, @event)}"),
            ["blocks"] = new JsonArray(
                new JsonObject
                {
                    ["type"] = "header",
                    ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = Truncate(header, MaxHeaderLength) },
                },
                section),
        });
    }

    /// <summary>
    /// A PagerDuty Events API v2 event: <c>trigger</c> on firing and repeat, <c>resolve</c> on resolved, deduplicated
    /// by the alert's fingerprint so every notification of one rule's alert lands on one incident.
    /// </summary>
    public static byte[] PagerDuty(AlertView alert, string @event, string routingKey)
    {
        var resolved = @event == NotificationEvents.Resolved;
        return Bytes(new JsonObject
        {
            ["routing_key"] = routingKey,
            ["event_action"] = resolved ? "resolve" : "trigger",
            ["dedup_key"] = alert.Fingerprint.Length > 0 ? alert.Fingerprint : alert.Id,
            ["payload"] = new JsonObject
            {
                ["summary"] = Truncate(Headline(alert, @event), MaxSummaryLength),
                ["source"] = alert.ModelId,
                ["severity"] = Severity(alert.Severity),
                ["timestamp"] = Timestamp(resolved ? alert.ResolvedAt ?? alert.FiredAt ?? alert.StartedAt : alert.FiredAt ?? alert.StartedAt),
                ["component"] = "modelops",
                ["custom_details"] = new JsonObject
                {
                    ["metric"] = alert.Metric,
                    ["value"] = alert.Value,
                    ["op"] = alert.Op,
                    ["threshold"] = alert.Threshold,
                    ["alertId"] = alert.Id,
                    ["ruleId"] = alert.RuleId,
                },
            },
        });
    }

    /// <summary>A generic webhook: <c>{"event": "firing" | "resolved" | "repeat", "alert": &lt;the alert&gt;}</c>.</summary>
    public static byte[] Webhook(AlertView alert, string @event) => Bytes(new JsonObject
    {
        ["event"] = @event,
        ["alert"] = JsonSerializer.SerializeToNode(alert, ModelOpsJsonContext.Default.AlertView),
    });

    /// <summary>A retrain channel's body: the <see cref="RetrainNotification"/> itself.</summary>
    public static byte[] Retrain(RetrainNotification request) =>
        JsonSerializer.SerializeToUtf8Bytes(request, ModelOpsJsonContext.Default.RetrainNotification);

    /// <summary>
    /// The <see cref="WebhookHeaders.Signature"/> value, as Stripe and Slack sign: <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>,
    /// the lowercase hex HMAC-SHA256 under the secret of the timestamp, a dot and the raw body. The timestamp is signed, so
    /// a receiver that refuses old timestamps refuses a captured delivery replayed later.
    /// </summary>
    public static string Signature(ReadOnlySpan<byte> body, string secret, long unixSeconds)
    {
        var timestamp = unixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signed = new byte[Encoding.ASCII.GetByteCount(timestamp) + 1 + body.Length];
        var written = Encoding.ASCII.GetBytes(timestamp, signed);
        signed[written] = (byte)'.';
        body.CopyTo(signed.AsSpan(written + 1));
        return $"t={timestamp},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))}";
    }

    /// <summary>One line for people: what happened, to which model, the value against the threshold.</summary>
    public static string Headline(AlertView alert, string @event) => @event switch
    {
        NotificationEvents.Resolved => $"Resolved: {alert.Title} on model {alert.ModelId}: {alert.Metric} {Value(alert)} (threshold {Threshold(alert)})",
        NotificationEvents.Repeat => $"Still firing: {alert.Title} on model {alert.ModelId}: {alert.Metric} {Value(alert)} {Threshold(alert)}",
        _ => $"{alert.Title} on model {alert.ModelId}: {alert.Metric} {Value(alert)} {Threshold(alert)}",
    };

    private static string Value(AlertView alert) => alert.Value is { } value ? Format(alert.Metric, value) : "unknown";

    private static string Threshold(AlertView alert) => $"{alert.Op} {Format(alert.Metric, alert.Threshold)}".TrimStart();

    /// <summary>The way the alert's own message writes numbers (<c>312.5 ms</c>), so a notification never disagrees with it.</summary>
    private static string Format(string metric, double value) =>
        RuleMetric.TryParse(metric, out var parsed, out _) ? parsed.Format(value) : value.ToString("G4", CultureInfo.InvariantCulture);

    private static string Label(AlertSeverity severity) => Severity(severity).ToUpperInvariant();

    private static string Severity(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "critical",
        AlertSeverity.Warning => "warning",
        _ => "info",
    };

    private static string State(AlertState state) => state switch
    {
        AlertState.Pending => "pending",
        AlertState.Firing => "firing",
        _ => "resolved",
    };

    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Field(string name, string value) => Mrkdwn($"*{name}*\n{SlackEscape(value)}");

    private static JsonObject Mrkdwn(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    /// <summary>Slack reads <c>&amp;</c>, <c>&lt;</c> and <c>&gt;</c> as markup (<c>&lt;!channel&gt;</c> pings everyone): a rule's name must not.</summary>
    private static string SlackEscape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static byte[] Bytes(JsonObject body) => Encoding.UTF8.GetBytes(body.ToJsonString());
}

/// <summary>Headers of webhook and retrain deliveries.</summary>
public static class WebhookHeaders
{
    /// <summary><c>t=&lt;unix&gt;,v1=&lt;hex&gt;</c>, present when the channel has a secret: see <see cref="NotificationPayloads.Signature"/>.</summary>
    public const string Signature = "X-ModelOps-Signature";

    /// <summary><c>firing</c>, <c>resolved</c>, <c>repeat</c>, <c>retrain</c>, or <c>test</c> (<see cref="TestNotification"/>).</summary>
    public const string Event = "X-ModelOps-Event";

    /// <summary>The delivery id: the same on every attempt of one notification, so a receiver can drop duplicates.</summary>
    public const string Delivery = "X-ModelOps-Delivery";
}

using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ModelOps.Api.Tests.Notifications;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Alerting;

/// <summary>The rule, channels, waits and checks the alerting tests share.</summary>
public static class AlertingKit
{
    /// <summary>A latency that breaks <see cref="SlowLatency"/>, and one that does not.</summary>
    public const double SlowMs = 500, FastMs = 10;

    public const string SlowLatencyRuleId = "latency-p95-high";

    /// <summary>
    /// <c>latencyP95 &gt; 100 ms</c> over the last 2 s: <see cref="SlowMs"/> events break it at the next tick, and it holds
    /// again about 2 s after they give way to <see cref="FastMs"/> ones.
    /// </summary>
    public static AlertRule SlowLatency(string @for = "1s", AlertSeverity severity = AlertSeverity.Critical, IReadOnlyList<string>? actions = null) => new()
    {
        Id = SlowLatencyRuleId,
        Name = "Latency p95 high",
        Metric = "latencyP95",
        Op = ">",
        Threshold = 100,
        For = Duration.Parse(@for),
        Window = Duration.Parse("2s"),
        Severity = severity,
        Actions = actions,
    };

    public static NotificationChannel Slack(HookReceiver receiver, string modelId) =>
        new() { Type = ChannelTypes.Slack, Url = receiver.Url("slack"), Models = [modelId] };

    public static NotificationChannel PagerDuty(HookReceiver receiver, string modelId, string routingKey) =>
        new() { Type = ChannelTypes.PagerDuty, Url = receiver.Url("v2/enqueue"), RoutingKey = routingKey, Models = [modelId] };

    public static NotificationChannel Webhook(string url, string modelId, string? secret = null) =>
        new() { Type = ChannelTypes.Webhook, Url = url, Secret = secret, Models = [modelId] };

    public static NotificationChannel Retrain(HookReceiver receiver, string modelId, string? secret = null) =>
        new() { Type = ChannelTypes.Retrain, Url = receiver.Url("retrain"), Secret = secret, Models = [modelId] };

    /// <summary>The newest alert of the model that matches, polling <c>GET /api/v1/models/{id}/alerts</c> until the deadline.</summary>
    public static async Task<AlertView> WaitForAlertAsync(this ModelOpsClient client, string modelId, Func<AlertView, bool> match, string awaited, int timeoutSeconds = 10)
    {
        AlertView? found = null;
        await TestData.WaitUntil(
            async () => (found = (await client.GetAlertsAsync(modelId, cancellationToken: TestContext.Current.CancellationToken)).FirstOrDefault(match)) is not null,
            TimeSpan.FromSeconds(timeoutSeconds),
            $"{awaited} on model {modelId}");
        return found!;
    }

    /// <summary>True once the alert has <paramref name="count"/> notifications and none of them is still being attempted.</summary>
    public static bool Settled(this AlertView alert, int count) =>
        alert.Deliveries.Count == count && alert.Deliveries.All(delivery => delivery.Status != DeliveryStatus.Pending);

    /// <summary>
    /// What a receiver computes to check <c>X-ModelOps-Signature</c> (<c>t=&lt;unix&gt;,v1=&lt;hex&gt;</c>): HMAC-SHA256 under the
    /// shared secret of the timestamp the header carries, a dot and the raw body, written as the header writes it.
    /// </summary>
    public static string Signature(byte[] body, string secret, string? header)
    {
        var timestamp = header?.Split(',')[0] is ['t', '=', .. var digits] && long.TryParse(digits, out _) ? digits : "(no t=)";
        var signed = Encoding.UTF8.GetBytes(timestamp + ".").Concat(body).ToArray();
        return $"t={timestamp},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed))}";
    }

    /// <summary>The documented fingerprint: the first 16 hex digits of SHA-256 over <c>modelId + "\n" + ruleId</c>.</summary>
    public static string Fingerprint(string modelId, string ruleId) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(modelId + "\n" + ruleId)))[..16];

    /// <summary>A latency as alert messages write it: four significant digits and the unit.</summary>
    public static string Ms(double? value) => value!.Value.ToString("G4", CultureInfo.InvariantCulture) + " ms";

    public static AlertView AlertOf(ReceivedRequest webhook) =>
        webhook.Json["alert"].Deserialize(ModelOpsJsonContext.Default.AlertView)!;

    /// <summary>Asserts a problem+json answer with this status and detail.</summary>
    public static async Task<ApiProblem> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string? detail = null)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync(ModelOpsJsonContext.Default.ApiProblem, TestContext.Current.CancellationToken);
        Assert.NotNull(problem);
        Assert.Equal((int)status, problem.Status);
        if (detail is not null)
        {
            Assert.Equal(detail, problem.Detail);
        }
        return problem;
    }

    /// <summary>Asserts a 400 that names <paramref name="field"/> with <paramref name="reason"/>, in the detail and in <c>errors</c>.</summary>
    public static async Task AssertInvalidAsync(HttpResponseMessage response, string field, string reason)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, $"{field}: {reason}");
        Assert.NotNull(problem.Errors);
        Assert.Equal([reason], problem.Errors[field]);
    }
}

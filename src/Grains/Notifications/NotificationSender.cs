using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;
using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Alerting;

namespace ModelOps.Grains.Notifications;

/// <summary>
/// Makes one attempt at one notification: validates the channel, builds the body, posts it within
/// <see cref="NotificationOptions.AttemptTimeout"/> and judges the answer. Knows nothing of Orleans: the channel is
/// handed in, the outcome handed back.
/// </summary>
public sealed class NotificationSender(
    IHttpClientFactory httpClients,
    IOptions<NotificationOptions> options,
    RetryPolicy retry,
    TimeProvider time)
{
    /// <summary>The most of a refusing channel's answer kept in the error, so people see why (Slack answers e.g. <c>invalid_payload</c>).</summary>
    private const int MaxAnswerExcerpt = 200;

    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    /// <param name="item">The notification, with the attempts made so far.</param>
    /// <param name="channel">The channel with its secret and routing key revealed; null when it has been deleted.</param>
    /// <param name="cancellationToken">Abandons the attempt (shutdown); the timeout of the attempt is applied here.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; nothing is decided.</exception>
    public async Task<DeliveryAttempt> SendAsync(OutboxItem item, NotificationChannel? channel, CancellationToken cancellationToken)
    {
        var result = await AttemptAsync(item, channel, cancellationToken);
        return retry.Decide(item, time.GetUtcNow(), result);
    }

    /// <summary>
    /// One attempt at <paramref name="item"/>, unjudged: what the channel answered, or why it was not sent. Used as is
    /// by the channel test, which makes exactly one attempt and records nothing.
    /// </summary>
    /// <param name="item">The notification.</param>
    /// <param name="channel">The channel with its secret and routing key revealed; null when it has been deleted.</param>
    /// <param name="cancellationToken">Abandons the attempt; the timeout of the attempt is applied here.</param>
    public async Task<AttemptResult> AttemptAsync(OutboxItem item, NotificationChannel? channel, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (channel is null)
        {
            return AttemptResult.Refusal("channel deleted");
        }
        NotificationChannel valid;
        try
        {
            valid = ChannelValidator.Validate(item.ChannelId, channel, settings);
        }
        catch (InvalidRequestException invalid)
        {
            return AttemptResult.Refusal($"channel is invalid: {invalid.Field}: {invalid.Reason}");
        }
        if (NotificationPayloads.For(valid, item) is not { } body)
        {
            return AttemptResult.Refusal($"a {valid.Type} channel cannot send a '{item.Event}' notification");
        }

        using var request = Request(valid, item, body, time.GetUtcNow());
        using var timeout = new CancellationTokenSource(settings.AttemptTimeout, time);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, cancellationToken);
        try
        {
            using var response = await httpClients.CreateClient(NotificationHttp.ClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new AttemptResult(status, null);
            }
            var error = $"HTTP {status}{(status is >= 300 and < 400 ? " (redirects are not followed)" : "")}{await ExcerptAsync(response, attempt.Token)}";
            return new AttemptResult(status, error, RetryPolicy.RetryAfter(response.Headers.RetryAfter, time.GetUtcNow()));
        }
        catch (HttpRequestException refused) when (refused.InnerException is AddressRefusedException policy)
        {
            return AttemptResult.Refusal(policy.Message);
        }
        catch (HttpRequestException failed)
        {
            return AttemptResult.NoAnswer(failed.Message);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return AttemptResult.NoAnswer($"no answer within {settings.AttemptTimeout.TotalSeconds:0.###} s");
        }
    }

    private static HttpRequestMessage Request(NotificationChannel channel, OutboxItem item, byte[] body, DateTimeOffset now)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, channel.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = Json;
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("ModelOpsVision", "1.0"));
        if (channel.Type is ChannelTypes.Webhook or ChannelTypes.Retrain)
        {
            request.Headers.Add(WebhookHeaders.Event, item.Event);
            request.Headers.Add(WebhookHeaders.Delivery, item.DeliveryId);
            if (channel.Secret is { } secret)
            {
                request.Headers.Add(WebhookHeaders.Signature, NotificationPayloads.Signature(body, secret, now.ToUnixTimeSeconds()));
            }
        }
        return request;
    }

    /// <summary>The start of the answer's body on one line, e.g. <c>": invalid_payload"</c>; empty when there is none or it cannot be read in time.</summary>
    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[MaxAnswerExcerpt];
            var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken);
            var text = string.Join(' ', Encoding.UTF8.GetString(buffer, 0, read).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            return text.Length == 0 ? "" : ": " + text;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            return "";
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace ModelOps.Grains.Notifications;

/// <summary>How notifications are delivered (configuration section <c>ModelOps:Notifications</c>).</summary>
public sealed class NotificationOptions : IValidatableObject
{
    public const string Section = "ModelOps:Notifications";

    public const string DefaultPagerDutyUrl = "https://events.pagerduty.com/v2/enqueue";

    /// <summary>
    /// Whether channels may point at loopback, private (RFC 1918, RFC 6598, fc00::/7) and unspecified addresses
    /// (<c>ModelOps:Notifications:AllowPrivateNetworks</c>). Link-local and cloud metadata addresses are refused regardless.
    /// </summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>Attempts at one notification before it fails for good (<c>ModelOps:Notifications:MaxAttempts</c>).</summary>
    [Range(1, 100, ErrorMessage = "ModelOps:Notifications:MaxAttempts must be between 1 and 100.")]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Back-off before the second attempt; it doubles with each attempt up to <see cref="RetryMaxDelay"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = "ModelOps:Notifications:RetryBaseDelay must be between 00:00:00.010 and 01:00:00.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = "ModelOps:Notifications:RetryMaxDelay must be between 00:00:00.010 and 1.00:00:00.")]
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long one attempt may take, connecting included, before it counts as failed and is retried.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "ModelOps:Notifications:AttemptTimeout must be between 00:00:00.100 and 00:05:00.")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a model whose outbox is not empty hands it to the dispatcher again
    /// (<c>ModelOps:Notifications:OutboxReminderPeriod</c>). An Orleans reminder, held only while the outbox is not empty,
    /// so it also wakes the model after a restart or on another silo. Orleans warns below a minute.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "ModelOps:Notifications:OutboxReminderPeriod must be between 00:00:01 and 01:00:00.")]
    public TimeSpan OutboxReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Where <c>pagerduty</c> channels without a URL send: the Events API v2 enqueue endpoint.</summary>
    [Required(ErrorMessage = "ModelOps:Notifications:PagerDutyUrl is required.")]
    public string PagerDutyUrl { get; set; } = DefaultPagerDutyUrl;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetryMaxDelay < RetryBaseDelay)
        {
            yield return new ValidationResult(
                "ModelOps:Notifications:RetryMaxDelay must not be shorter than ModelOps:Notifications:RetryBaseDelay.",
                [nameof(RetryMaxDelay)]);
        }
        if (!Uri.TryCreate(PagerDutyUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            yield return new ValidationResult("ModelOps:Notifications:PagerDutyUrl must be an absolute http or https URL.", [nameof(PagerDutyUrl)]);
        }
    }
}

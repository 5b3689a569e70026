using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>
/// The channel form's state. A channel read from the API carries its secret and routing key masked; sent back
/// unchanged, the masked text tells the API to keep the stored value, so the form never needs to see a secret.
/// </summary>
public sealed class ChannelDraft
{
    public string Id { get; set; } = "";

    public string Type { get; set; } = ChannelTypes.Slack;

    public string Url { get; set; } = "";

    public string RoutingKey { get; set; } = "";

    public string Secret { get; set; } = "";

    /// <summary>Null: the API's default, every severity.</summary>
    public AlertSeverity? MinSeverity { get; set; }

    /// <summary>Model ids separated by commas, or <c>*</c> for every model (also when empty).</summary>
    public string Models { get; set; } = "*";

    /// <summary>Empty: the API's default (4h).</summary>
    public string RepeatInterval { get; set; } = "";

    /// <summary>True for a channel read from the API: its id is fixed.</summary>
    public bool Existing { get; private init; }

    public bool HasRoutingKey => Type == ChannelTypes.PagerDuty;

    public bool HasSecret => Type is ChannelTypes.Webhook or ChannelTypes.Retrain;

    public static ChannelDraft From(NotificationChannel channel) => new()
    {
        Id = channel.Id ?? "",
        Type = channel.Type ?? ChannelTypes.Slack,
        Url = channel.Url ?? "",
        RoutingKey = channel.RoutingKey ?? "",
        Secret = channel.Secret ?? "",
        MinSeverity = channel.MinSeverity,
        Models = string.Join(", ", channel.Models ?? ["*"]),
        RepeatInterval = channel.RepeatInterval?.ToString() ?? "",
        Existing = true,
    };

    /// <summary>What must be right before the API is asked, as <c>field: reason</c>; the API checks the rest.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!ModelOps.Contracts.ModelId.IsValid(Id))
        {
            errors.Add($"id: {(Id.Length == 0 ? "required, " : "")}{ModelOps.Contracts.ModelId.Rule}");
        }
        if (RepeatInterval.Length > 0 && !Duration.TryParse(RepeatInterval, out _))
        {
            errors.Add($"repeatInterval: '{RepeatInterval}' is not a duration: expected {Duration.Format}");
        }
        return errors;
    }

    /// <summary>The body of <c>PUT /api/v1/channels/{id}</c>, with only the fields its type has.</summary>
    public NotificationChannel ToChannel() => new()
    {
        Type = Type,
        Url = Url.Length == 0 ? null : Url,
        RoutingKey = HasRoutingKey && RoutingKey.Length > 0 ? RoutingKey : null,
        Secret = HasSecret && Secret.Length > 0 ? Secret : null,
        MinSeverity = MinSeverity,
        Models = Models.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries) is { Length: > 0 } models ? models : null,
        RepeatInterval = RepeatInterval.Length == 0 ? null : Duration.Parse(RepeatInterval),
    };
}

using ModelOps.Contracts;
using ModelOps.Grains;
using ModelOps.Grains.Alerting.Routing;

namespace ModelOps.Grains.Notifications;

/// <summary>
/// Checks a channel before it is stored, and again before each delivery (the network policy may have changed since),
/// and returns it normalized: defaults filled in, the URL in its canonical form. Refuses URLs that would let a
/// channel reach this host's private network or a cloud metadata service (server-side request forgery).
/// </summary>
public static class ChannelValidator
{
    public const int MaxUrlLength = 2_048;
    public const int MaxKeyLength = 256;
    public const int MaxModels = 1_000;
    public static readonly TimeSpan MinRepeatInterval = TimeSpan.FromMinutes(1);

    private static readonly string TypeList = string.Join(", ", ChannelTypes.All);

    /// <summary>Validates with the configured network policy and PagerDuty endpoint.</summary>
    /// <exception cref="InvalidRequestException">The first invalid field.</exception>
    public static NotificationChannel Validate(string id, NotificationChannel channel, NotificationOptions options) =>
        Validate(id, channel, options.AllowPrivateNetworks, options.PagerDutyUrl);

    /// <param name="id">The channel id, from the path.</param>
    /// <param name="channel">The channel as sent; its own <see cref="NotificationChannel.Id"/> is ignored.</param>
    /// <param name="allowPrivateNetworks">Whether loopback, private and unspecified addresses are allowed.</param>
    /// <param name="defaultPagerDutyUrl">The URL of a <c>pagerduty</c> channel that names none.</param>
    /// <exception cref="InvalidRequestException">The first invalid field.</exception>
    public static NotificationChannel Validate(
        string id, NotificationChannel channel, bool allowPrivateNetworks, string defaultPagerDutyUrl = NotificationOptions.DefaultPagerDutyUrl)
    {
        if (!ModelId.IsValid(id))
        {
            throw new InvalidRequestException("id", $"expected {ModelId.Rule}");
        }
        var type = channel.Type;
        if (type is null || !ChannelTypes.All.Contains(type))
        {
            throw new InvalidRequestException("type", type is null ? $"required: one of {TypeList}" : $"expected one of {TypeList}, got '{type}'");
        }
        var url = Url(type == ChannelTypes.PagerDuty ? channel.Url ?? defaultPagerDutyUrl : channel.Url, allowPrivateNetworks);
        var routingKey = NullIfEmpty(channel.RoutingKey);
        if (type == ChannelTypes.PagerDuty && routingKey is null)
        {
            throw new InvalidRequestException("routingKey", "required for pagerduty: the integration key of an Events API v2 integration");
        }
        if (type != ChannelTypes.PagerDuty && routingKey is not null)
        {
            throw new InvalidRequestException("routingKey", "only pagerduty channels have a routing key");
        }
        if (routingKey is { Length: > MaxKeyLength })
        {
            throw new InvalidRequestException("routingKey", $"at most {MaxKeyLength} characters");
        }
        var secret = NullIfEmpty(channel.Secret);
        if (secret is not null && type is not (ChannelTypes.Webhook or ChannelTypes.Retrain))
        {
            throw new InvalidRequestException("secret", "only webhook and retrain channels are signed");
        }
        if (secret is { Length: > MaxKeyLength })
        {
            throw new InvalidRequestException("secret", $"at most {MaxKeyLength} characters");
        }
        if (channel.MinSeverity is { } severity && !Enum.IsDefined(severity))
        {
            throw new InvalidRequestException("minSeverity", "expected info, warning or critical");
        }
        if (channel.RepeatInterval is { } repeat && repeat.Value < MinRepeatInterval)
        {
            throw new InvalidRequestException("repeatInterval", $"at least {new Duration(MinRepeatInterval)}, got {repeat}");
        }
        return channel with
        {
            Id = id,
            Url = url.AbsoluteUri,
            RoutingKey = routingKey,
            Secret = secret,
            MinSeverity = channel.MinSeverity ?? AlertSeverity.Info,
            Models = Models(channel.Models),
            RepeatInterval = channel.RepeatInterval ?? new Duration(AlertRouting.DefaultRepeatInterval),
        };
    }

    private static Uri Url(string? text, bool allowPrivateNetworks)
    {
        if (string.IsNullOrEmpty(text))
        {
            throw new InvalidRequestException("url", "required: the http or https endpoint to post to");
        }
        if (text.Length > MaxUrlLength)
        {
            throw new InvalidRequestException("url", $"at most {MaxUrlLength} characters");
        }
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new InvalidRequestException("url", "expected an absolute http or https URL");
        }
        if (url.UserInfo.Length > 0)
        {
            throw new InvalidRequestException("url", "must not contain a user name or password");
        }
        var host = url.HostNameType == UriHostNameType.IPv6 ? url.Host : url.IdnHost;
        if (NetworkPolicy.Refusal(host, NetworkPolicy.ClassifyHost(url.DnsSafeHost), allowPrivateNetworks) is { } refusal)
        {
            throw new InvalidRequestException("url", refusal);
        }
        return url;
    }

    private static IReadOnlyList<string> Models(IReadOnlyList<string>? models)
    {
        if (models is not { Count: > 0 })
        {
            return ["*"];
        }
        if (models.Count > MaxModels)
        {
            throw new InvalidRequestException("models", $"at most {MaxModels} entries");
        }
        for (var i = 0; i < models.Count; i++)
        {
            if (models[i] != "*" && !ModelId.IsValid(models[i]))
            {
                throw new InvalidRequestException($"models[{i}]", $"expected a model id ({ModelId.Rule}) or \"*\", got '{models[i]}'");
            }
        }
        return models.Contains("*") ? ["*"] : models.Distinct(StringComparer.Ordinal).ToArray();
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}

using ModelOps.Contracts;
using ModelOps.Grains.Sealing;

namespace ModelOps.Grains.Alerting.Routing;

/// <summary>
/// What of a channel is secret — its <c>secret</c>, its <c>routingKey</c> and, for Slack, its <c>url</c> (an incoming
/// webhook's URL carries its token) — and how it is shown (masked: all but the last four characters hidden), kept
/// (a masked value sent back keeps the stored one only while the destination stays the same) and stored (sealed).
/// </summary>
public static class Secrets
{
    public const string Mask = "••••";

    public static string? Masked(string? secret) => secret switch
    {
        null or "" => secret,
        { Length: <= 8 } => Mask,
        _ => Mask + secret[^4..],
    };

    /// <summary>A Slack webhook URL shown with its host and the end of its path only: <c>https://hooks.slack.com/••••Xy9z</c>.</summary>
    public static string? MaskedUrl(string? url) =>
        url is not null && Uri.TryCreate(url, UriKind.Absolute, out var parsed)
            ? parsed.GetLeftPart(UriPartial.Authority) + "/" + Masked(parsed.PathAndQuery.TrimStart('/'))
            : Masked(url);

    /// <summary>The channel as shown: secret, routing key and a Slack URL masked.</summary>
    public static NotificationChannel MaskedCopy(NotificationChannel channel) => channel with
    {
        Secret = Masked(channel.Secret),
        RoutingKey = Masked(channel.RoutingKey),
        Url = channel.Type == ChannelTypes.Slack ? MaskedUrl(channel.Url) : channel.Url,
    };

    /// <summary>
    /// The channel as sent, with a masked Slack URL replaced by the stored one; to be validated next. A masked URL
    /// names the stored channel's URL only when the channel stays a Slack channel.
    /// </summary>
    /// <exception cref="InvalidRequestException"><c>url</c> is masked and there is no such stored Slack URL.</exception>
    public static NotificationChannel WithStoredUrl(NotificationChannel incoming, NotificationChannel? stored)
    {
        if (incoming.Url is not { } url || !url.Contains(Mask, StringComparison.Ordinal))
        {
            return incoming;
        }
        if (stored is { Type: ChannelTypes.Slack } && incoming.Type == ChannelTypes.Slack && url == MaskedUrl(stored.Url))
        {
            return incoming with { Url = stored.Url };
        }
        throw new InvalidRequestException("url", "is a masked value that names no stored Slack URL of this channel: send the url in full");
    }

    /// <summary>
    /// The validated channel with a masked secret or routing key sent back replaced by the stored one. That is allowed only
    /// while the destination (type and URL) is unchanged: otherwise a caller who can read the masked channel could point it
    /// at an address of their own and have the stored secret sent there.
    /// </summary>
    /// <exception cref="InvalidRequestException">A masked value that cannot be kept, naming its field.</exception>
    public static NotificationChannel WithStoredSecrets(NotificationChannel valid, NotificationChannel? stored)
    {
        var sameDestination = stored is not null && stored.Type == valid.Type && stored.Url == valid.Url;
        return valid with
        {
            Secret = Keep("secret", valid.Secret, stored?.Secret, sameDestination),
            RoutingKey = Keep("routingKey", valid.RoutingKey, stored?.RoutingKey, sameDestination),
        };
    }

    /// <summary>The channel as stored: its secret values sealed.</summary>
    public static NotificationChannel Sealed(NotificationChannel clear, SecretSealer sealer) => clear with
    {
        Secret = sealer.Seal(clear.Secret),
        RoutingKey = sealer.Seal(clear.RoutingKey),
        Url = clear.Type == ChannelTypes.Slack ? sealer.Seal(clear.Url) : clear.Url,
    };

    /// <summary>The stored channel with its secret values opened; values stored in clear by an older version are returned as they are.</summary>
    public static NotificationChannel Opened(NotificationChannel stored, SecretSealer sealer) => stored with
    {
        Secret = sealer.Open(stored.Secret),
        RoutingKey = sealer.Open(stored.RoutingKey),
        Url = sealer.Open(stored.Url),
    };

    /// <summary>Whether a stored channel still holds a secret value in clear (stored before sealing).</summary>
    public static bool HoldsClearSecret(NotificationChannel stored) =>
        IsClear(stored.Secret) || IsClear(stored.RoutingKey) || (stored.Type == ChannelTypes.Slack && IsClear(stored.Url));

    private static bool IsClear(string? stored) => !string.IsNullOrEmpty(stored) && !SecretSealer.IsSealed(stored);

    private static string? Keep(string field, string? incoming, string? stored, bool sameDestination)
    {
        if (incoming is null || !incoming.StartsWith(Mask, StringComparison.Ordinal))
        {
            return incoming;
        }
        if (stored is null || incoming != Masked(stored))
        {
            throw new InvalidRequestException(field, "is a masked value that matches no stored one: send it in full");
        }
        return sameDestination
            ? stored
            : throw new InvalidRequestException(field, "the channel's url or type changes: send it in full, not masked, so that a stored secret never follows a channel to a new destination");
    }
}

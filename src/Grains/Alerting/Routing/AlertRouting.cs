using ModelOps.Contracts;

namespace ModelOps.Grains.Alerting.Routing;

/// <summary>Which channels an alert goes to, and whether a silence holds it back. Pure, so the rules are tested alone.</summary>
public static class AlertRouting
{
    /// <summary>The default repeat interval of a firing, unacknowledged alert.</summary>
    public static readonly TimeSpan DefaultRepeatInterval = TimeSpan.FromHours(4);

    public static NotificationRoute Route(
        IEnumerable<NotificationChannel> channels, IEnumerable<Silence> silences, AlertView alert, bool retrain, DateTimeOffset now)
    {
        var routed = channels
            .Where(channel => retrain ? channel.Type == ChannelTypes.Retrain : channel.Type != ChannelTypes.Retrain)
            .Where(channel => CoversModel(channel, alert.ModelId))
            .Where(channel => retrain || alert.Severity >= (channel.MinSeverity ?? AlertSeverity.Info))
            .OrderBy(channel => channel.Id, StringComparer.Ordinal)
            .Select(channel => new RoutedChannel(channel.Id!, channel.RepeatInterval?.Value ?? DefaultRepeatInterval))
            .ToArray();
        var silence = silences.FirstOrDefault(candidate => Matches(candidate, alert, now));
        return new NotificationRoute(silence is not null, silence?.Id, routed);
    }

    /// <summary>The retrain channels of a model, for a retraining requested by hand.</summary>
    public static IReadOnlyList<RoutedChannel> RetrainChannels(IEnumerable<NotificationChannel> channels, string modelId) =>
        channels
            .Where(channel => channel.Type == ChannelTypes.Retrain && CoversModel(channel, modelId))
            .OrderBy(channel => channel.Id, StringComparer.Ordinal)
            .Select(channel => new RoutedChannel(channel.Id!, channel.RepeatInterval?.Value ?? DefaultRepeatInterval))
            .ToArray();

    /// <summary>True when the silence is active at <paramref name="now"/> and every matcher it has fits the alert.</summary>
    public static bool Matches(Silence silence, AlertView alert, DateTimeOffset now)
    {
        if (silence.StartsAt > now || !(silence.EndsAt > now))
        {
            return false;
        }
        var matchers = silence.Matchers ?? new SilenceMatchers();
        return (matchers.ModelId is null || matchers.ModelId == alert.ModelId)
            && (matchers.RuleId is null || matchers.RuleId == alert.RuleId)
            && (matchers.Severity is null || matchers.Severity == alert.Severity);
    }

    /// <summary>True when the channel takes the model's notifications: it lists the model, or <c>"*"</c>, or no model at all.</summary>
    public static bool CoversModel(NotificationChannel channel, string modelId) =>
        channel.Models is not { Count: > 0 } models || models.Any(model => model == "*" || model == modelId);
}

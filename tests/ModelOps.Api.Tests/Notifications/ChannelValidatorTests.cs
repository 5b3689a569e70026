using ModelOps.Grains.Notifications;
using ModelOps.Contracts;
using ModelOps.Grains;

namespace ModelOps.Api.Tests.Notifications;

public sealed class ChannelValidatorTests
{
    private const string OnlyWhenAllowed = "allowed only when ModelOps:Notifications:AllowPrivateNetworks is true";

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254 is a cloud metadata endpoint: never allowed")]
    [InlineData("http://[fd00:ec2::254]/", "[fd00:ec2::254] is a cloud metadata endpoint: never allowed")]
    [InlineData("http://100.100.100.200/", "100.100.100.200 is a cloud metadata endpoint: never allowed")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/", "metadata.google.internal is a cloud metadata endpoint: never allowed")]
    [InlineData("http://Metadata/", "metadata is a cloud metadata endpoint: never allowed")]
    [InlineData("http://instance-data./", "instance-data. is a cloud metadata endpoint: never allowed")]
    [InlineData("http://169.254.10.1/", "169.254.10.1 is a link-local address: never allowed")]
    [InlineData("http://[fe80::1]/", "[fe80::1] is a link-local address: never allowed")]
    [InlineData("http://[::ffff:169.254.169.254]/", "[::ffff:169.254.169.254] is a cloud metadata endpoint: never allowed")]
    [InlineData("http://[::ffff:a9fe:101]/", "[::ffff:169.254.1.1] is a link-local address: never allowed")]
    [InlineData("http://[64:ff9b::a9fe:a9fe]/", "[64:ff9b::a9fe:a9fe] is a cloud metadata endpoint: never allowed")]
    public void Link_local_and_cloud_metadata_addresses_are_refused_even_when_private_networks_are_allowed(string url, string reason)
    {
        AssertRefused(Hook(url), allowPrivateNetworks: true, "url", reason);
        AssertRefused(Hook(url), allowPrivateNetworks: false, "url", reason);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000/hook", "127.0.0.1 is a loopback address")]
    [InlineData("http://127.1/", "127.0.0.1 is a loopback address")]
    [InlineData("http://2130706433/", "127.0.0.1 is a loopback address")]
    [InlineData("http://[::1]/", "[::1] is a loopback address")]
    [InlineData("http://localhost:8080/", "localhost is a loopback address")]
    [InlineData("http://api.localhost/", "api.localhost is a loopback address")]
    [InlineData("http://[::ffff:127.0.0.1]/", "[::ffff:127.0.0.1] is a loopback address")]
    [InlineData("https://10.1.2.3/", "10.1.2.3 is a private network address")]
    [InlineData("https://172.16.0.1/", "172.16.0.1 is a private network address")]
    [InlineData("https://172.31.255.255/", "172.31.255.255 is a private network address")]
    [InlineData("https://192.168.1.20/", "192.168.1.20 is a private network address")]
    [InlineData("https://100.64.0.1/", "100.64.0.1 is a private network address")]
    [InlineData("https://[fd12:3456::1]/", "[fd12:3456::1] is a private network address")]
    [InlineData("https://[::ffff:10.0.0.1]/", "[::ffff:10.0.0.1] is a private network address")]
    [InlineData("http://0.0.0.0/", "0.0.0.0 is an unspecified address")]
    [InlineData("http://[::]/", "[::] is an unspecified address")]
    public void Loopback_private_and_unspecified_addresses_are_refused_unless_private_networks_are_allowed(string url, string reason)
    {
        AssertRefused(Hook(url), allowPrivateNetworks: false, "url", $"{reason}: {OnlyWhenAllowed}");

        Assert.Equal(new Uri(url).AbsoluteUri, ChannelValidator.Validate("hook", Hook(url), allowPrivateNetworks: true).Url);
    }

    [Theory]
    [InlineData("https://172.32.0.1/")]
    [InlineData("https://100.128.0.1/")]
    [InlineData("https://hooks.slack.com/services/T0/B0/x")]
    [InlineData("https://[2a00:1450:4001::1]/")]
    public void Public_addresses_and_names_are_allowed(string url) =>
        Assert.Equal(url, ChannelValidator.Validate("hook", Hook(url), allowPrivateNetworks: false).Url);

    [Theory]
    [InlineData(null, "type", "required: one of slack, pagerduty, webhook, retrain")]
    [InlineData("email", "type", "expected one of slack, pagerduty, webhook, retrain, got 'email'")]
    public void The_type_is_required_and_known(string? type, string field, string reason) =>
        AssertRefused(Hook("https://example.com/") with { Type = type }, false, field, reason);

    [Theory]
    [InlineData(null, "required: the http or https endpoint to post to")]
    [InlineData("", "required: the http or https endpoint to post to")]
    [InlineData("/relative/hook", "expected an absolute http or https URL")]
    [InlineData("ftp://example.com/hook", "expected an absolute http or https URL")]
    [InlineData("file:///etc/passwd", "expected an absolute http or https URL")]
    [InlineData("https://user:password@example.com/hook", "must not contain a user name or password")]
    public void The_url_is_an_absolute_http_url_without_credentials(string? url, string reason) =>
        AssertRefused(Hook(url), false, "url", reason);

    [Fact]
    public void A_url_longer_than_2048_characters_is_refused() =>
        AssertRefused(Hook("https://example.com/" + new string('a', 2_040)), false, "url", "at most 2048 characters");

    [Fact]
    public void PagerDuty_needs_a_routing_key_and_defaults_to_the_events_api()
    {
        AssertRefused(new NotificationChannel { Type = ChannelTypes.PagerDuty }, false, "routingKey",
            "required for pagerduty: the integration key of an Events API v2 integration");

        var channel = ChannelValidator.Validate("pd", new NotificationChannel { Type = ChannelTypes.PagerDuty, RoutingKey = "abc" }, false);

        Assert.Equal("https://events.pagerduty.com/v2/enqueue", channel.Url);
        Assert.Equal("abc", channel.RoutingKey);
    }

    [Fact]
    public void The_configured_pagerduty_url_is_checked_like_any_other()
    {
        var options = new NotificationOptions { PagerDutyUrl = "http://127.0.0.1:9999/v2/enqueue" };

        AssertRefused(new NotificationChannel { Type = ChannelTypes.PagerDuty, RoutingKey = "abc" }, options, "url",
            $"127.0.0.1 is a loopback address: {OnlyWhenAllowed}");
    }

    [Fact]
    public void Only_pagerduty_has_a_routing_key_and_only_webhooks_and_retrain_have_a_secret()
    {
        AssertRefused(Hook("https://example.com/") with { RoutingKey = "abc" }, false, "routingKey", "only pagerduty channels have a routing key");
        AssertRefused(new NotificationChannel { Type = ChannelTypes.Slack, Url = "https://hooks.slack.com/x", Secret = "s" }, false, "secret",
            "only webhook and retrain channels are signed");
        AssertRefused(Hook("https://example.com/") with { Secret = new string('s', 257) }, false, "secret", "at most 256 characters");
    }

    [Fact]
    public void Models_are_model_ids_or_a_star()
    {
        AssertRefused(Hook("https://example.com/") with { Models = ["fraud", "churn", "no spaces"] }, false, "models[2]",
            $"expected a model id ({ModelId.Rule}) or \"*\", got 'no spaces'");

        Assert.Equal(["fraud", "churn"], Validate(Hook("https://example.com/") with { Models = ["fraud", "churn", "fraud"] }).Models);
        Assert.Equal(["*"], Validate(Hook("https://example.com/") with { Models = ["fraud", "*"] }).Models);
    }

    [Fact]
    public void The_repeat_interval_is_at_least_a_minute() =>
        AssertRefused(Hook("https://example.com/") with { RepeatInterval = Duration.FromSeconds(30) }, false, "repeatInterval", "at least 1m, got 30s");

    [Fact]
    public void An_unknown_min_severity_is_refused() =>
        AssertRefused(Hook("https://example.com/") with { MinSeverity = (AlertSeverity)7 }, false, "minSeverity", "expected info, warning or critical");

    [Fact]
    public void The_channel_id_follows_the_model_id_rule() =>
        Assert.Equal("id", Assert.Throws<InvalidRequestException>(() => ChannelValidator.Validate("a/b", Hook("https://example.com/"), false)).Field);

    [Fact]
    public void Defaults_are_filled_in_and_the_url_is_canonical()
    {
        var channel = ChannelValidator.Validate("ops", new NotificationChannel { Id = "ignored", Type = ChannelTypes.Webhook, Url = "HTTPS://Example.COM:443/a b", Secret = "" }, false);

        Assert.Equal(new NotificationChannel
        {
            Id = "ops", Type = ChannelTypes.Webhook, Url = "https://example.com/a%20b", MinSeverity = AlertSeverity.Info,
            Models = channel.Models, RepeatInterval = Duration.FromMinutes(240),
        }, channel);
        Assert.Equal(["*"], channel.Models);
    }

    private static NotificationChannel Hook(string? url) => new() { Type = ChannelTypes.Webhook, Url = url };

    private static NotificationChannel Validate(NotificationChannel channel) => ChannelValidator.Validate("hook", channel, false);

    private static void AssertRefused(NotificationChannel channel, bool allowPrivateNetworks, string field, string reason)
    {
        var refused = Assert.Throws<InvalidRequestException>(() => ChannelValidator.Validate("hook", channel, allowPrivateNetworks));
        Assert.Equal((field, reason), (refused.Field, refused.Reason));
    }

    private static void AssertRefused(NotificationChannel channel, NotificationOptions options, string field, string reason)
    {
        var refused = Assert.Throws<InvalidRequestException>(() => ChannelValidator.Validate("hook", channel, options));
        Assert.Equal((field, reason), (refused.Field, refused.Reason));
    }
}

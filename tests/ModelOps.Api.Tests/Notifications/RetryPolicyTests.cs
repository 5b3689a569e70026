using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelOps.Grains.Notifications;
using ModelOps.Grains.Alerting;
using static ModelOps.Api.Tests.Notifications.NotificationTestKit;

namespace ModelOps.Api.Tests.Notifications;

public sealed class RetryPolicyTests
{
    private static readonly NotificationOptions Defaults = new();
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 15, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_back_off_doubles_from_the_base_delay_up_to_the_cap_with_equal_jitter()
    {
        var policy = new RetryPolicy(Defaults, new Random(20261129));
        double[] expectedSeconds = [2, 4, 8, 16, 32, 64, 128, 256, 300, 300, 300, 300];

        for (var attempts = 1; attempts <= expectedSeconds.Length; attempts++)
        {
            var delay = TimeSpan.FromSeconds(expectedSeconds[attempts - 1]);
            var samples = Enumerable.Range(0, 200).Select(_ => policy.Backoff(attempts)).ToArray();

            Assert.All(samples, sample => Assert.InRange(sample, delay / 2, delay));
            // Jitter spreads retries over the whole upper half, rather than bunching them at one point of it.
            Assert.InRange(samples.Min(), delay / 2, delay * 0.55);
            Assert.InRange(samples.Max(), delay * 0.95, delay);
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_delays()
    {
        var first = new RetryPolicy(Defaults, new Random(7));
        var second = new RetryPolicy(Defaults, new Random(7));

        Assert.Equal(Enumerable.Range(1, 10).Select(first.Backoff), Enumerable.Range(1, 10).Select(second.Backoff));
    }

    [Fact]
    public void A_huge_attempt_count_stays_at_the_cap() =>
        Assert.InRange(new RetryPolicy(Defaults, new Random(1)).Backoff(10_000), TimeSpan.FromMinutes(2.5), TimeSpan.FromMinutes(5));

    [Theory]
    [InlineData(200, DeliveryOutcome.Delivered)]
    [InlineData(202, DeliveryOutcome.Delivered)]
    [InlineData(204, DeliveryOutcome.Delivered)]
    [InlineData(408, DeliveryOutcome.Retry)]
    [InlineData(429, DeliveryOutcome.Retry)]
    [InlineData(500, DeliveryOutcome.Retry)]
    [InlineData(502, DeliveryOutcome.Retry)]
    [InlineData(503, DeliveryOutcome.Retry)]
    [InlineData(504, DeliveryOutcome.Retry)]
    [InlineData(301, DeliveryOutcome.Failed)]
    [InlineData(302, DeliveryOutcome.Failed)]
    [InlineData(307, DeliveryOutcome.Failed)]
    [InlineData(400, DeliveryOutcome.Failed)]
    [InlineData(401, DeliveryOutcome.Failed)]
    [InlineData(403, DeliveryOutcome.Failed)]
    [InlineData(404, DeliveryOutcome.Failed)]
    [InlineData(410, DeliveryOutcome.Failed)]
    [InlineData(413, DeliveryOutcome.Failed)]
    [InlineData(422, DeliveryOutcome.Failed)]
    public void Status_codes_are_delivered_retried_or_refused(int status, DeliveryOutcome expected) =>
        Assert.Equal(expected, RetryPolicy.Classify(status));

    [Fact]
    public void Retry_after_is_read_as_seconds_or_as_a_date_and_capped_at_an_hour()
    {
        Assert.Equal(TimeSpan.FromSeconds(120), RetryPolicy.RetryAfter(RetryConditionHeaderValue.Parse("120"), Now));
        Assert.Equal(TimeSpan.FromSeconds(90), RetryPolicy.RetryAfter(RetryConditionHeaderValue.Parse("Sun, 29 Nov 2026 15:01:30 GMT"), Now));
        Assert.Equal(TimeSpan.Zero, RetryPolicy.RetryAfter(RetryConditionHeaderValue.Parse("Sun, 29 Nov 2026 14:00:00 GMT"), Now));
        Assert.Equal(TimeSpan.FromHours(1), RetryPolicy.RetryAfter(RetryConditionHeaderValue.Parse("86400"), Now));
        Assert.Null(RetryPolicy.RetryAfter(null, Now));
    }

    [Fact]
    public void Retry_after_of_a_429_or_503_is_honoured_when_longer_than_the_back_off()
    {
        var policy = new RetryPolicy(Defaults, new Random(3));

        var throttled = policy.Decide(Item("hook"), Now, new AttemptResult(429, "HTTP 429", TimeSpan.FromSeconds(30)));
        var unavailable = policy.Decide(Item("hook"), Now, new AttemptResult(503, "HTTP 503", TimeSpan.FromSeconds(30)));
        var shorter = policy.Decide(Item("hook"), Now, new AttemptResult(503, "HTTP 503", TimeSpan.Zero));
        var otherStatus = policy.Decide(Item("hook"), Now, new AttemptResult(500, "HTTP 500", TimeSpan.FromSeconds(30)));

        Assert.Equal(new DeliveryAttempt("d-1", Now, DeliveryOutcome.Retry, 429, "HTTP 429", Now.AddSeconds(30)), throttled);
        Assert.Equal(Now.AddSeconds(30), unavailable.NextAttemptAt);
        Assert.InRange(shorter.NextAttemptAt!.Value, Now.AddSeconds(1), Now.AddSeconds(2));
        Assert.InRange(otherStatus.NextAttemptAt!.Value, Now.AddSeconds(1), Now.AddSeconds(2));
    }

    [Fact]
    public void The_back_off_grows_with_the_attempts_already_made()
    {
        var policy = new RetryPolicy(Defaults, new Random(3));

        var fourth = policy.Decide(Item("hook", attempts: 3), Now, AttemptResult.NoAnswer("Connection refused (example.com:443)"));

        Assert.Equal(DeliveryOutcome.Retry, fourth.Outcome);
        Assert.InRange(fourth.NextAttemptAt!.Value, Now.AddSeconds(8), Now.AddSeconds(16));
    }

    [Fact]
    public void A_refusal_fails_at_once_and_the_last_allowed_attempt_gives_up()
    {
        var policy = new RetryPolicy(Defaults, new Random(3));

        Assert.Equal(
            new DeliveryAttempt("d-1", Now, DeliveryOutcome.Failed, null, "channel deleted", null),
            policy.Decide(Item("hook"), Now, AttemptResult.Refusal("channel deleted")));
        Assert.Equal(
            new DeliveryAttempt("d-1", Now, DeliveryOutcome.Failed, null, "gave up after 10 attempts: no answer within 10 s", null),
            policy.Decide(Item("hook", attempts: 9), Now, AttemptResult.NoAnswer("no answer within 10 s")));
        Assert.Equal(DeliveryOutcome.Retry, policy.Decide(Item("hook", attempts: 8), Now, AttemptResult.NoAnswer("x")).Outcome);
    }

    [Fact]
    public void Options_that_cannot_work_stop_the_start_naming_the_key()
    {
        using var services = Services(settings: new Dictionary<string, string?>
        {
            ["ModelOps:Notifications:RetryBaseDelay"] = "00:01:00",
            ["ModelOps:Notifications:RetryMaxDelay"] = "00:00:10",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<NotificationOptions>>().Value);

        Assert.Contains("ModelOps:Notifications:RetryMaxDelay must not be shorter than ModelOps:Notifications:RetryBaseDelay.", failure.Message);
    }
}

using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Grains.Notifications;
using ModelOps.Contracts;
using ModelOps.Grains.Alerting;
using static ModelOps.Api.Tests.Notifications.NotificationTestKit;

namespace ModelOps.Api.Tests.Notifications;

/// <summary>The dispatcher's queues and retries against real HTTP receivers, with the grains replaced by in-memory fakes.</summary>
public sealed class NotificationDispatcherTests : IAsyncDisposable
{
    private readonly FakeChannels channels = new();
    private readonly FakeRecorder recorder = new();
    private readonly ServiceProvider services;
    private readonly NotificationDispatcher dispatcher;

    public NotificationDispatcherTests()
    {
        services = Services(replace: collection => collection
            .AddSingleton<IChannelLookup>(channels)
            .AddSingleton<IDeliveryRecorder>(recorder));
        dispatcher = services.GetRequiredService<NotificationDispatcher>();
    }

    public ValueTask DisposeAsync() => services.DisposeAsync();

    [Fact]
    public void The_grains_get_the_dispatcher_the_host_stops()
    {
        Assert.Same(dispatcher, services.GetRequiredService<INotificationDispatcher>());
        Assert.Contains(dispatcher, services.GetServices<Microsoft.Extensions.Hosting.IHostedService>());
    }

    [Fact]
    public async Task A_503_is_retried_and_the_second_attempt_delivers()
    {
        await using var receiver = await HookReceiver.StartAsync();
        channels.Add("hook", Webhook(receiver));
        receiver.Reply(new Reply(503, "down for maintenance"));

        dispatcher.Submit(Item("hook"));

        var attempts = await recorder.WaitForAsync(2);
        Assert.Equal([("fraud", DeliveryOutcome.Retry, 503, "HTTP 503: down for maintenance"), ("fraud", DeliveryOutcome.Delivered, 200, null)],
            attempts.Select(report => (report.ModelId, report.Attempt.Outcome, report.Attempt.StatusCode, report.Attempt.Error)));
        Assert.All(attempts, report => Assert.Equal("d-1", report.Attempt.DeliveryId));
        Assert.Equal(["d-1", "d-1"], (await receiver.WaitForAsync(2)).Select(request => request.Header(WebhookHeaders.Delivery)));
    }

    [Fact]
    public async Task A_400_fails_after_one_attempt_and_the_channel_moves_on()
    {
        await using var receiver = await HookReceiver.StartAsync();
        channels.Add("hook", Webhook(receiver));
        receiver.Reply(new Reply(400, "no such hook"));

        dispatcher.Submit(Item("hook", deliveryId: "d-1"));
        dispatcher.Submit(Item("hook", NotificationEvents.Resolved, Alert(AlertState.Resolved), deliveryId: "d-2"));

        var attempts = await recorder.WaitForAsync(2);
        Assert.Equal([("d-1", DeliveryOutcome.Failed, 400), ("d-2", DeliveryOutcome.Delivered, 200)],
            attempts.Select(report => (report.Attempt.DeliveryId, report.Attempt.Outcome, report.Attempt.StatusCode)));
        Assert.Equal(["d-1", "d-2"], receiver.Requests.Select(request => request.Header(WebhookHeaders.Delivery)));
    }

    [Fact]
    public async Task Retry_after_of_a_429_is_waited_out_before_the_next_attempt()
    {
        await using var receiver = await HookReceiver.StartAsync();
        channels.Add("hook", Webhook(receiver));
        receiver.Reply(new Reply(429, "slow down", new Dictionary<string, string> { ["Retry-After"] = "1" }));

        dispatcher.Submit(Item("hook"));

        var attempts = await recorder.WaitForAsync(2);
        var requests = await receiver.WaitForAsync(2);
        Assert.Equal([DeliveryOutcome.Retry, DeliveryOutcome.Delivered], attempts.Select(report => report.Attempt.Outcome));
        Assert.Equal(attempts[0].Attempt.At.AddSeconds(1), attempts[0].Attempt.NextAttemptAt);
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(1) - HookReceiver.TimerTick,
            $"the second attempt came {(requests[1].ReceivedAt - requests[0].ReceivedAt).TotalMilliseconds} ms after the first");
    }

    [Fact]
    public async Task A_resolve_waits_for_its_trigger_to_be_delivered_even_through_retries()
    {
        await using var receiver = await HookReceiver.StartAsync();
        channels.Add("hook", Webhook(receiver));
        receiver.Reply(new Reply(503), new Reply(502));

        dispatcher.Submit(Item("hook", NotificationEvents.Firing, deliveryId: "d-1"));
        dispatcher.Submit(Item("hook", NotificationEvents.Resolved, Alert(AlertState.Resolved), deliveryId: "d-2"));

        var requests = await receiver.WaitForAsync(4);
        Assert.Equal(["firing", "firing", "firing", "resolved"], requests.Select(request => request.Header(WebhookHeaders.Event)));
        Assert.Equal([DeliveryOutcome.Retry, DeliveryOutcome.Retry, DeliveryOutcome.Delivered, DeliveryOutcome.Delivered],
            (await recorder.WaitForAsync(4)).Select(report => report.Attempt.Outcome));
    }

    [Fact]
    public async Task A_delivery_submitted_again_while_in_flight_is_sent_once()
    {
        await using var receiver = await HookReceiver.StartAsync();
        channels.Add("hook", Webhook(receiver));
        var release = new TaskCompletionSource();
        receiver.Reply(new Reply(200, HoldUntil: release.Task));

        dispatcher.Submit(Item("hook", deliveryId: "d-1"));
        await receiver.WaitForAsync(1);
        dispatcher.Submit(Item("hook", deliveryId: "d-1"));
        dispatcher.Submit(Item("hook", deliveryId: "d-2"));
        release.SetResult();

        Assert.Equal(["d-1", "d-2"], (await recorder.WaitForAsync(2)).Select(report => report.Attempt.DeliveryId));
        Assert.Equal(["d-1", "d-2"], receiver.Requests.Select(request => request.Header(WebhookHeaders.Delivery)));
    }

    [Fact]
    public async Task A_slow_channel_delays_only_itself()
    {
        await using var slow = await HookReceiver.StartAsync();
        await using var fast = await HookReceiver.StartAsync();
        channels.Add("slow", Webhook(slow));
        channels.Add("fast", Webhook(fast));
        var release = new TaskCompletionSource();
        slow.Reply(new Reply(200, HoldUntil: release.Task));

        dispatcher.Submit(Item("slow", deliveryId: "to-slow"));
        await slow.WaitForAsync(1);
        dispatcher.Submit(Item("fast", deliveryId: "to-fast"));

        Assert.Equal("to-fast", Assert.Single(await recorder.WaitForAsync(1)).Attempt.DeliveryId);
        release.SetResult();
        Assert.Equal(["to-fast", "to-slow"], (await recorder.WaitForAsync(2)).Select(report => report.Attempt.DeliveryId));
    }

    [Fact]
    public async Task A_deleted_channel_fails_the_delivery()
    {
        dispatcher.Submit(Item("gone"));

        var report = Assert.Single(await recorder.WaitForAsync(1));
        Assert.Equal((DeliveryOutcome.Failed, "channel deleted"), (report.Attempt.Outcome, report.Attempt.Error));
    }

    [Fact]
    public async Task A_channel_that_cannot_be_read_counts_as_a_failed_attempt_and_is_retried()
    {
        await using var receiver = await HookReceiver.StartAsync();
        channels.Add("hook", Webhook(receiver));
        channels.FailNextRead("silo unavailable");

        dispatcher.Submit(Item("hook"));

        var attempts = await recorder.WaitForAsync(2);
        Assert.Equal([(DeliveryOutcome.Retry, "could not read the channel: silo unavailable"), (DeliveryOutcome.Delivered, null)],
            attempts.Select(report => (report.Attempt.Outcome, report.Attempt.Error)));
    }

    [Fact]
    public async Task A_report_the_model_did_not_take_is_reported_again_without_sending_again()
    {
        await using var receiver = await HookReceiver.StartAsync();
        channels.Add("hook", Webhook(receiver));
        recorder.FailNext(2);

        dispatcher.Submit(Item("hook"));

        Assert.Equal(DeliveryOutcome.Delivered, Assert.Single(await recorder.WaitForAsync(1)).Attempt.Outcome);
        Assert.Equal(3, recorder.Calls);
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task Stopping_ends_the_wait_for_a_later_attempt_and_sends_nothing_more()
    {
        await using var receiver = await HookReceiver.StartAsync();
        channels.Add("hook", Webhook(receiver));

        dispatcher.Submit(Item("hook") with { NextAttemptAt = DateTimeOffset.UtcNow.AddHours(1) });
        await dispatcher.StopAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        dispatcher.Submit(Item("hook", deliveryId: "after-stop"));

        Assert.Empty(receiver.Requests);
        Assert.Equal(0, recorder.Calls);
    }

    [Fact]
    public async Task Stopping_lets_the_attempt_in_flight_finish_and_report()
    {
        await using var receiver = await HookReceiver.StartAsync();
        channels.Add("hook", Webhook(receiver));
        var release = new TaskCompletionSource();
        receiver.Reply(new Reply(200, HoldUntil: release.Task));
        dispatcher.Submit(Item("hook"));
        await receiver.WaitForAsync(1);

        var stopping = dispatcher.StopAsync(TestContext.Current.CancellationToken);
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        await stopping.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        Assert.Equal(DeliveryOutcome.Delivered, Assert.Single(recorder.Reports).Attempt.Outcome);
    }

    private sealed class FakeChannels : IChannelLookup
    {
        private readonly ConcurrentDictionary<string, NotificationChannel> channels = new();
        private string? nextFailure;

        public void Add(string id, NotificationChannel channel) => channels[id] = channel;

        public void FailNextRead(string message) => nextFailure = message;

        public Task<NotificationChannel?> GetAsync(string channelId)
        {
            if (Interlocked.Exchange(ref nextFailure, null) is { } failure)
            {
                throw new InvalidOperationException(failure);
            }
            return Task.FromResult(channels.GetValueOrDefault(channelId));
        }
    }

    private sealed class FakeRecorder : IDeliveryRecorder
    {
        private readonly ConcurrentQueue<(string ModelId, DeliveryAttempt Attempt)> reports = new();
        private int failures;
        private int calls;

        public int Calls => calls;

        public IReadOnlyList<(string ModelId, DeliveryAttempt Attempt)> Reports => reports.ToArray();

        public void FailNext(int count) => failures = count;

        public Task RecordAsync(string modelId, DeliveryAttempt attempt)
        {
            Interlocked.Increment(ref calls);
            if (Interlocked.Decrement(ref failures) >= 0)
            {
                throw new TimeoutException("the model grain did not answer");
            }
            reports.Enqueue((modelId, attempt));
            return Task.CompletedTask;
        }

        public async Task<IReadOnlyList<(string ModelId, DeliveryAttempt Attempt)>> WaitForAsync(int count)
        {
            await TestData.WaitUntil(() => Task.FromResult(reports.Count >= count), TimeSpan.FromSeconds(15), $"{count} reported attempt(s)");
            return Reports.Take(count).ToArray();
        }
    }
}

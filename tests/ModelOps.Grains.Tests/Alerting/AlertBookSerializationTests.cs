using Microsoft.Extensions.DependencyInjection;
using ModelOps.Contracts;
using ModelOps.Grains.Alerting.Lifecycle;
using ModelOps.Grains.Alerting.Rules;
using ModelOps.Grains.Serialization;
using Orleans.Serialization;

namespace ModelOps.Grains.Tests.Alerting;

public sealed class AlertBookSerializationTests
{
    private const string Model = "fraud-detector";
    private static readonly DateTimeOffset T0 = new(2026, 11, 29, 15, 0, 0, TimeSpan.Zero);

    private readonly Serializer serializer = new ServiceCollection()
        .AddSerializer(builder => builder.AddContractSerialization())
        .BuildServiceProvider()
        .GetRequiredService<Serializer>();

    [Fact]
    public void A_restored_book_has_the_same_rules_alerts_and_clocks_and_goes_on_counting()
    {
        var book = new AlertBook(ModelTask.Classification, capacity: 50);
        var rules = RuleSetValidator.Validate(
        [
            new AlertRule { Id = "accuracy-low", Metric = "accuracy", Op = "<", Threshold = 0.8, For = Duration.Parse("1m"), Severity = AlertSeverity.Critical },
            new AlertRule { Id = "amount.drift", Metric = "drift:amount", Op = "<", Threshold = 0.05, Window = Duration.Parse("30m"), Actions = ["retrain"] },
        ], ModelTask.Classification, TimeSpan.FromMinutes(5), TimeSpan.FromHours(1));
        book.ReplaceRules(rules, T0);
        book.Evaluate(Model, T0, rule => rule.Metric.IsDrift ? 0.01 : 0.9);
        book.Evaluate(Model, T0.AddSeconds(1), rule => rule.Metric.IsDrift ? 0.5 : 0.7);
        var resolved = book.Find("fraud-detector-1")!;
        resolved.Silenced = true;
        resolved.Deliveries.Add(new DeliveryView
        {
            Id = "d-1", ChannelId = "pager", Event = "firing", Status = DeliveryStatus.Delivered, Attempts = 2,
            LastStatusCode = 202, CreatedAt = T0, LastAttemptAt = T0.AddSeconds(3), DeliveredAt = T0.AddSeconds(3),
        });
        book.Acknowledge("fraud-detector-2", "bob", T0.AddSeconds(2));

        var restored = serializer.Deserialize<AlertBook>(serializer.SerializeToArray(book))!;

        Assert.Equal(book.Rules, restored.Rules);
        Assert.Equal(50, restored.Capacity);
        Assert.Equivalent(book.History(null, 10).Select(alert => alert.ToView()), restored.History(null, 10).Select(alert => alert.ToView()), strict: true);
        Assert.Equal(AlertState.Resolved, restored.Find("fraud-detector-1")!.State);
        Assert.Equal("bob", restored.Find("fraud-detector-2")!.AcknowledgedBy);
        Assert.Empty(restored.Evaluate(Model, T0.AddSeconds(60), rule => rule.Metric.IsDrift ? 0.5 : 0.7));
        var fired = Assert.Single(restored.Evaluate(Model, T0.AddSeconds(61), rule => rule.Metric.IsDrift ? 0.5 : 0.7));
        Assert.Equal(("fraud-detector-2", AlertState.Firing), (fired.Alert.Id, fired.To));
        var next = Assert.Single(restored.Evaluate(Model, T0.AddSeconds(62), rule => rule.Metric.IsDrift ? 0.01 : 0.7));
        Assert.Equal(("fraud-detector-3", "amount.drift"), (next.Alert.Id, next.Alert.RuleId));
    }
}

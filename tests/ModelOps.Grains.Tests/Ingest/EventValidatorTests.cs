using ModelOps.Contracts;
using ModelOps.Grains.Ingest;

namespace ModelOps.Grains.Tests.Ingest;

public sealed class EventValidatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 15, 0, 0, TimeSpan.Zero);
    private static readonly string LongText = new('x', EventValidator.MaxTextLength + 1);
    private static readonly DateTimeOffset TooFarAhead = Now + EventValidator.MaxClockSkew + TimeSpan.FromMilliseconds(1);

    private sealed record Rule(ModelTask Task, Func<InferenceEvent, InferenceEvent> Break, string Field, string ReasonStart);

    /// <summary>Every rule of the validator: how to break a valid event, and the field and reason it must then report.</summary>
    private static readonly Dictionary<string, Rule> Rules = new()
    {
        ["latency missing"] = new(ModelTask.Classification, e => e with { LatencyMs = null }, "latencyMs", "required: the model's latency in milliseconds"),
        ["latency negative"] = new(ModelTask.Classification, e => e with { LatencyMs = -0.5 }, "latencyMs", "expected a number between 0 and 86400000"),
        ["latency NaN"] = new(ModelTask.Classification, e => e with { LatencyMs = double.NaN }, "latencyMs", "expected a number between 0 and 86400000"),
        ["latency infinite"] = new(ModelTask.Classification, e => e with { LatencyMs = double.PositiveInfinity }, "latencyMs", "expected a number between 0 and 86400000"),
        ["latency above one day"] = new(ModelTask.Classification, e => e with { LatencyMs = EventValidator.MaxLatencyMs + 0.5 }, "latencyMs", "expected a number between 0 and 86400000"),
        ["prediction absent"] = new(ModelTask.Classification, e => e with { Prediction = null }, "prediction", "required: the class (string) or value (number)"),
        ["prediction null"] = new(ModelTask.Classification, e => e with { Prediction = ScalarValue.Missing }, "prediction", "required: the class (string) or value (number)"),
        ["prediction text for regression"] = new(ModelTask.Regression, e => e with { Prediction = "high" }, "prediction", "expected a number: this is a regression model"),
        ["prediction text too long"] = new(ModelTask.Classification, e => e with { Prediction = LongText }, "prediction", "at most 1024 characters"),
        ["prediction NaN"] = new(ModelTask.Classification, e => e with { Prediction = double.NaN }, "prediction", "expected a finite number"),
        ["label text for regression"] = new(ModelTask.Regression, e => e with { Label = "high" }, "label", "expected a number: this is a regression model"),
        ["label text too long"] = new(ModelTask.Classification, e => e with { Label = LongText }, "label", "at most 1024 characters"),
        ["label infinite"] = new(ModelTask.Classification, e => e with { Label = double.NegativeInfinity }, "label", "expected a finite number"),
        ["score NaN"] = new(ModelTask.Classification, e => e with { Score = double.NaN }, "score", "expected a finite number"),
        ["id too long"] = new(ModelTask.Classification, e => e with { Id = new string('i', EventValidator.MaxIdLength + 1) }, "id", "at most 256 characters"),
        ["timestamp too far ahead"] = new(ModelTask.Classification, e => e with { Timestamp = TooFarAhead }, "timestamp", $"{TooFarAhead:O} is more than 60 minutes in the future"),
        ["too many features"] = new(ModelTask.Classification, e => e with { Features = ManyFeatures(EventValidator.MaxFeatures + 1) }, "features", "at most 1000 features per event"),
        ["empty feature name"] = new(ModelTask.Classification, e => e with { Features = Features(("", 1.0)) }, "features", "feature names are 1–128 characters"),
        ["feature name too long"] = new(ModelTask.Classification, e => e with { Features = Features((new string('f', EventValidator.MaxFeatureNameLength + 1), 1.0)) }, "features", "feature names are 1–128 characters"),
        ["feature NaN"] = new(ModelTask.Classification, e => e with { Features = Features(("country", "DE"), ("amount", double.NaN)) }, "features.amount", "expected a finite number"),
        ["feature text too long"] = new(ModelTask.Classification, e => e with { Features = Features(("amount", 1.0), ("country", LongText)) }, "features.country", "at most 1024 characters"),
    };

    public static TheoryData<string> RuleNames => [.. Rules.Keys];

    [Theory]
    [MemberData(nameof(RuleNames))]
    public void A_broken_event_is_reported_by_its_index_and_field_and_nothing_else(string rule)
    {
        var (task, breakEvent, field, reasonStart) = Rules[rule];
        var batch = ValidBatch(task, 5);
        batch[3] = breakEvent(batch[3]);

        var problem = Assert.Throws<InvalidRequestException>(() => EventValidator.Validate(batch, task, Now));

        Assert.Equal($"events[3].{field}", problem.Field);
        Assert.StartsWith(reasonStart, problem.Reason, StringComparison.Ordinal);
        Assert.Equal($"events[3].{field}: {problem.Reason}", problem.Message);
    }

    [Fact]
    public void The_first_invalid_event_of_the_batch_is_the_one_reported()
    {
        var batch = ValidBatch(ModelTask.Classification, 5);
        batch[1] = batch[1] with { Score = double.NaN };
        batch[3] = batch[3] with { LatencyMs = null };

        var problem = Assert.Throws<InvalidRequestException>(() => EventValidator.Validate(batch, ModelTask.Classification, Now));

        Assert.Equal("events[1].score", problem.Field);
    }

    [Fact]
    public void Within_one_event_the_latency_is_checked_before_the_prediction()
    {
        InferenceEvent[] batch = [new InferenceEvent()];

        var problem = Assert.Throws<InvalidRequestException>(() => EventValidator.Validate(batch, ModelTask.Classification, Now));

        Assert.Equal("events[0].latencyMs", problem.Field);
    }

    [Theory]
    [InlineData(ModelTask.Classification)]
    [InlineData(ModelTask.Regression)]
    public void Events_at_every_limit_are_valid(ModelTask task)
    {
        var atLimits = new InferenceEvent
        {
            Id = new string('i', EventValidator.MaxIdLength),
            Timestamp = Now + EventValidator.MaxClockSkew,
            LatencyMs = EventValidator.MaxLatencyMs,
            Prediction = task == ModelTask.Regression ? 12.5 : new string('p', EventValidator.MaxTextLength),
            Label = task == ModelTask.Regression ? -3.0 : 7.0,
            Score = 0,
            Error = true,
            Features = ManyFeatures(EventValidator.MaxFeatures),
        };
        InferenceEvent[] batch =
        [
            atLimits,
            atLimits with { LatencyMs = 0, Timestamp = Now - TimeSpan.FromDays(30), Label = ScalarValue.Missing, Features = Features(("age", ScalarValue.Missing), (new string('f', EventValidator.MaxFeatureNameLength), new string('v', EventValidator.MaxTextLength))) },
            new InferenceEvent { LatencyMs = 1, Prediction = 1.0 },
        ];

        EventValidator.Validate(batch, task, Now);
    }

    [Fact]
    public void An_empty_batch_is_valid()
    {
        EventValidator.Validate([], ModelTask.Classification, Now);
    }

    private static InferenceEvent[] ValidBatch(ModelTask task, int count) =>
        [.. Enumerable.Range(0, count).Select(i => new InferenceEvent
        {
            Id = $"req-{i}",
            Timestamp = Now - TimeSpan.FromSeconds(i),
            LatencyMs = 10 + i,
            Prediction = task == ModelTask.Regression ? 100.0 + i : "fraud",
            Label = task == ModelTask.Regression ? 99.0 : "legit",
            Score = 0.9,
            Features = Features(("amount", 129.5), ("country", "DE"), ("age", ScalarValue.Missing)),
        })];

    private static Dictionary<string, ScalarValue> Features(params (string Name, ScalarValue Value)[] features) =>
        features.ToDictionary(feature => feature.Name, feature => feature.Value);

    private static Dictionary<string, ScalarValue> ManyFeatures(int count) =>
        Enumerable.Range(0, count).ToDictionary(i => $"f{i}", i => (ScalarValue)i);
}

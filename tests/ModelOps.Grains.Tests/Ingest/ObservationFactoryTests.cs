using ModelOps.Contracts;
using ModelOps.Grains.Ingest;
using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Tests.Ingest;

public sealed class ObservationFactoryTests
{
    private const long ArrivalSecond = 1_800_000_000;

    [Theory]
    [InlineData("1", 1.0, LabelOutcome.Correct)]
    [InlineData(1.0, "1", LabelOutcome.Correct)]
    [InlineData(0.5, "0.5", LabelOutcome.Correct)]
    [InlineData(2.0, 2.0, LabelOutcome.Correct)]
    [InlineData("fraud", "fraud", LabelOutcome.Correct)]
    [InlineData("fraud", "Fraud", LabelOutcome.Incorrect)]
    [InlineData("fraud", "legit", LabelOutcome.Incorrect)]
    [InlineData("1", 2.0, LabelOutcome.Incorrect)]
    [InlineData(1.0, 2.0, LabelOutcome.Incorrect)]
    public void A_class_is_compared_by_value_whether_sent_as_a_number_or_a_string(object prediction, object label, LabelOutcome expected)
    {
        var e = new InferenceEvent { LatencyMs = 3, Prediction = Scalar(prediction), Label = Scalar(label) };

        var observation = ObservationFactory.From(e, ModelTask.Classification, ArrivalSecond);

        Assert.Equal(expected, observation.Outcome);
        Assert.Equal(0, observation.Residual);
    }

    [Fact]
    public void A_regression_label_gives_the_residual_prediction_minus_label()
    {
        var e = new InferenceEvent { LatencyMs = 3, Prediction = 10.0, Label = 7.5 };

        var observation = ObservationFactory.From(e, ModelTask.Regression, ArrivalSecond);

        Assert.Equal(LabelOutcome.Residual, observation.Outcome);
        Assert.Equal(2.5, observation.Residual);
    }

    [Theory]
    [InlineData(ModelTask.Classification)]
    [InlineData(ModelTask.Regression)]
    public void An_event_without_a_label_or_with_a_null_label_is_unlabelled(ModelTask task)
    {
        var absent = new InferenceEvent { LatencyMs = 3, Prediction = 1.0 };
        var missing = absent with { Label = ScalarValue.Missing };

        Assert.Equal(new Observation(ArrivalSecond, 3, false, LabelOutcome.Unlabelled), ObservationFactory.From(absent, task, ArrivalSecond));
        Assert.Equal(new Observation(ArrivalSecond, 3, false, LabelOutcome.Unlabelled), ObservationFactory.From(missing, task, ArrivalSecond));
    }

    [Fact]
    public void The_second_latency_and_error_come_from_the_event()
    {
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(ArrivalSecond - 42).AddMilliseconds(999);
        var e = new InferenceEvent { Timestamp = timestamp, LatencyMs = 12.7, Prediction = "fraud", Error = true };

        var observation = ObservationFactory.From(e, ModelTask.Classification, ArrivalSecond);

        Assert.Equal(new Observation(ArrivalSecond - 42, 12.7, true, LabelOutcome.Unlabelled), observation);
    }

    [Fact]
    public void An_event_without_a_timestamp_belongs_to_its_arrival_second()
    {
        var e = new InferenceEvent { LatencyMs = 1, Prediction = "fraud" };

        Assert.Equal(ArrivalSecond, ObservationFactory.From(e, ModelTask.Classification, ArrivalSecond).Second);
    }

    private static ScalarValue Scalar(object value) => value switch
    {
        string text => text,
        double number => number,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "a class is a string or a number"),
    };
}

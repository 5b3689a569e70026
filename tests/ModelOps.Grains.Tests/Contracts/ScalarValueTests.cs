using System.Text.Json;
using ModelOps.Contracts;

namespace ModelOps.Grains.Tests.Contracts;

public sealed class ScalarValueTests
{
    [Theory]
    [InlineData("12.5", ScalarKind.Number, 12.5, null)]
    [InlineData("\"DE\"", ScalarKind.Text, 0.0, "DE")]
    [InlineData("true", ScalarKind.Text, 0.0, "true")]
    [InlineData("false", ScalarKind.Text, 0.0, "false")]
    [InlineData("null", ScalarKind.Missing, 0.0, null)]
    public void A_json_scalar_reads_as_its_kind(string json, ScalarKind kind, double number, string? text)
    {
        var e = JsonSerializer.Deserialize($$"""{ "latencyMs": 1, "prediction": "a", "features": { "f": {{json}} } }""", ModelOpsJsonContext.Default.InferenceEvent)!;

        Assert.Equal(new ScalarValue { Kind = kind, Number = number, Text = text }, e.Features!["f"]);
    }

    [Fact]
    public void Each_kind_writes_back_as_the_bare_json_value()
    {
        var e = new InferenceEvent
        {
            LatencyMs = 1, Prediction = 3.0, Label = "x",
            Features = new Dictionary<string, ScalarValue> { ["n"] = 1.5, ["t"] = "FR", ["m"] = ScalarValue.Missing },
        };

        var json = JsonSerializer.Serialize(e, ModelOpsJsonContext.Default.InferenceEvent);

        Assert.Equal("""{"id":null,"timestamp":null,"latencyMs":1,"prediction":3,"score":null,"label":"x","error":false,"features":{"n":1.5,"t":"FR","m":null}}""", json);
    }

    [Fact]
    public void An_object_or_array_is_refused_with_what_was_expected()
    {
        var error = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize("""{ "latencyMs": 1, "prediction": "a", "features": { "f": [1] } }""", ModelOpsJsonContext.Default.InferenceEvent));

        Assert.StartsWith("expected a number, a string or null", error.Message);
        Assert.Equal("$.features.f", error.Path);
    }

    [Fact]
    public void A_null_string_is_a_missing_value_not_a_text()
    {
        string? absent = null;

        ScalarValue value = absent;

        Assert.Equal(ScalarKind.Missing, value.Kind);
        Assert.Equal(ScalarValue.Missing, ScalarValue.Of(absent));
    }
}

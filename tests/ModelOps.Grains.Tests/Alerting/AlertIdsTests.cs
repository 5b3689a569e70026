using ModelOps.Grains.Alerting.Lifecycle;

namespace ModelOps.Grains.Tests.Alerting;

public sealed class AlertIdsTests
{
    [Fact]
    public void The_model_id_is_everything_before_the_last_dash()
    {
        var id = AlertIds.Format("fraud-detector.v2", 12);

        Assert.Equal("fraud-detector.v2-12", id);
        Assert.True(AlertIds.TryParse(id, out var modelId, out var sequence));
        Assert.Equal(("fraud-detector.v2", 12L), (modelId, sequence));
        Assert.True(AlertIds.TryParseModelId("a-b-c-1", out var nested));
        Assert.Equal("a-b-c", nested);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("fraud")]
    [InlineData("-12")]
    [InlineData("fraud-")]
    [InlineData("fraud-1a")]
    [InlineData("fraud-+1")]
    [InlineData("fraud-1-")]
    [InlineData("bad model-1")]
    [InlineData("fraud-99999999999999999999")]
    public void Text_that_is_not_an_alert_id_has_no_model(string? text)
    {
        Assert.False(AlertIds.TryParseModelId(text, out var modelId));
        Assert.Null(modelId);
    }

    [Fact]
    public void The_fingerprint_is_the_first_sixteen_hex_digits_of_the_sha256_of_model_and_rule()
    {
        // hashlib.sha256(b"fraud-detector\naccuracy-low").hexdigest()[:16]
        Assert.Equal("6785fa7c1ac9f317", AlertIds.Fingerprint("fraud-detector", "accuracy-low"));
        Assert.Equal("92ebb3c524322d82", AlertIds.Fingerprint("fraud-detector", "error-rate-high"));
        Assert.Equal(AlertIds.Fingerprint("fraud-detector", "accuracy-low"), AlertIds.Fingerprint("fraud-detector", "accuracy-low"));
        Assert.NotEqual(AlertIds.Fingerprint("fraud-detector", "accuracy-low"), AlertIds.Fingerprint("fraud", "accuracy-low"));
    }
}

using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Tests.ViewModels;

public sealed class KpiFormatTests
{
    [Theory]
    [InlineData(0.9342, "93.4%")]
    [InlineData(1.0, "100.0%")]
    [InlineData(0.05, "5.0%")]
    [InlineData(0.0, "0.0%")]
    public void Accuracy_is_a_percentage_with_one_decimal(double share, string expected) =>
        Assert.Equal(expected, KpiFormat.Percent(share));

    [Theory]
    [InlineData(11.04, "11.0 ms")]
    [InlineData(58.0, "58.0 ms")]
    [InlineData(1234.56, "1,234.6 ms")]
    public void Latency_is_milliseconds_with_one_decimal(double milliseconds, string expected) =>
        Assert.Equal(expected, KpiFormat.Milliseconds(milliseconds));

    [Theory]
    [InlineData(40.0, "40.0/s")]
    [InlineData(0.0, "0.0/s")]
    [InlineData(1234.56, "1,234.6/s")]
    public void Throughput_is_events_per_second_with_one_decimal(double eventsPerSecond, string expected) =>
        Assert.Equal(expected, KpiFormat.PerSecond(eventsPerSecond));

    [Theory]
    [InlineData(0.0456, "0.046")]
    [InlineData(1.234, "1.23")]
    [InlineData(12345.6, "12,346")]
    public void Regression_errors_keep_fewer_decimals_as_they_grow(double error, string expected) =>
        Assert.Equal(expected, KpiFormat.Error(error));

    [Theory]
    [InlineData(null)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_metric_that_cannot_be_computed_is_an_em_dash_never_zero(double? missing)
    {
        Assert.Equal("—", KpiFormat.Percent(missing));
        Assert.Equal("—", KpiFormat.Milliseconds(missing));
        Assert.Equal("—", KpiFormat.PerSecond(missing));
        Assert.Equal("—", KpiFormat.Error(missing));
    }
}

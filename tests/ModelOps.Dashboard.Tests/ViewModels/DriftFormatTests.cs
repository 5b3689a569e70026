using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Tests.ViewModels;

public sealed class DriftFormatTests
{
    [Theory]
    [InlineData(0.0, "0")]
    [InlineData(0.0001, "1e-4")]
    [InlineData(0.0000123, "1.23e-5")]
    [InlineData(4.4e-300, "4.4e-300")]
    [InlineData(0.05, "0.05")]
    [InlineData(0.1234, "0.123")]
    [InlineData(0.001, "0.001")]
    [InlineData(1.0, "1")]
    [InlineData(1.234, "1.23")]
    [InlineData(14.237, "14.2")]
    [InlineData(1234.6, "1,235")]
    [InlineData(-0.5, "-0.5")]
    public void Numbers_keep_few_digits_and_small_p_values_go_scientific(double value, string expected) =>
        Assert.Equal(expected, DriftFormat.Number(value));

    [Theory]
    [InlineData(null)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_missing_or_non_finite_number_is_an_em_dash(double? value) => Assert.Equal("—", DriftFormat.Number(value));

    [Theory]
    [InlineData(0.1004, 0.1, "0.1004")]
    [InlineData(0.0996, 0.1, "0.0996")]
    [InlineData(0.1, 0.1, "0.1")]
    [InlineData(0.23, 0.1, "0.23")]
    [InlineData(0.0001, 0.05, "1e-4")]
    public void A_score_that_would_read_as_its_threshold_gets_the_digits_that_tell_them_apart(double score, double threshold, string expected) =>
        Assert.Equal(expected, DriftFormat.Score(score, threshold));

    [Fact]
    public void A_moment_of_today_is_its_time_and_an_earlier_one_its_date_and_minutes()
    {
        Assert.Equal("13:00:05", DriftFormat.Moment(TestModels.Now.AddHours(-2).AddSeconds(5), TestModels.Now, TimeZoneInfo.Utc));
        Assert.Equal("2026-11-28 14:59", DriftFormat.Moment(TestModels.Now.AddDays(-1).AddSeconds(-30), TestModels.Now, TimeZoneInfo.Utc));
    }

    [Fact]
    public void Moments_are_written_in_the_viewers_time_zone_and_today_is_the_viewers_today()
    {
        var tokyo = TimeZoneInfo.CreateCustomTimeZone("UTC+9", TimeSpan.FromHours(9), "UTC+9", "UTC+9");

        // 15:00 UTC is midnight in UTC+9: 14:30 UTC belongs to the day before there.
        Assert.Equal("00:00:00", DriftFormat.Moment(TestModels.Now, TestModels.Now, tokyo));
        Assert.Equal("2026-11-29 23:30", DriftFormat.Moment(TestModels.Now.AddMinutes(-30), TestModels.Now, tokyo));
    }
}

using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Tests.ViewModels;

public sealed class TimeFormatTests
{
    [Theory]
    [InlineData(45.9, "45 s")]
    [InlineData(60, "1 min")]
    [InlineData(59 * 60 + 59, "59 min")]
    [InlineData(3 * 3600 + 1800, "3 h")]
    [InlineData(2 * 86400 + 7200, "2 d")]
    [InlineData(-3, "0 s")]
    public void A_span_is_written_in_its_largest_whole_unit(double seconds, string expected) =>
        Assert.Equal(expected, TimeFormat.Span(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Times_are_written_in_the_viewers_zone_and_unknown_ones_as_a_dash()
    {
        var berlin = TimeZoneInfo.CreateCustomTimeZone("UTC+1", TimeSpan.FromHours(1), "UTC+1", "UTC+1");
        var at = new DateTimeOffset(2026, 11, 29, 15, 0, 1, 250, TimeSpan.Zero);

        Assert.Equal("16:00:01.250", TimeFormat.TimeOfDay(at, berlin));
        Assert.Equal("2026-11-29 16:00:01", TimeFormat.DateTime(at, berlin));
        Assert.Equal("—", TimeFormat.DateTime(null, berlin));
    }
}

using ModelOps.Contracts;
using ModelOps.Grains.Monitoring;

namespace ModelOps.Grains.Tests.Monitoring;

public sealed class HistoryRangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 29, 15, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [Fact]
    public void Without_parameters_the_range_is_the_last_window_per_second()
    {
        var range = HistoryRange.Resolve(null, null, null, Now, Window);

        Assert.Equal(new HistoryRange(Now.AddMinutes(-5), Now, HistorySteps.Second), range);
    }

    [Fact]
    public void A_range_reaching_back_beyond_the_window_is_per_minute_by_default()
    {
        var range = HistoryRange.Resolve(Now.AddMinutes(-15), null, null, Now, Window);

        Assert.Equal(new HistoryRange(Now.AddMinutes(-15), Now, HistorySteps.Minute), range);
    }

    [Fact]
    public void An_explicit_step_is_kept_and_a_to_without_from_starts_one_window_earlier()
    {
        var range = HistoryRange.Resolve(null, Now.AddMinutes(-1), TimeSpan.FromMinutes(1), Now, Window);

        Assert.Equal(new HistoryRange(Now.AddMinutes(-6), Now.AddMinutes(-1), HistorySteps.Minute), range);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(60)]
    public void From_must_be_before_to(int fromAfterToSeconds)
    {
        var error = Assert.Throws<InvalidRequestException>(() =>
            HistoryRange.Resolve(Now.AddSeconds(fromAfterToSeconds), Now, null, Now, Window));

        Assert.Equal("from", error.Field);
    }

    [Fact]
    public void A_range_of_exactly_a_day_is_accepted_and_one_second_more_is_not()
    {
        var day = HistoryRange.Resolve(Now.AddDays(-1), Now, null, Now, Window);
        var error = Assert.Throws<InvalidRequestException>(() => HistoryRange.Resolve(Now.AddDays(-1).AddSeconds(-1), Now, null, Now, Window));

        Assert.Equal(HistorySteps.Minute, day.Step);
        Assert.Equal("from", error.Field);
        Assert.Contains("24h", error.Reason);
    }

    [Theory]
    [InlineData(5)]
    [InlineData(300)]
    public void Steps_other_than_a_second_or_a_minute_are_refused(int seconds)
    {
        var error = Assert.Throws<InvalidRequestException>(() => HistoryRange.Resolve(null, null, TimeSpan.FromSeconds(seconds), Now, Window));

        Assert.Equal("step", error.Field);
        Assert.Equal(HistorySteps.Rule, error.Reason);
    }
}

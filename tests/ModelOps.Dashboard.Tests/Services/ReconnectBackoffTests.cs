using ModelOps.Dashboard.Services;

namespace ModelOps.Dashboard.Tests.Services;

public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Delays_double_from_half_a_second_up_to_ten_seconds()
    {
        var backoff = new ReconnectBackoff();

        var delays = Enumerable.Range(0, 7).Select(_ => backoff.NextDelay().TotalSeconds);

        Assert.Equal([0.5, 1, 2, 4, 8, 10, 10], delays);
    }

    [Fact]
    public void Reset_starts_over_from_half_a_second()
    {
        var backoff = new ReconnectBackoff();
        backoff.NextDelay();
        backoff.NextDelay();

        backoff.Reset();

        Assert.Equal(TimeSpan.FromMilliseconds(500), backoff.NextDelay());
    }
}

using Microsoft.Extensions.Time.Testing;
using ModelOps.Dashboard.Rendering;

namespace ModelOps.Dashboard.Tests.Rendering;

public sealed class RenderThrottleTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);
    private readonly FakeTimeProvider time = new(TestModels.Now);
    private readonly RenderThrottle throttle;
    private int renders;

    public RenderThrottleTests() => throttle = new RenderThrottle(time, Interval, () => renders++);

    public void Dispose() => throttle.Dispose();

    [Fact]
    public void The_first_request_renders_at_once()
    {
        throttle.Request();

        Assert.Equal(1, renders);
    }

    [Fact]
    public void Requests_within_the_interval_fold_into_one_render_at_its_end()
    {
        throttle.Request();
        time.Advance(TimeSpan.FromMilliseconds(100));
        throttle.Request();
        throttle.Request();
        throttle.Request();

        time.Advance(TimeSpan.FromMilliseconds(149));
        var rendersJustBeforeTheEnd = renders;
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(1, rendersJustBeforeTheEnd);
        Assert.Equal(2, renders);
    }

    [Fact]
    public void A_request_after_a_quiet_interval_renders_at_once()
    {
        throttle.Request();
        time.Advance(Interval);

        throttle.Request();

        Assert.Equal(2, renders);
    }
}

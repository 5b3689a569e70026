using Microsoft.Extensions.Time.Testing;
using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Tests.ViewModels;

public sealed class DriftRefreshPolicyTests
{
    private readonly FakeTimeProvider time = new(TestModels.Now);
    private readonly DriftRefreshPolicy policy;

    public DriftRefreshPolicyTests() => policy = new DriftRefreshPolicy(time);

    private static DriftSummary Summary(params string[] drifted) => new(drifted.Length > 0, drifted.Length / 4.0, drifted);

    [Fact]
    public void The_first_model_is_fetched_and_its_unchanged_summary_is_not_fetched_again_within_five_seconds()
    {
        Assert.True(policy.ShouldFetch("fraud", Summary("amount")));
        time.Advance(TimeSpan.FromSeconds(4.9));

        Assert.False(policy.ShouldFetch("fraud", Summary("amount")));
    }

    [Fact]
    public void A_summary_that_differs_is_fetched_at_once()
    {
        policy.ShouldFetch("fraud", Summary("amount"));
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(policy.ShouldFetch("fraud", Summary("amount", "country")));
        Assert.True(policy.ShouldFetch("fraud", Summary("country")));
        Assert.True(policy.ShouldFetch("fraud", Summary("country") with { DriftShare = 0.3 }));
        Assert.True(policy.ShouldFetch("fraud", null));
        Assert.False(policy.ShouldFetch("fraud", null));
    }

    [Fact]
    public void An_unchanged_summary_is_fetched_again_after_five_seconds_so_the_scores_follow_the_window()
    {
        policy.ShouldFetch("fraud", Summary("amount"));
        time.Advance(DriftRefreshPolicy.RefreshInterval);

        Assert.True(policy.ShouldFetch("fraud", Summary("amount")));
        Assert.False(policy.ShouldFetch("fraud", Summary("amount")));
    }

    [Fact]
    public void Another_model_is_fetched_at_once()
    {
        policy.ShouldFetch("fraud", Summary());

        Assert.True(policy.ShouldFetch("churn", Summary()));
    }

    [Fact]
    public void After_a_failure_the_next_update_fetches_again()
    {
        policy.ShouldFetch("fraud", Summary());
        policy.Failed();

        Assert.True(policy.ShouldFetch("fraud", Summary()));
        Assert.False(policy.ShouldFetch("fraud", Summary()));
    }
}

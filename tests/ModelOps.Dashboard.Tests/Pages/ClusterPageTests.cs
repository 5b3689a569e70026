using ModelOps.Contracts;
using ModelOps.Dashboard.Pages;

namespace ModelOps.Dashboard.Tests.Pages;

public sealed class ClusterPageTests : ApiTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private static readonly ClusterView TwoSilos = new(ClusterModes.Redis,
    [
        new SiloView("10.0.0.5:11111", "all@a:11111", "all", "active", ["churn", "fraud"], new DateTimeOffset(2026, 11, 29, 14, 0, 0, TimeSpan.Zero)),
        new SiloView("10.0.0.6:11111", "silo@b:11111", "silo", "suspected", null, new DateTimeOffset(2026, 11, 29, 14, 0, 5, TimeSpan.Zero)),
        new SiloView("10.0.0.7:11111", "silo@c:11111", "silo", "dead", [], new DateTimeOffset(2026, 11, 29, 13, 10, 0, TimeSpan.Zero)),
    ]);

    [Fact]
    public async Task Each_silo_shows_its_role_its_state_and_the_models_on_it()
    {
        Api.Answer("GET", "/api/v1/cluster", TwoSilos, ModelOpsJsonContext.Default.ClusterView);

        var page = Render<ClusterPage>();

        await page.WaitForAssertionAsync(() => Assert.Equal(3, page.FindAll("[data-testid=silo-row]").Count), Wait);
        Assert.Equal(
            [
                "10.0.0.5:11111 | all | active | 2026-11-29 14:00:00 UTC | 2: churn, fraud",
                "10.0.0.6:11111 | silo | suspected | 2026-11-29 14:00:05 UTC | not answering",
                "10.0.0.7:11111 | silo | dead | 2026-11-29 13:10:00 UTC | none",
            ],
            page.FindAll("[data-testid=silo-row]").Select(row => string.Join(" | ", row.QuerySelectorAll("td").Select(cell => cell.TextContent))));
        Assert.Equal("cluster on Redis: models move to another silo when theirs is lost", page.Find("[data-testid=cluster-mode]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=cluster-reconnecting]"));
    }

    [Fact]
    public async Task While_the_API_does_not_answer_the_last_view_stays_under_a_reconnecting_note()
    {
        Api.Answer("GET", "/api/v1/cluster", TwoSilos, ModelOpsJsonContext.Default.ClusterView);
        var page = Render<ClusterPage>();
        await page.WaitForAssertionAsync(() => Assert.Equal(3, page.FindAll("[data-testid=silo-row]").Count), Wait);

        Api.AnswerProblem("GET", "/api/v1/cluster", 503, "The monitoring cluster did not answer in time; retry shortly.");

        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=cluster-reconnecting]")), Wait);
        Assert.StartsWith("Reconnecting to the cluster…", page.Find("[data-testid=cluster-reconnecting]").TextContent);
        Assert.Equal(3, page.FindAll("[data-testid=silo-row]").Count);

        Api.Answer("GET", "/api/v1/cluster", TwoSilos with { Silos = TwoSilos.Silos.Take(1).ToArray() }, ModelOpsJsonContext.Default.ClusterView);

        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=silo-row]")), Wait);
        Assert.Empty(page.FindAll("[data-testid=cluster-reconnecting]"));
    }
}

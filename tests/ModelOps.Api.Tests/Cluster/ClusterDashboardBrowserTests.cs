using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using ModelOps.Api.Tests.Browser;
using ModelOps.Api.Tests.Scale;
using ModelOps.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ModelOps.Api.Tests.Cluster;

/// <summary>
/// The live dashboard in a real browser (headless Chromium) through a real failover: the published build as an
/// <c>all</c>, a <c>silo</c> and an <c>api</c> node on a real Redis. The tab is served by the <c>all</c> node, whose
/// WebSocket carries its live updates, and watches a model that the <c>all</c> node's silo holds; <c>kill -9</c> of that
/// node takes the tab's stream and the model's silo at once. Runs alone, like the other cluster tests.
/// </summary>
[Collection(AloneCollection.Name)]
public sealed class ClusterDashboardBrowserTests(RedisServer redis, ChromiumFixture chromium) : IClassFixture<RedisServer>, IClassFixture<ChromiumFixture>
{
    private const int BatchSize = 100;

    /// <summary>How long the tab may take to see the node again: the back-off reaches 10 s, and the new node must start.</summary>
    private static readonly float FailoverPatience = (float)TimeSpan.FromSeconds(90).TotalMilliseconds;

    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboard_shows_disconnected_while_its_node_and_the_watched_models_silo_are_killed_then_resumes_with_the_exact_count()
    {
        await using var cluster = await ClusterNodes.StartAsync(redis);
        // Four models placed by hash over the two silos; the one watched is one the all node holds.
        var ids = Enumerable.Range(0, 4).Select(i => $"watched-{i}").ToArray();
        foreach (var id in ids)
        {
            using var put = await cluster.Http.PutAsJsonAsync(new Uri(cluster.Api.Root, $"api/v1/models/{id}"), TestData.Classifier(id), ModelOpsJsonContext.Default.ModelDefinition, cancel);
            Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        }
        var view = await cluster.WaitForClusterAsync(view => view.Silos.Where(silo => silo.Status == "active").Sum(silo => silo.Models?.Count ?? 0) == ids.Length,
            "all four models listed on the cluster page");
        var watched = view.Silos.Single(silo => silo.Status == "active" && silo.Role == "all").Models!.Order(StringComparer.Ordinal).First();
        TestContext.Current.TestOutputHelper?.WriteLine($"{ClusterNodes.Describe(view)}; watching {watched}");

        var producer = new Producer(watched, BatchSize, durable: true);
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var sending = Task.Run(() => producer.SendAsync(cluster.Http, cluster.Api.Root, stopSending.Token, cancel), cancel);
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, cluster.All.Root, ClusterNodes.AdminKey);
        await dashboard.SelectByNameAsync(watched);
        await Expect(dashboard.ActiveModelName).ToHaveTextAsync(watched);
        await TestData.WaitUntil(() => Task.FromResult(producer.Acknowledged >= 3 * BatchSize), TimeSpan.FromSeconds(60), "3 batches acknowledged");
        await Expect(EventsCaption(dashboard)).Not.ToHaveTextAsync(EventsText(0));

        var beforeKill = producer.Acknowledged;
        cluster.All.Kill();
        Assert.Equal(137, await cluster.All.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        // The tab keeps its last view under the header's Reconnecting… (it retries with back-off), never an error page.
        await Expect(dashboard.ConnectionStatus).ToHaveTextAsync("Reconnecting…", new() { Timeout = FailoverPatience });
        await Expect(dashboard.ActiveModelName).ToHaveTextAsync(watched);
        await dashboard.SaveScreenshotAsync("cluster-failover-disconnected");

        // The model answers again from the silo node; another node takes the address the tab reconnects to.
        await TestData.WaitUntil(() => Task.FromResult(producer.Acknowledged >= beforeKill + 3 * BatchSize), TimeSpan.FromSeconds(60),
            "3 more batches acknowledged by the model from the silo left");
        await stopSending.CancelAsync();
        await sending;
        await cluster.StartApiOnPortAsync(cluster.All.Root.Port);

        await Expect(dashboard.ConnectionStatus).ToHaveTextAsync("Connected", new() { Timeout = FailoverPatience });
        await Expect(dashboard.ActiveModelName).ToHaveTextAsync(watched);
        // Every acknowledged event, exactly, in the tab's live view (durable=true: nothing acknowledged was lost).
        await Expect(EventsCaption(dashboard)).ToHaveTextAsync(EventsText(producer.Acknowledged), new() { Timeout = FailoverPatience });
        await dashboard.SaveScreenshotAsync("cluster-failover-resumed");
        TestContext.Current.TestOutputHelper?.WriteLine(producer.Describe());

        var model = (await cluster.Http.GetFromJsonAsync(new Uri(cluster.Api.Root, $"api/v1/models/{watched}"), ModelOpsJsonContext.Default.ModelView, cancel))!;
        Assert.Equal(producer.Acknowledged, model.Metrics.Count);
        var after = await cluster.WaitForClusterAsync(view => view.Silos.Count(silo => silo.Status == "active") == 1, "one silo left active");
        Assert.Contains(watched, after.Silos.Single(silo => silo.Status == "active").Models!);
        Assert.Equal([], producer.Statuses.Keys.Where(status => status is not (202 or 503 or 429)).Order());
        Assert.Equal(0, producer.WithoutRetryAfter);
    }

    /// <summary>The throughput card's caption: the events of the model's window.</summary>
    private static Microsoft.Playwright.ILocator EventsCaption(DashboardPage dashboard) => dashboard.TestId("kpi-throughput").Locator(".kpi-caption");

    private static string EventsText(long count) => $"{count.ToString("#,0", CultureInfo.InvariantCulture)} events in 5 min";
}

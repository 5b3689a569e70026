using System.Globalization;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace ModelOps.Api.Tests.Browser;

/// <summary>The dashboard in a real browser, against the real product, updating live over its WebSocket.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(ServerFixture serverFixture, ChromiumFixture chromium)
    : IClassFixture<ServerFixture>, IClassFixture<ChromiumFixture>
{
    private const string Missing = "—";
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly ModelOpsServer server = serverFixture.Server;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_dashboard_connects_and_shows_the_first_model_by_id_as_active()
    {
        await server.Client.PutModelAsync("connect-shown", TestData.Classifier("Fraud detector") with { Version = "2.3.0" }, cancel);
        await server.Client.PostEventsAsync("connect-shown", TestData.Events(10), cancel);
        var active = (await server.Client.ListModelsAsync(cancel)).MinBy(m => m.Id, StringComparer.Ordinal)!;

        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, server.Root);

        await Expect(dashboard.ConnectionStatus).ToHaveTextAsync("Connected");
        await Expect(dashboard.SelectedModel).ToHaveTextAsync(DashboardPage.SelectorText(active));
        await Expect(dashboard.ActiveModelName).ToHaveTextAsync(active.Name);
    }

    [Fact]
    public async Task Kpi_cards_show_exact_accuracy_latency_and_throughput_of_events_posted_after_the_page_loaded()
    {
        var created = await server.Client.PutModelAsync("live-kpis", TestData.Classifier("Live KPIs"), cancel);
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, server.Root);
        await dashboard.SelectAsync(created);
        await Expect(dashboard.KpiValues("accuracy")).ToHaveTextAsync(Missing);

        await server.Client.PostEventsAsync("live-kpis", TestData.Events(1000), cancel);
        var latency = (await server.Client.GetMetricsAsync("live-kpis", cancel)).Latency;

        await Expect(dashboard.KpiValues("accuracy")).ToHaveTextAsync("66.7%");
        await Expect(dashboard.KpiValues("latency")).ToHaveTextAsync(
            [Milliseconds(latency.P50!.Value), Milliseconds(latency.P95!.Value), Milliseconds(latency.P99!.Value)]);
        await Expect(dashboard.KpiValues("throughput")).ToHaveTextAsync(new Regex(@"^[1-9][0-9,]*\.[0-9]/s$"));
        await Expect(dashboard.SelectedModel).ToHaveTextAsync("Healthy Live KPIs 1.0.0");
        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard-kpis.png");
        await dashboard.ScreenshotAsync(screenshot);
    }

    [Fact]
    public async Task Selecting_another_model_switches_the_kpi_cards_to_it()
    {
        await server.Client.PutModelAsync("switch-labelled", TestData.Classifier("Labelled"), cancel);
        await server.Client.PutModelAsync("switch-unlabelled", TestData.Classifier("Unlabelled"), cancel);
        await server.Client.PostEventsAsync("switch-labelled", TestData.Events(12), cancel);
        await server.Client.PostEventsAsync("switch-unlabelled", [.. TestData.Events(12).Select(e => e with { Label = null })], cancel);
        var labelled = (await server.Client.GetModelAsync("switch-labelled", cancel))!;
        var unlabelled = (await server.Client.GetModelAsync("switch-unlabelled", cancel))!;
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, server.Root);

        await dashboard.SelectAsync(labelled);
        await Expect(dashboard.ActiveModelName).ToHaveTextAsync("Labelled");
        await Expect(dashboard.KpiValues("accuracy")).ToHaveTextAsync("66.7%");

        await dashboard.SelectAsync(unlabelled);
        await Expect(dashboard.ActiveModelName).ToHaveTextAsync("Unlabelled");
        await Expect(dashboard.SelectedModel).ToHaveTextAsync("Healthy Unlabelled 1.0.0");
        await Expect(dashboard.KpiValues("accuracy")).ToHaveTextAsync(Missing);
    }

    [Fact]
    public async Task The_status_turns_disconnected_when_the_server_stops_and_connected_again_with_the_state_resynced_when_it_returns()
    {
        var first = new ModelOpsServer();
        var dataDir = first.DataDir;
        var port = first.Port;
        ModelOpsServer? second = null;
        Task? stopped = null;
        try
        {
            await first.Client.PutModelAsync("comeback", TestData.Classifier("Before the restart"), cancel);
            await first.Client.PostEventsAsync("comeback", TestData.Events(12), cancel);
            await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, first.Root);
            await Expect(dashboard.ActiveModelName).ToHaveTextAsync("Before the restart");

            stopped = first.DisposeAsync().AsTask();
            await Expect(dashboard.ConnectionStatus).ToHaveTextAsync("Reconnecting…");
            await stopped;
            await dashboard.SaveScreenshotAsync("disconnected");

            second = new ModelOpsServer(dataDir, port: port);
            await second.Client.PutModelAsync("comeback", TestData.Classifier("After the restart"), cancel);

            await Expect(dashboard.ConnectionStatus).ToHaveTextAsync("Connected", new() { Timeout = 30_000 });
            await Expect(dashboard.ActiveModelName).ToHaveTextAsync("After the restart");
        }
        finally
        {
            await (stopped ?? first.DisposeAsync().AsTask());
            if (second is not null)
            {
                await second.DisposeAsync();
            }
            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static string Milliseconds(double value) => value.ToString("#,0.0", Invariant) + " ms";
}

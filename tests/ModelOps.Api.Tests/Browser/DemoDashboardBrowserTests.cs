using System.Diagnostics;
using System.Text.RegularExpressions;
using ModelOps.Api.Tests.Alerting;
using ModelOps.Contracts;
using static Microsoft.Playwright.Assertions;

namespace ModelOps.Api.Tests.Browser;

/// <summary>The product as a newcomer first sees it: the simulator's demo models, live in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoDashboardBrowserTests(DemoServerFixture demo, ChromiumFixture chromium)
    : IClassFixture<DemoServerFixture>, IClassFixture<ChromiumFixture>
{
    /// <summary>Long enough for a demo model's first 1500 events (its automatic baseline) at 50 events/s, and a drift tick.</summary>
    private static readonly float DriftPatience = (float)TimeSpan.FromSeconds(90).TotalMilliseconds;

    private readonly ModelOpsServer server = demo.Server;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_demo_is_live_kpis_change_charts_drift_and_the_log_fill_and_a_model_switch_follows()
    {
        var opened = Stopwatch.StartNew();
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, server.Root);
        await dashboard.SelectByNameAsync("Fraud detector");
        await Expect(dashboard.ActiveModelName).ToHaveTextAsync("Fraud detector");
        await Expect(dashboard.KpiValues("throughput")).ToHaveTextAsync(new Regex(@"^[1-9][0-9,]*\.[0-9]/s$"));
        var firstData = opened.Elapsed;
        TestContext.Current.SendDiagnosticMessage($"Time to first live data: {firstData.TotalSeconds:0.0} s");

        var latency = await dashboard.KpiValues("latency").AllTextContentsAsync();
        await Expect(dashboard.KpiValues("latency")).Not.ToHaveTextAsync(latency.ToArray(), new() { Timeout = DriftPatience });

        foreach (var chart in new[] { "chart-accuracy", "chart-latency", "chart-throughput" })
        {
            await Expect(dashboard.TestId(chart).Locator(".rz-line-series path").First).ToBeVisibleAsync();
        }
        await Expect(dashboard.TestId("log-row").First).ToBeVisibleAsync();
        Assert.InRange(await dashboard.TestId("log-row").CountAsync(), 1, 200);
        await Expect(dashboard.TestId("drift-row").First).ToBeVisibleAsync(new() { Timeout = DriftPatience });
        var features = (await server.Client.GetModelAsync("fraud-detector", cancel))!.Features.Count;
        await Expect(dashboard.TestId("drift-row")).ToHaveCountAsync(features);
        await dashboard.SaveScreenshotAsync("overview-fraud-detector");

        await dashboard.SelectByNameAsync("House price regressor");

        await Expect(dashboard.ActiveModelName).ToHaveTextAsync("House price regressor");
        await Expect(dashboard.TestId("kpi-accuracy").Locator(".kpi-label")).ToHaveTextAsync(["MAE", "RMSE"]);
        await Expect(dashboard.TestId("log-row").First).ToBeVisibleAsync();
        await dashboard.SaveScreenshotAsync("overview-house-price-regressor");
    }

    [Fact]
    public async Task A_broken_rule_shows_an_alert_whose_dialog_explains_it_from_evidence()
    {
        await server.Client.PutModelAsync("e2e-alerting", TestData.Classifier("Checkout latency"), cancel);
        await server.Client.PutRulesAsync("e2e-alerting", [AlertingKit.SlowLatency(@for: "0s")], cancel);
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, server.Root);

        await server.Client.PostEventsAsync("e2e-alerting",
            [.. TestData.Events(200).Select(e => e with { LatencyMs = AlertingKit.SlowMs })], cancel);
        var alert = await server.Client.WaitForAlertAsync("e2e-alerting", a => a.State == AlertState.Firing, "a firing alert");

        var item = dashboard.Locator($"[data-testid=alert-item][data-alert-id='{alert.Id}']");
        await Expect(item).ToBeVisibleAsync();
        await Expect(item.GetByTestId("alert-title")).ToHaveTextAsync("Latency p95 high");
        await item.GetByTestId("alert-title").ClickAsync();

        var dialog = dashboard.TestId("insight-dialog");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByTestId("insight-message")).ToHaveTextAsync(alert.Message);
        await Expect(dialog.GetByTestId("insight-summary")).ToBeVisibleAsync(new() { Timeout = DriftPatience });
        await Expect(dialog.GetByTestId("insight-provider")).ToHaveTextAsync(new Regex("^Built-in analyst · "));
        await Expect(dialog.GetByTestId("insight-evidence").First).ToContainTextAsync("E1");
        await dashboard.SaveScreenshotAsync("insight-dialog");
    }

    [Fact]
    public async Task The_yaml_generator_writes_the_active_models_configuration()
    {
        await using var dashboard = await DashboardPage.OpenAsync(chromium.Browser, server.Root);
        await dashboard.SelectByNameAsync("Fraud detector");
        await Expect(dashboard.ActiveModelName).ToHaveTextAsync("Fraud detector");
        var expected = await server.Client.GetConfigAsync("fraud-detector", ConfigFormats.ModelOps, cancel);

        await dashboard.TestId("yaml-generate").ClickAsync();

        var output = dashboard.TestId("yaml-output");
        await Expect(output.Locator(".yaml-line").First).ToHaveTextAsync("apiVersion: modelops/v1");
        Assert.Equal(expected.TrimEnd('\n'), string.Join('\n', await output.Locator(".yaml-line").AllTextContentsAsync()));
        await output.ScrollIntoViewIfNeededAsync();
        await dashboard.SaveScreenshotAsync("yaml-generator");
    }
}

/// <summary>
/// A server as the product runs (one tick a second) with the demo simulator at 50 events/s per model, so the demo
/// models' baselines fill in 30 s.
/// </summary>
public sealed class DemoServerFixture : IAsyncLifetime
{
    public ModelOpsServer Server { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Server = new ModelOpsServer(settings: new Dictionary<string, string>
        {
            ["ModelOps:Simulator:Enabled"] = "true",
            ["ModelOps:Simulator:EventsPerSecond"] = "50",
            ["ModelOps:TickInterval"] = "00:00:01",
            ["ModelOps:DriftInterval"] = "00:00:01",
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Server.DataDir, recursive: true);
    }
}

using AngleSharp.Dom;
using Microsoft.AspNetCore.Components.Web;
using ModelOps.Contracts;
using ModelOps.Dashboard.Controls;
using ModelOps.Dashboard.Rendering;
using ModelOps.Dashboard.ViewModels;
using Radzen.Blazor;
using Radzen.Blazor.Rendering;

namespace ModelOps.Dashboard.Tests.Controls;

public sealed class DriftPanelTests : ApiTestContext
{
    private const string FraudDrift = "/api/v1/models/fraud/drift";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;
    private static readonly DriftSummary Drifted = new(true, 0.5, ["hour", "amount", "card_age_days"]);

    private static ModelView Fraud(DriftSummary? drift = null) => TestModels.Classifier() with { Drift = drift ?? Drifted };

    private async Task<IRenderedComponent<DriftPanel>> ShowFraudAsync(DriftReport report)
    {
        Api.Answer("GET", FraudDrift, report, Json.DriftReport);
        var panel = Render<DriftPanel>();
        await ReceiveAsync(TestModels.InitialState("fraud", Fraud()));
        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("[data-testid=drift-verdict]")), Deadline);
        return panel;
    }

    [Fact]
    public async Task The_header_gives_the_verdict_in_words_and_icon_the_share_against_its_threshold_the_baseline_and_the_window()
    {
        var panel = await ShowFraudAsync(TestDriftReports.Fraud());

        var verdict = panel.Find("[data-testid=drift-verdict]");
        Assert.Equal("Dataset drift", verdict.TextContent.Trim());
        Assert.Equal("warning", verdict.QuerySelector(".glyph")!.GetAttribute("data-icon"));
        Assert.Contains("drift-verdict-drifted", verdict.ClassList);
        Assert.Equal("Drift share 50.0% · threshold 50.0%", Text(panel, "drift-share"));
        Assert.Equal("Baseline 1,500 rows from the model's first events at 13:00:00", Text(panel, "drift-baseline"));
        Assert.Equal("Window 14:00:00–15:00:00 · 5,000 events", Text(panel, "drift-window"));
    }

    [Fact]
    public async Task Without_dataset_drift_the_verdict_says_so()
    {
        var panel = await ShowFraudAsync(TestDriftReports.Fraud(datasetDrift: false, driftShare: 0.25));

        Assert.Equal("No dataset drift", Text(panel, "drift-verdict"));
        Assert.Equal("check_circle", panel.Find("[data-testid=drift-verdict] .glyph").GetAttribute("data-icon"));
        Assert.Equal("Drift share 25.0% · threshold 50.0%", Text(panel, "drift-share"));
    }

    [Fact]
    public async Task Every_feature_is_a_row_worst_first_with_its_method_score_threshold_badge_null_share_and_new_categories()
    {
        var panel = await ShowFraudAsync(TestDriftReports.Fraud());

        var rows = panel.FindAll("[data-testid=drift-row]");
        Assert.Equal(
        [
            "hour | numeric | ks | 1e-4 | 0.05 | Drifted | 0.0% | 0",
            "amount | numeric | wasserstein | 0.23 | 0.1 | Drifted | 0.0% | 0",
            "card_age_days | numeric | wasserstein | 0.02 | 0.1 | OK | nulls ↑ 25.0% | 0",
            "country | categorical | jensenShannon | 0.04 | 0.1 | OK | 0.0% | 2",
            "merchant | categorical | chiSquare | 0.5 | 0.05 | OK | 0.0% | 0",
            "age | numeric | ks | — | 0.05 | No data | — | 0",
        ], rows.Select(Cells));
        Assert.Equal(
            ["drift-badge drift-badge-drifted", "drift-badge drift-badge-drifted", "drift-badge drift-badge-ok", "drift-badge drift-badge-ok", "drift-badge drift-badge-ok", "drift-badge drift-badge-no-data"],
            panel.FindAll("[data-testid=drift-badge]").Select(badge => badge.ClassName));
    }

    [Fact]
    public async Task While_the_report_is_on_its_way_the_panel_says_so()
    {
        var release = new TaskCompletionSource();
        Api.AnswerWhen("GET", FraudDrift, release.Task, TestDriftReports.Fraud(), Json.DriftReport);
        var panel = Render<DriftPanel>();

        await ReceiveAsync(TestModels.InitialState("fraud", Fraud()));
        await Api.UntilRequestsAsync(1);

        Assert.Equal("Loading the drift report…", Text(panel, "drift-loading"));
        release.SetResult();
        panel.WaitForAssertion(() => Assert.Equal(6, panel.FindAll("[data-testid=drift-row]").Count), Deadline);
        Assert.Empty(panel.FindAll("[data-testid=drift-loading]"));
    }

    [Fact]
    public async Task Without_a_baseline_the_panel_says_why_and_shows_no_numbers()
    {
        var panel = await ShowFraudAsync(TestDriftReports.WithoutBaseline());

        Assert.Equal("Drift not available yet", Text(panel, "drift-verdict"));
        Assert.Equal("hourglass_empty", panel.Find("[data-testid=drift-verdict] .glyph").GetAttribute("data-icon"));
        Assert.Equal("No baseline yet: upload one with PUT /api/v1/models/{id}/baseline, or wait for the first N events", Text(panel, "drift-message"));
        Assert.Empty(panel.FindAll("[data-testid=drift-baseline]"));
        Assert.Empty(panel.FindAll("[data-testid=drift-share]"));
        Assert.Empty(panel.FindAll("[data-testid=drift-window]"));
        Assert.Empty(panel.FindAll("[data-testid=drift-row]"));
        Assert.Empty(panel.FindAll("[data-testid=drift-distribution]"));
    }

    [Fact]
    public async Task The_worst_feature_is_shown_until_one_is_chosen_as_baseline_against_current_histograms()
    {
        var panel = await ShowFraudAsync(TestDriftReports.Fraud());

        Assert.Equal("true", panel.FindAll("[data-testid=drift-row]")[0].GetAttribute("aria-selected"));
        Assert.Equal("hour", panel.Find(".drift-distribution-feature").TextContent);
        var series = panel.FindComponents<RadzenAreaSeries<DriftBin>>();
        Assert.Equal(["Baseline", "Current"], series.Select(area => area.Instance.Title));
        DriftBin[] expected = [new("0–10", 5.0 / 10, 4.0 / 10), new("10–20", 5.0 / 10, 6.0 / 10)];
        Assert.All(series, area => Assert.Equal(expected, area.Instance.Data));
    }

    [Fact]
    public async Task Clicking_a_categorical_feature_shows_grouped_bars_of_its_category_shares_its_null_shares_and_new_categories()
    {
        var panel = await ShowFraudAsync(TestDriftReports.Fraud());

        await Row(panel, "country").ClickAsync(new MouseEventArgs());

        Assert.Equal("true", Row(panel, "country").GetAttribute("aria-selected"));
        Assert.Equal("false", Row(panel, "hour").GetAttribute("aria-selected"));
        var bars = panel.FindComponents<RadzenColumnSeries<DriftBin>>();
        Assert.Equal(["Baseline", "Current"], bars.Select(series => series.Instance.Title));
        DriftBin[] expected =
        [
            new("DE", 1200.0 / 2100, 1100.0 / 2150),
            new("FR", 900.0 / 2100, 1010.0 / 2150),
            new("BR", 0, 30.0 / 2150),
            new("IN", 0, 10.0 / 2150),
        ];
        Assert.All(bars, series => Assert.Equal(expected, series.Instance.Data));
        Assert.Empty(panel.FindComponents<RadzenAreaSeries<DriftBin>>());
        Assert.Equal(
            ["DE 57.1% 51.2%", "FR 42.9% 47.0%", "BR 0.0% 1.4%", "IN 0.0% 0.5%"],
            panel.FindAll("[data-testid=drift-distribution-table] tbody tr").Select(Cells).Select(cells => cells.Replace(" | ", " ")));
        Assert.Equal("BR, IN", Text(panel, "drift-new-categories"));
        Assert.Equal("baseline 0.0% · current 0.0%", Text(panel, "drift-null-shares"));
        Assert.Equal("baseline 2,100 · current 2,150", Text(panel, "drift-value-counts"));
    }

    [Theory]
    [InlineData("Enter", "Enter")]
    [InlineData(" ", "Space")]
    public async Task Enter_or_space_on_a_focused_row_selects_it(string key, string code)
    {
        var panel = await ShowFraudAsync(TestDriftReports.Fraud());
        Assert.Equal("0", Row(panel, "card_age_days").GetAttribute("tabindex"));

        await Row(panel, "card_age_days").KeyDownAsync(new KeyboardEventArgs { Key = key, Code = code });

        Assert.Equal("card_age_days", panel.Find(".drift-distribution-feature").TextContent);
        Assert.Equal("baseline 0.0% · current 25.0% nulls ↑", Words(Text(panel, "drift-null-shares")));
        Assert.Empty(panel.FindAll("[data-testid=drift-new-categories]"));
    }

    [Fact]
    public async Task Other_keys_on_a_row_select_nothing()
    {
        var panel = await ShowFraudAsync(TestDriftReports.Fraud());

        await Row(panel, "amount").KeyDownAsync(new KeyboardEventArgs { Key = "a", Code = "KeyA" });

        Assert.Equal("hour", panel.Find(".drift-distribution-feature").TextContent);
    }

    [Fact]
    public async Task The_chosen_feature_stays_selected_when_a_new_report_reorders_the_rows()
    {
        var panel = await ShowFraudAsync(TestDriftReports.Fraud());
        await Row(panel, "merchant").ClickAsync(new MouseEventArgs());
        var calmer = TestDriftReports.Fraud() with
        {
            Features = [.. TestDriftReports.Fraud().Features.Select(feature => feature with { Drifted = false, NullShareDrift = false })],
        };
        Api.Answer("GET", FraudDrift, calmer, Json.DriftReport);
        Time.Advance(LiveComponent.MinimumRedrawInterval);

        await ReceiveAsync(new ModelUpdateMessage(Fraud(new DriftSummary(false, 0, []))));

        panel.WaitForAssertion(() => Assert.Equal("OK", panel.FindAll("[data-testid=drift-badge]")[0].TextContent), Deadline);
        Assert.Equal("merchant", panel.Find(".drift-distribution-feature").TextContent);
        Assert.Equal("true", Row(panel, "merchant").GetAttribute("aria-selected"));
    }

    [Fact]
    public async Task Ticks_with_the_same_summary_do_not_refetch_but_a_changed_summary_or_five_seconds_do()
    {
        var panel = await ShowFraudAsync(TestDriftReports.Fraud());

        for (var tick = 0; tick < 4; tick++)
        {
            Time.Advance(LiveComponent.MinimumRedrawInterval);
            await ReceiveAsync(new ModelUpdateMessage(Fraud(Drifted with { DriftedFeatures = ["hour", "amount", "card_age_days"] })));
        }
        Api.Answer("GET", FraudDrift, TestDriftReports.Fraud(datasetDrift: false, driftShare: 0.25), Json.DriftReport);
        Time.Advance(LiveComponent.MinimumRedrawInterval);
        await ReceiveAsync(new ModelUpdateMessage(Fraud(new DriftSummary(false, 0.25, ["hour"]))));
        await Api.UntilRequestsAsync(2);
        panel.WaitForAssertion(() => Assert.Equal("No dataset drift", Text(panel, "drift-verdict")), Deadline);

        Time.Advance(DriftRefreshPolicy.RefreshInterval);
        await ReceiveAsync(new ModelUpdateMessage(Fraud(new DriftSummary(false, 0.25, ["hour"]))));
        await Api.UntilRequestsAsync(3);

        Assert.Equal([$"GET {FraudDrift}", $"GET {FraudDrift}", $"GET {FraudDrift}"], Api.Requests);
    }

    [Fact]
    public async Task A_failed_fetch_shows_a_short_error_and_the_next_update_tries_again()
    {
        Api.AnswerProblem("GET", FraudDrift, 503, "The silo is unavailable.");
        var panel = Render<DriftPanel>();
        await ReceiveAsync(TestModels.InitialState("fraud", Fraud()));

        panel.WaitForAssertion(() => Assert.Equal(
            "Could not load the drift report (The silo is unavailable.); trying again with the next update.", Text(panel, "drift-error")), Deadline);
        Assert.Empty(panel.FindAll("[data-testid=drift-row]"));

        Api.Answer("GET", FraudDrift, TestDriftReports.Fraud(), Json.DriftReport);
        Time.Advance(LiveComponent.MinimumRedrawInterval);
        await ReceiveAsync(new ModelUpdateMessage(Fraud()));

        panel.WaitForAssertion(() => Assert.Equal(6, panel.FindAll("[data-testid=drift-row]").Count), Deadline);
        Assert.Empty(panel.FindAll("[data-testid=drift-error]"));
        Assert.Equal(2, Api.Requests.Count);
    }

    [Fact]
    public async Task Another_active_model_gets_its_own_report()
    {
        var panel = await ShowFraudAsync(TestDriftReports.Fraud());
        Api.Answer("GET", "/api/v1/models/churn/drift", TestDriftReports.WithoutBaseline(), Json.DriftReport);
        await ReceiveAsync(new ModelUpdateMessage(TestModels.WithoutLabels()));
        Time.Advance(LiveComponent.MinimumRedrawInterval);

        await ReceiveAsync(new ActiveModelChangedMessage("churn"));

        panel.WaitForAssertion(() => Assert.Equal("Drift not available yet", Text(panel, "drift-verdict")), Deadline);
        Assert.Empty(panel.FindAll("[data-testid=drift-row]"));
        Assert.Equal([$"GET {FraudDrift}", "GET /api/v1/models/churn/drift"], Api.Requests);
    }

    private static IElement Row(IRenderedComponent<DriftPanel> panel, string feature) =>
        panel.FindAll("[data-testid=drift-row]").Single(row => row.QuerySelector("td")!.TextContent.Trim() == feature);

    private static string Text(IRenderedComponent<DriftPanel> panel, string testId) => panel.Find($"[data-testid={testId}]").TextContent.Trim();

    private static string Cells(IElement row) =>
        string.Join(" | ", row.QuerySelectorAll("th, td").Select(cell => Words(cell.TextContent)));

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

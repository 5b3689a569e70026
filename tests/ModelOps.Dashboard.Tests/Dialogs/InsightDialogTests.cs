using ModelOps.Contracts;
using ModelOps.Dashboard.Dialogs;
using ModelOps.Dashboard.Rendering;

namespace ModelOps.Dashboard.Tests.Dialogs;

public sealed class InsightDialogTests : ApiTestContext
{
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;

    [Fact]
    public async Task The_dialog_shows_the_rule_the_value_against_its_threshold_and_the_lifecycle_with_unknowns_as_dashes()
    {
        var dialog = await OpenAsync(TestAlerts.Firing(startedAgo: TimeSpan.FromMinutes(2)));

        Assert.Equal(
            [
                ("model", "Model", "Fraud detector (fraud)"),
                ("id", "Alert id", "fraud-1"),
                ("rule", "Rule", "latency-p95-high"),
                ("metric", "Metric", "latencyP95"),
                ("value", "Value", "412.3 ms"),
                ("threshold", "Threshold", "> 250 ms"),
                ("started", "Started", "2026-11-29 14:58:00"),
                ("fired", "Fired", "2026-11-29 14:59:00"),
                ("resolved", "Resolved", "—"),
                ("resolved-by", "Resolved by", "—"),
                ("acknowledged", "Acknowledged", "—"),
                ("silenced", "Silenced", "no"),
                ("fingerprint", "Fingerprint", "3f1c0a7d9b2e4c61"),
            ],
            Facts(dialog));
        Assert.Equal("latencyP95 is 412.3 ms, above the threshold of 250 ms (for 1m)", dialog.Find("[data-testid=insight-message]").TextContent);
        Assert.Equal(["Warning", "Firing"], dialog.FindAll(".insight-heading .status-text").Select(label => label.TextContent));
    }

    [Fact]
    public async Task A_pending_alert_resolved_by_its_rule_has_no_value_no_firing_time_and_names_its_rule()
    {
        var alert = TestAlerts.Pending() with
        {
            Value = null, State = AlertState.Resolved, ResolvedAt = TestModels.Now, Silenced = true,
        };

        var dialog = await OpenAsync(alert);

        var facts = Facts(dialog).ToDictionary(fact => fact.Key, fact => fact.Value);
        Assert.Equal("—", facts["value"]);
        Assert.Equal("< 0.8", facts["threshold"]);
        Assert.Equal("—", facts["fired"]);
        Assert.Equal("2026-11-29 15:00:00", facts["resolved"]);
        Assert.Equal("its rule (the condition cleared)", facts["resolved-by"]);
        Assert.Equal("yes: a silence holds its notifications back", facts["silenced"]);
        Assert.Equal("None: a silence held this alert's notifications back.", dialog.Find("[data-testid=insight-no-deliveries]").TextContent.Trim());
    }

    [Fact]
    public async Task Opening_fetches_the_alert_afresh_and_shows_each_delivery_with_its_status_and_attempts()
    {
        var refreshed = TestAlerts.Acknowledged(TestAlerts.Firing(), "alice", TimeSpan.FromSeconds(30)) with
        {
            Deliveries =
            [
                new DeliveryView
                {
                    Id = "d-1", ChannelId = "ops-slack", Event = "firing", Status = DeliveryStatus.Delivered, Attempts = 1,
                    LastStatusCode = 200, LastAttemptAt = TestModels.Now.AddMinutes(-2), DeliveredAt = TestModels.Now.AddMinutes(-2),
                },
                new DeliveryView
                {
                    Id = "d-2", ChannelId = "pager", Event = "firing", Status = DeliveryStatus.Failed, Attempts = 10,
                    LastError = "connection refused", LastAttemptAt = TestModels.Now.AddSeconds(-5),
                },
                new DeliveryView { Id = "d-3", ChannelId = "hook", Event = "firing", Status = DeliveryStatus.Pending },
            ],
        };

        var dialog = await OpenAsync(TestAlerts.Firing(), refreshed);

        Assert.Equal(["GET /api/v1/models/fraud/alerts?limit=100", "POST /api/v1/alerts/fraud-1/insight"], Api.Requests);
        Assert.Equal("by alice at 2026-11-29 14:59:30", Facts(dialog).Single(fact => fact.Key == "acknowledged").Value);
        Assert.Equal(
            [
                ["ops-slack", "firing", "Delivered", "1", "HTTP 200", "—", "2026-11-29 14:58:00"],
                ["pager", "firing", "Failed", "10", "—", "connection refused", "2026-11-29 14:59:55"],
                ["hook", "firing", "Pending", "0", "—", "—", "—"],
            ],
            dialog.FindAll(".insight-deliveries tbody tr").Select(row => row.QuerySelectorAll("td").Select(cell => cell.TextContent.Trim()).ToList()));
        Assert.Equal(["status-label status-healthy", "status-label status-critical", "status-label status-warning"],
            dialog.FindAll(".insight-deliveries .status-label").Select(label => label.ClassName));
    }

    [Fact]
    public async Task The_insight_shows_its_summary_causes_with_their_evidence_recommendations_and_provider()
    {
        Api.Answer("POST", "/api/v1/alerts/fraud-1/insight", Insight(), Json.AlertInsight);

        var dialog = await OpenAsync(TestAlerts.Firing());

        Assert.Equal(["GET /api/v1/models/fraud/alerts?limit=100", "POST /api/v1/alerts/fraud-1/insight"], Api.Requests);
        Assert.Equal("Built-in analyst · 2026-11-29 14:59:50", dialog.Find("[data-testid=insight-provider]").TextContent);
        Assert.Equal("Latency p95 rose without input drift: likely infrastructure.", dialog.Find("[data-testid=insight-summary]").TextContent);
        var causes = dialog.FindAll("[data-testid=insight-cause]");
        Assert.Equal(["high confidence", "low confidence"], causes.Select(cause => cause.QuerySelector(".insight-confidence")!.TextContent));
        Assert.Equal(["Infrastructure: latency up, no drift", "Traffic anomaly"], causes.Select(cause => cause.QuerySelector(".insight-cause-text")!.TextContent));
        Assert.Equal(["E1", "E2"], causes[0].QuerySelectorAll("[data-testid=insight-cite]").Select(cite => cite.TextContent));
        Assert.Equal("#insight-fraud-1-E2", causes[0].QuerySelectorAll("[data-testid=insight-cite]")[1].GetAttribute("href"));
        Assert.Equal(["Check the serving hosts.", "Compare with the last deploy."],
            dialog.FindAll("[data-testid=insight-recommendation]").Select(item => item.TextContent));
        var evidence = dialog.FindAll("[data-testid=insight-evidence]");
        Assert.Equal(["insight-fraud-1-E1", "insight-fraud-1-E2"], evidence.Select(item => item.Id));
        Assert.Equal(["E1 rule latencyP95 > 250 ms broken at 412.3 ms", "E2 latency latency p95 412.3 ms, 120.0 ms an hour before"],
            evidence.Select(item => string.Join(' ', item.Children.Select(part => part.TextContent))));
        Assert.Empty(dialog.FindAll("[data-testid=insight-fallback]"));
    }

    [Fact]
    public async Task A_fallback_names_the_model_that_failed_and_why()
    {
        Api.Answer("POST", "/api/v1/alerts/fraud-1/insight",
            Insight() with { FallbackReason = "Gemini answered HTTP 500 after 3 attempts." }, Json.AlertInsight);

        var dialog = await OpenAsync(TestAlerts.Firing());

        Assert.Equal("Gemini answered HTTP 500 after 3 attempts.", dialog.Find("[data-testid=insight-fallback]").TextContent.Trim());
    }

    [Fact]
    public async Task A_gemini_answer_names_its_model()
    {
        Api.Answer("POST", "/api/v1/alerts/fraud-1/insight",
            Insight() with { Provider = InsightProviders.Gemini, Model = "gemini-2.5-flash" }, Json.AlertInsight);

        var dialog = await OpenAsync(TestAlerts.Firing());

        Assert.StartsWith("Gemini (gemini-2.5-flash) · ", dialog.Find("[data-testid=insight-provider]").TextContent);
    }

    [Fact]
    public async Task Refresh_asks_for_a_new_insight_and_shows_it()
    {
        Api.Answer("POST", "/api/v1/alerts/fraud-1/insight", Insight(), Json.AlertInsight);
        Api.Answer("POST", "/api/v1/alerts/fraud-1/insight?refresh=true", Insight() with { Summary = "Regenerated." }, Json.AlertInsight);
        var dialog = await OpenAsync(TestAlerts.Firing());

        dialog.Find("[data-testid=insight-refresh]").Click();

        dialog.WaitForAssertion(() => Assert.Equal("Regenerated.", dialog.Find("[data-testid=insight-summary]").TextContent), TimeSpan.FromSeconds(10));
        Assert.Equal("POST /api/v1/alerts/fraud-1/insight?refresh=true", Api.Requests[^1]);
    }

    [Fact]
    public async Task Without_an_insight_the_section_says_why_and_makes_nothing_up()
    {
        Api.AnswerProblem("POST", "/api/v1/alerts/fraud-1/insight", 404, "Alert fraud-1 does not exist.");

        var dialog = await OpenAsync(TestAlerts.Firing());

        Assert.Equal("No insight: Alert fraud-1 does not exist.", dialog.Find("[data-testid=insight-ai-error]").TextContent);
        Assert.Empty(dialog.FindAll("[data-testid=insight-summary]"));
        Assert.Empty(dialog.FindAll("[data-testid=insight-cause]"));
    }

    private static AlertInsight Insight() => new()
    {
        AlertId = "fraud-1",
        Provider = InsightProviders.Builtin,
        Summary = "Latency p95 rose without input drift: likely infrastructure.",
        LikelyCauses =
        [
            new InsightCause { Cause = "Infrastructure: latency up, no drift", Confidence = "high", Evidence = ["E1", "E2"] },
            new InsightCause { Cause = "Traffic anomaly", Confidence = "low", Evidence = ["E2"] },
        ],
        Recommendations = ["Check the serving hosts.", "Compare with the last deploy."],
        Evidence =
        [
            new InsightEvidence { Id = "E1", Kind = "rule", Text = "latencyP95 > 250 ms broken at 412.3 ms" },
            new InsightEvidence { Id = "E2", Kind = "latency", Text = "latency p95 412.3 ms, 120.0 ms an hour before" },
        ],
        GeneratedAt = TestModels.Now.AddSeconds(-10),
    };

    [Fact]
    public async Task A_failed_refresh_keeps_what_is_known_and_says_why()
    {
        Api.AnswerProblem("GET", "/api/v1/models/fraud/alerts?limit=100", 503, "The cluster is not reachable.");

        var dialog = await OpenAsync(TestAlerts.Firing(), refreshed: null);

        Assert.Equal("Could not refresh the deliveries: The cluster is not reachable.", dialog.Find("[data-testid=insight-refresh-error]").TextContent);
        Assert.Equal("412.3 ms", Facts(dialog).Single(fact => fact.Key == "value").Value);
    }

    [Fact]
    public async Task The_dialog_follows_the_alert_as_it_changes()
    {
        var dialog = await OpenAsync(TestAlerts.Firing());

        await ReceiveAsync(new NewAlertMessage(TestAlerts.Firing() with { State = AlertState.Resolved, ResolvedAt = TestModels.Now, ResolvedBy = "bob" }));
        Time.Advance(LiveComponent.MinimumRedrawInterval);

        Assert.Equal(["Warning", "Resolved"], dialog.FindAll(".insight-heading .status-text").Select(label => label.TextContent));
        Assert.Equal("bob", Facts(dialog).Single(fact => fact.Key == "resolved-by").Value);
    }

    private Task<IRenderedComponent<InsightDialog>> OpenAsync(AlertView alert) => OpenAsync(alert, alert);

    /// <summary>Renders the dialog for <paramref name="alert"/> (held by the store), the API answering its refresh with <paramref name="refreshed"/>.</summary>
    private async Task<IRenderedComponent<InsightDialog>> OpenAsync(AlertView alert, AlertView? refreshed)
    {
        if (refreshed is not null)
        {
            Api.Answer<IReadOnlyList<AlertView>>("GET", "/api/v1/models/fraud/alerts?limit=100", [refreshed], Json.IReadOnlyListAlertView);
        }
        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));
        await ReceiveAsync(new NewAlertMessage(alert));
        var dialog = Render<InsightDialog>(parameters => parameters.Add(d => d.AlertId, alert.Id));
        dialog.WaitForAssertion(() => Assert.Empty(dialog.FindAll("[data-testid=insight-refresh][disabled]")), TimeSpan.FromSeconds(10));
        Time.Advance(LiveComponent.MinimumRedrawInterval);
        return dialog;
    }

    private static List<(string Key, string Label, string Value)> Facts(IRenderedComponent<InsightDialog> dialog) =>
        [.. dialog.FindAll(".insight-fact").Select(fact => (fact.GetAttribute("data-fact")!, fact.QuerySelector("dt")!.TextContent, fact.QuerySelector("dd")!.TextContent))];
}

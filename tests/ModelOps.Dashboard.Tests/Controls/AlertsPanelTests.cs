using ModelOps.Contracts;
using ModelOps.Dashboard.Controls;
using ModelOps.Dashboard.Rendering;
using Radzen.Blazor;

namespace ModelOps.Dashboard.Tests.Controls;

public sealed class AlertsPanelTests : ApiTestContext
{
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;

    [Fact]
    public async Task Firing_alerts_come_first_then_pending_ones_then_the_recently_resolved()
    {
        var panel = await RenderWithAsync(
            TestAlerts.Resolved("fraud-0", title: "Resolved long ago", resolvedAgo: TimeSpan.FromHours(2)),
            TestAlerts.Pending("churn-4", title: "Pending"),
            TestAlerts.Firing("fraud-1", severity: AlertSeverity.Warning, title: "Firing warning", startedAgo: TimeSpan.FromMinutes(1)),
            TestAlerts.Resolved("churn-2", "churn", title: "Resolved lately", resolvedAgo: TimeSpan.FromMinutes(1)),
            TestAlerts.Firing("fraud-2", severity: AlertSeverity.Critical, title: "Firing critical", startedAgo: TimeSpan.FromMinutes(9)));

        Assert.Equal(["Firing critical", "Firing warning", "Pending", "Resolved lately", "Resolved long ago"], Titles(panel));
        Assert.Equal("2 firing · 1 pending", panel.Find("[data-testid=alerts-counts]").TextContent);
    }

    [Fact]
    public async Task An_alert_shows_its_severity_as_word_icon_and_colour_with_title_message_model_and_time_in_its_state()
    {
        var panel = await RenderWithAsync(TestAlerts.Firing(severity: AlertSeverity.Critical, startedAgo: TimeSpan.FromMinutes(3)));

        var item = panel.Find("[data-testid=alert-item]");
        var severity = item.QuerySelector(".alert-severity .status-label")!;
        Assert.Equal("status-label status-critical", severity.ClassName);
        Assert.Equal("error", severity.QuerySelector(".glyph")!.GetAttribute("data-icon"));
        Assert.Equal("Critical", severity.TextContent.Trim());
        Assert.Equal("Latency p95 high", item.QuerySelector("[data-testid=alert-title]")!.TextContent);
        Assert.Equal("Fraud detector", item.QuerySelector(".alert-model")!.TextContent);
        Assert.Equal("fraud", item.QuerySelector(".alert-model")!.GetAttribute("title"));
        Assert.Equal("alert-item alert-item-critical", item.ClassName);
        Assert.Equal("latencyP95 is 412.3 ms, above the threshold of 250 ms (for 1m)", item.QuerySelector(".alert-message")!.TextContent);
        Assert.Equal("Firing", item.QuerySelector(".alert-meta .status-text")!.TextContent);
        Assert.Equal("firing for 2 min", item.QuerySelector(".alert-since")!.TextContent);
        Assert.Equal("since 2026-11-29 14:58:00", item.QuerySelector(".alert-since")!.GetAttribute("title"));
    }

    [Fact]
    public async Task Time_in_state_moves_on_while_nothing_else_changes()
    {
        var panel = await RenderWithAsync(TestAlerts.Pending(startedAgo: TimeSpan.FromSeconds(30)));

        Time.Advance(TimeSpan.FromSeconds(35));

        Assert.Equal("pending for 1 min", panel.Find(".alert-since").TextContent);
    }

    [Fact]
    public async Task Acknowledge_calls_the_API_and_shows_who_acknowledged_while_the_alert_stays_open()
    {
        var panel = await RenderWithAsync(TestAlerts.Firing());
        Api.Answer("POST", "/api/v1/alerts/fraud-1/ack", TestAlerts.Acknowledged(TestAlerts.Firing(), "dashboard"), Json.AlertView);

        await panel.Find("[data-testid=alert-ack]").ClickAsync(new());
        await Store.UntilAsync(store => store.FindAlert("fraud-1")?.AcknowledgedBy == "dashboard", "the acknowledged alert");
        Time.Advance(LiveComponent.MinimumRedrawInterval);

        Assert.Equal(["POST /api/v1/alerts/fraud-1/ack {\"by\":\"dashboard\",\"comment\":null}"], Api.Requests);
        Assert.Equal("Acknowledged by dashboard 0 s ago", panel.Find("[data-testid=alert-acknowledged]").TextContent);
        Assert.Empty(panel.FindAll("[data-testid=alert-ack]"));
        Assert.Single(panel.FindAll("[data-testid=alert-resolve]"));
        Assert.Empty(panel.FindAll("[data-testid=insight-dialog]"));
    }

    [Fact]
    public async Task Resolve_calls_the_API_and_the_same_alert_arriving_again_as_new_alert_changes_nothing()
    {
        var resolved = TestAlerts.Firing() with { State = AlertState.Resolved, ResolvedAt = TestModels.Now, ResolvedBy = "dashboard" };
        var panel = await RenderWithAsync(TestAlerts.Firing());
        Api.Answer("POST", "/api/v1/alerts/fraud-1/resolve", resolved, Json.AlertView);

        await panel.Find("[data-testid=alert-resolve]").ClickAsync(new());
        await Store.UntilAsync(store => store.FindAlert("fraud-1")?.State == AlertState.Resolved, "the resolved alert");
        await ReceiveAsync(new NewAlertMessage(resolved));
        Time.Advance(LiveComponent.MinimumRedrawInterval);

        Assert.Equal(["POST /api/v1/alerts/fraud-1/resolve {\"by\":\"dashboard\",\"comment\":null}"], Api.Requests);
        Assert.Single(panel.FindAll("[data-testid=alert-item]"));
        Assert.Equal("Resolved", panel.Find(".alert-meta .status-text").TextContent);
        Assert.Equal("resolved 0 s ago", panel.Find(".alert-since").TextContent);
        Assert.Empty(panel.FindAll(".alert-actions"));
    }

    [Fact]
    public async Task Both_buttons_are_disabled_while_a_call_is_in_flight()
    {
        var panel = await RenderWithAsync(TestAlerts.Firing());
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Api.AnswerWhen("POST", "/api/v1/alerts/fraud-1/ack", release.Task, TestAlerts.Acknowledged(TestAlerts.Firing()), Json.AlertView);

        var clicked = panel.Find("[data-testid=alert-ack]").ClickAsync(new());
        await Api.UntilRequestsAsync(1);
        var whileInFlight = (Ack: Disabled(panel, "alert-ack"), Resolve: Disabled(panel, "alert-resolve"), Text: panel.Find("[data-testid=alert-ack]").TextContent.Trim());
        release.SetResult();
        await clicked;

        Assert.Equal((true, true, "Acknowledging…"), whileInFlight);
        Assert.False(Disabled(panel, "alert-resolve"));
    }

    [Fact]
    public async Task A_refused_action_shows_the_servers_reason_inline_and_leaves_the_alert_as_it_was()
    {
        var panel = await RenderWithAsync(TestAlerts.Firing());
        Api.AnswerProblem("POST", "/api/v1/alerts/fraud-1/resolve", 404,
            "No alert 'fraud-1'. List alerts with GET /api/v1/alerts or GET /api/v1/models/{id}/alerts.");

        await panel.Find("[data-testid=alert-resolve]").ClickAsync(new());

        Assert.Equal("Resolve failed: No alert 'fraud-1'. List alerts with GET /api/v1/alerts or GET /api/v1/models/{id}/alerts.",
            panel.Find("[data-testid=alert-error]").TextContent);
        Assert.Equal("alert", panel.Find("[data-testid=alert-error]").GetAttribute("role"));
        Assert.Equal(AlertState.Firing, Store.FindAlert("fraud-1")?.State);
        Assert.False(Disabled(panel, "alert-resolve"));
    }

    [Fact]
    public async Task A_resolved_alert_has_no_buttons_and_an_acknowledged_one_only_resolve()
    {
        var panel = await RenderWithAsync(TestAlerts.Resolved(), TestAlerts.Acknowledged(TestAlerts.Firing(), "alice", TimeSpan.FromMinutes(1)));

        Assert.Equal(["Latency p95 high", "Error rate high"], Titles(panel));
        var items = panel.FindAll("[data-testid=alert-item]");
        Assert.Equal(["alert-resolve"], items[0].QuerySelectorAll(".alert-actions button[data-testid]").Select(b => b.GetAttribute("data-testid")));
        Assert.Equal("Acknowledged by alice 1 min ago", items[0].QuerySelector("[data-testid=alert-acknowledged]")!.TextContent);
        Assert.Empty(items[1].QuerySelectorAll(".alert-actions"));
    }

    [Fact]
    public async Task Clicking_an_alert_opens_its_insight_dialog_and_pressing_a_button_does_not()
    {
        Api.Answer<IReadOnlyList<AlertView>>("GET", "/api/v1/models/fraud/alerts?limit=100", [TestAlerts.Firing()], Json.IReadOnlyListAlertView);
        Api.Answer("POST", "/api/v1/alerts/fraud-1/ack", TestAlerts.Acknowledged(TestAlerts.Firing()), Json.AlertView);
        var dialogs = Render<RadzenDialog>();
        var panel = await RenderWithAsync(TestAlerts.Firing());

        await panel.Find("[data-testid=alert-ack]").ClickAsync(new());
        var dialogsAfterTheButton = dialogs.FindAll("[data-testid=insight-dialog]").Count;
        await panel.Find("[data-testid=alert-title]").ClickAsync(new());

        Assert.Equal(0, dialogsAfterTheButton);
        Assert.Equal("Latency p95 high", dialogs.Find(".rz-dialog-title").TextContent);
        Assert.Single(dialogs.FindAll("[data-testid=insight-dialog]"));
    }

    [Fact]
    public async Task The_alert_title_is_a_button_so_the_keyboard_reaches_it_and_Enter_opens_the_dialog()
    {
        var panel = await RenderWithAsync(TestAlerts.Firing());

        var title = panel.Find("[data-testid=alert-title]");

        Assert.Equal("BUTTON", title.TagName);
        Assert.Equal("dialog", title.GetAttribute("aria-haspopup"));
    }

    [Fact]
    public async Task Without_alerts_the_panel_says_when_they_appear()
    {
        var panel = await RenderWithAsync();

        Assert.Equal("No alerts. An alert shows here as soon as a model's rule is broken.", panel.Find("[data-testid=alerts-empty]").TextContent);
        Assert.Equal("0 firing · 0 pending", panel.Find("[data-testid=alerts-counts]").TextContent);
    }

    private async Task<IRenderedComponent<AlertsPanel>> RenderWithAsync(params AlertView[] alerts)
    {
        var panel = Render<AlertsPanel>();
        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));
        foreach (var alert in alerts)
        {
            await ReceiveAsync(new NewAlertMessage(alert));
        }
        Time.Advance(LiveComponent.MinimumRedrawInterval);
        return panel;
    }

    private static List<string> Titles(IRenderedComponent<AlertsPanel> panel) =>
        [.. panel.FindAll("[data-testid=alert-item] [data-testid=alert-title]").Select(title => title.TextContent)];

    private static bool Disabled(IRenderedComponent<AlertsPanel> panel, string testId) =>
        panel.Find($"[data-testid={testId}]").HasAttribute("disabled");
}

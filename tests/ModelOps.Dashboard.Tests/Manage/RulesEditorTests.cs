using ModelOps.Contracts;
using ModelOps.Dashboard.Controls;

namespace ModelOps.Dashboard.Tests.Manage;

public sealed class RulesEditorTests : ApiTestContext
{
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;

    private static readonly AlertRule AccuracyLow = new()
    {
        Id = "accuracy-low", Name = "Accuracy low", Metric = "accuracy", Op = "<", Threshold = 0.8,
        For = Duration.FromMinutes(1), Severity = AlertSeverity.Critical, Actions = ["retrain"],
    };

    private static readonly AlertRule LatencyHigh = new()
    {
        Id = "latency-p95-high", Name = "Latency p95 high", Metric = "latencyP95", Op = ">", Threshold = 250,
        For = Duration.FromMinutes(1), Window = Duration.FromSeconds(30), Severity = AlertSeverity.Warning, Actions = [],
    };

    [Fact]
    public async Task The_rules_are_shown_as_stored_and_the_edited_set_is_saved_whole_exactly_as_written()
    {
        Api.Answer("GET", "/api/v1/models/fraud/rules", new AlertRuleSet([AccuracyLow, LatencyHigh]), Json.AlertRuleSet);
        Api.Answer("PUT", "/api/v1/models/fraud/rules", new AlertRuleSet([LatencyHigh]), Json.AlertRuleSet);
        var editor = await RenderEditorAsync(rows: 2);

        var shown = editor.FindAll("[data-testid=rule-row]").Select(row => string.Join(" ",
            row.QuerySelector("[data-testid=rule-id]")!.GetAttribute("value"), row.QuerySelector("[data-testid=rule-metric]")!.GetAttribute("value"),
            row.QuerySelector("[data-testid=rule-op] .rz-dropdown-label")!.TextContent, row.QuerySelector("[data-testid=rule-threshold] input")!.GetAttribute("value"),
            row.QuerySelector("[data-testid=rule-for]")!.GetAttribute("value"), row.QuerySelector("[data-testid=rule-window]")!.GetAttribute("value"),
            row.QuerySelector("[data-testid=rule-severity] .rz-dropdown-label")!.TextContent)).ToArray();
        await editor.FindAll("[data-testid=rule-remove]")[0].ClickAsync(new());
        await editor.Find("[data-testid=rule-threshold]").TypeAsync("300");
        await editor.Find("[data-testid=rule-add]").ClickAsync(new());
        // Found again for every input: each change re-renders the row.
        AngleSharp.Dom.IElement Added(string testId) => editor.FindAll($"[data-testid=rule-row]")[1].QuerySelector($"[data-testid={testId}]")!;
        await Added("rule-id").TypeAsync("amount-drift");
        await Added("rule-metric").TypeAsync("drift:amount");
        await Added("rule-op").ChooseAsync(">=");
        await Added("rule-threshold").TypeAsync("0.1");
        await Added("rule-for").TypeAsync("5m");
        await Added("rule-severity").ChooseAsync("Info");
        await editor.Find("[data-testid=rules-save]").ClickAsync(new());

        Assert.Equal(["accuracy-low accuracy < 0.8 1m  Critical", "latency-p95-high latencyP95 > 250 1m 30s Warning"], shown);
        // System.Text.Json escapes '>' as \u003E by default; the API reads it back as '>'.
        Assert.Equal(
            [
                "GET /api/v1/models/fraud/rules",
                "PUT /api/v1/models/fraud/rules " +
                """{"rules":[{"id":"latency-p95-high","name":"Latency p95 high","metric":"latencyP95","op":"\u003E","threshold":300,"for":"1m","window":"30s","severity":"warning","actions":[]},""" +
                """{"id":"amount-drift","name":null,"metric":"drift:amount","op":"\u003E=","threshold":0.1,"for":"5m","window":null,"severity":"info","actions":[]}]}""",
            ],
            Api.Requests);
        Assert.Equal("Saved 1 rule.", editor.Find("[data-testid=rules-saved]").TextContent);
    }

    [Fact]
    public async Task The_APIs_refusal_names_the_row_and_field_and_the_rows_stay_as_written()
    {
        Api.Answer("GET", "/api/v1/models/fraud/rules", new AlertRuleSet([AccuracyLow, LatencyHigh]), Json.AlertRuleSet);
        Api.AnswerInvalid("PUT", "/api/v1/models/fraud/rules", "rules[1].threshold", "required: a number in the metric's unit (ms for latency, events per second for throughput)");
        var editor = await RenderEditorAsync(rows: 2);

        await editor.FindAll("[data-testid=rule-threshold]")[1].TypeAsync("");
        await editor.Find("[data-testid=rules-save]").ClickAsync(new());

        Assert.Equal(["rules[1].threshold: required: a number in the metric's unit (ms for latency, events per second for throughput)"],
            editor.FindAll("[data-testid=rules-error] li").Select(item => item.TextContent));
        Assert.Contains("\"threshold\":null", Api.Requests[1]);
        Assert.Equal(2, editor.FindAll("[data-testid=rule-row]").Count);
        Assert.Empty(editor.FindAll("[data-testid=rules-saved]"));
    }

    [Fact]
    public async Task A_duration_that_does_not_parse_is_named_and_nothing_is_sent()
    {
        Api.Answer("GET", "/api/v1/models/fraud/rules", new AlertRuleSet([AccuracyLow]), Json.AlertRuleSet);
        var editor = await RenderEditorAsync(rows: 1);

        await editor.Find("[data-testid=rule-window]").TypeAsync("5 minutes");
        await editor.Find("[data-testid=rules-save]").ClickAsync(new());

        Assert.Equal([$"rules[0].window: '5 minutes' is not a duration: expected {Duration.Format}"],
            editor.FindAll("[data-testid=rules-error] li").Select(item => item.TextContent));
        Assert.Equal(["GET /api/v1/models/fraud/rules"], Api.Requests);
    }

    [Fact]
    public async Task The_metric_field_suggests_every_metric_and_the_drift_and_null_share_of_each_feature()
    {
        Api.Answer("GET", "/api/v1/models/fraud/rules", new AlertRuleSet([AccuracyLow]), Json.AlertRuleSet);
        var editor = await RenderEditorAsync(rows: 1, features: ["amount", "country"]);

        Assert.Equal("rule-metrics", editor.Find("[data-testid=rule-metric]").GetAttribute("list"));
        Assert.Equal(
            ["accuracy", "errorRate", "latencyMean", "latencyP50", "latencyP95", "latencyP99", "throughput", "mae", "rmse", "driftShare",
             "drift:amount", "drift:country", "nullShare:amount", "nullShare:country"],
            editor.FindAll("datalist#rule-metrics option").Select(option => option.GetAttribute("value")));
    }

    private async Task<IRenderedComponent<RulesEditor>> RenderEditorAsync(int rows, IReadOnlyList<string>? features = null)
    {
        var editor = Render<RulesEditor>(parameters => parameters.Add(p => p.ModelId, "fraud").Add(p => p.Features, features ?? []));
        await editor.WaitForAssertionAsync(() => Assert.Equal(rows, editor.FindAll("[data-testid=rule-row]").Count));
        return editor;
    }
}

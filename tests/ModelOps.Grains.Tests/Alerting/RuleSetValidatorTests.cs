using ModelOps.Contracts;
using ModelOps.Grains.Alerting.Rules;

namespace ModelOps.Grains.Tests.Alerting;

public sealed class RuleSetValidatorTests
{
    private static readonly TimeSpan ModelWindow = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan DriftWindow = TimeSpan.FromHours(1);

    private const string Known =
        "accuracy, errorRate, latencyMean, latencyP50, latencyP95, latencyP99, throughput, mae, rmse, driftShare, precision, recall, f1, rocAuc, logLoss, mape, r2, drift:<feature>, nullShare:<feature>, precision:<class>, recall:<class>, f1:<class>";

    private const string IdRule = "1–64 characters of letters, digits, '-', '_' and '.'";

    private sealed record Case(ModelTask Task, Func<AlertRule, AlertRule> Break, string Field, string Reason);

    /// <summary>Every field rule: how to break rules[2] of a valid set, and the field (after <c>rules[2]</c>) and reason it must then report.</summary>
    private static readonly Dictionary<string, Case> Cases = new()
    {
        ["rule null"] = new(ModelTask.Classification, _ => null!, "", "expected a rule object, got null"),
        ["id missing"] = new(ModelTask.Classification, r => r with { Id = null }, ".id", $"required: {IdRule}"),
        ["id empty"] = new(ModelTask.Classification, r => r with { Id = "" }, ".id", $"expected {IdRule}"),
        ["id with a space"] = new(ModelTask.Classification, r => r with { Id = "p 95" }, ".id", $"expected {IdRule}"),
        ["id with a slash"] = new(ModelTask.Classification, r => r with { Id = "p95/high" }, ".id", $"expected {IdRule}"),
        ["id too long"] = new(ModelTask.Classification, r => r with { Id = new string('i', 65) }, ".id", $"expected {IdRule}"),
        ["id duplicate"] = new(ModelTask.Classification, r => r with { Id = "errors" }, ".id", "duplicate of rules[0]"),
        ["name too long"] = new(ModelTask.Classification, r => r with { Name = new string('n', 201) }, ".name", "at most 200 characters"),
        ["metric missing"] = new(ModelTask.Classification, r => r with { Metric = null }, ".metric", $"required: one of {Known}"),
        ["metric misspelt"] = new(ModelTask.Classification, r => r with { Metric = "acuracy" }, ".metric", $"unknown metric 'acuracy': expected one of {Known}"),
        ["drift without feature"] = new(ModelTask.Classification, r => r with { Metric = "drift:" }, ".metric", "'drift:' needs a feature name of 1–128 characters, e.g. drift:amount"),
        ["mae for classification"] = new(ModelTask.Classification, r => r with { Metric = "mae" }, ".metric",
            "mae is computed for regression models only; this is a classification model (use accuracy, precision, recall, f1, rocAuc or logLoss)"),
        ["rmse for classification"] = new(ModelTask.Classification, r => r with { Metric = "rmse" }, ".metric",
            "rmse is computed for regression models only; this is a classification model (use accuracy, precision, recall, f1, rocAuc or logLoss)"),
        ["accuracy for regression"] = new(ModelTask.Regression, r => r with { Metric = "accuracy" }, ".metric",
            "accuracy is computed for classification models only; this is a regression model (use mae, rmse, mape or r2)"),
        ["op missing"] = new(ModelTask.Classification, r => r with { Op = null }, ".op", "required: one of <, <=, >, >="),
        ["op unknown"] = new(ModelTask.Classification, r => r with { Op = "==" }, ".op", "expected one of <, <=, >, >=, got '=='"),
        ["op in words"] = new(ModelTask.Classification, r => r with { Op = "gt" }, ".op", "expected one of <, <=, >, >=, got 'gt'"),
        ["threshold missing"] = new(ModelTask.Classification, r => r with { Threshold = null }, ".threshold",
            "required: a number in the metric's unit (ms for latency, events per second for throughput)"),
        ["threshold NaN"] = new(ModelTask.Classification, r => r with { Threshold = double.NaN }, ".threshold", "expected a finite number"),
        ["threshold infinite"] = new(ModelTask.Classification, r => r with { Threshold = double.PositiveInfinity }, ".threshold", "expected a finite number"),
        ["for negative"] = new(ModelTask.Classification, r => r with { For = new Duration(TimeSpan.FromSeconds(-1)) }, ".for", "expected a duration from 0s to 24h"),
        ["for above a day"] = new(ModelTask.Classification, r => r with { For = Duration.Parse("1d1s") }, ".for", "expected a duration from 0s to 24h"),
        ["window zero"] = new(ModelTask.Classification, r => r with { Window = Duration.Zero }, ".window",
            "expected whole seconds, at least 1s (e.g. 30s or 5m); leave it out for the model's window"),
        ["window not whole seconds"] = new(ModelTask.Classification, r => r with { Window = Duration.Parse("1s500ms") }, ".window",
            "expected whole seconds, at least 1s (e.g. 30s or 5m); leave it out for the model's window"),
        ["window longer than the model's"] = new(ModelTask.Classification, r => r with { Window = Duration.Parse("5m1s") }, ".window",
            "at most the model's window of 5m: a rule may use a shorter window, not a longer one"),
        ["drift window longer than the drift window"] = new(ModelTask.Classification, r => r with { Metric = "driftShare", Window = Duration.Parse("1h1m") }, ".window",
            "at most the drift window of 1h: a rule may use a shorter window, not a longer one"),
        ["severity unknown"] = new(ModelTask.Classification, r => r with { Severity = (AlertSeverity)7 }, ".severity", "expected critical, warning or info"),
        ["action unknown"] = new(ModelTask.Classification, r => r with { Actions = ["retrain", "page"] }, ".actions[1]", "unknown action 'page': expected retrain"),
        ["action null"] = new(ModelTask.Classification, r => r with { Actions = [null!] }, ".actions[0]", "unknown action '': expected retrain"),
    };

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void A_broken_rule_is_reported_by_its_index_and_field(string name)
    {
        var (task, breakRule, field, reason) = Cases[name];
        var rules = ValidRules();
        rules[2] = breakRule(rules[2]);

        var problem = Assert.Throws<InvalidRequestException>(() => RuleSetValidator.Validate(rules, task, ModelWindow, DriftWindow));

        Assert.Equal($"rules[2]{field}", problem.Field);
        Assert.Equal(reason, problem.Reason);
    }

    [Fact]
    public void The_valid_set_compiles_with_every_field_and_the_defaults_filled_in()
    {
        var compiled = RuleSetValidator.Validate(ValidRules(), ModelTask.Classification, ModelWindow, DriftWindow);

        Assert.Equal(
            [
                new CompiledRule("errors", "Errors", RuleMetric.Parse("errorRate"), RuleOp.GreaterThan, 0.05, TimeSpan.FromMinutes(1), null, AlertSeverity.Critical, Retrain: false),
                new CompiledRule("p99", "p99", RuleMetric.Parse("latencyP99"), RuleOp.GreaterOrEqual, 500, TimeSpan.Zero, null, AlertSeverity.Warning, Retrain: false),
                new CompiledRule("p95", "Slow p95", RuleMetric.Parse("latencyP95"), RuleOp.GreaterThan, 250, TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), AlertSeverity.Info, Retrain: false),
                new CompiledRule("amount.drift", "amount.drift", RuleMetric.Parse("drift:amount"), RuleOp.LessThan, 0.05, TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(30), AlertSeverity.Warning, Retrain: true),
            ],
            compiled);
    }

    [Fact]
    public void A_blank_name_defaults_to_the_id()
    {
        var rules = ValidRules();
        rules[2] = rules[2] with { Name = "  " };

        Assert.Equal("p95", RuleSetValidator.Validate(rules, ModelTask.Classification, ModelWindow, DriftWindow)[2].Name);
    }

    [Theory]
    [InlineData(ModelTask.Classification)]
    [InlineData(ModelTask.Regression)]
    public void The_valid_set_is_valid_for_either_task(ModelTask task)
    {
        Assert.Equal(4, RuleSetValidator.Validate(ValidRules(), task, ModelWindow, DriftWindow).Length);
    }

    [Fact]
    public void The_set_is_refused_whole_at_its_first_invalid_field()
    {
        var rules = ValidRules();
        rules[1] = rules[1] with { Op = "=" };
        rules[3] = rules[3] with { Metric = "nope" };

        var problem = Assert.Throws<InvalidRequestException>(() => RuleSetValidator.Validate(rules, ModelTask.Classification, ModelWindow, DriftWindow));

        Assert.Equal("rules[1].op", problem.Field);
        Assert.Equal("rules[1].op: expected one of <, <=, >, >=, got '='", problem.Message);
    }

    [Fact]
    public void A_later_duplicate_names_the_first_rule_with_its_id()
    {
        var rules = ValidRules();
        rules.Add(rules[2] with { Name = "again" });

        var problem = Assert.Throws<InvalidRequestException>(() => RuleSetValidator.Validate(rules, ModelTask.Classification, ModelWindow, DriftWindow));

        Assert.Equal(("rules[4].id", "duplicate of rules[2]"), (problem.Field, problem.Reason));
    }

    [Fact]
    public void The_rules_are_required_but_may_be_empty()
    {
        var missing = Assert.Throws<InvalidRequestException>(() => RuleSetValidator.Validate(null, ModelTask.Classification, ModelWindow, DriftWindow));

        Assert.Equal(("rules", "required: a list of rules, [] for none"), (missing.Field, missing.Reason));
        Assert.Empty(RuleSetValidator.Validate([], ModelTask.Classification, ModelWindow, DriftWindow));
    }

    [Fact]
    public void A_set_holds_at_most_a_hundred_rules()
    {
        var hundred = Enumerable.Range(0, 100).Select(i => Rule($"r{i}", "errorRate", ">", 0.1)).ToList();

        Assert.Equal(100, RuleSetValidator.Validate(hundred, ModelTask.Classification, ModelWindow, DriftWindow).Length);
        hundred.Add(Rule("r100", "errorRate", ">", 0.1));
        var problem = Assert.Throws<InvalidRequestException>(() => RuleSetValidator.Validate(hundred, ModelTask.Classification, ModelWindow, DriftWindow));
        Assert.Equal(("rules", "at most 100 rules, got 101"), (problem.Field, problem.Reason));
    }

    [Fact]
    public void A_window_may_equal_the_model_or_drift_window_and_ids_may_be_sixty_four_characters()
    {
        AlertRule[] rules =
        [
            Rule(new string('a', 64), "latencyMean", ">", 100) with { Window = new Duration(ModelWindow) },
            Rule("share", "driftShare", ">=", 0.5) with { Window = new Duration(DriftWindow), For = Duration.Parse("1d") },
            Rule("nulls", "nullShare:country", ">", 0.2) with { Window = Duration.Parse("1s") },
        ];

        var compiled = RuleSetValidator.Validate(rules, ModelTask.Classification, ModelWindow, DriftWindow);

        Assert.Equal([ModelWindow, DriftWindow, TimeSpan.FromSeconds(1)], compiled.Select(rule => rule.Window));
        Assert.Equal(TimeSpan.FromDays(1), compiled[1].For);
    }

    [Fact]
    public void A_drift_metric_may_use_a_window_longer_than_the_model_window()
    {
        var rules = new[] { Rule("drift", "drift:amount", ">=", 0.1) with { Window = Duration.Parse("10m") } };

        Assert.Equal(TimeSpan.FromMinutes(10), RuleSetValidator.Validate(rules, ModelTask.Classification, ModelWindow, DriftWindow)[0].Window);
    }

    [Theory]
    [InlineData(ModelTask.Classification)]
    [InlineData(ModelTask.Regression)]
    public void A_compiled_rule_shown_by_the_api_validates_to_an_equal_rule(ModelTask task)
    {
        var compiled = RuleSetValidator.Validate(ValidRules(), task, ModelWindow, DriftWindow);

        var contracts = compiled.Select(rule => rule.ToContract()).ToArray();

        Assert.Equal(compiled, RuleSetValidator.Validate(contracts, task, ModelWindow, DriftWindow));
        Assert.Equal(
            new AlertRule
            {
                Id = "amount.drift", Name = "amount.drift", Metric = "drift:amount", Op = "<", Threshold = 0.05,
                For = Duration.Parse("2m"), Window = Duration.Parse("30m"), Severity = AlertSeverity.Warning, Actions = contracts[3].Actions,
            },
            contracts[3]);
        Assert.Equal(["retrain"], contracts[3].Actions!);
        Assert.Empty(contracts[0].Actions!);
        Assert.Null(contracts[0].Window);
    }

    [Theory]
    [InlineData("<", 0.79, true)]
    [InlineData("<", 0.8, false)]
    [InlineData("<=", 0.8, true)]
    [InlineData("<=", 0.81, false)]
    [InlineData(">", 0.8, false)]
    [InlineData(">", 0.81, true)]
    [InlineData(">=", 0.8, true)]
    [InlineData(">=", 0.79, false)]
    [InlineData("<", double.NaN, false)]
    [InlineData(">=", double.NaN, false)]
    public void A_rule_breaks_on_the_side_of_the_threshold_its_op_names(string op, double value, bool breaks)
    {
        var rule = RuleSetValidator.Validate([Rule("r", "accuracy", op, 0.8)], ModelTask.Classification, ModelWindow, DriftWindow)[0];

        Assert.Equal(breaks, rule.Breaks(value));
    }

    [Fact]
    public void A_condition_reads_with_the_unit_of_its_metric()
    {
        var rules = RuleSetValidator.Validate(ValidRules(), ModelTask.Classification, ModelWindow, DriftWindow);

        Assert.Equal(["errorRate > 0.05", "latencyP99 >= 500 ms", "latencyP95 > 250 ms", "drift:amount < 0.05"], rules.Select(rule => rule.Condition));
    }

    [Fact]
    public void A_classification_model_gets_the_four_default_rules()
    {
        var rules = DefaultRules.For(ModelTask.Classification);

        Assert.Equal(
            [
                new CompiledRule("accuracy-low", "Accuracy low", RuleMetric.Parse("accuracy"), RuleOp.LessThan, 0.8, TimeSpan.FromMinutes(1), null, AlertSeverity.Critical, false),
                new CompiledRule("error-rate-high", "Error rate high", RuleMetric.Parse("errorRate"), RuleOp.GreaterThan, 0.05, TimeSpan.FromMinutes(1), null, AlertSeverity.Critical, false),
                new CompiledRule("latency-p95-high", "Latency p95 high", RuleMetric.Parse("latencyP95"), RuleOp.GreaterThan, 250, TimeSpan.FromMinutes(1), null, AlertSeverity.Warning, false),
                new CompiledRule("dataset-drift", "Dataset drift", RuleMetric.Parse("driftShare"), RuleOp.GreaterOrEqual, 0.5, TimeSpan.FromMinutes(1), null, AlertSeverity.Warning, false),
            ],
            rules);
    }

    [Fact]
    public void A_regression_model_gets_the_defaults_without_accuracy()
    {
        Assert.Equal(["error-rate-high", "latency-p95-high", "dataset-drift"], DefaultRules.For(ModelTask.Regression).Select(rule => rule.Id));
    }

    [Theory]
    [InlineData(ModelTask.Classification)]
    [InlineData(ModelTask.Regression)]
    public void The_defaults_are_valid_for_the_shortest_windows_a_model_may_have(ModelTask task)
    {
        var contracts = DefaultRules.Contracts(task);

        Assert.Equal(DefaultRules.For(task), RuleSetValidator.Validate(contracts, task, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)));
    }

    private static List<AlertRule> ValidRules() =>
    [
        Rule("errors", "errorRate", ">", 0.05) with { Name = "Errors", For = Duration.Parse("1m"), Severity = AlertSeverity.Critical },
        Rule("p99", "latencyP99", ">=", 500),
        Rule("p95", "latencyP95", ">", 250) with { Name = "Slow p95", For = Duration.Parse("30s"), Window = Duration.Parse("1m"), Severity = AlertSeverity.Info },
        Rule("amount.drift", "drift:amount", "<", 0.05) with { For = Duration.Parse("2m"), Window = Duration.Parse("30m"), Actions = ["retrain"] },
    ];

    private static AlertRule Rule(string id, string metric, string op, double threshold) =>
        new() { Id = id, Metric = metric, Op = op, Threshold = threshold };
}

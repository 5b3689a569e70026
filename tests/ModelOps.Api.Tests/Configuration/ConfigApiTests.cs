using System.Net;
using System.Text;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Configuration;

public sealed class ConfigApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ModelOpsClient client = fixture.Server.Client;
    private readonly HttpClient http = fixture.Server.Http;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_modelops_document_states_the_whole_setup_with_effective_drift_methods_and_channel_routes()
    {
        await ConfigKit.Classifier(client, http, "cfg-exact", cancel);

        var yaml = await client.GetConfigAsync("cfg-exact", cancellationToken: cancel);

        Assert.Equal(ExpectedClassifier, yaml);
    }

    private const string ExpectedClassifier = """
        apiVersion: modelops/v1
        kind: ModelMonitor
        model:
          id: cfg-exact
          name: Fraud detector
          version: 2.3.0
          task: classification
        features:
        - name: amount
          type: numeric
          drift:
            method: ks
            threshold: 0.05
            source: default
        - name: country
          type: categorical
          drift:
            method: psi
            threshold: 0.2
            source: override
        - name: is_international
          type: categorical
          drift:
            method: zTest
            threshold: 0.05
            source: default
        - name: age
          type: numeric
          learned: true
          drift:
            method: auto
            source: default
        windows:
          metrics: 5m
          drift: 1h
          baselineSize: 1500
          driftShare: 0.5
          nullShareIncrease: 0.1
        rules:
        - id: accuracy-low
          name: Accuracy low
          metric: accuracy
          op: <
          threshold: 0.8
          for: 1m
          severity: critical
          actions: [retrain]
        - id: latency-p95-high
          name: Latency p95 high
          metric: latencyP95
          op: '>'
          threshold: 250
          for: 30s
          window: 1m
          severity: warning
          actions: []
        - id: country-drift
          name: Country mix drifted
          metric: drift:country
          op: '>='
          threshold: 0.2
          for: 5m
          severity: info
          actions: []
        notifications:
          alerts: [cfg-exact-slack]
          retrain: [cfg-exact-ci]

        """;

    [Theory]
    [InlineData("classifier")]
    [InlineData("regressor")]
    public async Task Applying_the_generated_document_changes_nothing_and_generates_it_again_byte_for_byte(string kind)
    {
        var id = $"cfg-roundtrip-{kind}";
        await Setup(kind, id);
        var before = await ConfigKit.Snapshot(client, id, cancel);
        var generated = await client.GetConfigAsync(id, cancellationToken: cancel);

        var applied = await client.ApplyConfigAsync(id, generated, cancel);

        Assert.Equal(generated, applied);
        Assert.Equal(generated, await client.GetConfigAsync(id, cancellationToken: cancel));
        Assert.Equal(before, await ConfigKit.Snapshot(client, id, cancel));
    }

    [Fact]
    public async Task An_edited_document_changes_exactly_what_was_edited()
    {
        await ConfigKit.Classifier(client, http, "cfg-edit", cancel);
        var original = await client.GetConfigAsync("cfg-edit", cancellationToken: cancel);
        var rulesBefore = await client.GetRulesAsync("cfg-edit", cancel);
        var modelBefore = (await client.GetModelAsync("cfg-edit", cancel))!;

        var edited = original
            .Replace("  threshold: 250\n", "  threshold: 300\n")
            .Replace("    method: psi\n", "    method: hellinger\n")
            .Replace("  version: 2.3.0\n", "  version: 2.4.0\n");
        var applied = await client.ApplyConfigAsync("cfg-edit", edited, cancel);

        Assert.Equal(edited, applied);
        var rulesAfter = await client.GetRulesAsync("cfg-edit", cancel);
        Assert.Equal([rulesBefore[0], rulesBefore[1] with { Threshold = 300 }, rulesBefore[2]], rulesAfter.Select((rule, i) => rule with { Actions = rulesBefore[i].Actions }));
        Assert.Equal(rulesBefore.Select(rule => rule.Actions), rulesAfter.Select(rule => rule.Actions));
        var modelAfter = (await client.GetModelAsync("cfg-edit", cancel))!;
        Assert.Equal(("Fraud detector", "2.4.0", ModelTask.Classification), (modelAfter.Name, modelAfter.Version, modelAfter.Task));
        Assert.Equal(
            modelBefore.Features.Select(feature => feature.Name == "country" ? feature with { Drift = new FeatureDriftSettings("hellinger", 0.2) } : feature),
            modelAfter.Features);
    }

    public static TheoryData<string, string, string, string, string, string> BadDocuments => new()
    {
        // name, text replaced, replacement, the line holding the error (after replacement), where on it, path: reason
        { "malformed", "kind: ModelMonitor\n", "kind: [ModelMonitor\n", "", "", "" },
        { "wrong type", "  threshold: 250\n", "  threshold: high\n", "threshold: high", "high", "rules[1].threshold: expected a number, got 'high'" },
        { "unknown method", "    method: psi\n", "    method: entropy\n", "method: entropy", "entropy",
            "features[1].drift.method: unknown drift method 'entropy'; allowed: ks, wasserstein, psi, jensenShannon, hellinger, chiSquare, zTest" },
        { "method not for the feature", "    method: psi\n", "    method: wasserstein\n", "method: wasserstein", "wasserstein",
            "features[1].drift.method: drift method 'wasserstein' does not apply to a categorical or discrete feature; allowed: psi, jensenShannon, hellinger, chiSquare." },
        { "invalid rule", "  op: <\n", "  op: =<\n", "op: =<", "=<", "rules[0].op: expected one of <, <=, >, >=, got '=<'" },
        { "unknown channel", "  alerts: [cfg-bad-slack]\n", "  alerts: [cfg-bad-slack, nowhere]\n", "alerts: [cfg-bad-slack, nowhere]", "nowhere",
            "notifications.alerts[1]: no channel 'nowhere'; create it with PUT /api/v1/channels/nowhere" },
        { "id mismatch", "  id: cfg-bad\n", "  id: someone-else\n", "id: someone-else", "someone-else",
            "model.id: 'someone-else' is not the model of the URL ('cfg-bad'); make them equal or leave id out" },
        { "default method edited", "    method: ks\n", "    method: wasserstein\n", "method: wasserstein", "wasserstein",
            "features[0].drift.method: 'wasserstein' is not the default selector's choice for this feature (ks); set source: override to use it" },
        { "duplicate key", "  name: Fraud detector\n", "  name: Fraud detector\n  name: Again\n", "name: Again", "name", "document: Duplicate key name" },
    };

    [Theory]
    [MemberData(nameof(BadDocuments))]
    public async Task A_bad_document_is_refused_with_its_line_and_column_and_nothing_is_applied(
        string name, string find, string replacement, string errorLine, string errorValue, string expected)
    {
        _ = name;
        await ConfigKit.Classifier(client, http, "cfg-bad", cancel);
        var original = await client.GetConfigAsync("cfg-bad", cancellationToken: cancel);
        var before = await ConfigKit.Snapshot(client, "cfg-bad", cancel);
        Assert.Contains(find, original);
        var bad = original.Replace(find, replacement);

        var refused = await Assert.ThrowsAsync<ModelOpsApiException>(() => client.ApplyConfigAsync("cfg-bad", bad, cancel));

        Assert.Equal(400, refused.StatusCode);
        Assert.Equal("Invalid configuration", refused.Problem!.Title);
        if (expected.Length == 0)
        {
            Assert.Equal(MalformedDetail, refused.Problem.Detail);
        }
        else
        {
            var at = ConfigKit.Where(bad, errorLine, errorValue);
            Assert.Equal($"{at}: {expected}", refused.Problem.Detail);
            var path = expected[..expected.IndexOf(": ", StringComparison.Ordinal)];
            Assert.Equal([path], refused.Problem.Errors!.Keys);
            Assert.Equal([$"{at}: {expected[(path.Length + 2)..]}"], refused.Problem.Errors[path]);
        }
        Assert.Equal(original, await client.GetConfigAsync("cfg-bad", cancellationToken: cancel));
        Assert.Equal(before, await ConfigKit.Snapshot(client, "cfg-bad", cancel));
    }

    /// <summary>The opening bracket of <c>kind: [ModelMonitor</c> (line 2, column 7) never closes.</summary>
    private const string MalformedDetail =
        "line 2, column 7: document: not valid YAML: the text after this point does not parse (an unclosed bracket or quote?)";

    [Fact]
    public async Task The_evidently_document_maps_each_column_to_the_stattest_and_threshold_in_use()
    {
        await ConfigKit.Classifier(client, http, "cfg-evidently", cancel);

        var evidently = ConfigKit.Parse(await client.GetConfigAsync("cfg-evidently", ConfigFormats.Evidently, cancel));

        Assert.Equal(["column_mapping", "metrics"], evidently.Keys());
        Assert.Equal(("label", "prediction", "classification"),
            (evidently.Text("column_mapping", "target"), evidently.Text("column_mapping", "prediction"), evidently.Text("column_mapping", "task")));
        Assert.Equal(["amount", "age"], evidently.Texts("column_mapping", "numerical_features"));
        Assert.Equal(["country", "is_international"], evidently.Texts("column_mapping", "categorical_features"));
        var drift = evidently.At("metrics", 0);
        Assert.Equal("DataDriftPreset", drift.Text("preset"));
        Assert.Equal(["amount", "country", "is_international", "age"], drift.Texts("columns"));
        Assert.Equal("0.5", drift.Text("drift_share"));
        // KS and the z-test: the default selector's choice for a 200-row baseline; psi: the override. age came after the baseline.
        Assert.Equal(["amount", "country", "is_international"], drift.Keys("per_column_stattest"));
        Assert.Equal(("ks", "psi", "z"), (drift.Text("per_column_stattest", "amount"), drift.Text("per_column_stattest", "country"), drift.Text("per_column_stattest", "is_international")));
        Assert.Equal(("0.05", "0.2", "0.05"), (drift.Text("per_column_stattest_threshold", "amount"), drift.Text("per_column_stattest_threshold", "country"), drift.Text("per_column_stattest_threshold", "is_international")));
        Assert.Equal("ClassificationPreset", evidently.Text("metrics", 1, "preset"));
        Assert.Equal(2, ((YamlDotNet.RepresentationModel.YamlSequenceNode)evidently.At("metrics")).Children.Count);
    }

    [Fact]
    public async Task The_evidently_document_of_a_regressor_uses_the_regression_preset_and_its_drift_share()
    {
        await ConfigKit.Regressor(client, "cfg-evidently-reg", cancel);

        var evidently = ConfigKit.Parse(await client.GetConfigAsync("cfg-evidently-reg", ConfigFormats.Evidently, cancel));

        Assert.Equal("regression", evidently.Text("column_mapping", "task"));
        Assert.Equal(["size_m2"], evidently.Texts("column_mapping", "numerical_features"));
        Assert.Equal(["district"], evidently.Texts("column_mapping", "categorical_features"));
        Assert.Equal("0.3", evidently.Text("metrics", 0, "drift_share"));
        Assert.Equal(["size_m2"], evidently.At("metrics", 0).Keys("per_column_stattest"));
        Assert.Equal(("wasserstein", "0.15"), (evidently.Text("metrics", 0, "per_column_stattest", "size_m2"), evidently.Text("metrics", 0, "per_column_stattest_threshold", "size_m2")));
        Assert.Equal("RegressionPreset", evidently.Text("metrics", 1, "preset"));
    }

    [Fact]
    public async Task The_mlflow_document_names_the_registered_model_the_logged_metrics_and_the_rules_as_metric_thresholds()
    {
        await ConfigKit.Classifier(client, http, "cfg-mlflow", cancel);

        var mlflow = ConfigKit.Parse(await client.GetConfigAsync("cfg-mlflow", ConfigFormats.MLflow, cancel));

        Assert.Equal(["registered_model", "metrics", "validation_thresholds", "threshold_rules", "unmapped_rules"], mlflow.Keys());
        Assert.Equal(("cfg-mlflow", "2.3.0", "Fraud detector", "classification"),
            (mlflow.Text("registered_model", "name"), mlflow.Text("registered_model", "version"),
             mlflow.Text("registered_model", "tags", "display_name"), mlflow.Text("registered_model", "tags", "task")));
        Assert.Equal(["accuracy_score", "latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "throughput_per_sec", "error_rate", "drift_share", "drift_score/country"],
            mlflow.Keys("metrics"));
        Assert.Equal(["accuracy", "latencyP50", "latencyP95", "latencyP99", "throughput", "errorRate", "driftShare", "drift:country"],
            mlflow.Keys("metrics").Select(key => mlflow.Text("metrics", key)));
        Assert.Equal(["accuracy_score", "latency_p95_ms", "drift_score/country"], mlflow.Keys("validation_thresholds"));
        foreach (var (key, threshold, greaterIsBetter) in new[] { ("accuracy_score", "0.8", "true"), ("latency_p95_ms", "250", "false"), ("drift_score/country", "0.2", "false") })
        {
            var metric = mlflow.At("validation_thresholds", key);
            Assert.Equal(["threshold", "min_absolute_change", "min_relative_change", "greater_is_better"], metric.Keys());
            Assert.Equal((threshold, "null", "null", greaterIsBetter),
                (metric.Text("threshold"), metric.Text("min_absolute_change"), metric.Text("min_relative_change"), metric.Text("greater_is_better")));
        }
        Assert.Equal(["accuracy-low"], mlflow.Texts("threshold_rules", "accuracy_score"));
        Assert.Empty(mlflow.Texts("unmapped_rules"));
    }

    [Fact]
    public async Task A_document_for_an_unknown_id_creates_the_model_with_its_rules()
    {
        const string document = """
            apiVersion: modelops/v1
            kind: ModelMonitor
            model:
              name: Brand new
              version: "1.0"
              task: regression
            features:
            - name: rooms
              type: numeric
            rules:
            - id: rmse-high
              metric: rmse
              op: '>'
              threshold: 3
              for: 1m
            """;

        var applied = await client.ApplyConfigAsync("cfg-new", document, cancel);

        Assert.Equal(ExpectedNew, applied);
        var model = (await client.GetModelAsync("cfg-new", cancel))!;
        Assert.Equal(("Brand new", "1.0", ModelTask.Regression), (model.Name, model.Version, model.Task));
        Assert.Equal(["rmse-high"], (await client.GetRulesAsync("cfg-new", cancel)).Select(rule => rule.Id));
    }

    private const string ExpectedNew = """
        apiVersion: modelops/v1
        kind: ModelMonitor
        model:
          id: cfg-new
          name: Brand new
          version: "1.0"
          task: regression
        features:
        - name: rooms
          type: numeric
          drift:
            method: auto
            source: default
        windows:
          metrics: 5m
          drift: 1h
          baselineSize: 1000
          driftShare: 0.5
          nullShareIncrease: 0.1
        rules:
        - id: rmse-high
          name: rmse-high
          metric: rmse
          op: '>'
          threshold: 3
          for: 1m
          severity: warning
          actions: []
        notifications:
          alerts: []
          retrain: []

        """;

    [Fact]
    public async Task Only_yaml_is_accepted_an_unknown_format_is_named_and_an_unknown_model_is_404()
    {
        await ConfigKit.Regressor(client, "cfg-http", cancel);

        using var json = await http.PutAsync("/api/v1/models/cfg-http/config", new StringContent("{}", Encoding.UTF8, "application/json"), cancel);
        using var textYaml = await http.PutAsync("/api/v1/models/cfg-http/config",
            new StringContent(await client.GetConfigAsync("cfg-http", cancellationToken: cancel), Encoding.UTF8, "text/yaml"), cancel);
        using var format = await http.GetAsync("/api/v1/models/cfg-http/config?format=json", cancel);
        using var missing = await http.GetAsync("/api/v1/models/cfg-nobody/config", cancel);
        using var yaml = await http.GetAsync("/api/v1/models/cfg-http/config?format=mlflow", cancel);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Equal(HttpStatusCode.OK, textYaml.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, format.StatusCode);
        Assert.Contains("\"format\"", await format.Content.ReadAsStringAsync(cancel));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/yaml", yaml.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("modelops")]
    [InlineData("evidently")]
    public async Task Assist_without_gemini_is_the_deterministic_document_with_the_reason(string format)
    {
        await ConfigKit.Regressor(client, "cfg-assist", cancel);

        using var assisted = await http.GetAsync($"/api/v1/models/cfg-assist/config?format={format}&assist=true", cancel);
        using var plain = await http.GetAsync($"/api/v1/models/cfg-assist/config?format={format}", cancel);

        Assert.Equal(HttpStatusCode.OK, assisted.StatusCode);
        Assert.Equal("application/yaml", assisted.Content.Headers.ContentType!.MediaType);
        Assert.Equal(await plain.Content.ReadAsStringAsync(cancel), await assisted.Content.ReadAsStringAsync(cancel));
        Assert.Equal(["Gemini is not configured (ModelOps:AI:Provider is builtin)"], assisted.Headers.GetValues("fallbackReason"));
        Assert.False(assisted.Headers.Contains("X-ModelOps-Assist-Model"));
        Assert.False(plain.Headers.Contains("fallbackReason"));
        Assert.Equal(
            new ConfigDocument(await plain.Content.ReadAsStringAsync(cancel), null, "Gemini is not configured (ModelOps:AI:Provider is builtin)"),
            await client.GetConfigDocumentAsync("cfg-assist", format, assist: true, cancel));
    }

    private Task Setup(string kind, string id) => kind == "classifier"
        ? ConfigKit.Classifier(client, http, id, cancel)
        : ConfigKit.Regressor(client, id, cancel);
}

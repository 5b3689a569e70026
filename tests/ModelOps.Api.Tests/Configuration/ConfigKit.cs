using System.Net.Http.Json;
using System.Text.Json;
using ModelOps.Contracts;
using YamlDotNet.RepresentationModel;

namespace ModelOps.Api.Tests.Configuration;

/// <summary>Models with overrides, rules, a baseline and channels, set up through the ordinary REST API.</summary>
internal static class ConfigKit
{
    public const string SlackUrl = "https://hooks.slack.com/services/T000/B000/XXXX";

    /// <summary>
    /// A classifier: <c>amount</c> (numeric, default method), <c>country</c> (psi 0.2 override), <c>is_international</c>
    /// (binary), drift baseline size 1500, three rules, a 200-row uploaded baseline (so the defaults are KS and the z-test),
    /// an alert and a retrain channel, and <c>age</c> learned from one event after the baseline.
    /// </summary>
    public static async Task Classifier(ModelOpsClient client, HttpClient http, string id, CancellationToken cancel)
    {
        await client.PutModelAsync(id, new ModelDefinition
        {
            Name = "Fraud detector",
            Version = "2.3.0",
            Task = ModelTask.Classification,
            Drift = new ModelDriftSettings { BaselineSize = 1_500 },
            Features =
            [
                new() { Name = "amount", Type = FeatureType.Numeric },
                new() { Name = "country", Type = FeatureType.Categorical, Drift = new FeatureDriftSettings("psi", 0.2) },
                new() { Name = "is_international", Type = FeatureType.Categorical },
            ],
        }, cancel);
        await client.PutRulesAsync(id,
        [
            new() { Id = "accuracy-low", Name = "Accuracy low", Metric = "accuracy", Op = "<", Threshold = 0.8, For = Duration.FromMinutes(1), Severity = AlertSeverity.Critical, Actions = ["retrain"] },
            new() { Id = "latency-p95-high", Name = "Latency p95 high", Metric = "latencyP95", Op = ">", Threshold = 250, For = Duration.FromSeconds(30), Window = Duration.FromMinutes(1) },
            new() { Id = "country-drift", Name = "Country mix drifted", Metric = "drift:country", Op = ">=", Threshold = 0.2, For = Duration.FromMinutes(5), Severity = AlertSeverity.Info },
        ], cancel);
        var rows = Enumerable.Range(0, 200).Select(i => new Dictionary<string, object>
        {
            ["amount"] = 10.0 + i * 0.5,
            ["country"] = (i % 3) switch { 0 => "DE", 1 => "FR", _ => "IT" },
            ["is_international"] = i % 4 == 0 ? "yes" : "no",
        }).ToArray();
        using var baseline = await http.PutAsJsonAsync($"/api/v1/models/{id}/baseline", new { rows }, cancel);
        baseline.EnsureSuccessStatusCode();
        await client.PostEventsAsync(id, [new InferenceEvent { LatencyMs = 5, Prediction = "legit", Features = new Dictionary<string, ScalarValue> { ["age"] = 41 } }], cancel);
        await client.PutChannelAsync($"{id}-slack", new NotificationChannel { Type = ChannelTypes.Slack, Url = SlackUrl, Models = [id] }, cancel);
        await client.PutChannelAsync($"{id}-ci", new NotificationChannel { Type = ChannelTypes.Retrain, Url = "https://ci.example.com/hooks/retrain", Models = [id] }, cancel);
    }

    /// <summary>A regressor with a numeric and a categorical feature, an mae rule and no baseline yet.</summary>
    public static async Task Regressor(ModelOpsClient client, string id, CancellationToken cancel)
    {
        await client.PutModelAsync(id, new ModelDefinition
        {
            Name = "House prices",
            Version = "7",
            Task = ModelTask.Regression,
            Drift = new ModelDriftSettings { Window = TimeSpan.FromMinutes(30), ShareThreshold = 0.3 },
            Features =
            [
                new() { Name = "size_m2", Type = FeatureType.Numeric, Drift = new FeatureDriftSettings("wasserstein", 0.15) },
                new() { Name = "district", Type = FeatureType.Categorical },
            ],
        }, cancel);
        await client.PutRulesAsync(id,
        [
            new() { Id = "mae-high", Name = "MAE high", Metric = "mae", Op = ">", Threshold = 25000, For = Duration.FromMinutes(2), Severity = AlertSeverity.Critical },
            new() { Id = "size-nulls", Name = "Size missing", Metric = "nullShare:size_m2", Op = ">", Threshold = 0.05, For = Duration.Zero },
        ], cancel);
    }

    /// <summary>The model's definition and rules as JSON, to compare before and after.</summary>
    public static async Task<(string Model, string Rules)> Snapshot(ModelOpsClient client, string id, CancellationToken cancel)
    {
        var model = await client.GetModelAsync(id, cancel) ?? throw new InvalidOperationException($"model {id} is gone");
        var definition = new { model.Name, model.Version, model.Task, model.Features };
        var rules = await client.GetRulesAsync(id, cancel);
        return (JsonSerializer.Serialize(definition, Json), JsonSerializer.Serialize(rules, ModelOpsJsonContext.Default.IReadOnlyListAlertRule));
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static YamlMappingNode Parse(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    public static YamlNode At(this YamlNode node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step is int index ? ((YamlSequenceNode)node).Children[index] : ((YamlMappingNode)node).Children[new YamlScalarNode((string)step)];
        }
        return node;
    }

    public static string Text(this YamlNode node, params object[] path) => ((YamlScalarNode)node.At(path)).Value!;

    public static string[] Texts(this YamlNode node, params object[] path) =>
        ((YamlSequenceNode)node.At(path)).Children.Select(item => ((YamlScalarNode)item).Value!).ToArray();

    public static string[] Keys(this YamlNode node, params object[] path) =>
        ((YamlMappingNode)node.At(path)).Children.Keys.Select(key => ((YamlScalarNode)key).Value!).ToArray();

    /// <summary>The 1-based line and column where <paramref name="value"/> starts on the (only) line holding <paramref name="lineText"/>.</summary>
    public static string Where(string yaml, string lineText, string value)
    {
        var lines = yaml.Split('\n');
        var matches = lines.Select((line, i) => (line, i)).Where(entry => entry.line.Contains(lineText, StringComparison.Ordinal)).ToArray();
        Assert.True(matches.Length == 1, $"'{lineText}' is on {matches.Length} lines");
        return $"line {matches[0].i + 1}, column {matches[0].line.IndexOf(value, StringComparison.Ordinal) + 1}";
    }
}

using System.Net;
using ModelOps.Api.Configuration;
using ModelOps.Api.Tests.Insights;
using ModelOps.Api.Tests.Notifications;

namespace ModelOps.Api.Tests.Configuration;

/// <summary>
/// <c>GET …/config?assist=true</c> on a server whose AI is a fake Gemini: a real HTTP server on 127.0.0.1 speaking the
/// chat-completions protocol, answering each test's scripted proposal.
/// </summary>
public sealed class ConfigAssistTests : IAsyncLifetime
{
    private const string Model = "gemini-2.5-flash";

    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;
    private HookReceiver gemini = null!;
    private ModelOpsServer server = null!;

    public async ValueTask InitializeAsync()
    {
        gemini = await HookReceiver.StartAsync();
        server = new ModelOpsServer(settings: new Dictionary<string, string>
        {
            ["ModelOps:AI:Provider"] = "gemini",
            ["ModelOps:AI:ApiKey"] = "assist-key",
            ["ModelOps:AI:Model"] = Model,
            ["ModelOps:AI:Endpoint"] = gemini.Url("v1beta/openai/"),
            ["ModelOps:AI:MaxRetries"] = "0",
            ["ModelOps:AI:Timeout"] = "00:00:10",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(server.DataDir, recursive: true);
        await gemini.DisposeAsync();
    }

    private const string Proposal = """
        { "features": [ { "name": "amount", "method": "wasserstein", "threshold": 0.15 },
                        { "name": "is_international", "method": "chiSquare", "threshold": 0.01 } ],
          "rules": [ { "id": "latency-p95-high", "threshold": 300 } ] }
        """;

    [Fact]
    public async Task A_valid_proposal_is_the_document_with_its_thresholds_and_gemini_saw_the_features_and_the_schema()
    {
        await ConfigKit.Classifier(server.Client, server.Http, "assist-ok", cancel);
        var asked = gemini.Requests.Count;
        gemini.Reply(ChatCompletions.Completion(Proposal));

        using var response = await server.Http.GetAsync("/api/v1/models/assist-ok/config?assist=true", cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/yaml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal([Model], response.Headers.GetValues("X-ModelOps-Assist-Model"));
        Assert.False(response.Headers.Contains("fallbackReason"));
        Assert.Equal(Proposed("assist-ok"), await response.Content.ReadAsStringAsync(cancel));

        var request = Assert.Single(gemini.Requests.Skip(asked));
        Assert.Equal(("/v1beta/openai/chat/completions", "Bearer assist-key"), (request.Path, request.Header("Authorization")));
        var body = request.Json;
        var messages = body["messages"]!.AsArray();
        Assert.Equal(ThresholdPrompt.System, (string?)messages[0]!["content"]);
        var user = (string)messages[1]!["content"]!;
        Assert.All(["amount", "country", "is_international", "age", "latency-p95-high"], name => Assert.Contains($"\"{name}\"", user));
        Assert.Contains("\"baselineRows\": 200,", user);
        Assert.Equal("json_schema", (string?)body["response_format"]!["type"]);
        Assert.Equal(ThresholdPrompt.SchemaName, (string?)body["response_format"]!["json_schema"]!["name"]);
        Assert.Equal(["features", "rules"], body["response_format"]!["json_schema"]!["schema"]!["required"]!.AsArray().Select(name => (string?)name));
    }

    [Fact]
    public async Task The_proposed_document_applies_with_put_and_is_then_the_plain_document()
    {
        await ConfigKit.Classifier(server.Client, server.Http, "assist-apply", cancel);
        var before = await server.Client.GetConfigAsync("assist-apply", cancellationToken: cancel);
        gemini.Reply(ChatCompletions.Completion(Proposal));
        using var response = await server.Http.GetAsync("/api/v1/models/assist-apply/config?assist=true", cancel);
        var proposed = await response.Content.ReadAsStringAsync(cancel);

        Assert.Equal(before, await server.Client.GetConfigAsync("assist-apply", cancellationToken: cancel));
        var applied = await server.Client.ApplyConfigAsync("assist-apply", proposed, cancel);

        Assert.Equal(Proposed("assist-apply"), applied);
        Assert.Equal(applied, await server.Client.GetConfigAsync("assist-apply", cancellationToken: cancel));
    }

    [Theory]
    [InlineData("assist-unknown-feature", """{ "features": [ { "name": "income", "method": "ks", "threshold": 0.05 } ], "rules": [] }""",
        "Gemini's answer proposed an unknown feature \"income\"")]
    [InlineData("assist-unknown-rule", """{ "features": [], "rules": [ { "id": "latency-p99-high", "threshold": 500 } ] }""",
        "Gemini's answer proposed an unknown rule \"latency-p99-high\"")]
    [InlineData("assist-wrong-method", """{ "features": [ { "name": "amount", "method": "chiSquare", "threshold": 0.05 } ], "rules": [] }""",
        "Gemini's proposal is not a valid configuration: features[0].drift.method: drift method 'chiSquare' does not apply to a numeric feature; allowed: ks, wasserstein, psi, jensenShannon, hellinger.")]
    [InlineData("assist-out-of-range", """{ "features": [ { "name": "amount", "method": "ks", "threshold": 1.5 } ], "rules": [] }""",
        "Gemini's proposal is not a valid configuration: features[0].drift.threshold: threshold 1.5 is out of range for drift method 'ks'; allowed: a p-value greater than 0 and less than 1.")]
    [InlineData("assist-no-number", """{ "features": [ { "name": "amount", "method": "ks", "threshold": "low" } ], "rules": [] }""",
        "Gemini's answer has no finite number as the threshold of features[0]")]
    [InlineData("assist-garbage", "The thresholds look fine to me.",
        "Gemini's answer is not JSON ('T' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 0)")]
    public async Task An_unusable_proposal_falls_back_to_the_deterministic_document_with_the_reason(string id, string answer, string reason)
    {
        await ConfigKit.Classifier(server.Client, server.Http, id, cancel);
        gemini.Reply(ChatCompletions.Completion(answer));

        using var response = await server.Http.GetAsync($"/api/v1/models/{id}/config?assist=true", cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([reason], response.Headers.GetValues("fallbackReason"));
        Assert.False(response.Headers.Contains("X-ModelOps-Assist-Model"));
        Assert.Equal(await server.Client.GetConfigAsync(id, cancellationToken: cancel), await response.Content.ReadAsStringAsync(cancel));
    }

    /// <summary><see cref="ConfigKit.Classifier"/>'s document with <see cref="Proposal"/> in it.</summary>
    private static string Proposed(string id) => $"""
        apiVersion: modelops/v1
        kind: ModelMonitor
        model:
          id: {id}
          name: Fraud detector
          version: 2.3.0
          task: classification
        features:
        - name: amount
          type: numeric
          drift:
            method: wasserstein
            threshold: 0.15
            source: override
        - name: country
          type: categorical
          drift:
            method: psi
            threshold: 0.2
            source: override
        - name: is_international
          type: categorical
          drift:
            method: chiSquare
            threshold: 0.01
            source: override
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
          threshold: 300
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
          alerts: [{id}-slack]
          retrain: [{id}-ci]

        """;
}

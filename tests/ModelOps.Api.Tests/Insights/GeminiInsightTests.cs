using System.Text.Json;
using Microsoft.Extensions.Options;
using ModelOps.Api.AI;
using ModelOps.Api.Insights;
using ModelOps.Api.Tests.Notifications;
using ModelOps.Contracts;
using static ModelOps.Api.Tests.Insights.InsightScenarios;

namespace ModelOps.Api.Tests.Insights;

/// <summary>
/// Insights through Gemini's OpenAI-compatible API, against a fake Gemini: a real HTTP server on 127.0.0.1 that records
/// what it is sent and answers with scripted chat completions.
/// </summary>
public sealed class GeminiInsightTests : IAsyncLifetime
{
    private const string Key = "test-gemini-key";
    private const string Model = "gemini-2.5-flash";

    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;
    private readonly Grains.Insights.InsightFacts facts =
        Facts(Alert("latencyP95", ">", 100, 500, "latency-p95-high", "Latency p95 high"), Minute(p95: 10), Minute(p95: 500), Drift(SteadyAmount));
    private HookReceiver gemini = null!;

    public async ValueTask InitializeAsync() => gemini = await HookReceiver.StartAsync();

    public async ValueTask DisposeAsync() => await gemini.DisposeAsync();

    private AiOptions Options(int maxRetries = 2, int perMinute = 30, TimeSpan? timeout = null) => new()
    {
        Provider = InsightProviders.Gemini,
        ApiKey = Key,
        Model = Model,
        Endpoint = gemini.Url("v1beta/openai/"),
        MaxRetries = maxRetries,
        MaxRequestsPerMinute = perMinute,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
        RetryMaxDelay = TimeSpan.FromMilliseconds(50),
        Timeout = timeout ?? TimeSpan.FromSeconds(20),
    };

    private async Task<AlertInsight> GenerateAsync(AiOptions options)
    {
        using var chat = new StructuredChat(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System);
        return await new InsightGenerator(chat, TimeProvider.System).GenerateAsync(facts, cancel);
    }

    private const string ValidAnswer = """
        { "summary": "The p95 latency rose fifty-fold with unchanged inputs: a serving problem.",
          "likelyCauses": [ { "cause": "Infrastructure: the serving path slowed down", "confidence": "high", "evidence": [ "E1", "E5", "E3" ] },
                            { "cause": "Traffic unchanged, so not load", "confidence": "low", "evidence": [ "E7" ] } ],
          "recommendations": [ "Check the model servers' CPU and the feature store's latency." ] }
        """;

    [Fact]
    public async Task A_valid_answer_is_gemini_s_insight_and_the_request_carries_the_key_the_model_the_evidence_and_a_json_schema()
    {
        gemini.Reply(ChatCompletions.Completion(ValidAnswer));

        var insight = await GenerateAsync(Options());

        var request = (await gemini.WaitForAsync(1)).Single();
        var body = request.Json;
        var messages = body["messages"]!.AsArray();
        Assert.Equal(("POST", "/v1beta/openai/chat/completions", $"Bearer {Key}"), (request.Method, request.Path, request.Header("Authorization")));
        Assert.Equal(Model, (string?)body["model"]);
        Assert.Equal(["system", "user"], messages.Select(message => (string?)message!["role"]));
        Assert.Equal(InsightPrompt.System, (string?)messages[0]!["content"]);
        var user = (string)messages[1]!["content"]!;
        Assert.All(insight.Evidence, item => Assert.Contains($"\"id\": \"{item.Id}\"", user));
        Assert.Contains(JsonSerializer.Serialize(insight.Evidence[0].Text), user);
        Assert.Equal("json_schema", (string?)body["response_format"]!["type"]);
        Assert.Equal(InsightPrompt.SchemaName, (string?)body["response_format"]!["json_schema"]!["name"]);
        Assert.Equal(["summary", "likelyCauses", "recommendations"],
            body["response_format"]!["json_schema"]!["schema"]!["required"]!.AsArray().Select(name => (string?)name));

        Assert.Equal((InsightProviders.Gemini, Model, (string?)null, facts.Alert.Id), (insight.Provider, insight.Model, insight.FallbackReason, insight.AlertId));
        Assert.Equal("The p95 latency rose fifty-fold with unchanged inputs: a serving problem.", insight.Summary);
        Assert.Equal(
            [("Infrastructure: the serving path slowed down", "high", "E1 E5 E3"), ("Traffic unchanged, so not load", "low", "E7")],
            insight.LikelyCauses.Select(cause => (cause.Cause, cause.Confidence, string.Join(' ', cause.Evidence))));
        Assert.Equal(["Check the model servers' CPU and the feature store's latency."], insight.Recommendations);
        Assert.Equal(EvidenceBuilder.Build(facts).Items, insight.Evidence);
    }

    [Theory]
    [InlineData("""{ "summary": "s", "likelyCauses": [ { "cause": "c", "confidence": "high", "evidence": [ "E1", "E9" ] } ], "recommendations": [] }""",
        "Gemini's answer cited unknown evidence E9")]
    [InlineData("""{ "summary": "s", "likelyCauses": [ { "cause": "c", "confidence": "certain", "evidence": [ "E1" ] } ], "recommendations": [] }""",
        "Gemini's answer gave likelyCauses[0] the confidence \"certain\" (expected high, medium or low)")]
    [InlineData("""{ "likelyCauses": [ { "cause": "c", "confidence": "high", "evidence": [ "E1" ] } ], "recommendations": [] }""",
        "Gemini's answer has no summary")]
    [InlineData("""{ "summary": "s", "likelyCauses": [], "recommendations": [] }""",
        "Gemini's answer has no likely causes")]
    [InlineData("""{ "summary": "s", "likelyCauses": [ { "cause": "c", "confidence": "low", "evidence": [] } ], "recommendations": [] }""",
        "Gemini's answer cites no evidence for likelyCauses[0]")]
    [InlineData("The latency is high because the database is slow.",
        "Gemini's answer is not JSON ('T' is an invalid start of a value. LineNumber: 0 | BytePositionInLine: 0)")]
    public async Task An_invalid_answer_falls_back_to_the_built_in_analyst_with_the_reason(string answer, string reason)
    {
        gemini.Reply(ChatCompletions.Completion(answer));

        var insight = await GenerateAsync(Options());

        AssertBuiltinFallback(insight, reason);
        Assert.Single(gemini.Requests);
    }

    [Fact]
    public async Task A_429_with_retry_after_is_retried_after_the_delay_it_asks_for()
    {
        gemini.Reply(new Reply(429, """{"error":{"code":429,"message":"Resource exhausted"}}""", new Dictionary<string, string> { ["Retry-After"] = "1" }), ChatCompletions.Completion(ValidAnswer));

        var insight = await GenerateAsync(Options());

        var requests = await gemini.WaitForAsync(2);
        Assert.Equal((InsightProviders.Gemini, Model, (string?)null), (insight.Provider, insight.Model, insight.FallbackReason));
        Assert.Equal(2, gemini.Requests.Count);
        // Without Retry-After the client would wait 20–50 ms.
        Assert.True(requests[1].ReceivedAt - requests[0].ReceivedAt >= TimeSpan.FromSeconds(1) - HookReceiver.TimerTick,
            $"the retry came {requests[1].ReceivedAt - requests[0].ReceivedAt} after the 429, before its Retry-After of 1 s");
    }

    [Fact]
    public async Task Server_errors_fall_back_after_the_configured_retries()
    {
        gemini.Reply(new Reply(500, "boom"), new Reply(500, "boom"), new Reply(500, "boom"), ChatCompletions.Completion(ValidAnswer));

        var insight = await GenerateAsync(Options(maxRetries: 2));

        AssertBuiltinFallback(insight, "Gemini answered HTTP 500 after 3 attempts");
        Assert.Equal(3, gemini.Requests.Count);
    }

    [Fact]
    public async Task A_refused_key_is_not_retried()
    {
        gemini.Reply(new Reply(401, """{"error":{"code":401,"message":"API key not valid"}}"""));

        var insight = await GenerateAsync(Options(maxRetries: 2));

        AssertBuiltinFallback(insight, "Gemini answered HTTP 401 after 1 attempt");
        Assert.Single(gemini.Requests);
    }

    [Fact]
    public async Task Beyond_the_per_minute_cap_the_built_in_analyst_answers_without_asking()
    {
        gemini.Reply(ChatCompletions.Completion(ValidAnswer), ChatCompletions.Completion(ValidAnswer));
        using var chat = new StructuredChat(Microsoft.Extensions.Options.Options.Create(Options(perMinute: 1)), TimeProvider.System);
        var generator = new InsightGenerator(chat, TimeProvider.System);

        var first = await generator.GenerateAsync(facts, cancel);
        var second = await generator.GenerateAsync(facts, cancel);

        Assert.Equal(InsightProviders.Gemini, first.Provider);
        AssertBuiltinFallback(second, "Gemini's cap of 1 requests per minute was reached (ModelOps:AI:MaxRequestsPerMinute)");
        Assert.Single(gemini.Requests);
    }

    [Fact]
    public async Task An_answer_slower_than_the_timeout_falls_back()
    {
        var never = new TaskCompletionSource();
        gemini.Reply(new Reply(200, HoldUntil: never.Task));

        var insight = await GenerateAsync(Options(maxRetries: 0, timeout: TimeSpan.FromSeconds(1)));

        AssertBuiltinFallback(insight, "Gemini did not answer within 1 s (ModelOps:AI:Timeout)");
    }

    private void AssertBuiltinFallback(AlertInsight insight, string reason)
    {
        var builtin = BuiltinAnalyst.Analyse(facts.Alert, EvidenceBuilder.Build(facts), insight.GeneratedAt, reason);
        Assert.Equal((InsightProviders.Builtin, (string?)null, reason), (insight.Provider, insight.Model, insight.FallbackReason));
        Assert.Equal(builtin.Summary, insight.Summary);
        Assert.Equal(builtin.LikelyCauses.Select(cause => (cause.Cause, cause.Confidence, string.Join(' ', cause.Evidence))),
            insight.LikelyCauses.Select(cause => (cause.Cause, cause.Confidence, string.Join(' ', cause.Evidence))));
        Assert.Equal(builtin.Evidence, insight.Evidence);
    }
}

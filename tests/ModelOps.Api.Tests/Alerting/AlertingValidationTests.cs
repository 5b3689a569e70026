using System.Net;
using System.Text;
using ModelOps.Contracts;
using static ModelOps.Api.Tests.Alerting.AlertingKit;

namespace ModelOps.Api.Tests.Alerting;

/// <summary>
/// Bad rules, channels and silences are refused with a 400 naming the field, and change nothing. Runs on the default
/// server, where channels may not reach loopback or private networks.
/// </summary>
public sealed class AlertingValidationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Valid = """{"id":"latency","metric":"latencyP95","op":">","threshold":100,"for":"1s","window":"2s","severity":"critical"}""";
    private const string Metrics = "accuracy, errorRate, latencyMean, latencyP50, latencyP95, latencyP99, throughput, mae, rmse, driftShare, precision, recall, f1, rocAuc, logLoss, mape, r2, drift:<feature>, nullShare:<feature>, precision:<class>, recall:<class>, f1:<class>";
    private readonly HttpClient http = fixture.Server.Http;
    private readonly ModelOpsClient client = fixture.Server.Client;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    public static TheoryData<string, string, string> InvalidRuleSets => new()
    {
        { $$"""{"rules":[{{Valid}},{"id":"errors","metric":"errorRate","op":"==","threshold":0.1}]}""", "rules[1].op", "expected one of <, <=, >, >=, got '=='" },
        { """{"rules":[{"id":"latency","metric":"latencyP42","op":">","threshold":100}]}""", "rules[0].metric", $"unknown metric 'latencyP42': expected one of {Metrics}" },
        { $$"""{"rules":[{{Valid}},{"id":"latency","metric":"errorRate","op":">","threshold":0.1}]}""", "rules[1].id", "duplicate of rules[0]" },
        { """{"rules":[{"id":"latency","metric":"latencyP95","op":">","threshold":100,"window":"10m"}]}""", "rules[0].window", "at most the model's window of 5m: a rule may use a shorter window, not a longer one" },
        { """{"rules":[{"id":"latency","metric":"latencyP95","op":">","threshold":100,"for":"soon"}]}""", "rules[0].for", $"expected a duration ({Duration.Format}), got 'soon'" },
        { """{"rules":[{"id":"latency","metric":"latencyP95","op":">","threshold":100,"severity":"fatal"}]}""", "rules[0].severity", "expected info, warning or critical, got 'fatal'" },
        { """{"rules":[{"id":"latency","metric":"latencyP95","op":">","threshold":"high"}]}""", "rules[0].threshold", "expected a number, got 'high'" },
        { """{"rules":[{"id":"error-size","metric":"mae","op":">","threshold":3}]}""", "rules[0].metric", "mae is computed for regression models only; this is a classification model (use accuracy, precision, recall, f1, rocAuc or logLoss)" },
    };

    [Theory]
    [MemberData(nameof(InvalidRuleSets))]
    public async Task An_invalid_rule_set_is_refused_naming_the_rule_and_field_and_the_old_rules_stay(string body, string field, string reason)
    {
        var model = "rules-" + Guid.NewGuid().ToString("n")[..12];
        await client.PutModelAsync(model, TestData.Classifier(), cancel);
        await client.PutRulesAsync(model, [SlowLatency()], cancel);
        var before = await http.GetStringAsync($"/api/v1/models/{model}/rules", cancel);

        using var response = await http.PutAsync($"/api/v1/models/{model}/rules", Json(body), cancel);

        await AssertInvalidAsync(response, field, reason);
        Assert.Equal(before, await http.GetStringAsync($"/api/v1/models/{model}/rules", cancel));
    }

    public static TheoryData<string, string> RefusedUrls => new()
    {
        { "http://169.254.169.254/latest/meta-data/iam/", "169.254.169.254 is a cloud metadata endpoint: never allowed" },
        { "http://metadata.google.internal/computeMetadata/v1/", "metadata.google.internal is a cloud metadata endpoint: never allowed" },
        { "http://169.254.10.20/hook", "169.254.10.20 is a link-local address: never allowed" },
        { "http://[fe80::1]/hook", "[fe80::1] is a link-local address: never allowed" },
        { "http://127.0.0.1:9000/hook", "127.0.0.1 is a loopback address: allowed only when ModelOps:Notifications:AllowPrivateNetworks is true" },
        { "http://localhost:9000/hook", "localhost is a loopback address: allowed only when ModelOps:Notifications:AllowPrivateNetworks is true" },
        { "http://10.1.2.3/hook", "10.1.2.3 is a private network address: allowed only when ModelOps:Notifications:AllowPrivateNetworks is true" },
        { "ftp://hooks.example.com/hook", "expected an absolute http or https URL" },
    };

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task A_channel_url_that_could_reach_this_host_or_a_metadata_service_is_refused_naming_url(string url, string reason)
    {
        var id = "refused-" + Guid.NewGuid().ToString("n")[..12];

        using var response = await http.PutAsync($"/api/v1/channels/{id}", Json($$"""{"type":"webhook","url":"{{url}}"}"""), cancel);

        await AssertInvalidAsync(response, "url", reason);
        using var stored = await http.GetAsync($"/api/v1/channels/{id}", cancel);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    public static TheoryData<string, string, string> InvalidChannels => new()
    {
        { """{"type":"email","url":"https://hooks.example.com/x"}""", "type", "expected one of slack, pagerduty, webhook, retrain, got 'email'" },
        { """{"type":5,"url":"https://hooks.example.com/x"}""", "type", "expected a string" },
        { """{"type":"pagerduty","url":"https://events.example.com/v2/enqueue"}""", "routingKey", "required for pagerduty: the integration key of an Events API v2 integration" },
        { """{"type":"slack","url":"https://hooks.example.com/x","secret":"s3cret"}""", "secret", "only webhook and retrain channels are signed" },
        { """{"type":"webhook","url":"https://hooks.example.com/x","minSeverity":"fatal"}""", "minSeverity", "expected info, warning or critical, got 'fatal'" },
        { """{"type":"webhook","url":"https://hooks.example.com/x","repeatInterval":"10s"}""", "repeatInterval", "at least 1m, got 10s" },
    };

    [Theory]
    [MemberData(nameof(InvalidChannels))]
    public async Task An_invalid_channel_is_refused_naming_the_field_and_is_not_stored(string body, string field, string reason)
    {
        var id = "invalid-" + Guid.NewGuid().ToString("n")[..12];

        using var response = await http.PutAsync($"/api/v1/channels/{id}", Json(body), cancel);

        await AssertInvalidAsync(response, field, reason);
        using var stored = await http.GetAsync($"/api/v1/channels/{id}", cancel);
        Assert.Equal(HttpStatusCode.NotFound, stored.StatusCode);
    }

    public static TheoryData<string, string, string> InvalidSilences => new()
    {
        { """{"endsAt":"2099-01-01T00:00:00Z"}""", "matchers", "required: at least one of modelId, ruleId and severity, so a silence never mutes everything by accident" },
        { """{"matchers":{},"endsAt":"2099-01-01T00:00:00Z"}""", "matchers", "required: at least one of modelId, ruleId and severity, so a silence never mutes everything by accident" },
        { """{"matchers":{"modelId":"fraud"}}""", "endsAt", "required: when the silence ends, e.g. 2026-11-29T18:00:00Z" },
        { """{"matchers":{"modelId":"bad id!"},"endsAt":"2099-01-01T00:00:00Z"}""", "matchers.modelId", "'bad id!' is not a valid model id: use 1–128 characters of letters, digits, '-', '_' and '.', not dots alone" },
    };

    [Theory]
    [MemberData(nameof(InvalidSilences))]
    public async Task An_invalid_silence_is_refused_naming_the_field(string body, string field, string reason)
    {
        using var response = await http.PostAsync("/api/v1/silences", Json(body), cancel);

        await AssertInvalidAsync(response, field, reason);
    }

    [Fact]
    public async Task A_silence_that_ended_in_the_past_is_refused_naming_endsAt_and_is_not_stored()
    {
        var before = await client.ListSilencesAsync(includeExpired: true, cancel);

        using var response = await http.PostAsync("/api/v1/silences", Json("""{"matchers":{"modelId":"fraud"},"endsAt":"2020-01-01T00:00:00Z"}"""), cancel);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.StartsWith("endsAt: 2020-01-01T00:00:00.0000000+00:00 is not after the start (", problem.Detail);
        Assert.Equal(["endsAt"], problem.Errors!.Keys);
        Assert.Equal(before.Count, (await client.ListSilencesAsync(includeExpired: true, cancel)).Count);
    }

    [Fact]
    public async Task An_unknown_alert_state_filter_is_a_400_naming_state()
    {
        using var response = await http.GetAsync("/api/v1/alerts?state=burning", cancel);

        await AssertInvalidAsync(response, "state", "'burning' is not an alert state: expected pending, firing or resolved");
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}

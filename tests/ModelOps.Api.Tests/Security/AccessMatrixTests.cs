using System.Net;
using System.Net.Http.Json;
using System.Text;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Security;

/// <summary>
/// Every endpoint group, for every role and for no key at all, on a model inside the key's scope (<c>fraud-*</c>) and on
/// one outside it: the exact status. A role too low is 403 whatever the model; a model outside the scope is 404, as if
/// it did not exist; a silence outside it is refused to everyone but an admin.
/// </summary>
public sealed class AccessMatrixTests(SecureServerFixture fixture) : IClassFixture<SecureServerFixture>
{
    private static int sequence;

    private SecureServer Secure => fixture.Secure;

    /// <summary>A request made of the model it is about; the admin client prepares what it needs.</summary>
    public sealed record Operation(string Name, ApiRole Needs, HttpStatusCode Allowed, Func<Setup, Task<HttpRequestMessage>> Request)
    {
        /// <summary>The status outside the scope, when it is not 404: null for an operation that is not about a model.</summary>
        public Func<ApiRole, HttpStatusCode>? OutOfScope { get; init; } = _ => HttpStatusCode.NotFound;

        /// <summary>The role is checked after the scope (a query that needs more than its route): outside the scope every role gets 404.</summary>
        public bool ScopeBeforeRole { get; init; }

        public override string ToString() => Name;
    }

    public sealed record Setup(ModelOpsClient Admin, string ModelId, string Unique);

    private static readonly string Definition = """{"name": "Matrix", "version": "1", "task": "classification", "features": [{"name": "amount", "type": "numeric"}]}""";

    public static readonly Operation[] Operations =
    [
        new("ListModels", ApiRole.Viewer, HttpStatusCode.OK, s => Get("api/v1/models")) { OutOfScope = null },
        new("GetModel", ApiRole.Viewer, HttpStatusCode.OK, s => Get($"api/v1/models/{s.ModelId}")),
        new("PutModel", ApiRole.Editor, HttpStatusCode.OK, s => Send(HttpMethod.Put, $"api/v1/models/{s.ModelId}", Definition)),
        new("DeleteModel", ApiRole.Editor, HttpStatusCode.NoContent, s => Send(HttpMethod.Delete, $"api/v1/models/{s.ModelId}")),
        new("PostEvents", ApiRole.Producer, HttpStatusCode.Accepted, s => Send(HttpMethod.Post, $"api/v1/models/{s.ModelId}/events",
            """{"events": [{"latencyMs": 3, "prediction": "fraud", "features": {"amount": 1.5}}]}""")),
        new("GetMetrics", ApiRole.Viewer, HttpStatusCode.OK, s => Get($"api/v1/models/{s.ModelId}/metrics")),
        new("GetMetricsHistory", ApiRole.Viewer, HttpStatusCode.OK, s => Get($"api/v1/models/{s.ModelId}/metrics/history")),
        new("GetLogs", ApiRole.Viewer, HttpStatusCode.OK, s => Get($"api/v1/models/{s.ModelId}/logs")),
        new("PutBaseline", ApiRole.Editor, HttpStatusCode.OK, s => Send(HttpMethod.Put, $"api/v1/models/{s.ModelId}/baseline",
            """{"rows": [{"amount": 1.0}, {"amount": 2.0}, {"amount": 3.0}]}""")),
        new("GetDrift", ApiRole.Viewer, HttpStatusCode.OK, s => Get($"api/v1/models/{s.ModelId}/drift")),
        new("GetConfig", ApiRole.Viewer, HttpStatusCode.OK, s => Get($"api/v1/models/{s.ModelId}/config")),
        // assist=true spends the AI quota, as an insight does: the editor's. No AI is configured, so the answer is the fallback.
        new("GetConfigAssist", ApiRole.Editor, HttpStatusCode.OK, s => Get($"api/v1/models/{s.ModelId}/config?assist=true")) { ScopeBeforeRole = true },
        new("PutConfig", ApiRole.Editor, HttpStatusCode.OK, async s =>
        {
            var yaml = await s.Admin.GetConfigAsync(s.ModelId, cancellationToken: TestContext.Current.CancellationToken);
            return new HttpRequestMessage(HttpMethod.Put, $"api/v1/models/{s.ModelId}/config") { Content = new StringContent(yaml, Encoding.UTF8, "application/yaml") };
        }),
        new("GetRules", ApiRole.Viewer, HttpStatusCode.OK, s => Get($"api/v1/models/{s.ModelId}/rules")),
        new("PutRules", ApiRole.Editor, HttpStatusCode.OK, s => Send(HttpMethod.Put, $"api/v1/models/{s.ModelId}/rules", """{"rules": []}""")),
        new("GetModelAlerts", ApiRole.Viewer, HttpStatusCode.OK, s => Get($"api/v1/models/{s.ModelId}/alerts")),
        new("PostRetrain", ApiRole.Editor, HttpStatusCode.Conflict, s => Send(HttpMethod.Post, $"api/v1/models/{s.ModelId}/retrain", "{}")),
        new("GetRetrains", ApiRole.Viewer, HttpStatusCode.OK, s => Get($"api/v1/models/{s.ModelId}/retrains")),
        new("GetFleetAlerts", ApiRole.Viewer, HttpStatusCode.OK, s => Get("api/v1/alerts")) { OutOfScope = null },
        // No alert has fired: inside the scope the alert is not found either; what matters is the role's 403.
        new("AcknowledgeAlert", ApiRole.Editor, HttpStatusCode.NotFound, s => Send(HttpMethod.Post, $"api/v1/alerts/{s.ModelId}-1/ack", "{}")),
        new("ResolveAlert", ApiRole.Editor, HttpStatusCode.NotFound, s => Send(HttpMethod.Post, $"api/v1/alerts/{s.ModelId}-1/resolve", "{}")),
        new("PostInsight", ApiRole.Editor, HttpStatusCode.NotFound, s => Send(HttpMethod.Post, $"api/v1/alerts/{s.ModelId}-1/insight")),
        new("ListChannels", ApiRole.Admin, HttpStatusCode.OK, s => Get("api/v1/channels")) { OutOfScope = null },
        new("PutChannel", ApiRole.Admin, HttpStatusCode.OK, s => Send(HttpMethod.Put, $"api/v1/channels/hook-{s.Unique}",
            """{"type": "webhook", "url": "http://127.0.0.1:9/hook"}""")) { OutOfScope = null },
        new("GetChannel", ApiRole.Admin, HttpStatusCode.OK, async s => Get($"api/v1/channels/{await ChannelAsync(s)}").Result) { OutOfScope = null },
        new("DeleteChannel", ApiRole.Admin, HttpStatusCode.NoContent, async s => Send(HttpMethod.Delete, $"api/v1/channels/{await ChannelAsync(s)}").Result) { OutOfScope = null },
        new("TestChannel", ApiRole.Admin, HttpStatusCode.OK, async s => Send(HttpMethod.Post, $"api/v1/channels/{await ChannelAsync(s)}/test").Result) { OutOfScope = null },
        new("ListSilences", ApiRole.Viewer, HttpStatusCode.OK, s => Get("api/v1/silences")) { OutOfScope = null },
        new("PostSilence", ApiRole.Editor, HttpStatusCode.Created, s => Send(HttpMethod.Post, "api/v1/silences",
            $$"""{"matchers": {"modelId": "{{s.ModelId}}"}, "endsAt": "{{DateTimeOffset.UtcNow.AddHours(1):O}}"}"""))
        {
            OutOfScope = role => role == ApiRole.Admin ? HttpStatusCode.Created : HttpStatusCode.Forbidden,
        },
        new("DeleteSilence", ApiRole.Editor, HttpStatusCode.NoContent, async s =>
        {
            var silence = await s.Admin.AddSilenceAsync(new Silence { Matchers = new SilenceMatchers(s.ModelId), EndsAt = DateTimeOffset.UtcNow.AddHours(1) },
                TestContext.Current.CancellationToken);
            return Send(HttpMethod.Delete, $"api/v1/silences/{silence.Id}").Result;
        })
        {
            OutOfScope = role => role == ApiRole.Admin ? HttpStatusCode.NoContent : HttpStatusCode.NotFound,
        },
        new("GetCluster", ApiRole.Viewer, HttpStatusCode.OK, s => Get("api/v1/cluster")) { OutOfScope = null },
        new("CreateKey", ApiRole.Admin, HttpStatusCode.Created, s => Send(HttpMethod.Post, "api/v1/keys", $$"""{"name": "made-{{s.Unique}}", "role": "viewer"}""")) { OutOfScope = null },
        new("ListKeys", ApiRole.Admin, HttpStatusCode.OK, s => Get("api/v1/keys")) { OutOfScope = null },
        new("RevokeKey", ApiRole.Admin, HttpStatusCode.NotFound, s => Send(HttpMethod.Delete, "api/v1/keys/nosuchkey")) { OutOfScope = null },
        new("GetSession", ApiRole.Viewer, HttpStatusCode.OK, s => Get("api/v1/session")) { OutOfScope = null },
    ];

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var caller in new[] { "none", "viewer", "producer", "editor", "admin" })
        {
            foreach (var operation in Operations)
            {
                cases.Add(caller, operation.Name);
            }
        }
        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_role_gets_the_exact_status_of_each_operation_inside_and_outside_its_scope(string caller, string operationName)
    {
        var cancel = TestContext.Current.CancellationToken;
        var operation = Operations.Single(candidate => candidate.Name == operationName);
        var n = Interlocked.Increment(ref sequence);
        ApiRole? role = caller == "none" ? null : Enum.Parse<ApiRole>(caller, ignoreCase: true);
        var key = role is { } granted ? (await Secure.CreateKeyAsync($"matrix-{n}", granted, "fraud-*")).Key : null;
        using var client = Secure.ClientFor(key);

        foreach (var (modelId, inScope) in new[] { ($"fraud-m{n}", true), ($"churn-m{n}", false) })
        {
            await Secure.AdminClient.PutModelAsync(modelId, TestData.Classifier(), cancel);
            using var request = await operation.Request(new Setup(Secure.AdminClient, modelId, $"{n}{(inScope ? "a" : "b")}"));
            using var response = await client.SendAsync(request, cancel);

            var expected = role switch
            {
                null => HttpStatusCode.Unauthorized,
                _ when !inScope && operation.ScopeBeforeRole => HttpStatusCode.NotFound,
                { } held when held < operation.Needs => HttpStatusCode.Forbidden,
                { } held when !inScope && operation.OutOfScope is { } outside => outside(held),
                _ => operation.Allowed,
            };
            Assert.True(expected == response.StatusCode,
                $"{caller} {request.Method} {request.RequestUri} ({(inScope ? "in" : "out of")} scope): expected {(int)expected}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancel)}");
        }
    }

    private static Task<HttpRequestMessage> Get(string path) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, path));

    private static Task<HttpRequestMessage> Send(HttpMethod method, string path, string? json = null) => Task.FromResult(new HttpRequestMessage(method, path)
    {
        Content = json is null ? null : new StringContent(json, Encoding.UTF8, "application/json"),
    });

    private static async Task<string> ChannelAsync(Setup setup)
    {
        var id = $"hook-{setup.Unique}";
        await setup.Admin.PutChannelAsync(id, new NotificationChannel { Type = ChannelTypes.Webhook, Url = "http://127.0.0.1:9/hook" }, TestContext.Current.CancellationToken);
        return id;
    }
}

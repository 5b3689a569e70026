using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using ModelOps.Api.Tests.Alerting;
using ModelOps.Contracts;
using static ModelOps.Api.Tests.Alerting.AlertingKit;

namespace ModelOps.Api.Tests;

/// <summary>
/// Ingest and the AI assistant are limited per caller: the API key, or without one the client address. Two callers are
/// two loopback source addresses (127.0.0.1 and 127.0.0.2) reaching the same server.
/// </summary>
public sealed class CallerRateLimitTests : IAsyncLifetime
{
    private const int Burst = 5;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;
    private ModelOpsServer server = null!;

    public ValueTask InitializeAsync()
    {
        var settings = new Dictionary<string, string>(AlertingServer.Settings)
        {
            ["ModelOps:Api:IngestRequestsPerSecondPerKey"] = "1",
            ["ModelOps:Api:IngestBurstPerKey"] = Burst.ToString(),
            ["ModelOps:AI:RequestsPerKeyPerMinute"] = "1",
        };
        server = new ModelOpsServer(settings: settings);
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(server.DataDir, recursive: true);
    }

    [Fact]
    public async Task A_caller_past_its_ingest_burst_gets_429_with_retry_after_and_nothing_applied_while_another_caller_is_served()
    {
        const string Model = "limited-ingest";
        await server.Client.PutModelAsync(Model, TestData.Classifier(), cancel);
        using var first = From("127.0.0.1");
        using var second = From("127.0.0.2");
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? refused = null;
        // The bucket gains a token a second: a request can slip in on a refill, so the first refusal is awaited, not counted on.
        while (refused is null && statuses.Count < 50)
        {
            var response = await first.PostAsJsonAsync($"/api/v1/models/{Model}/events", new EventBatch { Events = TestData.Events(1) }, ModelOpsJsonContext.Default.EventBatch, cancel);
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                refused = response;
            }
            else
            {
                response.Dispose();
            }
        }
        using var fromAnother = await second.PostAsJsonAsync($"/api/v1/models/{Model}/events", new EventBatch { Events = TestData.Events(1) }, ModelOpsJsonContext.Default.EventBatch, cancel);
        var accepted = statuses.Count(status => status == HttpStatusCode.Accepted);
        await TestData.WaitUntil(async () => (await server.Client.GetMetricsAsync(Model, cancel)).Count == accepted + 1, TimeSpan.FromSeconds(10), "the accepted events counted");

        Assert.NotNull(refused);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Accepted, Burst), statuses.Take(Burst));
        Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
        await AssertProblemAsync(refused, HttpStatusCode.TooManyRequests,
            "This API key (or, without one, this client address) sent more than 1 ingest requests a second, bursts of 5 (ModelOps:Api:IngestRequestsPerSecondPerKey, IngestBurstPerKey); nothing of this batch was applied. Retry after the Retry-After delay.");
        Assert.Equal(HttpStatusCode.Accepted, fromAnother.StatusCode);
        Assert.Equal((long)accepted + 1, (await server.Client.GetMetricsAsync(Model, cancel)).Count);
        refused.Dispose();
    }

    [Fact]
    public async Task A_caller_past_its_ai_requests_per_minute_gets_429_for_insights_and_assist_while_another_caller_is_served()
    {
        const string Model = "limited-ai";
        await server.Client.PutModelAsync(Model, TestData.Classifier(), cancel);
        await server.Client.PutRulesAsync(Model, [SlowLatency(@for: "0s")], cancel);
        await server.Client.PostEventsAsync(Model, Traffic.Events(20, SlowMs), cancel);
        var alert = await server.Client.WaitForAlertAsync(Model, candidate => candidate.State == AlertState.Firing, "the alert firing");
        using var first = From("127.0.0.1");
        using var second = From("127.0.0.2");

        using var asked = await first.PostAsync($"/api/v1/alerts/{alert.Id}/insight", null, cancel);
        using var again = await first.PostAsync($"/api/v1/alerts/{alert.Id}/insight", null, cancel);
        using var assist = await first.GetAsync($"/api/v1/models/{Model}/config?assist=true", cancel);
        using var plainConfig = await first.GetAsync($"/api/v1/models/{Model}/config", cancel);
        using var fromAnother = await second.PostAsync($"/api/v1/alerts/{alert.Id}/insight", null, cancel);

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests, HttpStatusCode.OK, HttpStatusCode.OK],
            new[] { asked.StatusCode, again.StatusCode, assist.StatusCode, plainConfig.StatusCode, fromAnother.StatusCode });
        Assert.Equal(("60", "60"), (again.Headers.RetryAfter?.ToString(), assist.Headers.RetryAfter?.ToString()));
        const string Detail = "This API key (or, without one, this client address) asked the AI assistant more than 1 times a minute (ModelOps:AI:RequestsPerKeyPerMinute); nothing was asked. Retry after the Retry-After delay.";
        await AssertProblemAsync(again, HttpStatusCode.TooManyRequests, Detail);
        await AssertProblemAsync(assist, HttpStatusCode.TooManyRequests, Detail);
    }

    /// <summary>A client of the server whose connections leave from <paramref name="sourceAddress"/>, a loopback address.</summary>
    private HttpClient From(string sourceAddress) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, token) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(IPAddress.Parse(sourceAddress), 0));
                await socket.ConnectAsync(IPAddress.Loopback, server.Port, token);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    { BaseAddress = server.Root };
}

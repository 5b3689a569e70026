using System.Net;
using System.Net.Http.Json;
using ModelOps.Contracts;
using static ModelOps.Api.Tests.Alerting.AlertingKit;

namespace ModelOps.Api.Tests;

/// <summary>
/// <c>Idempotency-Key</c> on ingest: a batch sent again under its key (a producer's retry after an answer it never got)
/// gets the first answer and is counted once, also after a restart, since the key is checkpointed with the events.
/// </summary>
public sealed class IdempotencyKeyTests
{
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_sent_again_under_its_key_is_answered_as_the_first_time_and_counted_once_also_after_a_restart()
    {
        var dataDir = Directory.CreateTempSubdirectory("modelops-idempotency-").FullName;
        try
        {
            await using (var first = new ModelOpsServer(dataDir))
            {
                await first.Client.PutModelAsync("keyed", TestData.Classifier(), cancel);
                foreach (var (key, count, durable) in new[] { ("batch-1", 10, false), ("batch-1", 10, false), ("batch-2", 5, true), ("batch-2", 5, true), ("batch-1", 10, true) })
                {
                    using var posted = await PostAsync(first.Http, "keyed", TestData.Events(count), key, durable);
                    Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);
                    Assert.Equal(new IngestResult(count, 0), await posted.Content.ReadFromJsonAsync(ModelOpsJsonContext.Default.IngestResult, cancel));
                }
                using var unkeyed = await PostAsync(first.Http, "keyed", TestData.Events(3), key: null, durable: true);
                Assert.Equal(HttpStatusCode.Accepted, unkeyed.StatusCode);
                Assert.Equal(18, (await first.Client.GetModelAsync("keyed", cancel))!.Metrics.Count);
            }

            await using var second = new ModelOpsServer(dataDir);
            using var again = await PostAsync(second.Http, "keyed", TestData.Events(5), "batch-2", durable: true);
            Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
            using var fresh = await PostAsync(second.Http, "keyed", TestData.Events(7), "batch-3", durable: true);
            Assert.Equal(HttpStatusCode.Accepted, fresh.StatusCode);
            Assert.Equal(25, (await second.Client.GetModelAsync("keyed", cancel))!.Metrics.Count);
        }
        finally
        {
            Directory.Delete(dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_key_sent_with_a_batch_of_another_size_or_that_is_not_visible_ascii_answers_400_naming_the_header()
    {
        await using var server = new ModelOpsServer();
        await server.Client.PutModelAsync("keyed-bad", TestData.Classifier(), cancel);
        using var first = await PostAsync(server.Http, "keyed-bad", TestData.Events(4), "reused", durable: false);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);

        using var reused = await PostAsync(server.Http, "keyed-bad", TestData.Events(6), "reused", durable: false);
        await AssertInvalidAsync(reused, "Idempotency-Key", "already names a batch of 4 events, and this one holds 6: send each batch under a key of its own");
        foreach (var bad in new[] { new string('k', 129), "two words" })
        {
            using var refused = await PostAsync(server.Http, "keyed-bad", TestData.Events(1), bad, durable: false);
            await AssertInvalidAsync(refused, "Idempotency-Key", "expected 1 to 128 visible ASCII characters (a UUID, say)");
        }
        using var keyOf128 = await PostAsync(server.Http, "keyed-bad", TestData.Events(1), new string('k', 128), durable: false);
        Assert.Equal(HttpStatusCode.Accepted, keyOf128.StatusCode);
        Assert.Equal(5, (await server.Client.GetModelAsync("keyed-bad", cancel))!.Metrics.Count);
    }

    private async Task<HttpResponseMessage> PostAsync(HttpClient http, string model, InferenceEvent[] events, string? key, bool durable)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/models/{model}/events{(durable ? "?durable=true" : "")}")
        {
            Content = JsonContent.Create(new EventBatch { Events = events }, ModelOpsJsonContext.Default.EventBatch),
        };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }
        return await http.SendAsync(request, cancel);
    }
}

using System.Net;
using System.Text;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Baselines;

/// <summary><c>ModelOps:Baselines:MaxConcurrentUploads</c>: one upload more than the limit gets 429 with Retry-After, at once.</summary>
public sealed class BaselineConcurrencyTests : IAsyncLifetime
{
    private readonly ModelOpsServer server = new(settings: new Dictionary<string, string> { ["ModelOps:Baselines:MaxConcurrentUploads"] = "1" });
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(server.DataDir, recursive: true);
    }

    [Fact]
    public async Task An_upload_beyond_the_limit_is_refused_with_retry_after_while_one_is_read_and_taken_once_it_ends()
    {
        await server.Client.PutModelAsync("busy", TestData.Classifier(), cancel);
        var held = new HeldCsv("amount,country\n1,DE\n", "2,FR\n");
        var first = server.Http.PutAsync("/api/v1/models/busy/baseline", held, cancel);

        using var refused = await RefusedWhileHeld();

        Assert.Equal("1", refused.Headers.RetryAfter?.ToString());
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ModelOps:Baselines:MaxConcurrentUploads", await refused.Content.ReadAsStringAsync(cancel));
        held.Release();
        using var firstAnswer = await first;
        Assert.Equal(HttpStatusCode.OK, firstAnswer.StatusCode);
        Assert.Equal(2, (await server.Client.GetDriftAsync("busy", cancellationToken: cancel)).Baseline!.Count);
        using var after = await Upload("amount,country\n1,DE\n2,FR\n3,IT\n");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(3, (await server.Client.GetDriftAsync("busy", cancellationToken: cancel)).Baseline!.Count);
    }

    /// <summary>Sends complete uploads until one meets the held one (which may not have reached the limiter yet).</summary>
    private async Task<HttpResponseMessage> RefusedWhileHeld()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(15);
        while (true)
        {
            var response = await Upload("amount,country\n5,DE\n");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return response;
            }
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            response.Dispose();
            Assert.True(DateTime.UtcNow < deadline, "no upload was refused within 15 s while one was held open");
        }
    }

    private Task<HttpResponseMessage> Upload(string csv) =>
        server.Http.PutAsync("/api/v1/models/busy/baseline", new StringContent(csv, Encoding.UTF8, "text/csv"), cancel);

    /// <summary>A CSV body that sends its head, then holds the request open until released, then sends its tail.</summary>
    private sealed class HeldCsv : HttpContent
    {
        private readonly TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly byte[] head;
        private readonly byte[] tail;

        public HeldCsv(string head, string tail)
        {
            (this.head, this.tail) = (Encoding.UTF8.GetBytes(head), Encoding.UTF8.GetBytes(tail));
            Headers.ContentType = new("text/csv");
        }

        public void Release() => release.TrySetResult();

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(head);
            await stream.FlushAsync();
            await release.Task;
            await stream.WriteAsync(tail);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}

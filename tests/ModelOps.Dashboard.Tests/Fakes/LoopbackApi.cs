using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ModelOps.Contracts;

namespace ModelOps.Dashboard.Tests.Fakes;

/// <summary>
/// A real HTTP server on 127.0.0.1 that answers the requests a test names with canned JSON, so the dashboard's
/// <see cref="ModelOpsClient"/> runs end to end: request building, status codes, problem documents, JSON.
/// Anything not named gets a 404 problem.
/// </summary>
internal sealed class LoopbackApi : IAsyncDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly HttpListener listener = new();
    private readonly ConcurrentDictionary<string, Func<Task<CannedResponse>>> routes = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> requests = new();
    private readonly SemaphoreSlim requestArrived = new(0);
    private readonly Task serving;

    public LoopbackApi()
    {
        BaseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        listener.Prefixes.Add(BaseAddress.ToString());
        listener.Start();
        Client = new ModelOpsClient(new HttpClient { BaseAddress = BaseAddress, Timeout = Deadline });
        serving = ServeAsync();
    }

    public Uri BaseAddress { get; }

    public ModelOpsClient Client { get; }

    /// <summary>Every request so far as <c>METHOD /path?query</c>, with its JSON body after a space when it had one.</summary>
    public IReadOnlyList<string> Requests => [.. requests];

    /// <summary>Answers <paramref name="method"/> <paramref name="pathAndQuery"/> with <paramref name="body"/> as JSON.</summary>
    public void Answer<T>(string method, string pathAndQuery, T body, JsonTypeInfo<T> typeInfo, int status = 200) =>
        routes[Route(method, pathAndQuery)] = () => Task.FromResult(new CannedResponse(status, "application/json", JsonSerializer.Serialize(body, typeInfo)));

    /// <summary>Answers <paramref name="method"/> <paramref name="pathAndQuery"/> with <paramref name="body"/> as <paramref name="contentType"/>.</summary>
    public void AnswerText(string method, string pathAndQuery, string contentType, string body, int status = 200,
        IReadOnlyDictionary<string, string>? headers = null) =>
        routes[Route(method, pathAndQuery)] = () => Task.FromResult(new CannedResponse(status, contentType, body, headers));

    /// <summary>Answers with a whole RFC 9457 problem document.</summary>
    public void AnswerProblem(string method, string pathAndQuery, ApiProblem problem) =>
        routes[Route(method, pathAndQuery)] = () => Task.FromResult(new CannedResponse(
            problem.Status ?? 400, "application/problem+json", JsonSerializer.Serialize(problem, ModelOpsJsonContext.Default.ApiProblem)));

    /// <summary>Answers with an RFC 9457 problem.</summary>
    public void AnswerProblem(string method, string pathAndQuery, int status, string detail) =>
        routes[Route(method, pathAndQuery)] = () => Task.FromResult(new CannedResponse(
            status, "application/problem+json", JsonSerializer.Serialize(new ApiProblem { Status = status, Detail = detail }, ModelOpsJsonContext.Default.ApiProblem)));

    /// <summary>Answers 204 with no body, as a successful DELETE.</summary>
    public void AnswerNoContent(string method, string pathAndQuery) =>
        routes[Route(method, pathAndQuery)] = () => Task.FromResult(new CannedResponse(204, "application/json", ""));

    /// <summary>Answers with a 400 validation problem naming <paramref name="field"/>, as the API words it: the detail is <c>field: reason</c>.</summary>
    public void AnswerInvalid(string method, string pathAndQuery, string field, string reason) =>
        routes[Route(method, pathAndQuery)] = () => Task.FromResult(new CannedResponse(
            400, "application/problem+json", JsonSerializer.Serialize(
                new ApiProblem { Status = 400, Title = "Invalid request", Detail = $"{field}: {reason}", Errors = new Dictionary<string, string[]> { [field] = [reason] } },
                ModelOpsJsonContext.Default.ApiProblem)));

    /// <summary>Answers once <paramref name="release"/> completes, so a test can look at the page while the request is in flight.</summary>
    public void AnswerWhen<T>(string method, string pathAndQuery, Task release, T body, JsonTypeInfo<T> typeInfo) =>
        routes[Route(method, pathAndQuery)] = async () =>
        {
            await release;
            return new CannedResponse(200, "application/json", JsonSerializer.Serialize(body, typeInfo));
        };

    /// <summary>Completes once <paramref name="count"/> requests have arrived in all (answered or not); fails after a deadline.</summary>
    public async Task UntilRequestsAsync(int count)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            while (requests.Count < count)
            {
                await requestArrived.WaitAsync(deadline.Token);
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Waited {Deadline.TotalSeconds} s for {count} requests; got {requests.Count}: {string.Join(", ", requests)}.");
        }
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            _ = AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        var request = context.Request;
        var route = Route(request.HttpMethod, request.Url!.PathAndQuery);
        using (var reader = new StreamReader(request.InputStream, Encoding.UTF8))
        {
            var body = await reader.ReadToEndAsync();
            requests.Enqueue(body.Length > 0 ? $"{route} {body}" : route);
        }
        requestArrived.Release();
        var answer = routes.TryGetValue(route, out var respond)
            ? await respond()
            : new CannedResponse(404, "application/problem+json", $$"""{"status":404,"detail":"no canned answer for {{route}}"}""");
        var bytes = Encoding.UTF8.GetBytes(answer.Json);
        context.Response.StatusCode = answer.Status;
        foreach (var (name, value) in answer.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }
        context.Response.ContentType = answer.ContentType;
        context.Response.ContentLength64 = bytes.Length;
        await context.Response.OutputStream.WriteAsync(bytes);
        context.Response.Close();
    }

    private static string Route(string method, string pathAndQuery) => $"{method} {pathAndQuery}";

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        listener.Stop();
        listener.Close();
        await serving;
        requestArrived.Dispose();
    }

    private sealed record CannedResponse(int Status, string ContentType, string Json, IReadOnlyDictionary<string, string>? Headers = null);
}

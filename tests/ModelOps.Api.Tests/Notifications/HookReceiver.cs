using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ModelOps.Api.Tests.Notifications;

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 standing in for Slack, PagerDuty or a webhook: records every request and answers
/// with the scripted replies in order, then 200 once the script is used up.
/// </summary>
public sealed class HookReceiver : IAsyncDisposable
{
    /// <summary>
    /// How much earlier than asked a sender's wait may end as <see cref="ReceivedRequest.ReceivedAt"/> measures it: the
    /// runtime's timers tick in whole milliseconds on a clock of their own, so "after 1 s" can read 0.999 s here.
    /// </summary>
    public static readonly TimeSpan TimerTick = TimeSpan.FromMilliseconds(15);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Reply> script = new();
    private readonly ConcurrentQueue<ReceivedRequest> received = new();
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource stopping = new();

    private HookReceiver(WebApplication app)
    {
        this.app = app;
        app.Run(HandleAsync);
    }

    public Uri Root { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => received.ToArray();

    public static async Task<HookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var receiver = new HookReceiver(builder.Build());
        await receiver.app.StartAsync(TestContext.Current.CancellationToken);
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Root = new Uri(address.TrimEnd('/') + "/");
        return receiver;
    }

    public string Url(string path = "hook") => new Uri(Root, path).AbsoluteUri;

    /// <summary>Answers the next requests with these replies, in order.</summary>
    public void Reply(params Reply[] replies)
    {
        foreach (var reply in replies)
        {
            script.Enqueue(reply);
        }
    }

    /// <summary>The first <paramref name="count"/> requests, once that many have arrived.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(int count, int timeoutSeconds = 15)
    {
        await TestData.WaitUntil(() => Task.FromResult(received.Count >= count), TimeSpan.FromSeconds(timeoutSeconds), $"{count} request(s) at {Root}");
        return Requests.Take(count).ToArray();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        received.Enqueue(new ReceivedRequest(
            context.Request.Method,
            context.Request.Path + context.Request.QueryString,
            context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray(),
            clock.Elapsed));
        var reply = script.TryDequeue(out var next) ? next : new Reply(200);
        if (reply.HoldUntil is { } hold)
        {
            await hold.WaitAsync(stopping.Token);
        }
        context.Response.StatusCode = reply.Status;
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }
        await context.Response.WriteAsync(reply.Body ?? "ok", context.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await app.StopAsync(deadline.Token);
        await app.DisposeAsync();
        stopping.Dispose();
    }
}

/// <summary>A scripted answer; <paramref name="HoldUntil"/> keeps the request waiting (a slow channel) until it completes.</summary>
public sealed record Reply(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null, Task? HoldUntil = null);

/// <summary>A request as it arrived; <paramref name="ReceivedAt"/> is on the receiver's own monotonic clock, to compare the times of two requests.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, TimeSpan ReceivedAt)
{
    public JsonNode Json => JsonNode.Parse(Body)!;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

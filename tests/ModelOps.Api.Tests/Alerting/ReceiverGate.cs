using System.Net;
using System.Net.Sockets;
using ModelOps.Api.Tests.Notifications;

namespace ModelOps.Api.Tests.Alerting;

/// <summary>
/// A fixed loopback port in front of a <see cref="HookReceiver"/>, so a channel's URL can outlive an outage: while the
/// gate is closed nothing listens there and connections are refused, as when the channel's host is down; once it is
/// opened every connection is piped to the receiver, which records what arrives.
/// </summary>
public sealed class ReceiverGate : IAsyncDisposable
{
    private readonly HookReceiver receiver;
    private readonly CancellationTokenSource stopping = new();
    private readonly List<Task> pipes = [];
    private TcpListener? listener;
    private Task accepting = Task.CompletedTask;

    private ReceiverGate(HookReceiver receiver, int port)
    {
        this.receiver = receiver;
        Port = port;
    }

    public int Port { get; }

    public string Url(string path = "hook") => $"http://127.0.0.1:{Port}/{path}";

    /// <summary>A closed gate on a port that was free a moment ago.</summary>
    public static ReceiverGate Closed(HookReceiver receiver)
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new ReceiverGate(receiver, port);
    }

    public void Open()
    {
        listener = new TcpListener(IPAddress.Loopback, Port);
        listener.Start();
        accepting = AcceptAsync(listener);
    }

    private async Task AcceptAsync(TcpListener open)
    {
        try
        {
            while (true)
            {
                var inbound = await open.AcceptTcpClientAsync(stopping.Token);
                lock (pipes)
                {
                    pipes.Add(PipeAsync(inbound));
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task PipeAsync(TcpClient inbound)
    {
        using var outbound = new TcpClient();
        try
        {
            await outbound.ConnectAsync(IPAddress.Loopback, receiver.Root.Port, stopping.Token);
            var up = inbound.GetStream().CopyToAsync(outbound.GetStream(), stopping.Token);
            var down = outbound.GetStream().CopyToAsync(inbound.GetStream(), stopping.Token);
            // Either side closing ends the exchange: closing both ends the other direction too.
            await Task.WhenAny(up, down);
            inbound.Close();
            outbound.Close();
            await Task.WhenAll(up, down);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            inbound.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener?.Stop();
        await accepting;
        Task[] open;
        lock (pipes)
        {
            open = [.. pipes];
        }
        await Task.WhenAll(open);
        stopping.Dispose();
    }
}

using System.Net.WebSockets;
using System.Threading.Channels;
using ModelOps.Contracts;
using ModelOps.Dashboard.Services;

namespace ModelOps.Dashboard.Tests.Fakes;

/// <summary>A connector whose connection attempts wait for the test to accept or refuse them.</summary>
internal sealed class FakeStreamConnector : IStreamConnector
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private readonly Channel<ConnectAttempt> attempts = Channel.CreateUnbounded<ConnectAttempt>();

    public int AttemptCount { get; private set; }

    public Task<IStreamSession> ConnectAsync(string? modelId, CancellationToken cancellationToken)
    {
        var attempt = new ConnectAttempt(modelId);
        AttemptCount++;
        attempts.Writer.TryWrite(attempt);
        return attempt.Outcome.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The next connection attempt of the live connection.</summary>
    public async Task<ConnectAttempt> NextAttemptAsync()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            return await attempts.Reader.ReadAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The live connection made no connection attempt within {Deadline.TotalSeconds} s.");
        }
    }
}

internal sealed class ConnectAttempt(string? modelId)
{
    /// <summary>The model the connection asked to watch first.</summary>
    public string? ModelId => modelId;

    public TaskCompletionSource<IStreamSession> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeStreamSession Accept()
    {
        var session = new FakeStreamSession();
        Outcome.SetResult(session);
        return session;
    }

    public void Refuse() => Outcome.SetException(new WebSocketException(WebSocketError.Faulted, "connection refused"));
}

/// <summary>An open stream the test writes messages into and can break.</summary>
internal sealed class FakeStreamSession : IStreamSession
{
    private readonly Channel<StreamMessage> messages = Channel.CreateUnbounded<StreamMessage>();

    public List<string> SelectedModelIds { get; } = [];

    public void Send(StreamMessage message) => messages.Writer.TryWrite(message);

    /// <summary>Breaks the connection the way a lost network does: the reader throws.</summary>
    public void Drop() => messages.Writer.TryComplete(new WebSocketException(WebSocketError.ConnectionClosedPrematurely));

    public IAsyncEnumerable<StreamMessage> ReadAllAsync(CancellationToken cancellationToken) => messages.Reader.ReadAllAsync(cancellationToken);

    public Task SelectModelAsync(string modelId, CancellationToken cancellationToken)
    {
        SelectedModelIds.Add(modelId);
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

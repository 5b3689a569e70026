using ModelOps.Contracts;

namespace ModelOps.Dashboard.Services;

/// <summary>Connects to <c>/api/v1/stream</c> of the server that serves the dashboard.</summary>
public sealed class WebSocketStreamConnector(Uri serverRoot) : IStreamConnector
{
    public async Task<IStreamSession> ConnectAsync(string? modelId, CancellationToken cancellationToken) =>
        new Session(await ModelOpsStreamClient.ConnectAsync(serverRoot, modelId, cancellationToken));

    private sealed class Session(ModelOpsStreamClient client) : IStreamSession
    {
        public IAsyncEnumerable<StreamMessage> ReadAllAsync(CancellationToken cancellationToken) => client.ReadAllAsync(cancellationToken);

        public Task SelectModelAsync(string modelId, CancellationToken cancellationToken) => client.SelectModelAsync(modelId, cancellationToken);

        public ValueTask DisposeAsync() => client.DisposeAsync();
    }
}

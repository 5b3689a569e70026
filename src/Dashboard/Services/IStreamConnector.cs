using ModelOps.Contracts;

namespace ModelOps.Dashboard.Services;

/// <summary>Opens live stream sessions; the seam that lets <see cref="LiveConnection"/> run without a server in tests.</summary>
public interface IStreamConnector
{
    /// <param name="modelId">The model to watch first; the server picks one when null.</param>
    /// <param name="cancellationToken">Cancels the connection attempt.</param>
    Task<IStreamSession> ConnectAsync(string? modelId, CancellationToken cancellationToken);
}

/// <summary>One open connection to the live stream.</summary>
public interface IStreamSession : IAsyncDisposable
{
    /// <summary>Messages until the server closes the connection; throws when the connection breaks.</summary>
    IAsyncEnumerable<StreamMessage> ReadAllAsync(CancellationToken cancellationToken);

    Task SelectModelAsync(string modelId, CancellationToken cancellationToken);
}

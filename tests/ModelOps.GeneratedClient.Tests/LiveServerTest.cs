using ModelOps.Api.Tests;

namespace ModelOps.GeneratedClient.Tests;

/// <summary>A test against the real product on a loopback port: a server of its own, its data directory removed after.</summary>
public abstract class LiveServerTest : IAsyncLifetime
{
    protected ModelOpsServer Server { get; private set; } = null!;

    public virtual ValueTask InitializeAsync()
    {
        Server = new ModelOpsServer();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Server.DataDir, recursive: true);
    }
}

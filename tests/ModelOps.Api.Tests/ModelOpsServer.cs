using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests;

/// <summary>
/// The real product (src/Silo's Program) on Kestrel at a loopback port, with its own data directory and
/// silo ports, the simulator off and a fast tick. Dispose stops it gracefully, as Ctrl+C would. A server given the
/// <see cref="Port"/> and data directory of one that stopped is that server back again, as a restart would bring it.
/// </summary>
public sealed class ModelOpsServer : IAsyncDisposable
{
    private readonly Factory factory;

    /// <param name="dataDir">The data directory (a fresh temporary one when null).</param>
    /// <param name="settings">Configuration over the test defaults.</param>
    /// <param name="port">The loopback port (a free one when 0).</param>
    /// <param name="logs">A logger provider that sees every log entry of the server, besides its own.</param>
    public ModelOpsServer(string? dataDir = null, IReadOnlyDictionary<string, string>? settings = null, int port = 0, ILoggerProvider? logs = null)
    {
        DataDir = dataDir ?? Directory.CreateTempSubdirectory("modelops-api-tests-").FullName;
        var all = new Dictionary<string, string>
        {
            ["ModelOps:DataDir"] = DataDir,
            ["ModelOps:SiloPort"] = FreePort().ToString(),
            ["ModelOps:GatewayPort"] = FreePort().ToString(),
            ["ModelOps:Simulator:Enabled"] = "false",
            ["ModelOps:TickInterval"] = "00:00:00.200",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }
        factory = new Factory(all, logs);
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Root = new Uri(address.TrimEnd('/') + "/");
        Port = Root.Port;
        Http = new HttpClient { BaseAddress = Root, Timeout = TimeSpan.FromSeconds(30) };
        Client = new ModelOpsClient(Http);
    }

    public string DataDir { get; }

    public Uri Root { get; }

    /// <summary>The loopback port the API listens on.</summary>
    public int Port { get; }

    public HttpClient Http { get; }

    public ModelOpsClient Client { get; }

    public IServiceProvider Services => factory.Services;

    public Task<ModelOpsStreamClient> ConnectStreamAsync(string? modelId = null) =>
        ModelOpsStreamClient.ConnectAsync(Root, modelId, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await factory.DisposeAsync();
    }

    /// <summary>A loopback port nobody listens on now.</summary>
    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Factory(IReadOnlyDictionary<string, string> settings, ILoggerProvider? logs) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            if (logs is not null)
            {
                builder.ConfigureLogging(logging => logging.AddProvider(logs));
            }
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}

/// <summary>One server shared by the tests of a class; each test uses model ids of its own.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public ModelOpsServer Server { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        Server = new ModelOpsServer(settings: new Dictionary<string, string>
        {
            ["ModelOps:Api:MaxBodyBytes"] = "1048576",
            ["ModelOps:Api:MaxEventsPerRequest"] = "2000",
            ["ModelOps:DriftInterval"] = "00:00:00.200",
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        Directory.Delete(Server.DataDir, recursive: true);
    }
}

using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ModelOps.Api.Tests.Cluster;

/// <summary>
/// A real Redis on loopback for the cluster tests: the one <c>MODELOPS_TEST_REDIS</c> names (<c>host:port</c>; .ci/run
/// starts one), or else a <c>redis-server</c> of its own on a free loopback port, without persistence, stopped on
/// dispose. Without either the tests fail, saying what to install: they are never skipped.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    public const string EnvironmentVariable = "MODELOPS_TEST_REDIS";

    private Process? server;

    /// <summary>The StackExchange.Redis connection string (<c>127.0.0.1:port</c>).</summary>
    public string ConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } given)
        {
            ConnectionString = given;
            await WaitForPongAsync();
            return;
        }
        var executable = FindOnPath("redis-server") ?? throw new InvalidOperationException(
            $"The cluster tests run Orleans on a real Redis, and redis-server is not on the PATH. Install it (apt-get install -y redis-server, as .ci/run does) or set {EnvironmentVariable}=host:port to a Redis on loopback.");
        var port = ModelOpsServer.FreePort();
        server = Process.Start(new ProcessStartInfo(executable, ["--port", port.ToString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        server.OutputDataReceived += (_, _) => { };
        server.ErrorDataReceived += (_, _) => { };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        ConnectionString = $"127.0.0.1:{port}";
        await WaitForPongAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (server is { HasExited: false })
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
        server?.Dispose();
    }

    /// <summary>Waits until Redis answers PING, over its own protocol, for at most 10 s.</summary>
    private async Task WaitForPongAsync()
    {
        var (host, port) = HostAndPort(ConnectionString);
        await TestData.WaitUntil(async () =>
        {
            if (server is { HasExited: true })
            {
                throw new InvalidOperationException($"redis-server exited with {server.ExitCode} before it answered.");
            }
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(host, port, TestContext.Current.CancellationToken);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
                var answer = new byte[7];
                var read = await stream.ReadAsync(answer, TestContext.Current.CancellationToken);
                return Encoding.ASCII.GetString(answer, 0, read) == "+PONG\r\n";
            }
            catch (SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(10), $"Redis at {ConnectionString} to answer PING");
    }

    private static (string Host, int Port) HostAndPort(string connectionString)
    {
        var endpoint = connectionString.Split(',')[0];
        var colon = endpoint.LastIndexOf(':');
        return colon < 0 ? (endpoint, 6379) : (endpoint[..colon], int.Parse(endpoint[(colon + 1)..]));
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}

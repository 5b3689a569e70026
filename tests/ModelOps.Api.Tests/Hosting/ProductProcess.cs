using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace ModelOps.Api.Tests.Hosting;

/// <summary>
/// The published DLL run as the container image runs it: <c>dotnet ModelOps.Silo.dll</c> from a directory that is not
/// the application's, configured only by the environment (<c>ASPNETCORE_HTTP_PORTS</c>, <c>ModelOps__DataDir</c>, …)
/// and the command line. Every line it writes is kept. Dispose kills it and removes its directory.
/// </summary>
public sealed class ProductProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly string workingDirectory;

    private ProductProcess(Process process, string workingDirectory, int port)
    {
        this.process = process;
        this.workingDirectory = workingDirectory;
        Root = new Uri($"http://127.0.0.1:{port}/");
        process.OutputDataReceived += (_, line) => Keep(line.Data);
        process.ErrorDataReceived += (_, line) => Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Root { get; }

    /// <summary>Every line written to stdout and stderr so far.</summary>
    public IReadOnlyList<string> Lines => lines.ToArray();

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Starts the published build with the image's environment plus <paramref name="environment"/> and <paramref name="arguments"/>.</summary>
    public static Task<ProductProcess> StartAsync(IReadOnlyDictionary<string, string>? environment = null, params string[] arguments) =>
        StartOnPortAsync(ModelOpsServer.FreePort(), environment, arguments);

    /// <summary>As <see cref="StartAsync"/>, serving HTTP on <paramref name="port"/>: a node that takes the place of one that went.</summary>
    public static async Task<ProductProcess> StartOnPortAsync(int port, IReadOnlyDictionary<string, string>? environment = null, params string[] arguments)
    {
        var published = await PublishedBuild.DirectoryAsync();
        var workingDirectory = Directory.CreateTempSubdirectory("modelops-run-").FullName;
        var start = new ProcessStartInfo("dotnet", [Path.Combine(published, "ModelOps.Silo.dll"), .. arguments])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        // Whatever the test runner's environment says about ASP.NET Core or logging is not the image's.
        foreach (var key in start.Environment.Keys.Where(key => key.StartsWith("ASPNETCORE_", StringComparison.Ordinal)
            || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal) || key.StartsWith("Logging__", StringComparison.Ordinal)
            || key.StartsWith("ModelOps__", StringComparison.Ordinal) || key.StartsWith("OTEL_", StringComparison.Ordinal)).ToArray())
        {
            start.Environment.Remove(key);
        }
        start.Environment["ASPNETCORE_HTTP_PORTS"] = port.ToString();
        start.Environment["ModelOps__DataDir"] = Path.Combine(workingDirectory, "data");
        start.Environment["ModelOps__SiloPort"] = ModelOpsServer.FreePort().ToString();
        start.Environment["ModelOps__GatewayPort"] = ModelOpsServer.FreePort().ToString();
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return new ProductProcess(Process.Start(start)!, workingDirectory, port);
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (the silo answers grain calls).</summary>
    public async Task WaitUntilReadyAsync(HttpClient http)
    {
        await TestData.WaitUntil(async () =>
        {
            Assert.False(process.HasExited, $"The product exited with {(process.HasExited ? process.ExitCode : 0)}:\n{string.Join('\n', Lines)}");
            try
            {
                using var ready = await http.GetAsync(new Uri(Root, "health/ready"), TestContext.Current.CancellationToken);
                return ready.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), $"the published product at {Root} to be ready");
    }

    /// <summary>kill -9: the process ends at once, with no chance to write anything.</summary>
    public void Kill() => process.Kill();

    /// <summary>SIGTERM, what <c>docker stop</c> and systemd send: the product stops gracefully.</summary>
    public void Terminate()
    {
        const int sigterm = 15;
        if (SendSignal(process.Id, sigterm) != 0)
        {
            throw new InvalidOperationException($"kill({process.Id}, SIGTERM) failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    /// <summary>Waits for the process to end by itself, as it must on a bad setting.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(deadline.Token);
        // The asynchronous readers may still hold the last lines; the parameterless wait drains them.
        process.WaitForExit();
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        Directory.Delete(workingDirectory, recursive: true);
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}

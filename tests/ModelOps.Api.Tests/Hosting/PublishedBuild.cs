using System.Diagnostics;

namespace ModelOps.Api.Tests.Hosting;

/// <summary>
/// The product as a user deploys it: <c>dotnet publish src/Silo -c Release</c> into a directory of its own, made
/// once per test run and shared by every test that starts the published DLL.
/// </summary>
public static class PublishedBuild
{
    private static readonly Lazy<Task<string>> Output = new(PublishAsync);

    /// <summary>The directory holding the published <c>ModelOps.Silo.dll</c>.</summary>
    public static Task<string> DirectoryAsync() => Output.Value;

    private static async Task<string> PublishAsync()
    {
        var repository = RepositoryRoot();
        // Inside the test output, so each run replaces the last one's and nothing is left behind elsewhere.
        var output = Path.Combine(AppContext.BaseDirectory, "published");
        if (Directory.Exists(output))
        {
            Directory.Delete(output, recursive: true);
        }
        var start = new ProcessStartInfo("dotnet", ["publish", Path.Combine(repository, "src", "Silo"), "-c", "Release", "-o", output, "--nologo"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = repository,
        };
        using var publish = Process.Start(start)!;
        var stdout = publish.StandardOutput.ReadToEndAsync();
        var stderr = publish.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(8));
        await publish.WaitForExitAsync(deadline.Token);
        if (publish.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish failed ({publish.ExitCode}):\n{await stdout}\n{await stderr}");
        }
        return output;
    }

    /// <summary>The clone the tests run from: the directory of <c>ModelOpsVision.sln</c>.</summary>
    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ModelOpsVision.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException($"No ModelOpsVision.sln above {AppContext.BaseDirectory}.");
    }
}

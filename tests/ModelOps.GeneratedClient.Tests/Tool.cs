using System.Diagnostics;
using System.Reflection;

namespace ModelOps.GeneratedClient.Tests;

/// <summary>The command-line tools the document is put through, pinned by the repository and installed by test.sh.</summary>
public static class Tool
{
    public static readonly string LintDirectory = Metadata("LintDirectory");

    public static readonly string RepositoryRoot = Metadata("RepositoryRoot");

    /// <summary>An npm tool of the lint package (lint/package.json), by its name in node_modules/.bin.</summary>
    public static Task<string> NpmAsync(string tool, params string[] arguments)
    {
        var executable = Path.Combine(LintDirectory, "node_modules", ".bin", tool);
        Assert.True(File.Exists(executable), $"{executable} is missing: test.sh installs it (npm ci --prefix {LintDirectory}).");
        return RunAsync(executable, LintDirectory, new Dictionary<string, string>(), arguments);
    }

    /// <summary>Runs the executable to its end (two minutes at most) and returns what it printed; fails the test on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string executable, string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(executable)} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{await errors}\n{await output}");
        return await output;
    }

    private static string Metadata(string key) => typeof(Tool).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;
}

using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using ModelOps.Api.Tests;

namespace ModelOps.GeneratedClient.Tests;

/// <summary>The live document under the linters and generators people point at it: Redocly's recommended rules and openapi-typescript.</summary>
public sealed class OpenApiLintTests : IAsyncLifetime
{
    private static readonly string LintDirectory = typeof(OpenApiLintTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(attribute => attribute.Key == "LintDirectory").Value!;

    private ModelOpsServer server = null!;
    private string document = null!;

    public async ValueTask InitializeAsync()
    {
        server = new ModelOpsServer();
        document = Path.Combine(server.DataDir, "swagger.json");
        await File.WriteAllTextAsync(document, await server.Http.GetStringAsync("swagger/v1/swagger.json"));
    }

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(server.DataDir, recursive: true);
    }

    [Fact]
    public async Task Redocly_finds_no_error_and_only_the_warnings_that_are_the_truth()
    {
        var (_, output) = await RunAsync("redocly", "lint", "--config", Path.Combine(LintDirectory, "redocly.yaml"), "--format=json", document);
        var report = JsonDocument.Parse(output[output.IndexOf('{')..]).RootElement;
        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(problem => $"{problem.GetProperty("severity").GetString()} {problem.GetProperty("ruleId").GetString()} {problem.GetProperty("location")[0].GetProperty("pointer").GetString()}")
            .Order().ToArray();

        Assert.Equal(0, report.GetProperty("totals").GetProperty("errors").GetInt32());
        Assert.Equal(
            [
                // The list operations take no input, so no 4xx is theirs to answer; the WebSocket answers 101, not 2xx.
                "warn info-license-strict #/info/license",
                "warn no-illogical-composition-keywords #/components/schemas/AlertView/properties/severity/allOf",
                "warn no-illogical-composition-keywords #/components/schemas/AlertView/properties/state/allOf",
                "warn operation-2xx-response #/paths/~1api~1v1~1stream/get/responses",
                "warn operation-4xx-response #/paths/~1api~1v1~1channels/get/responses",
                "warn operation-4xx-response #/paths/~1api~1v1~1cluster/get/responses",
                "warn operation-4xx-response #/paths/~1api~1v1~1models/get/responses",
                "warn operation-4xx-response #/paths/~1health~1live/get/responses",
                "warn operation-4xx-response #/paths/~1health~1ready/get/responses",
            ],
            problems);
    }

    [Fact]
    public async Task Openapi_typescript_generates_types_with_scalar_values_as_they_are_on_the_wire()
    {
        var types = Path.Combine(server.DataDir, "modelops.d.ts");

        await RunAsync("openapi-typescript", document, "--output", types);

        var text = await File.ReadAllTextAsync(types, TestContext.Current.CancellationToken);
        Assert.Contains("ScalarValue: null | boolean | number | string;", text);
        Assert.Contains("prediction: components[\"schemas\"][\"ScalarValue\"];", text);
        Assert.Contains("latencyMs: number;", text);
    }

    [Fact]
    public async Task Descriptions_name_wire_fields_and_never_dotnet_members()
    {
        var text = await File.ReadAllTextAsync(document, TestContext.Current.CancellationToken);

        Assert.DoesNotContain("ModelOps.Contracts.", text);
        Assert.DoesNotContain("ModelOps.Api.", text);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string tool, params string[] arguments)
    {
        var executable = Path.Combine(LintDirectory, "node_modules", ".bin", tool);
        Assert.True(File.Exists(executable), $"{executable} is missing: test.sh installs it (npm ci --prefix {LintDirectory}).");
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = LintDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(2));
        Assert.True(process.ExitCode == 0, $"{tool} exited {process.ExitCode}:\n{await errors}\n{await output}");
        return (process.ExitCode, await output);
    }
}

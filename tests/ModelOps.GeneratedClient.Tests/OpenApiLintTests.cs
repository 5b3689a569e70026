using System.Text.Json;
using ModelOps.Api.Tests;

namespace ModelOps.GeneratedClient.Tests;

/// <summary>The live document under the linter people point at it: Redocly's recommended rules.</summary>
public sealed class OpenApiLintTests : LiveServerTest
{
    private string document = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        document = Path.Combine(Server.DataDir, "swagger.json");
        await File.WriteAllTextAsync(document, await Server.Http.GetStringAsync("swagger/v1/swagger.json"));
    }

    [Fact]
    public async Task Redocly_finds_no_error_and_only_the_warnings_that_are_the_truth()
    {
        var output = await Tool.NpmAsync("redocly", "lint", "--config", Path.Combine(Tool.LintDirectory, "redocly.yaml"), "--format=json", document);
        var report = JsonDocument.Parse(output[output.IndexOf('{')..]).RootElement;
        var problems = report.GetProperty("problems").EnumerateArray()
            .Select(problem => $"{problem.GetProperty("severity").GetString()} {problem.GetProperty("ruleId").GetString()} {problem.GetProperty("location")[0].GetProperty("pointer").GetString()}")
            .Order().ToArray();

        Assert.Equal(0, report.GetProperty("totals").GetProperty("errors").GetInt32());
        Assert.Equal(
            [
                // The WebSocket answers 101, not 2xx. Every operation that needs a key answers 401 and 403; signing out and
                // the health probes need none and take no input, so no 4xx is theirs to answer.
                "warn info-license-strict #/info/license",
                "warn operation-2xx-response #/paths/~1api~1v1~1stream/get/responses",
                "warn operation-4xx-response #/paths/~1api~1v1~1session/delete/responses",
                "warn operation-4xx-response #/paths/~1health~1live/get/responses",
                "warn operation-4xx-response #/paths/~1health~1ready/get/responses",
            ],
            problems);
    }

    [Fact]
    public async Task Descriptions_name_wire_fields_and_never_dotnet_members()
    {
        var text = await File.ReadAllTextAsync(document, TestContext.Current.CancellationToken);

        Assert.DoesNotContain("ModelOps.Contracts.", text);
        Assert.DoesNotContain("ModelOps.Api.", text);
    }
}

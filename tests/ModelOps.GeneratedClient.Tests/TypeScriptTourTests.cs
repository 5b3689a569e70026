using ModelOps.Api.Tests;

namespace ModelOps.GeneratedClient.Tests;

/// <summary>
/// The types openapi-typescript generates from the live document, compiled by tsc (strict) with a quick tour written
/// against them (lint/tour/tour.ts), and the tour run by Node.js against the live Server.
/// </summary>
public sealed class TypeScriptTourTests : LiveServerTest
{
    [Fact]
    public async Task A_tour_typed_by_openapi_typescript_compiles_and_runs_against_the_live_server()
    {
        var cancel = TestContext.Current.CancellationToken;
        var tour = Path.Combine(Server.DataDir, "tour");
        Directory.CreateDirectory(tour);
        foreach (var file in new[] { "tour.ts", "tsconfig.json" })
        {
            File.Copy(Path.Combine(Tool.LintDirectory, "tour", file), Path.Combine(tour, file));
        }
        var document = Path.Combine(Server.DataDir, "swagger.json");
        await File.WriteAllTextAsync(document, await Server.Http.GetStringAsync("swagger/v1/swagger.json", cancel), cancel);

        await Tool.NpmAsync("openapi-typescript", document, "--output", Path.Combine(tour, "modelops.d.ts"));
        await Tool.NpmAsync("tsc", "--project", Path.Combine(tour, "tsconfig.json"));
        var output = await Tool.RunAsync("node", tour, new Dictionary<string, string>(), Path.Combine(tour, "out", "tour.js"), Server.Root.ToString());

        Assert.Equal("""
            model ts-tour classification no-data
            baseline 20 upload
            ingest 4
            metrics 4 0.5 4
            history 1s 4
            logs 4 req-3 fraud legit DE null
            drift 20 amount:ks,country:zTest
            rules accuracy-low < 1m
            alerts 0 0
            config true true TypeScript tour from YAML
            channel ts-hook webhook 1
            silence ts-tour 1
            deleted 0

            """, output.ReplaceLineEndings("\n"));
    }
}

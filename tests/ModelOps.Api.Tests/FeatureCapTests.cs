using System.Net;
using System.Text;
using System.Text.Json;
using ModelOps.Api.Insights;
using ModelOps.Api.Tests.Insights;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests;

/// <summary>
/// Learned features count against <c>ModelOps:MaxFeatures</c> (default 1,000), with the server's default limits, so the
/// hostile ingest of issue 17 goes through as a producer would send it: 1,000 events with 100 new names each (1.5 MB).
/// </summary>
public sealed class FeatureCapTests : IAsyncLifetime
{
    private const int Cap = 1_000;
    private const int Events = 1_000;
    private const int NamesPerEvent = 100;

    private readonly ModelOpsServer server = new();
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await server.DisposeAsync();
        Directory.Delete(server.DataDir, recursive: true);
    }

    [Fact]
    public async Task A_batch_of_a_hundred_thousand_new_names_fills_the_cap_reports_the_rest_as_ignored_and_the_config_still_round_trips()
    {
        await server.Client.PutModelAsync("hostile", TestData.Classifier(), cancel);
        var declared = TestData.Classifier().Features.Count;

        var first = await PostHostileBatch("hostile");
        var again = await PostHostileBatch("hostile");

        var distinctNames = Events * NamesPerEvent;
        var learned = Cap - declared;
        Assert.Equal(new IngestResult(Events, 0, distinctNames - learned), first);
        Assert.Equal(new IngestResult(Events, 0, distinctNames - learned), again);
        var model = (await server.Client.GetModelAsync("hostile", cancel))!;
        Assert.Equal(Cap, model.Features.Count);
        Assert.Equal(learned, model.Features.Count(feature => feature.Learned));
        Assert.Equal(Events * 2, (await server.Client.GetMetricsAsync("hostile", cancel)).Count);
        var config = await server.Client.GetConfigAsync("hostile", cancellationToken: cancel);
        Assert.Equal(config, await server.Client.ApplyConfigAsync("hostile", config, cancel));
        Assert.Equal(Cap, (await server.Client.GetModelAsync("hostile", cancel))!.Features.Count);
    }

    [Fact]
    public async Task A_definition_declaring_more_than_the_cap_is_refused_naming_the_setting()
    {
        var tooMany = TestData.Classifier() with
        {
            Features = Enumerable.Range(0, Cap + 1).Select(i => new FeatureDefinition { Name = $"f{i}", Type = FeatureType.Numeric }).ToArray(),
        };

        var refused = await Assert.ThrowsAsync<ModelOpsApiException>(() => server.Client.PutModelAsync("too-wide", tooMany, cancel));

        Assert.Equal(400, refused.StatusCode);
        Assert.Equal([$"at most {Cap} features (ModelOps:MaxFeatures)"], refused.Problem!.Errors!["features"]);
    }

    [Fact]
    public async Task Declared_features_take_the_place_of_learned_ones_when_together_they_pass_the_cap()
    {
        await server.Client.PutModelAsync("redeclared", TestData.Classifier(), cancel);
        await PostHostileBatch("redeclared");
        var declared = Enumerable.Range(0, 10).Select(i => new FeatureDefinition { Name = $"declared{i}", Type = FeatureType.Numeric }).ToArray();

        var model = await server.Client.PutModelAsync("redeclared", TestData.Classifier() with { Features = declared }, cancel);

        Assert.Equal(Cap, model.Features.Count);
        Assert.Equal(declared.Select(feature => feature.Name), model.Features.Take(10).Select(feature => feature.Name));
        Assert.Equal(Cap - 10, model.Features.Count(feature => feature.Learned));
    }

    [Fact]
    public void The_evidence_of_an_insight_states_the_cap_and_how_many_names_were_not_learned()
    {
        var facts = InsightScenarios.Facts(InsightScenarios.Alert("latencyP95", ">", 250, 400), InsightScenarios.Minute(), InsightScenarios.Minute(p95: 400), drift: null) with
        {
            MaxFeatures = Cap,
            IgnoredFeatures = 198_002,
            IgnoredFeatureExamples = ["n0-0", "n0-1"],
        };

        var evidence = EvidenceBuilder.Build(facts).Items.Single(item => item.Kind == "data-quality");

        Assert.Equal(
            "The model holds its cap of 1000 features (ModelOps:MaxFeatures): 198002 new feature names in events were not learned (counted once per batch; first: \"n0-0\", \"n0-1\").",
            evidence.Text);
    }

    /// <summary>Event i carries the names <c>n{i}-0</c> … <c>n{i}-99</c>, sent as raw JSON, as a producer would.</summary>
    private async Task<IngestResult> PostHostileBatch(string model)
    {
        var body = new StringBuilder("{\"events\":[");
        for (var i = 0; i < Events; i++)
        {
            body.Append(i == 0 ? "" : ",").Append("{\"latencyMs\":5,\"prediction\":\"a\",\"features\":{");
            for (var j = 0; j < NamesPerEvent; j++)
            {
                body.Append(j == 0 ? "" : ",").Append($"\"n{i}-{j}\":{j}");
            }
            body.Append("}}");
        }
        body.Append("]}");
        using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/json");
        using var response = await server.Http.PostAsync($"/api/v1/models/{model}/events", content, cancel);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return JsonSerializer.Deserialize<IngestResult>(await response.Content.ReadAsStringAsync(cancel), JsonSerializerOptions.Web)!;
    }
}

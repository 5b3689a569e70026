using System.Net;
using ModelOps.Api.Configuration;
using ModelOps.Contracts;

namespace ModelOps.Api.Tests.Configuration;

/// <summary>The YAML reader's depth and node limits, checked while scanning, before any tree is built.</summary>
public sealed class ConfigLimitTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ModelOpsClient client = fixture.Server.Client;
    private readonly HttpClient http = fixture.Server.Http;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_document_nested_fifty_thousand_deep_is_refused_at_the_first_list_too_deep_and_the_process_lives_on()
    {
        // 100 KB: the root mapping is depth 1, so the 16th bracket (column 26) is the first one past the limit.
        var hostile = "features: " + new string('[', 50_000) + new string(']', 50_000);

        var refused = await Assert.ThrowsAsync<ModelOpsApiException>(() => client.ApplyConfigAsync("cfg-deep", hostile, cancel));

        Assert.Equal(400, refused.StatusCode);
        Assert.Equal($"line 1, column 26: document: nested more than {ModelOpsYamlReader.MaxDepth} deep; a modelops document nests at most 4 deep", refused.Problem!.Detail);
        await TheServiceStillWorks("cfg-deep");
    }

    [Fact]
    public async Task A_document_with_more_nodes_than_the_limit_is_refused_at_the_first_node_past_it()
    {
        // The root mapping, the key features and the list are nodes 1–3, so item j is node j + 4.
        var items = ModelOpsYamlReader.MaxNodes;
        var hostile = "features: [" + string.Join(",", Enumerable.Repeat("a", items)) + "]";
        var firstPast = ModelOpsYamlReader.MaxNodes + 1 - 4;

        var refused = await Assert.ThrowsAsync<ModelOpsApiException>(() => client.ApplyConfigAsync("cfg-wide", hostile, cancel));

        Assert.Equal(400, refused.StatusCode);
        Assert.Equal($"line 1, column {12 + 2 * firstPast}: document: more than {ModelOpsYamlReader.MaxNodes} nodes (keys, values, mappings and lists)", refused.Problem!.Detail);
        await TheServiceStillWorks("cfg-wide");
    }

    private async Task TheServiceStillWorks(string refusedModel)
    {
        using var missing = await http.GetAsync($"/api/v1/models/{refusedModel}", cancel);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await ConfigKit.Regressor(client, refusedModel + "-after", cancel);
        var config = await client.GetConfigAsync(refusedModel + "-after", cancellationToken: cancel);
        Assert.Equal(config, await client.ApplyConfigAsync(refusedModel + "-after", config, cancel));
    }
}

using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using ModelOps.Api.Endpoints;
using ModelOps.Contracts;
using ModelOps.Grains.Models;
using Orleans.Core.Internal;

namespace ModelOps.Api.Tests;

/// <summary><c>GET /api/v1/models</c> pages by id with a cursor in the Link header, searches, filters, and reads the registry, not the models.</summary>
public sealed class FleetListingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private readonly ModelOpsClient client = fixture.Server.Client;
    private readonly CancellationToken cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Pages_of_two_hold_the_models_in_id_order_and_the_last_page_names_no_next_one()
    {
        foreach (var id in new[] { "paged-d", "paged-b", "paged-e", "paged-a", "paged-c" })
        {
            await client.PutModelAsync(id, TestData.Classifier(), cancel);
        }

        var pages = new List<string>();
        var links = new List<string?>();
        for (string? next = "/api/v1/models?limit=2&q=paged-"; next is not null;)
        {
            using var response = await fixture.Server.Http.GetAsync(next, cancel);
            var models = await response.Content.ReadFromJsonAsync(ModelOpsJsonContext.Default.IReadOnlyListModelView, cancel);
            pages.Add(string.Join(",", models!.Select(model => model.Id)));
            var link = response.Headers.TryGetValues("Link", out var values) ? values.Single() : null;
            links.Add(link);
            next = link?[1..link.IndexOf('>')];
        }

        Assert.Equal(["paged-a,paged-b", "paged-c,paged-d", "paged-e"], pages);
        Assert.Equal(
        [
            $"</api/v1/models?limit=2&cursor={FleetCursor.Encode("paged-b")}&q=paged->; rel=\"next\"",
            $"</api/v1/models?limit=2&cursor={FleetCursor.Encode("paged-d")}&q=paged->; rel=\"next\"",
            null,
        ], links);
    }

    [Fact]
    public async Task A_cursor_keeps_its_place_when_models_are_added_before_and_after_it()
    {
        foreach (var id in new[] { "cursor-1", "cursor-3", "cursor-5", "cursor-7" })
        {
            await client.PutModelAsync(id, TestData.Classifier(), cancel);
        }
        var first = await client.ListModelsPageAsync(limit: 2, search: "cursor-", cancellationToken: cancel);

        await client.PutModelAsync("cursor-0", TestData.Classifier(), cancel);
        await client.PutModelAsync("cursor-4", TestData.Classifier(), cancel);
        var second = await client.GetModelPageAsync(first.Next!, cancel);
        var third = await client.GetModelPageAsync(second.Next!, cancel);

        Assert.Equal(["cursor-1", "cursor-3"], first.Models.Select(model => model.Id));
        Assert.Equal(["cursor-4", "cursor-5"], second.Models.Select(model => model.Id));
        Assert.Equal(["cursor-7"], third.Models.Select(model => model.Id));
        Assert.Null(third.Next);
    }

    [Fact]
    public async Task Search_matches_id_or_name_in_any_case_and_status_keeps_the_models_of_that_status()
    {
        await client.PutModelAsync("search-x1", TestData.Classifier("Fraud Scorer"), cancel);
        await client.PutModelAsync("search-fraud", TestData.Classifier("Churn"), cancel);
        await client.PutModelAsync("search-x2", TestData.Classifier("Churn"), cancel);
        await client.PostEventsAsync("search-x2", TestData.Events(3), cancel);

        var fraud = await client.ListModelsPageAsync(search: "FRAUD", cancellationToken: cancel);
        var healthy = await client.ListModelsPageAsync(search: "search-", status: ModelStatus.Healthy, cancellationToken: cancel);
        var waiting = await client.ListModelsPageAsync(search: "search-", status: ModelStatus.NoData, cancellationToken: cancel);

        Assert.Equal(["search-fraud", "search-x1"], fraud.Models.Select(model => model.Id));
        Assert.Equal([("search-x2", 3L)], healthy.Models.Select(model => (model.Id, model.Metrics.Count)));
        Assert.Equal(["search-fraud", "search-x1"], waiting.Models.Select(model => model.Id));
        Assert.All(new[] { fraud.Next, healthy.Next, waiting.Next }, Assert.Null);
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=1001", "limit")]
    [InlineData("limit=-1", "limit")]
    [InlineData("limit=abc", "limit")]
    [InlineData("limit=1.5", "limit")]
    [InlineData("cursor=not*a*cursor", "cursor")]
    [InlineData("cursor=Li4", "cursor")]
    [InlineData("cursor=", "cursor")]
    [InlineData("status=sick", "status")]
    [InlineData("status=Healthy", "status")]
    public async Task A_bad_limit_cursor_or_status_is_a_400_naming_the_field(string query, string field)
    {
        using var response = await fixture.Server.Http.GetAsync($"/api/v1/models?{query}", cancel);
        var problem = await response.Content.ReadFromJsonAsync(ModelOpsJsonContext.Default.ApiProblem, cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal([field], problem!.Errors!.Keys);
    }

    [Fact]
    public async Task A_search_longer_than_the_limit_is_a_400_naming_q()
    {
        using var response = await fixture.Server.Http.GetAsync($"/api/v1/models?q={new string('a', ModelsApi.MaxSearchLength + 1)}", cancel);
        var problem = await response.Content.ReadFromJsonAsync(ModelOpsJsonContext.Default.ApiProblem, cancel);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["q"], problem!.Errors!.Keys);
    }

    [Fact]
    public async Task Listing_answers_from_the_registry_and_activates_none_of_the_models_it_lists()
    {
        string[] ids = ["quiet-1", "quiet-2", "quiet-3"];
        foreach (var (id, i) in ids.Select((id, i) => (id, i)))
        {
            await client.PutModelAsync(id, TestData.Classifier(), cancel);
            await client.PostEventsAsync(id, TestData.Events(i + 1), cancel);
        }
        var grains = fixture.Server.Services.GetRequiredService<IGrainFactory>();
        var management = grains.GetGrain<IManagementGrain>(0);
        foreach (var id in ids)
        {
            await grains.GetGrain<IModelGrain>(id).Cast<IGrainManagementExtension>().DeactivateOnIdle(cancel);
        }
        await TestData.WaitUntil(async () => (await ActiveModels(management)).Intersect(ids).Any() is false, TimeSpan.FromSeconds(15), "the three models to deactivate");

        var listed = await client.ListModelsPageAsync(search: "quiet-", cancellationToken: cancel);
        var active = await ActiveModels(management);

        Assert.Equal([("quiet-1", 1L), ("quiet-2", 2L), ("quiet-3", 3L)], listed.Models.Select(model => (model.Id, model.Metrics.Count)));
        Assert.Equal([], active.Intersect(ids));
    }

    private async Task<string[]> ActiveModels(IManagementGrain management) =>
        [.. (await management.GetDetailedGrainStatistics(null, null, cancel))
            .Where(activation => activation.GrainId.Type.ToString() == "model")
            .Select(activation => activation.GrainId.Key.ToString()!)];
}

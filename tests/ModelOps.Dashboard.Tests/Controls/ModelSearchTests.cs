using Bunit;
using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.Controls;

namespace ModelOps.Dashboard.Tests.Controls;

/// <summary>The model picker searches the server as the user types, and shows the live list again when the search is cleared.</summary>
public sealed class ModelSearchTests : ApiTestContext
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Typing_asks_the_server_for_matching_models_and_clearing_shows_the_live_list_again()
    {
        Api.Answer("GET", $"/api/v1/models?limit={ModelSelector.SearchLimit}&q=ran",
            [TestModels.Classifier("ranker", "Search ranker", ModelStatus.Critical)], ModelOpsJsonContext.Default.IReadOnlyListModelView);
        Api.Answer("GET", $"/api/v1/models?limit={ModelSelector.SearchLimit}&q=nothing", [], ModelOpsJsonContext.Default.IReadOnlyListModelView);
        var selector = Render<ModelSelector>();
        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));

        await selector.Find("[data-testid=model-search]").InputAsync(new ChangeEventArgs { Value = "ran" });
        await selector.WaitForAssertionAsync(() => Assert.Equal(["Critical Search ranker 2.3.0"], Options(selector)), Wait);
        await selector.Find("[data-testid=model-search]").InputAsync(new ChangeEventArgs { Value = "nothing" });
        await selector.WaitForAssertionAsync(() => Assert.Empty(Options(selector)), Wait);
        await selector.Find("[data-testid=model-search]").InputAsync(new ChangeEventArgs { Value = "" });

        Assert.Equal(["No data Churn scorer 2.3.0", "Healthy Fraud detector 2.3.0"], Options(selector));
        Assert.Equal(
            [$"GET /api/v1/models?limit={ModelSelector.SearchLimit}&q=ran", $"GET /api/v1/models?limit={ModelSelector.SearchLimit}&q=nothing"],
            Api.Requests);
    }

    private static string[] Options(IRenderedComponent<ModelSelector> selector) =>
        [.. selector.FindAll("[data-testid=model-selector] li[role=option]")
            .Select(option => string.Join(' ', option.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)))];
}

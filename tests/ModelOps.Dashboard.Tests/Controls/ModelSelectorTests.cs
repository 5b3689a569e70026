using Microsoft.Extensions.DependencyInjection;
using ModelOps.Contracts;
using ModelOps.Dashboard.Controls;
using ModelOps.Dashboard.Services;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Tests.Controls;

public sealed class ModelSelectorTests : DashboardTestContext
{
    [Fact]
    public async Task Lists_every_model_by_name_with_its_status_in_words_and_no_icon_names_in_its_text()
    {
        var selector = Render<ModelSelector>();

        await ReceiveAsync(TestModels.InitialState("fraud",
            TestModels.Classifier(),
            TestModels.WithoutLabels(),
            TestModels.Classifier("ranker", "Search ranker", ModelStatus.Critical),
            TestModels.Classifier("spam", "Spam filter", ModelStatus.Warning)));

        Assert.Equal(
            ["No data Churn scorer 2.3.0", "Healthy Fraud detector 2.3.0", "Critical Search ranker 2.3.0", "Warning Spam filter 2.3.0"],
            selector.FindAll("[data-testid=model-selector] li[role=option]").Select(option => Words(option.TextContent)));
    }

    private static string Words(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task Each_status_has_its_own_colour_class_and_icon()
    {
        var selector = Render<ModelSelector>();

        await ReceiveAsync(TestModels.InitialState("fraud",
            TestModels.Classifier(),
            TestModels.WithoutLabels(),
            TestModels.Classifier("ranker", "Search ranker", ModelStatus.Critical),
            TestModels.Classifier("spam", "Spam filter", ModelStatus.Warning)));

        var labels = selector.FindAll("[data-testid=model-selector] li .status-label");
        Assert.Equal(
            ["status-label status-no-data", "status-label status-healthy", "status-label status-critical", "status-label status-warning"],
            labels.Select(label => label.ClassName));
        Assert.Equal(["hourglass_empty", "check_circle", "error", "warning"], labels.Select(label => label.QuerySelector(".glyph")!.GetAttribute("data-icon")));
    }

    [Fact]
    public async Task Shows_the_active_model_as_its_value()
    {
        var selector = Render<ModelSelector>();

        await ReceiveAsync(TestModels.InitialState("churn", TestModels.Classifier(), TestModels.WithoutLabels()));

        Assert.Equal("Churn scorer", selector.Find("[data-testid=model-selector] .rz-dropdown-label .model-name").TextContent);
    }

    [Fact]
    public async Task A_status_change_of_any_model_shows_in_its_entry()
    {
        Store.Apply(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));
        var selector = Render<ModelSelector>();

        await ReceiveAsync(new ModelUpdateMessage(TestModels.WithoutLabels() with { Status = ModelStatus.Critical }));

        Assert.Equal("Critical", selector.Find("li [data-model-id=churn] .status-text").TextContent);
    }

    [Fact]
    public async Task Choosing_a_model_asks_the_server_to_make_it_active()
    {
        var connection = Services.GetRequiredService<LiveConnection>();
        connection.Start();
        var session = (await Connector.NextAttemptAsync()).Accept();
        await Store.UntilAsync(store => store.Connection == ConnectionState.Connected, "the stream to open");
        Store.Apply(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));
        var selector = Render<ModelSelector>();

        await selector.Find("li:has([data-model-id=churn])").ClickAsync(new());

        Assert.Equal(["churn"], session.SelectedModelIds);
    }
}

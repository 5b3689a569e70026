using ModelOps.Contracts;
using ModelOps.Dashboard.Pages;

namespace ModelOps.Dashboard.Tests.Manage;

public sealed class ManageModelsTests : ApiTestContext
{
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;

    [Fact]
    public async Task The_page_starts_on_the_dashboards_active_model_with_its_definition_baseline_rules_and_the_channels()
    {
        var fraud = TestModels.Classifier() with { Features = [new() { Name = "amount", Type = FeatureType.Numeric }] };
        await ReceiveAsync(TestModels.InitialState("fraud", fraud, TestModels.WithoutLabels()));
        Api.Answer("GET", "/api/v1/models/fraud", fraud, Json.ModelView);
        Api.Answer("GET", "/api/v1/models/fraud/rules", new AlertRuleSet([]), Json.AlertRuleSet);
        Api.Answer<IReadOnlyList<NotificationChannel>>("GET", "/api/v1/channels", [], Json.IReadOnlyListNotificationChannel);

        var page = Render<ManageModels>();
        await Api.UntilRequestsAsync(3);
        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=feature-row]")));

        Assert.Equal("Model fraud", page.Find("#model-form-title").TextContent);
        Assert.Equal("Fraud detector", page.Find("[data-testid=manage-model-picker] .rz-dropdown-label .model-name").TextContent);
        Assert.Single(page.FindAll("[data-testid=baseline-upload]"));
        Assert.Single(page.FindAll("[data-testid=rules-editor]"));
        Assert.Single(page.FindAll("[data-testid=channels-panel]"));
        Assert.Equal(
            ["GET /api/v1/channels", "GET /api/v1/models/fraud", "GET /api/v1/models/fraud/rules"],
            Api.Requests.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_new_model_once_created_becomes_the_one_managed()
    {
        var created = TestModels.Classifier("scorer", "Scorer");
        Api.Answer("PUT", "/api/v1/models/scorer", created, Json.ModelView);
        Api.Answer("GET", "/api/v1/models/scorer/rules", new AlertRuleSet([]), Json.AlertRuleSet);
        Api.Answer<IReadOnlyList<NotificationChannel>>("GET", "/api/v1/channels", [], Json.IReadOnlyListNotificationChannel);
        var page = Render<ManageModels>();

        var before = (Title: page.Find("#model-form-title").TextContent, Baseline: page.FindAll("[data-testid=baseline-upload]").Count);
        await page.Find("[data-testid=model-id]").TypeAsync("scorer");
        await page.Find("[data-testid=model-form]").SubmitAsync();
        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=baseline-upload]")));

        Assert.Equal(("New model", 0), before);
        Assert.Equal("Model scorer", page.Find("#model-form-title").TextContent);
        Assert.Empty(page.FindAll("[data-testid=model-id]"));
        Assert.Equal("Saved Scorer (id scorer, version 2.3.0, 0 features).", page.Find("[data-testid=model-saved]").TextContent);
    }
}

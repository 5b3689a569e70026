using ModelOps.Contracts;
using ModelOps.Dashboard.Controls;
using ModelOps.Dashboard.Pages;
using ModelOps.Dashboard.Rendering;

namespace ModelOps.Dashboard.Tests.Security;

/// <summary>What the signed-in role may not do is not offered: the matrix is the API's own (<see cref="ApiPermissions"/>).</summary>
public sealed class RoleAwareTests : ApiTestContext
{
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static readonly string[] ModelEdits = ["manage-new-model", "feature-add", "feature-remove", "model-save", "baseline-upload", "rule-add", "rule-remove", "rules-save"];

    [Fact]
    public void The_matrix_gives_each_action_the_least_role_the_api_requires()
    {
        Assert.Equal(
            [
                (ApiAction.Read, ApiRole.Viewer), (ApiAction.Ingest, ApiRole.Producer), (ApiAction.EditModels, ApiRole.Editor),
                (ApiAction.EditRules, ApiRole.Editor), (ApiAction.EditBaselines, ApiRole.Editor), (ApiAction.EditConfig, ApiRole.Editor),
                (ApiAction.AssistConfig, ApiRole.Editor), (ApiAction.EditSilences, ApiRole.Editor), (ApiAction.ActOnAlerts, ApiRole.Editor),
                (ApiAction.AskInsight, ApiRole.Editor), (ApiAction.Retrain, ApiRole.Editor), (ApiAction.ManageChannels, ApiRole.Admin),
                (ApiAction.ManageKeys, ApiRole.Admin), (ApiAction.ReadAudit, ApiRole.Admin),
            ],
            Enum.GetValues<ApiAction>().Select(action => (action, ApiPermissions.Needs(action))));
        Assert.False(ApiRole.Editor.Allows(ApiAction.ManageKeys));
        Assert.True(ApiRole.Admin.Allows(ApiAction.Ingest));
    }

    [Fact]
    public async Task A_viewer_sees_a_model_its_definition_and_rules_but_no_way_to_change_them_and_no_channels()
    {
        SignInAs(ApiRole.Viewer);
        var page = await RenderManageAsync(channels: false);

        Assert.Equal("Model fraud", page.Find("#model-form-title").TextContent);
        Assert.Single(page.FindAll("[data-testid=rule-row]"));
        Assert.Equal("Read only: the role viewer may not change models, rules or baselines.", page.Find("[data-testid=manage-read-only]").TextContent);
        Assert.All(ModelEdits, testId => Assert.Empty(page.FindAll($"[data-testid={testId}]")));
        Assert.Empty(page.FindAll("[data-testid=channels-panel]"));
        // Nothing is asked that the role would be refused.
        Assert.DoesNotContain("GET /api/v1/channels", Api.Requests);
    }

    [Fact]
    public async Task An_editor_changes_models_rules_and_baselines_but_sees_no_channels()
    {
        SignInAs(ApiRole.Editor);
        var page = await RenderManageAsync(channels: false);

        Assert.All(ModelEdits, testId => Assert.NotEmpty(page.FindAll($"[data-testid={testId}]")));
        Assert.Empty(page.FindAll("[data-testid=manage-read-only]"));
        Assert.Empty(page.FindAll("[data-testid=channels-panel]"));
    }

    [Fact]
    public async Task An_admin_also_manages_the_channels()
    {
        SignInAs(ApiRole.Admin);
        var page = await RenderManageAsync(channels: true);

        Assert.All(ModelEdits, testId => Assert.NotEmpty(page.FindAll($"[data-testid={testId}]")));
        Assert.Single(page.FindAll("[data-testid=channels-panel]"));
    }

    [Fact]
    public void A_viewer_with_no_model_is_not_offered_a_new_one()
    {
        SignInAs(ApiRole.Viewer);

        var page = Render<ManageModels>();

        Assert.Empty(page.FindAll("[data-testid=model-form]"));
        Assert.Empty(page.FindAll("[data-testid=manage-new-model]"));
    }

    [Theory]
    [InlineData(ApiRole.Viewer, false)]
    [InlineData(ApiRole.Producer, false)]
    [InlineData(ApiRole.Editor, true)]
    [InlineData(ApiRole.Admin, true)]
    public async Task Acknowledge_and_resolve_are_offered_to_editors_and_above(ApiRole role, bool offered)
    {
        SignInAs(role);
        var panel = Render<AlertsPanel>();
        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));
        await ReceiveAsync(new NewAlertMessage(TestAlerts.Firing()));
        Time.Advance(LiveComponent.MinimumRedrawInterval);

        Assert.Single(panel.FindAll("[data-testid=alert-item]"));
        Assert.Equal(offered ? 1 : 0, panel.FindAll("[data-testid=alert-ack]").Count);
        Assert.Equal(offered ? 1 : 0, panel.FindAll("[data-testid=alert-resolve]").Count);
    }

    [Theory]
    [InlineData(ApiRole.Viewer, false)]
    [InlineData(ApiRole.Editor, true)]
    public async Task The_ai_proposal_and_editing_the_yaml_are_offered_to_editors_and_above(ApiRole role, bool offered)
    {
        SignInAs(role);
        Api.AnswerText("GET", "/api/v1/models/fraud/config?format=modelops", "application/yaml", "apiVersion: modelops/v1\n");
        var generator = Render<YamlGenerator>();
        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier()));
        generator.WaitForAssertion(() => Assert.Single(generator.FindAll("[data-testid=yaml-generate]")), Deadline);

        generator.Find("[data-testid=yaml-generate]").Click();

        generator.WaitForAssertion(() => Assert.Single(generator.FindAll("[data-testid=yaml-copy]")), Deadline);
        Assert.Equal(offered ? 1 : 0, generator.FindAll("[data-testid=yaml-assist]").Count);
        Assert.Equal(offered ? 1 : 0, generator.FindAll("[data-testid=yaml-edit]").Count);
    }

    private async Task<IRenderedComponent<ManageModels>> RenderManageAsync(bool channels)
    {
        var fraud = TestModels.Classifier() with { Features = [new() { Name = "amount", Type = FeatureType.Numeric }] };
        await ReceiveAsync(TestModels.InitialState("fraud", fraud, TestModels.WithoutLabels()));
        Api.Answer("GET", "/api/v1/models/fraud", fraud, Json.ModelView);
        Api.Answer("GET", "/api/v1/models/fraud/rules",
            new AlertRuleSet([new AlertRule { Id = "low-accuracy", Metric = "accuracy", Op = "<", Threshold = 0.9 }]), Json.AlertRuleSet);
        Api.Answer<IReadOnlyList<NotificationChannel>>("GET", "/api/v1/channels", [], Json.IReadOnlyListNotificationChannel);

        var page = Render<ManageModels>();
        await Api.UntilRequestsAsync(channels ? 3 : 2);
        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=feature-row]")));
        await page.WaitForAssertionAsync(() => Assert.Single(page.FindAll("[data-testid=rule-row]")));
        return page;
    }
}

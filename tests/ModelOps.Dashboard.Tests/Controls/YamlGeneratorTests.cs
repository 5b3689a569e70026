using ModelOps.Contracts;
using ModelOps.Dashboard.Controls;
using ModelOps.Dashboard.Rendering;

namespace ModelOps.Dashboard.Tests.Controls;

public sealed class YamlGeneratorTests : ApiTestContext
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private const string Document = "apiVersion: modelops/v1\nkind: ModelMonitor\nmodel:\n  id: fraud\n  version: 2.3.0\n";

    private async Task<IRenderedComponent<YamlGenerator>> RenderForFraudAsync()
    {
        var generator = Render<YamlGenerator>();
        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier()));
        generator.WaitForAssertion(() => Assert.Single(generator.FindAll("[data-testid=yaml-generate]")), Deadline);
        return generator;
    }

    [Fact]
    public async Task Generate_fetches_the_modelops_document_and_shows_it_line_by_line_highlighted()
    {
        Api.AnswerText("GET", "/api/v1/models/fraud/config?format=modelops", "application/yaml", Document);
        var generator = await RenderForFraudAsync();

        generator.Find("[data-testid=yaml-generate]").Click();

        generator.WaitForAssertion(() => Assert.Equal(5, generator.FindAll(".yaml-line").Count), Deadline);
        Assert.Equal(["GET /api/v1/models/fraud/config?format=modelops"], Api.Requests);
        Assert.Equal(
            ["apiVersion: modelops/v1", "kind: ModelMonitor", "model:", "  id: fraud", "  version: 2.3.0"],
            generator.FindAll(".yaml-line").Select(line => line.TextContent));
        Assert.Equal(["apiVersion", "kind", "model", "id", "version"], generator.FindAll(".yaml-key").Select(key => key.TextContent));
        var download = generator.Find("[data-testid=yaml-download]");
        Assert.Equal("fraud.modelops.yaml", download.GetAttribute("download"));
        Assert.Equal("data:application/yaml;charset=utf-8," + Uri.EscapeDataString(Document), download.GetAttribute("href"));
    }

    [Fact]
    public async Task The_evidently_format_is_fetched_when_chosen_and_offers_no_edit()
    {
        Api.AnswerText("GET", "/api/v1/models/fraud/config?format=evidently", "application/yaml", "data_drift:\n  drift_share: 0.5\n");
        var generator = await RenderForFraudAsync();

        generator.FindAll("[data-testid=yaml-format] [role=radio]").Single(item => item.TextContent.Trim() == "Evidently").Click();
        generator.Find("[data-testid=yaml-generate]").Click();

        generator.WaitForAssertion(() => Assert.Equal(2, generator.FindAll(".yaml-line").Count), Deadline);
        Assert.Equal(["GET /api/v1/models/fraud/config?format=evidently"], Api.Requests);
        Assert.Equal("evidently", generator.Find("[data-testid=yaml-download]").GetAttribute("download")!.Split('.')[1]);
        Assert.Empty(generator.FindAll("[data-testid=yaml-edit]"));
    }

    [Fact]
    public async Task An_edited_document_is_put_as_yaml_and_the_stored_one_is_shown()
    {
        Api.AnswerText("GET", "/api/v1/models/fraud/config?format=modelops", "application/yaml", Document);
        var stored = Document.Replace("2.3.0", "2.4.0");
        Api.AnswerText("PUT", "/api/v1/models/fraud/config", "application/yaml", stored);
        var generator = await RenderForFraudAsync();
        generator.Find("[data-testid=yaml-generate]").Click();
        generator.WaitForAssertion(() => generator.Find("[data-testid=yaml-edit]").Click(), Deadline);

        generator.Find("[data-testid=yaml-editor]").Input(stored);
        generator.Find("[data-testid=yaml-apply]").Click();

        generator.WaitForAssertion(() => Assert.Equal("  version: 2.4.0", generator.FindAll(".yaml-line")[4].TextContent), Deadline);
        Assert.Equal($"PUT /api/v1/models/fraud/config {stored}", Api.Requests[1]);
        Assert.StartsWith("Applied at ", generator.Find("[data-testid=yaml-notice]").TextContent);
        Assert.Empty(generator.FindAll("[data-testid=yaml-editor]"));
    }

    [Fact]
    public async Task A_refused_document_stays_in_the_editor_with_the_servers_line_and_column()
    {
        Api.AnswerText("GET", "/api/v1/models/fraud/config?format=modelops", "application/yaml", Document);
        Api.AnswerProblem("PUT", "/api/v1/models/fraud/config", new ApiProblem
        {
            Status = 400,
            Detail = "line 5, column 12: model.version: expected a string",
            Errors = new Dictionary<string, string[]> { ["rules[0].threshold"] = ["line 9, column 16: expected a number"] },
        });
        var generator = await RenderForFraudAsync();
        generator.Find("[data-testid=yaml-generate]").Click();
        generator.WaitForAssertion(() => generator.Find("[data-testid=yaml-edit]").Click(), Deadline);

        generator.Find("[data-testid=yaml-editor]").Input("model: [");
        generator.Find("[data-testid=yaml-apply]").Click();

        generator.WaitForAssertion(() => Assert.Single(generator.FindAll("[data-testid=yaml-error]")), Deadline);
        var error = generator.Find("[data-testid=yaml-error]");
        Assert.Equal("The configuration was not applied: line 5, column 12: model.version: expected a string", error.QuerySelector(".yaml-error-text")!.TextContent);
        Assert.Equal(["rules[0].threshold: line 9, column 16: expected a number"], error.QuerySelectorAll("li").Select(item => item.TextContent));
        Assert.Equal("model: [", generator.Find("[data-testid=yaml-editor]").GetAttribute("value"));
    }

    [Fact]
    public async Task With_AI_proposals_asked_for_the_document_says_which_model_proposed_its_thresholds()
    {
        Api.AnswerText("GET", "/api/v1/models/fraud/config?format=modelops&assist=true", "application/yaml", Document,
            headers: new Dictionary<string, string> { [ConfigDocument.AssistModelHeader] = "gemini-2.5-flash" });
        var generator = await RenderForFraudAsync();

        generator.Find("[data-testid=yaml-assist] input").Change(true);
        generator.Find("[data-testid=yaml-generate]").Click();

        generator.WaitForAssertion(() => Assert.Equal(
            "Thresholds proposed by gemini-2.5-flash; review them before you apply the document.",
            generator.Find("[data-testid=yaml-assist-note]").TextContent), Deadline);
        Assert.Equal(["GET /api/v1/models/fraud/config?format=modelops&assist=true"], Api.Requests);
    }

    [Fact]
    public async Task Without_a_proposal_the_document_says_why()
    {
        Api.AnswerText("GET", "/api/v1/models/fraud/config?format=modelops&assist=true", "application/yaml", Document,
            headers: new Dictionary<string, string> { [ConfigDocument.FallbackReasonHeader] = "Gemini is not configured (ModelOps:AI:Provider is builtin)" });
        var generator = await RenderForFraudAsync();

        generator.Find("[data-testid=yaml-assist] input").Change(true);
        generator.Find("[data-testid=yaml-generate]").Click();

        generator.WaitForAssertion(() => Assert.Equal(
            "No proposal: Gemini is not configured (ModelOps:AI:Provider is builtin). This is the configuration as it is.",
            generator.Find("[data-testid=yaml-assist-note]").TextContent), Deadline);
        Assert.Equal(5, generator.FindAll(".yaml-line").Count);
    }

    [Fact]
    public async Task Switching_the_active_model_clears_the_document_of_the_previous_one()
    {
        Api.AnswerText("GET", "/api/v1/models/fraud/config?format=modelops", "application/yaml", Document);
        var generator = Render<YamlGenerator>();
        await ReceiveAsync(TestModels.InitialState("fraud", TestModels.Classifier(), TestModels.WithoutLabels()));
        generator.WaitForAssertion(() => generator.Find("[data-testid=yaml-generate]").Click(), Deadline);
        generator.WaitForAssertion(() => Assert.Equal(5, generator.FindAll(".yaml-line").Count), Deadline);

        await ReceiveAsync(new ActiveModelChangedMessage("churn"));
        Time.Advance(LiveComponent.MinimumRedrawInterval);

        generator.WaitForAssertion(() => Assert.Empty(generator.FindAll("[data-testid=yaml-output]")), Deadline);
    }
}

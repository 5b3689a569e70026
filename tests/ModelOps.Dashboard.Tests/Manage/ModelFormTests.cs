using ModelOps.Contracts;
using ModelOps.Dashboard.Controls;

namespace ModelOps.Dashboard.Tests.Manage;

public sealed class ModelFormTests : ApiTestContext
{
    private static readonly ModelOpsJsonContext Json = ModelOpsJsonContext.Default;

    [Fact]
    public async Task A_new_model_is_checked_by_the_APIs_rules_and_nothing_is_sent_while_it_breaks_them()
    {
        var form = Render<ModelForm>();

        await form.Find("[data-testid=model-id]").TypeAsync("fraud v2");
        await form.Find("[data-testid=feature-add]").ClickAsync(new());
        await form.Find("[data-testid=feature-add]").ClickAsync(new());
        await form.FindAll("[data-testid=feature-name]")[0].TypeAsync("amount");
        await form.FindAll("[data-testid=feature-name]")[1].TypeAsync("amount");
        await form.Find("[data-testid=model-form]").SubmitAsync();

        Assert.Equal(
            [
                "id: 'fraud v2' is not a valid model id: use 1–128 characters of letters, digits, '-', '_' and '.', not dots alone",
                "features[1].name: 'amount' is declared twice",
            ],
            form.FindAll("[data-testid=model-form-error] li").Select(item => item.TextContent));
        Assert.Equal("alert", form.Find("[data-testid=model-form-error]").GetAttribute("role"));
        Assert.Empty(Api.Requests);
    }

    [Fact]
    public async Task Saving_a_new_model_sends_exactly_the_definition_written_and_says_what_was_stored()
    {
        var stored = TestModels.Regressor("house", "House prices") with
        {
            Version = "1.4",
            Features = [new() { Name = "size", Type = FeatureType.Numeric }, new() { Name = "city", Type = FeatureType.Categorical, Drift = new("psi", 0.2) }],
        };
        Api.Answer("PUT", "/api/v1/models/house", stored, Json.ModelView);
        string? saved = null;
        var form = Render<ModelForm>(parameters => parameters.Add(p => p.Saved, id => saved = id));

        await form.Find("[data-testid=model-id]").TypeAsync("house");
        await form.Find("[data-testid=model-name]").TypeAsync("House prices");
        await form.Find("[data-testid=model-version]").TypeAsync("1.4");
        await form.Find("[data-testid=model-task]").PressAsync("Regression");
        await form.Find("[data-testid=feature-add]").ClickAsync(new());
        await form.Find("[data-testid=feature-add]").ClickAsync(new());
        await form.FindAll("[data-testid=feature-name]")[0].TypeAsync("size");
        await form.FindAll("[data-testid=feature-name]")[1].TypeAsync("city");
        await form.FindAll("[data-testid=feature-type]")[1].PressAsync("categorical");
        await form.FindAll("[data-testid=feature-method]")[1].ChooseAsync("psi");
        await form.FindAll("[data-testid=feature-threshold]")[1].TypeAsync("0.2");
        await form.Find("[data-testid=model-form]").SubmitAsync();

        Assert.Equal(
            ["""PUT /api/v1/models/house {"name":"House prices","version":"1.4","task":"regression","features":[{"name":"size","type":"numeric","learned":false,"drift":null},{"name":"city","type":"categorical","learned":false,"drift":{"method":"psi","threshold":0.2}}],"drift":null,"positiveClass":null}"""],
            Api.Requests);
        Assert.Equal("Saved House prices (id house, version 1.4, 2 features).", form.Find("[data-testid=model-saved]").TextContent);
        Assert.Equal("house", saved);
        Assert.Empty(form.FindAll("[data-testid=model-form-error]"));
        Assert.Equal(["House prices"], Store.ModelsByName.Select(model => model.Name));
    }

    [Fact]
    public async Task Editing_starts_from_the_stored_model_and_sends_back_what_the_form_does_not_show()
    {
        var model = TestModels.Classifier() with
        {
            Features = [new() { Name = "amount", Type = FeatureType.Numeric }, new() { Name = "device", Type = FeatureType.Categorical, Learned = true }],
            DriftSettings = new ModelDriftSettings { BaselineSize = 500, Window = TimeSpan.FromMinutes(30) },
        };
        Api.Answer("GET", "/api/v1/models/fraud", model, Json.ModelView);
        Api.Answer("PUT", "/api/v1/models/fraud", model, Json.ModelView);
        var form = Render<ModelForm>(parameters => parameters.Add(p => p.ModelId, "fraud"));
        await form.WaitForAssertionAsync(() => Assert.Equal(2, form.FindAll("[data-testid=feature-row]").Count));

        var prefilled = (form.Find("[data-testid=model-name]").GetAttribute("value"), form.Find("[data-testid=model-version]").GetAttribute("value"),
            string.Join(", ", form.FindAll("[data-testid=feature-name]").Select(input => input.GetAttribute("value"))));
        await form.Find("[data-testid=model-version]").TypeAsync("2.4.0");
        await form.FindAll("[data-testid=feature-remove]")[0].ClickAsync(new());
        await form.Find("[data-testid=model-form]").SubmitAsync();

        Assert.Equal(("Fraud detector", "2.3.0", "amount, device"), prefilled);
        Assert.Empty(form.FindAll("[data-testid=model-id]"));
        Assert.Equal(
            [
                "GET /api/v1/models/fraud",
                """PUT /api/v1/models/fraud {"name":"Fraud detector","version":"2.4.0","task":"classification","features":[{"name":"device","type":"categorical","learned":false,"drift":null}],"drift":{"baselineSize":500,"window":"00:30:00","shareThreshold":null},"positiveClass":null}""",
            ],
            Api.Requests);
    }

    [Fact]
    public async Task Editing_a_binary_model_sends_its_positive_class_back()
    {
        var model = TestModels.Classifier() with { Features = [new() { Name = "device", Type = FeatureType.Categorical }], PositiveClass = "fraud" };
        Api.Answer("GET", "/api/v1/models/fraud", model, Json.ModelView);
        Api.Answer("PUT", "/api/v1/models/fraud", model, Json.ModelView);
        var form = Render<ModelForm>(parameters => parameters.Add(p => p.ModelId, "fraud"));
        await form.WaitForAssertionAsync(() => Assert.Single(form.FindAll("[data-testid=feature-row]")));

        await form.Find("[data-testid=model-form]").SubmitAsync();

        Assert.Equal(
            [
                "GET /api/v1/models/fraud",
                """PUT /api/v1/models/fraud {"name":"Fraud detector","version":"2.3.0","task":"classification","features":[{"name":"device","type":"categorical","learned":false,"drift":null}],"drift":null,"positiveClass":"fraud"}""",
            ],
            Api.Requests);
    }

    [Fact]
    public async Task The_APIs_refusal_is_shown_beside_the_form_with_the_field_it_names()
    {
        Api.AnswerInvalid("PUT", "/api/v1/models/fraud", "features[0].drift.threshold", "expected a positive number");
        var form = Render<ModelForm>();

        await form.Find("[data-testid=model-id]").TypeAsync("fraud");
        await form.Find("[data-testid=model-form]").SubmitAsync();

        Assert.Equal("Not saved: features[0].drift.threshold: expected a positive number",
            string.Join(" ", form.Find("[data-testid=model-form-error]").TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Empty(form.FindAll("[data-testid=model-saved]"));
        Assert.Equal("Create model", form.Find("[data-testid=model-save]").TextContent.Trim());
    }
}

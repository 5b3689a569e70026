using ModelOps.Dashboard.Services;
using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Controls;

/// <summary>
/// Creates a model, or edits the one named by <see cref="ModelId"/> (read with <c>GET /api/v1/models/{id}</c>):
/// name, version, task and features with their drift overrides. Checks the draft by the API's rules, then PUTs it
/// and shows the API's refusal field by field.
/// </summary>
public partial class ModelForm
{
    [Inject]
    private SessionState Session { get; set; } = default!;

    [Inject]
    private ModelOpsClient Client { get; set; } = default!;

    [Inject]
    private DashboardStore Store { get; set; } = default!;

    /// <summary>The model to edit; null to create one.</summary>
    [Parameter]
    public string? ModelId { get; set; }

    /// <summary>Told the id of the model once the API has stored it.</summary>
    [Parameter]
    public EventCallback<string> Saved { get; set; }

    private ModelDraft Draft { get; set; } = new();

    /// <summary>The model the draft was read for (null: a new one); a new <see cref="ModelId"/> reads the draft again.</summary>
    private string? loadedFor;

    private bool loaded;

    private bool Creating => ModelId is null;

    private bool Loading { get; set; }

    private bool Saving { get; set; }

    private IReadOnlyList<string> Errors { get; set; } = [];

    private string? SavedText { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (loaded && ModelId == loadedFor)
        {
            return;
        }
        loaded = true;
        loadedFor = ModelId;
        Errors = [];
        SavedText = null;
        if (ModelId is not { } id)
        {
            Draft = new ModelDraft();
            return;
        }
        Loading = true;
        try
        {
            Draft = await Client.GetModelAsync(id) is { } model ? ModelDraft.From(model) : new ModelDraft { Id = id };
        }
        catch (Exception failure) when (ProblemText.IsCallFailure(failure))
        {
            Draft = new ModelDraft { Id = id };
            Errors = ProblemText.Lines(failure);
        }
        finally
        {
            Loading = false;
        }
    }

    private void AddFeature() => Draft.Features.Add(new FeatureDraft());

    private async Task SaveAsync()
    {
        if (Saving)
        {
            return;
        }
        SavedText = null;
        var id = ModelId ?? Draft.Id;
        Errors = Draft.Validate(creating: Creating);
        if (Errors.Count > 0)
        {
            return;
        }
        Saving = true;
        try
        {
            var stored = await Client.PutModelAsync(id, Draft.ToDefinition());
            SavedText = $"Saved {stored.Name} (id {stored.Id}, version {stored.Version}, {stored.Features.Count} features).";
            // The form now edits the stored model; the parent naming it next is not a reason to read it again.
            loadedFor = stored.Id;
            Draft = ModelDraft.From(stored);
            // The stream reports a new model at its first tick; the pickers list it now.
            Store.Apply(new ModelUpdateMessage(stored));
            await Saved.InvokeAsync(stored.Id);
        }
        catch (Exception failure) when (ProblemText.IsCallFailure(failure))
        {
            Errors = ProblemText.Lines(failure);
        }
        finally
        {
            Saving = false;
        }
    }
}

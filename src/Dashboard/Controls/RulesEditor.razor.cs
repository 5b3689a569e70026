using ModelOps.Dashboard.Services;
using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Controls;

/// <summary>
/// The model's alert rules as an editable table (<c>GET/PUT /api/v1/models/{id}/rules</c>): rows are added, edited and
/// removed locally and the whole set is saved at once; the API's refusal names the row and field (<c>rules[1].threshold</c>).
/// </summary>
public partial class RulesEditor
{
    private static readonly IReadOnlyList<AlertSeverity> Severities = [AlertSeverity.Critical, AlertSeverity.Warning, AlertSeverity.Info];

    [Inject]
    private SessionState Session { get; set; } = default!;

    [Inject]
    private ModelOpsClient Client { get; set; } = default!;

    /// <summary>The model whose rules are edited.</summary>
    [Parameter, EditorRequired]
    public string ModelId { get; set; } = string.Empty;

    /// <summary>The model's features, for the drift and null-share metrics the metric field suggests.</summary>
    [Parameter]
    public IReadOnlyList<string> Features { get; set; } = [];

    private List<RuleDraft> Rules { get; set; } = [];

    private IReadOnlyList<string> Metrics => RuleDraft.SuggestedMetrics(Features);

    private string? loadedFor;

    private bool Loading { get; set; }

    private bool Saving { get; set; }

    private IReadOnlyList<string> Errors { get; set; } = [];

    private string? SavedText { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        if (ModelId == loadedFor)
        {
            return;
        }
        loadedFor = ModelId;
        (Errors, SavedText, Rules) = ([], null, []);
        Loading = true;
        try
        {
            Rules = [.. (await Client.GetRulesAsync(ModelId)).Select(RuleDraft.From)];
        }
        catch (Exception failure) when (ProblemText.IsCallFailure(failure))
        {
            Errors = ProblemText.Lines(failure);
        }
        finally
        {
            Loading = false;
        }
    }

    private void AddRule() => Rules.Add(new RuleDraft());

    private async Task SaveAsync()
    {
        if (Saving)
        {
            return;
        }
        SavedText = null;
        Errors = RuleDraft.Validate(Rules);
        if (Errors.Count > 0)
        {
            return;
        }
        Saving = true;
        try
        {
            var stored = await Client.PutRulesAsync(ModelId, [.. Rules.Select(rule => rule.ToRule())]);
            Rules = [.. stored.Select(RuleDraft.From)];
            SavedText = $"Saved {stored.Count} {(stored.Count == 1 ? "rule" : "rules")}.";
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

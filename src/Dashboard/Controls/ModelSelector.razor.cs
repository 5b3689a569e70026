using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.Rendering;
using ModelOps.Dashboard.Services;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Controls;

/// <summary>
/// Lists the models with their status and makes the chosen one active for the whole dashboard. Without a search it
/// lists the models the live connection knows; with one, what <c>GET /api/v1/models?q=</c> answers, asked as the user
/// types (the answer to the latest text wins), so a fleet too large to list whole is still reachable.
/// </summary>
public partial class ModelSelector : LiveComponent
{
    /// <summary>Models a search shows at most.</summary>
    public const int SearchLimit = 20;

    private int searches;

    [Inject]
    private LiveConnection Connection { get; set; } = default!;

    [Inject]
    private ModelOpsClient Client { get; set; } = default!;

    protected override DashboardChange RedrawOn => DashboardChange.ModelList | DashboardChange.ActiveModelSelected;

    private IReadOnlyList<ModelChoice> Choices { get; set; } = [];

    private ModelChoice? ActiveChoice { get; set; }

    private string? Search { get; set; }

    private IReadOnlyList<ModelView>? Found { get; set; }

    protected override void ReadStore()
    {
        Choices = [.. (Found ?? Store.ModelsByName).Select(ModelChoice.For)];
        ActiveChoice = Store.ActiveModel is { } active ? ModelChoice.For(active) : null;
    }

    private async Task SearchAsync(ChangeEventArgs change)
    {
        var text = change.Value as string;
        var search = ++searches;
        Search = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        IReadOnlyList<ModelView>? found = null;
        if (Search is not null)
        {
            try
            {
                found = (await Client.ListModelsPageAsync(SearchLimit, Search)).Models;
            }
            catch (Exception failure) when (ProblemText.IsCallFailure(failure))
            {
                found = [];
            }
        }
        if (search == searches)
        {
            Found = found;
            ReadStore();
        }
    }

    private Task SelectAsync(ModelChoice choice) => Connection.SelectModelAsync(choice.Id);
}

using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.Rendering;
using ModelOps.Dashboard.Services;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Pages;

/// <summary>
/// Model management: pick a model (the dashboard's active one to begin with) or start a new one, edit its definition,
/// upload its baseline and edit its rules; below, the fleet's notification channels.
/// </summary>
public partial class ManageModels : LiveComponent
{
    [Inject]
    private SessionState Session { get; set; } = default!;

    protected override DashboardChange RedrawOn => DashboardChange.ModelList | DashboardChange.ActiveModelSelected;

    /// <summary>The model being managed; null while a new one is written.</summary>
    private string? SelectedId { get; set; }

    /// <summary>Once the user picked a model or started a new one, the active model no longer decides.</summary>
    private bool chosen;

    private string RoleName => Session.Current is { } session ? ApiRoles.Name(session.Role) : "unknown";

    private IReadOnlyList<ModelChoice> Choices { get; set; } = [];

    private IReadOnlyList<string> Features { get; set; } = [];

    protected override void ReadStore()
    {
        if (!chosen)
        {
            SelectedId = Store.ActiveModelId;
        }
        Choices = [.. Store.ModelsByName.Select(ModelChoice.For)];
        Features = SelectedId is not null && Store.Models.TryGetValue(SelectedId, out var model) ? [.. model.Features.Select(feature => feature.Name)] : [];
    }

    private void Select(string modelId)
    {
        (chosen, SelectedId) = (true, modelId);
        ReadStore();
    }

    private void StartNew() => (chosen, SelectedId) = (true, null);
}

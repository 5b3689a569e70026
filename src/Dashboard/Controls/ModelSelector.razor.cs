using Microsoft.AspNetCore.Components;
using ModelOps.Dashboard.Rendering;
using ModelOps.Dashboard.Services;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Controls;

/// <summary>Lists every model with its status and makes the chosen one active for the whole dashboard.</summary>
public partial class ModelSelector : LiveComponent
{
    [Inject]
    private LiveConnection Connection { get; set; } = default!;

    protected override DashboardChange RedrawOn => DashboardChange.ModelList | DashboardChange.ActiveModelSelected;

    private IReadOnlyList<ModelChoice> Choices { get; set; } = [];

    private ModelChoice? ActiveChoice { get; set; }

    protected override void ReadStore()
    {
        Choices = [.. Store.ModelsByName.Select(ModelChoice.For)];
        ActiveChoice = Store.ActiveModel is { } active ? ModelChoice.For(active) : null;
    }

    private Task SelectAsync(ModelChoice choice) => Connection.SelectModelAsync(choice.Id);
}

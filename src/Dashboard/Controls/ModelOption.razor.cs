using Microsoft.AspNetCore.Components;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Controls;

/// <summary>One model in the selector: status, name and version.</summary>
public partial class ModelOption
{
    /// <summary>The model to show.</summary>
    [Parameter, EditorRequired]
    public ModelChoice Choice { get; set; } = default!;
}

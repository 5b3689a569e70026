using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Controls;

/// <summary>A model status as colour, icon and word together.</summary>
public partial class StatusLabel
{
    private StatusDisplay display = StatusDisplay.For(ModelStatus.NoData);

    /// <summary>The status to show.</summary>
    [Parameter, EditorRequired]
    public ModelStatus Status { get; set; }

    protected override void OnParametersSet() => display = StatusDisplay.For(Status);
}

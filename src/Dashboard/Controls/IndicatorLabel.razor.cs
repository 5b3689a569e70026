using Microsoft.AspNetCore.Components;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Controls;

/// <summary>A word with its icon and colour, such as an alert's severity or state.</summary>
public partial class IndicatorLabel
{
    /// <summary>What to show.</summary>
    [Parameter, EditorRequired]
    public StatusDisplay Display { get; set; } = default!;
}

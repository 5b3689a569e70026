using Microsoft.AspNetCore.Components;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Controls;

/// <summary>A headline metric card: a title, one or more readings, and what they cover.</summary>
public partial class KpiCard
{
    /// <summary>The card's readings, already formatted.</summary>
    [Parameter, EditorRequired]
    public KpiCardModel Card { get; set; } = default!;
}

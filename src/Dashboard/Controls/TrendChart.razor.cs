using Microsoft.AspNetCore.Components;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Controls;

/// <summary>One trend chart: its lines over time, a legend naming them and a value axis titled with its unit.</summary>
public partial class TrendChart
{
    /// <summary>What the chart plots.</summary>
    [Parameter, EditorRequired]
    public TrendChartSpec Chart { get; set; } = default!;

    /// <summary>The points, oldest first; a null value is a gap in its line.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<TrendPoint> Points { get; set; } = [];

    /// <summary>Where the time axis starts; null: at the first point.</summary>
    [Parameter]
    public DateTime? Start { get; set; }

    /// <summary>Where the time axis ends; null: at the last point.</summary>
    [Parameter]
    public DateTime? End { get; set; }

    /// <summary>The spacing of the time axis' ticks; null: the chart's choice.</summary>
    [Parameter]
    public TimeSpan? Step { get; set; }

    /// <summary>How the time axis writes a point's time, e.g. <c>{0:HH:mm}</c>.</summary>
    [Parameter, EditorRequired]
    public string TimeFormat { get; set; } = string.Empty;

    private string TitleId => $"trend-chart-{Chart.Key}";
}

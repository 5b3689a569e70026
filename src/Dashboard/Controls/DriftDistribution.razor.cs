using System.Globalization;
using Microsoft.AspNetCore.Components;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Controls;

/// <summary>
/// One feature's baseline against its current distribution: overlaid histograms for a numeric feature, grouped bars
/// for a categorical one, with a table of the same shares for screen readers, the null shares and the new categories.
/// </summary>
public partial class DriftDistribution
{
    /// <summary>The feature's distributions, as proportions.</summary>
    [Parameter, EditorRequired]
    public DriftDistributionModel Model { get; set; } = default!;

    private string Caption => Model.Kind == DriftDistributionKind.Histogram
        ? "share of values per bin, baseline against current"
        : "share of values per category, baseline against current";

    /// <summary>The value axis in percent: 0.25 → "25%", 0.125 → "12.5%".</summary>
    private static string Percent(object value) =>
        (Convert.ToDouble(value, CultureInfo.InvariantCulture) * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}

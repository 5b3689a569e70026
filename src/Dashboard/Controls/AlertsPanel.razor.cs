using Microsoft.AspNetCore.Components;
using ModelOps.Contracts;
using ModelOps.Dashboard.Rendering;
using ModelOps.Dashboard.ViewModels;

namespace ModelOps.Dashboard.Controls;

/// <summary>The fleet's alerts: firing and pending first, then the recently resolved, each with its actions.</summary>
public partial class AlertsPanel : LiveComponent
{
    [Inject]
    private TimeProvider Clock { get; set; } = default!;

    protected override DashboardChange RedrawOn => DashboardChange.Alerts | DashboardChange.ModelList;

    /// <summary>Keeps "firing for 2 min" true while nothing changes.</summary>
    protected override TimeSpan? RedrawEvery => TimeSpan.FromSeconds(5);

    private IReadOnlyList<AlertView> Shown { get; set; } = [];

    private DateTimeOffset Now { get; set; }

    private int Firing { get; set; }

    private int Pending { get; set; }

    protected override void ReadStore()
    {
        var alerts = Store.Alerts;
        Shown = AlertListing.ForPanel(alerts);
        Firing = alerts.Count(alert => alert.State == AlertState.Firing);
        Pending = alerts.Count(alert => alert.State == AlertState.Pending);
        Now = Clock.GetUtcNow();
    }

    private string ModelName(AlertView alert) => AlertDisplay.ModelName(alert, Store.Models);
}

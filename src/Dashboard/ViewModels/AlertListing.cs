using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>The order of the alerts panel: what needs attention first, then what happened lately.</summary>
public static class AlertListing
{
    /// <summary>Resolved alerts shown below the open ones.</summary>
    public const int ResolvedShown = 20;

    /// <summary>Firing alerts, then pending ones, each the most severe and then the newest first; then the most recently resolved.</summary>
    public static IReadOnlyList<AlertView> ForPanel(IEnumerable<AlertView> alerts)
    {
        var all = alerts as IReadOnlyCollection<AlertView> ?? [.. alerts];
        var open = all
            .Where(alert => alert.State != AlertState.Resolved)
            .OrderBy(alert => alert.State == AlertState.Firing ? 0 : 1)
            .ThenByDescending(alert => alert.Severity)
            .ThenByDescending(alert => alert.StartedAt);
        var resolved = all
            .Where(alert => alert.State == AlertState.Resolved)
            .OrderByDescending(alert => alert.ResolvedAt ?? alert.StartedAt)
            .Take(ResolvedShown);
        return [.. open, .. resolved];
    }
}

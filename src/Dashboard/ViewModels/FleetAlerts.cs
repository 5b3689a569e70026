using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>
/// The alerts of every model by id, at most <see cref="Capacity"/> (the oldest resolved go first; open alerts are
/// kept). An alert arrives from the stream, from REST listings and from the answers to acknowledge and resolve, in
/// any order; a copy never replaces one that is further along its lifecycle.
/// </summary>
public sealed class FleetAlerts(int capacity)
{
    private readonly Dictionary<string, AlertView> byId = new(StringComparer.Ordinal);
    private AlertView[]? newestFirst;

    public int Capacity => capacity;

    /// <summary>An immutable snapshot, newest first by start.</summary>
    public IReadOnlyList<AlertView> NewestFirst => newestFirst ??=
        [.. byId.Values.OrderByDescending(alert => alert.StartedAt).ThenByDescending(alert => alert.Id, StringComparer.Ordinal)];

    public AlertView? Find(string alertId) => byId.GetValueOrDefault(alertId);

    /// <summary>Takes each alert unless a copy further along is held; true when anything changed.</summary>
    public bool Apply(IEnumerable<AlertView> alerts)
    {
        var changed = false;
        foreach (var alert in alerts)
        {
            if (byId.TryGetValue(alert.Id, out var held) && Progress(held) > Progress(alert))
            {
                continue;
            }
            byId[alert.Id] = alert;
            changed = true;
        }
        if (changed)
        {
            Trim();
            newestFirst = null;
        }
        return changed;
    }

    /// <summary>Drops the alerts of models that are gone; true when any were dropped.</summary>
    public bool RemoveModelsOtherThan(IReadOnlySet<string> modelIds) => Remove(alert => !modelIds.Contains(alert.ModelId));

    public bool RemoveModel(string modelId) => Remove(alert => alert.ModelId == modelId);

    /// <summary>
    /// How far an alert is along its lifecycle, which only moves forward: pending, firing, resolved; and within
    /// each, acknowledged after not.
    /// </summary>
    private static int Progress(AlertView alert) =>
        2 * alert.State switch { AlertState.Pending => 0, AlertState.Firing => 1, _ => 2 } + (alert.AcknowledgedAt is null ? 0 : 1);

    private bool Remove(Func<AlertView, bool> gone)
    {
        var ids = byId.Values.Where(gone).Select(alert => alert.Id).ToList();
        foreach (var id in ids)
        {
            byId.Remove(id);
        }
        if (ids.Count > 0)
        {
            newestFirst = null;
        }
        return ids.Count > 0;
    }

    private void Trim()
    {
        var excess = byId.Count - capacity;
        if (excess <= 0)
        {
            return;
        }
        var oldestResolved = byId.Values
            .Where(alert => alert.State == AlertState.Resolved)
            .OrderBy(alert => alert.ResolvedAt ?? alert.StartedAt)
            .Take(excess)
            .Select(alert => alert.Id)
            .ToList();
        foreach (var id in oldestResolved)
        {
            byId.Remove(id);
        }
    }
}

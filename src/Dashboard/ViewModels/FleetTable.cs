using ModelOps.Contracts;

namespace ModelOps.Dashboard.ViewModels;

/// <summary>The columns of the fleet page and how each sorts: ties fall back to the id, so the order is always the same.</summary>
public static class FleetTable
{
    public const string Id = "id";

    public sealed record Column(string Key, string Title, Func<ModelView, IComparable?> Value);

    public static readonly IReadOnlyList<Column> Columns =
    [
        new(Id, "Id", model => model.Id),
        new("name", "Name", model => model.Name),
        // By severity: critical sorts above warning, healthy and no data when descending.
        new("status", "Status", model => (int)model.Status),
        new("count", "Events", model => model.Metrics.Count),
        new("drift", "Drift share", model => model.Drift?.DriftShare ?? -1),
        new("alerts", "Open alerts", model => model.OpenAlerts),
    ];

    public static IReadOnlyList<ModelView> Sort(IReadOnlyList<ModelView> models, string key, bool descending)
    {
        var column = Columns.FirstOrDefault(candidate => candidate.Key == key) ?? Columns[0];
        var ordered = descending ? models.OrderByDescending(column.Value) : models.OrderBy(column.Value);
        return [.. ordered.ThenBy(model => model.Id, StringComparer.Ordinal)];
    }
}

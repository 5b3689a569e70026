using ModelOps.Contracts;

namespace ModelOps.Grains.Models;

/// <summary>
/// The registry's paging and search, pure: ids in ordinal order, so a cursor (the last id of a page) names the same place
/// whatever models are added or removed before or after it.
/// </summary>
public static class FleetListing
{
    public static FleetPage Page(SortedSet<string> ids, IReadOnlyDictionary<string, ModelView> headlines, FleetQuery query)
    {
        var entries = new List<FleetEntry>(Math.Min(query.Limit, ids.Count));
        var after = query.After;
        IEnumerable<string> candidates = after is null ? ids
            : ids.Count == 0 || string.CompareOrdinal(after, ids.Max) >= 0 ? []
            : ids.GetViewBetween(after, ids.Max!).SkipWhile(id => id == after);
        foreach (var id in candidates)
        {
            if (!query.Scope.Any(pattern => ModelScopePattern.Matches(pattern, id)))
            {
                continue;
            }
            var headline = headlines.GetValueOrDefault(id);
            // Without a headline, only the id can be judged: the caller reads the model and judges the rest.
            if (!Admits(query, id, headline?.Name, headline?.Status))
            {
                continue;
            }
            if (entries.Count == query.Limit)
            {
                // Another model answers: the page is not the last.
                return new FleetPage(entries, entries[^1].Id);
            }
            entries.Add(new FleetEntry(id, headline));
        }
        return new FleetPage(entries, Next: null);
    }

    /// <summary>
    /// True when a model of this id, name and status answers the query. A null name or status is not known yet (no
    /// headline) and passes, for the caller to judge once it has read the model.
    /// </summary>
    public static bool Admits(FleetQuery query, string id, string? name, ModelStatus? status) =>
        (query.Status is null || status is null || status == query.Status)
        && (string.IsNullOrEmpty(query.Text) || name is null
            || id.Contains(query.Text, StringComparison.OrdinalIgnoreCase) || name.Contains(query.Text, StringComparison.OrdinalIgnoreCase));
}

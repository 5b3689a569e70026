using Orleans.Runtime;
using Orleans.Storage;

namespace ModelOps.Grains.Labels;

/// <summary>
/// Stores a model's join store beside its other states: the manifest as the grain's <c>labels</c> state and each page as
/// a state of its own (<c>labels-page-N</c>) in the same provider, so a checkpoint writes the pages that changed and the
/// manifest, never the whole store (SQLite rows embedded, Redis keys in a cluster).
/// </summary>
public sealed class LabelPages(IGrainStorage storage, GrainId grain, IPersistentState<LabelJoinState> manifest)
{
    private readonly Dictionary<long, GrainState<LabelPage>> pages = [];

    public static string StateName(long page) => $"labels-page-{page}";

    /// <summary>Rebuilds <paramref name="store"/> from the manifest and its pages.</summary>
    public async Task LoadAsync(LabelJoinStore store)
    {
        var state = manifest.State;
        var loaded = new List<(long, byte[])>();
        for (var page = state.Head >> LabelJoinStore.PageBits; state.Next > state.Head && page <= (state.Next - 1) >> LabelJoinStore.PageBits; page++)
        {
            var stored = await Read(page);
            loaded.Add((page, stored.State?.Entries ?? []));
        }
        store.Restore(state.Head, state.Next, loaded);
    }

    /// <summary>Writes the pages changed since the last write, deletes those emptied, then the manifest.</summary>
    /// <returns>The pages written.</returns>
    public async Task<int> WriteAsync(LabelJoinStore store)
    {
        var (changed, dropped) = store.TakeChangedPages();
        foreach (var page in changed)
        {
            var stored = pages.TryGetValue(page, out var known) ? known : await Read(page);
            stored.State = new LabelPage { Entries = store.ExportPage(page) };
            await storage.WriteStateAsync(StateName(page), grain, stored);
        }
        foreach (var page in dropped)
        {
            await Clear(page);
        }
        manifest.State.Head = store.Head;
        manifest.State.Next = store.Next;
        await manifest.WriteStateAsync();
        return changed.Count;
    }

    /// <summary>Deletes every page and the manifest: the model was deleted.</summary>
    public async Task ClearAsync()
    {
        var state = manifest.State;
        for (var page = state.Head >> LabelJoinStore.PageBits; state.Next > state.Head && page <= (state.Next - 1) >> LabelJoinStore.PageBits; page++)
        {
            await Clear(page);
        }
        foreach (var page in pages.Keys.ToArray())
        {
            await Clear(page);
        }
        await manifest.ClearStateAsync();
    }

    private async Task Clear(long page)
    {
        var stored = pages.TryGetValue(page, out var known) ? known : await Read(page);
        if (stored.RecordExists)
        {
            await storage.ClearStateAsync(StateName(page), grain, stored);
        }
        pages.Remove(page);
    }

    private async Task<GrainState<LabelPage>> Read(long page)
    {
        var stored = new GrainState<LabelPage>(new LabelPage());
        await storage.ReadStateAsync(StateName(page), grain, stored);
        return pages[page] = stored;
    }
}

using ModelOps.Grains.Labels;

namespace ModelOps.Grains.Tests.Labels;

public sealed class LabelJoinStoreTests(ITestOutputHelper output)
{
    private static JoinEntry Entry(int i, uint second = 1_000) => new()
    {
        Key = JoinKeys.Of($"req-{i}"), Second = second, Score = float.NaN, Prediction = i % 3, Label = double.NaN,
    };

    [Fact]
    public void Every_held_id_is_found_and_the_oldest_leave_first_once_the_store_is_full()
    {
        var store = new LabelJoinStore(maxEntries: 10_000);
        for (var i = 0; i < 25_000; i++)
        {
            store.Add(Entry(i));
        }

        Assert.Equal(10_000, store.Count);
        Assert.Equal(15_000, store.Evicted);
        Assert.Equal(-1, store.Find(JoinKeys.Of("req-14999")));
        for (var i = 15_000; i < 25_000; i++)
        {
            var sequence = store.Find(JoinKeys.Of($"req-{i}"));
            Assert.Equal(i, sequence);
            Assert.Equal(i % 3, store[sequence].Prediction);
        }
    }

    [Fact]
    public void Events_older_than_the_retention_expire_and_labels_count_as_labelled_until_then()
    {
        var store = new LabelJoinStore(maxEntries: 1_000);
        for (var i = 0; i < 100; i++)
        {
            store.Add(Entry(i, second: (uint)(1_000 + i)));
        }
        store.SetLabel(store.Find(JoinKeys.Of("req-10")), 1);
        store.SetLabel(store.Find(JoinKeys.Of("req-90")), 2);

        store.Expire(oldestSecond: 1_050);

        Assert.Equal(50, store.Count);
        Assert.Equal(1, store.Labelled);
        Assert.Equal(49, store.Pending);
        Assert.Equal(-1, store.Find(JoinKeys.Of("req-10")));
        Assert.Equal(2, store[store.Find(JoinKeys.Of("req-90"))].Label);
    }

    [Fact]
    public void A_store_restored_from_its_pages_holds_the_same_events_and_labels()
    {
        var store = new LabelJoinStore(maxEntries: 10_000);
        for (var i = 0; i < 9_000; i++)
        {
            store.Add(Entry(i));
        }
        store.SetLabel(store.Find(JoinKeys.Of("req-4321")), 7);
        var (changed, dropped) = store.TakeChangedPages();
        var pages = changed.Select(page => (page, store.ExportPage(page))).ToArray();

        var restored = new LabelJoinStore(maxEntries: 10_000);
        restored.Restore(store.Head, store.Next, pages);

        Assert.Equal([0L, 1, 2], changed);
        Assert.Empty(dropped);
        Assert.Equal(9_000, restored.Count);
        Assert.Equal(1, restored.Labelled);
        Assert.Equal(7, restored[restored.Find(JoinKeys.Of("req-4321"))].Label);
        Assert.Equal(8_999, restored.Find(JoinKeys.Of("req-8999")));
    }

    [Fact]
    public void A_checkpoint_writes_only_the_pages_changed_since_the_last_and_drops_the_pages_left_empty()
    {
        var store = new LabelJoinStore(maxEntries: 3 * LabelJoinStore.PageSize);
        for (var i = 0; i < 3 * LabelJoinStore.PageSize; i++)
        {
            store.Add(Entry(i));
        }
        store.TakeChangedPages();

        store.SetLabel(store.Find(JoinKeys.Of("req-5000")), 1);
        store.Add(Entry(-1));
        var (changed, dropped) = store.TakeChangedPages();

        Assert.Equal([1L, 3], changed);
        Assert.Empty(dropped);
        for (var i = 0; i < LabelJoinStore.PageSize; i++)
        {
            store.Add(Entry(-2 - i));
        }
        Assert.Equal([0L], store.TakeChangedPages().Dropped);
    }

    [Fact]
    public void A_million_held_events_take_at_most_44_bytes_each()
    {
        var store = new LabelJoinStore(maxEntries: 1_000_000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000_000; i++)
        {
            store.Add(Entry(i));
        }
        var perEntry = (double)store.MemoryBytes / store.Count;
        output.WriteLine($"{store.MemoryBytes} bytes held for {store.Count} events: {perEntry:0.0} bytes each; {GC.GetAllocatedBytesForCurrentThread() - before} bytes allocated while growing");

        Assert.Equal(1_000_000, store.Count);
        Assert.Equal((1 << 20) * (32L + 8), store.MemoryBytes);
        Assert.InRange(perEntry, 32, 44);
    }
}

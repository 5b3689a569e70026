using Microsoft.Data.Sqlite;
using ModelOps.Grains.Storage;

namespace ModelOps.Grains.Tests.Storage;

/// <summary>The embedded mode's reminders in the SQLite file: they outlive the table object, as they must outlive a restart.</summary>
public sealed class SqliteReminderTableTests : IDisposable
{
    private static readonly DateTime StartAt = new(2026, 11, 29, 15, 0, 0, DateTimeKind.Utc);

    private readonly string root = Directory.CreateTempSubdirectory("modelops-reminders-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public async Task A_reminder_written_by_one_table_is_read_by_the_next_on_the_same_file()
    {
        var grain = GrainId.Create("model", "fraud");
        var etag = await (await OpenAsync()).UpsertRow(Entry(grain, "outbox", TimeSpan.FromMinutes(1)));

        var reopened = await OpenAsync();
        var row = await reopened.ReadRow(grain, "outbox");
        var byGrain = await reopened.ReadRows(grain);

        Assert.NotNull(row);
        Assert.Equal((grain, "outbox", StartAt, DateTimeKind.Utc, TimeSpan.FromMinutes(1), etag),
            (row.GrainId, row.ReminderName, row.StartAt, row.StartAt.Kind, row.Period, row.ETag));
        Assert.Equal(["outbox"], byGrain.Reminders.Select(reminder => reminder.ReminderName));
        Assert.Null(await reopened.ReadRow(grain, "other"));
    }

    [Fact]
    public async Task An_upsert_replaces_the_row_and_its_etag_and_a_stale_etag_removes_nothing()
    {
        var table = await OpenAsync();
        var grain = GrainId.Create("model", "fraud");
        var first = await table.UpsertRow(Entry(grain, "outbox", TimeSpan.FromMinutes(1)));
        var second = await table.UpsertRow(Entry(grain, "outbox", TimeSpan.FromMinutes(2)));

        var staleRemoved = await table.RemoveRow(grain, "outbox", first!);
        var period = (await table.ReadRow(grain, "outbox"))!.Period;
        var removed = await table.RemoveRow(grain, "outbox", second!);

        Assert.NotEqual(first, second);
        Assert.False(staleRemoved);
        Assert.Equal(TimeSpan.FromMinutes(2), period);
        Assert.True(removed);
        Assert.Null(await table.ReadRow(grain, "outbox"));
    }

    [Fact]
    public async Task A_range_read_returns_the_grains_whose_hash_is_in_the_ring_range_wrapping_past_the_top()
    {
        var table = await OpenAsync();
        var grains = Enumerable.Range(0, 20).Select(i => GrainId.Create("model", $"m-{i}")).ToArray();
        foreach (var grain in grains)
        {
            await table.UpsertRow(Entry(grain, "outbox", TimeSpan.FromMinutes(1)));
        }
        var hashes = grains.Select(grain => grain.GetUniformHashCode()).Order().ToArray();
        var (low, high) = (hashes[4], hashes[14]);

        var inside = await table.ReadRows(low, high);
        var wrapping = await table.ReadRows(high, low);
        var whole = await table.ReadRows(7, 7);

        Assert.Equal(hashes.Where(hash => hash > low && hash <= high), inside.Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order());
        Assert.Equal(hashes.Where(hash => hash > high || hash <= low), wrapping.Reminders.Select(r => r.GrainId.GetUniformHashCode()).Order());
        Assert.Equal(20, whole.Reminders.Count);
    }

    private async Task<SqliteReminderTable> OpenAsync()
    {
        var table = new SqliteReminderTable(new SqliteGrainStorageOptions { DataDirectory = Path.Combine(root, "data") });
        await table.StartAsync(TestContext.Current.CancellationToken);
        return table;
    }

    private static ReminderEntry Entry(GrainId grain, string name, TimeSpan period) =>
        new() { GrainId = grain, ReminderName = name, StartAt = StartAt, Period = period };
}

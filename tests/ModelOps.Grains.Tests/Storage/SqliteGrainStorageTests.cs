using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using ModelOps.Grains.Storage;
using Orleans.Providers;
using Orleans.Serialization;
using Orleans.Serialization.Serializers;
using Orleans.Storage;

namespace ModelOps.Grains.Tests.Storage;

[GenerateSerializer, Alias("ModelOps.Tests.ProbeState")]
public sealed record ProbeState
{
    [Id(0)] public string Label { get; init; } = "";
    [Id(1)] public int Count { get; init; }
}

public sealed class SqliteGrainStorageTests : IDisposable
{
    private const string StateName = "probe";
    private static readonly GrainId Grain = GrainId.Create("probe", "model-a");

    private readonly string _root = Directory.CreateTempSubdirectory("modelops-storage-").FullName;
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();
    private readonly List<SqliteGrainStorage> _storages = [];

    // A directory that does not exist yet, so every test also covers its creation.
    private string DataDirectory => Path.Combine(_root, "data");

    public void Dispose()
    {
        _storages.ForEach(storage => storage.Dispose());
        _services.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public async Task Written_state_reads_back_with_its_etag_and_RecordExists()
    {
        var storage = OpenStorage();
        var written = new GrainState<ProbeState>(new ProbeState { Label = "baseline", Count = 3 });

        await storage.WriteStateAsync(StateName, Grain, written);
        var read = await ReadAsync(storage);

        Assert.Matches("^[0-9a-f]{32}$", written.ETag);
        Assert.True(written.RecordExists);
        Assert.Equal(new ProbeState { Label = "baseline", Count = 3 }, read.State);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task Reading_a_missing_record_gives_the_default_state_and_no_etag()
    {
        var storage = OpenStorage();
        var state = new GrainState<ProbeState>(new ProbeState { Label = "left over", Count = 9 }, "old-etag") { RecordExists = true };

        await storage.ReadStateAsync(StateName, Grain, state);

        Assert.Equal(new ProbeState(), state.State);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task A_stale_etag_is_rejected_and_leaves_the_stored_state_unchanged()
    {
        var storage = OpenStorage();
        var first = new GrainState<ProbeState>(new ProbeState { Label = "v1", Count = 1 });
        await storage.WriteStateAsync(StateName, Grain, first);
        var second = await ReadAsync(storage);
        first.State = new ProbeState { Label = "v2", Count = 2 };
        await storage.WriteStateAsync(StateName, Grain, first);
        var staleEtag = second.ETag;

        second.State = new ProbeState { Label = "v3", Count = 3 };
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain, second));

        Assert.Equal(first.ETag, conflict.StoredEtag);
        Assert.Equal(staleEtag, conflict.CurrentEtag);
        Assert.Equal(staleEtag, second.ETag);
        var stored = await ReadAsync(storage);
        Assert.Equal(new ProbeState { Label = "v2", Count = 2 }, stored.State);
        Assert.Equal(first.ETag, stored.ETag);
    }

    [Fact]
    public async Task Of_concurrent_first_inserts_from_two_storages_on_one_file_exactly_one_wins()
    {
        SqliteGrainStorage[] silos = [OpenStorage(), OpenStorage()];
        var writers = Enumerable.Range(0, 8)
            .Select(i => new GrainState<ProbeState>(new ProbeState { Label = $"writer {i}", Count = i }))
            .ToArray();

        var outcomes = await Task.WhenAll(writers.Select((writer, i) => Task.Run(async () =>
        {
            try
            {
                await silos[i % silos.Length].WriteStateAsync(StateName, Grain, writer);
                return null;
            }
            catch (InconsistentStateException conflict)
            {
                return conflict;
            }
        })));

        var winner = Assert.Single(writers, writer => writer.RecordExists);
        var conflicts = outcomes.OfType<InconsistentStateException>().ToArray();
        Assert.Equal(7, conflicts.Length);
        Assert.All(conflicts, conflict => Assert.Equal(winner.ETag, conflict.StoredEtag));
        Assert.All(conflicts, conflict => Assert.Null(conflict.CurrentEtag));
        var stored = await ReadAsync(silos[0]);
        Assert.Equal(winner.State, stored.State);
        Assert.Equal(winner.ETag, stored.ETag);
    }

    [Fact]
    public async Task Clearing_removes_the_record_and_a_later_read_finds_none()
    {
        var storage = OpenStorage();
        var state = new GrainState<ProbeState>(new ProbeState { Label = "doomed", Count = 4 });
        await storage.WriteStateAsync(StateName, Grain, state);

        await storage.ClearStateAsync(StateName, Grain, state);
        var read = await ReadAsync(storage);

        Assert.Equal(new ProbeState(), state.State);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
        Assert.Equal(new ProbeState(), read.State);
        Assert.Null(read.ETag);
        Assert.False(read.RecordExists);
        Assert.Equal(0L, await CountRowsAsync(storage));
    }

    [Fact]
    public async Task A_clear_with_a_stale_etag_is_rejected_and_keeps_the_record()
    {
        var storage = OpenStorage();
        var current = new GrainState<ProbeState>(new ProbeState { Label = "v1", Count = 1 });
        await storage.WriteStateAsync(StateName, Grain, current);
        var stale = await ReadAsync(storage);
        current.State = new ProbeState { Label = "v2", Count = 2 };
        await storage.WriteStateAsync(StateName, Grain, current);
        var staleEtag = stale.ETag;

        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, Grain, stale));

        Assert.Equal(current.ETag, conflict.StoredEtag);
        Assert.Equal(staleEtag, conflict.CurrentEtag);
        var stored = await ReadAsync(storage);
        Assert.Equal(new ProbeState { Label = "v2", Count = 2 }, stored.State);
        Assert.Equal(current.ETag, stored.ETag);
    }

    [Fact]
    public async Task A_writer_holding_an_etag_from_before_a_clear_and_rewrite_is_rejected()
    {
        var storage = OpenStorage();
        var owner = new GrainState<ProbeState>(new ProbeState { Label = "v1", Count = 1 });
        await storage.WriteStateAsync(StateName, Grain, owner);
        var stale = await ReadAsync(storage);
        await storage.ClearStateAsync(StateName, Grain, owner);
        owner.State = new ProbeState { Label = "reborn", Count = 1 };
        await storage.WriteStateAsync(StateName, Grain, owner);

        stale.State = new ProbeState { Label = "lost update", Count = 1 };
        var conflict = await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, Grain, stale));

        Assert.Equal(owner.ETag, conflict.StoredEtag);
        Assert.Equal(new ProbeState { Label = "reborn", Count = 1 }, (await ReadAsync(storage)).State);
    }

    [Fact]
    public async Task The_database_file_uses_write_ahead_logging()
    {
        var storage = OpenStorage();
        await storage.WriteStateAsync(StateName, Grain, new GrainState<ProbeState>(new ProbeState { Label = "any", Count = 1 }));

        await using var connection = await OpenInspectionConnectionAsync(storage);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task State_survives_disposing_and_reopening_the_storage_on_the_same_file()
    {
        var before = OpenStorage();
        var written = new GrainState<ProbeState>(new ProbeState { Label = "durable", Count = 7 });
        await before.WriteStateAsync(StateName, Grain, written);
        before.Dispose();

        var after = OpenStorage();
        var read = await ReadAsync(after);

        Assert.Equal(before.DatabasePath, after.DatabasePath);
        Assert.Equal(new ProbeState { Label = "durable", Count = 7 }, read.State);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public void The_silo_registration_provides_the_storage_by_name_and_as_the_default()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleans(silo => silo
            .UseLocalhostClustering()
            .AddSqliteGrainStorage("models", options => options.DataDirectory = DataDirectory)
            .AddSqliteGrainStorageAsDefault(options => options.DataDirectory = DataDirectory));
        using var host = builder.Build();

        var named = host.Services.GetRequiredKeyedService<IGrainStorage>("models");
        var byDefaultName = host.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);

        Assert.Equal(Path.Combine(DataDirectory, "modelops.db"), Assert.IsType<SqliteGrainStorage>(named).DatabasePath);
        Assert.NotSame(named, byDefaultName);
        Assert.Same(byDefaultName, host.Services.GetRequiredService<IGrainStorage>());
    }

    private SqliteGrainStorage OpenStorage()
    {
        var storage = new SqliteGrainStorage(
            "test",
            new SqliteGrainStorageOptions { DataDirectory = DataDirectory },
            new OrleansGrainStorageSerializer(_services.GetRequiredService<Serializer>()),
            _services.GetRequiredService<IActivatorProvider>());
        _storages.Add(storage);
        return storage;
    }

    private static async Task<GrainState<ProbeState>> ReadAsync(SqliteGrainStorage storage)
    {
        var state = new GrainState<ProbeState>();
        await storage.ReadStateAsync(StateName, Grain, state);
        return state;
    }

    private static async Task<long> CountRowsAsync(SqliteGrainStorage storage)
    {
        await using var connection = await OpenInspectionConnectionAsync(storage);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM grain_state";
        return (long)(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken))!;
    }

    // Unpooled, so the file is closed again before the test deletes its directory.
    private static async Task<SqliteConnection> OpenInspectionConnectionAsync(SqliteGrainStorage storage)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = storage.DatabasePath, Pooling = false }.ToString());
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        return connection;
    }
}

using Microsoft.Data.Sqlite;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using System.Threading.Channels;

namespace ModelOps.Grains.Storage;

/// <summary>
/// Grain state in one SQLite table, one row per grain and state name, guarded by an ETag. Every write stores a fresh
/// GUID as the ETag, so a writer holding the ETag of a row that was cleared and written again is still rejected.
/// </summary>
/// <remarks>
/// Each operation opens its own connection (Microsoft.Data.Sqlite pools them), so grains can call concurrently and
/// several storages — in one process or several — can share a file; WAL lets readers proceed while one writer writes.
/// </remarks>
public sealed class SqliteGrainStorage : IGrainStorage, IDisposable
{
    // Per connection. synchronous = NORMAL in WAL mode: a commit survives the process being killed (only an OS crash or
    // power loss can take the latest commits), without an fsync per commit.
    internal const string ConnectionSettingsSql = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL";

    private const string CreateSchemaSql = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS grain_state (
            grain_type TEXT NOT NULL,
            grain_id   TEXT NOT NULL,
            state_name TEXT NOT NULL,
            etag       TEXT NOT NULL,
            data       BLOB NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (grain_type, grain_id, state_name)
        ) WITHOUT ROWID;
        """;

    private const string KeyMatches = "grain_type = @grain_type AND grain_id = @grain_id AND state_name = @state_name";
    private const string UtcNow = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    private const string ReadSql = $"SELECT etag, data FROM grain_state WHERE {KeyMatches}";
    private const string ReadEtagSql = $"SELECT etag FROM grain_state WHERE {KeyMatches}";
    private const string InsertSql = $"""
        INSERT INTO grain_state (grain_type, grain_id, state_name, etag, data, updated_at)
        VALUES (@grain_type, @grain_id, @state_name, @new_etag, @data, {UtcNow})
        ON CONFLICT DO NOTHING
        """;
    private const string UpdateSql = $"UPDATE grain_state SET etag = @new_etag, data = @data, updated_at = {UtcNow} WHERE {KeyMatches} AND etag = @etag";
    private const string DeleteSql = $"DELETE FROM grain_state WHERE {KeyMatches} AND etag = @etag";

    private readonly string _name;
    private readonly string _connectionString;
    private readonly IGrainStorageSerializer _serializer;
    private readonly IActivatorProvider _activatorProvider;
    /// <summary>The most writes committed in one transaction.</summary>
    public const int MaxWritesPerCommit = 256;

    // SQLite takes one writer at a time; writers that collide wait in its busy handler, which sleeps a blocked thread in
    // growing steps. This process's writes queue here instead, and one writer commits what has queued in one transaction
    // (group commit), so a burst (every model checkpointing at a stop) costs a few commits, not one per write.
    private readonly Channel<PendingWrite> _writes = Channel.CreateUnbounded<PendingWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lazy<Task> _writer;
    private volatile bool _schemaCreated;

    public SqliteGrainStorage(string name, SqliteGrainStorageOptions options, IGrainStorageSerializer serializer, IActivatorProvider activatorProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DataDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.FileName);
        _name = name;
        var directory = OwnerOnly.CreateDirectory(options.DataDirectory);
        DatabasePath = Path.Combine(directory.FullName, options.FileName);
        OwnerOnly.CreateFile(DatabasePath);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
        }.ToString();
        _serializer = serializer;
        _activatorProvider = activatorProvider;
        _writer = new Lazy<Task>(() => Task.Run(WriteLoopAsync));
    }

    /// <summary>Full path of the database file.</summary>
    public string DatabasePath { get; }

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await OpenAsync();
        await using var command = CreateCommand(connection, ReadSql, stateName, grainId);
        await using var reader = await command.ExecuteReaderAsync();
        if (await reader.ReadAsync())
        {
            grainState.State = _serializer.Deserialize<T>(new BinaryData(reader.GetFieldValue<byte[]>(1)));
            grainState.ETag = reader.GetString(0);
            grainState.RecordExists = true;
        }
        else
        {
            ResetToDefault(grainState);
        }
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var write = new PendingWrite(stateName, grainId, grainState.ETag, Guid.NewGuid().ToString("N"), _serializer.Serialize(grainState.State).ToArray());
        _ = _writer.Value;
        if (!_writes.Writer.TryWrite(write))
        {
            throw new ObjectDisposedException(nameof(SqliteGrainStorage), $"Storage '{_name}' is closed.");
        }
        await write.Done.Task;
        grainState.ETag = write.NewEtag;
        grainState.RecordExists = true;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<PendingWrite>(MaxWritesPerCommit);
        while (await _writes.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxWritesPerCommit && _writes.Reader.TryRead(out var write))
            {
                batch.Add(write);
            }
            var conflicts = new Exception?[batch.Count];
            try
            {
                await using var connection = await OpenAsync();
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
                for (var i = 0; i < batch.Count; i++)
                {
                    conflicts[i] = await TryWriteAsync(connection, transaction, batch[i]);
                }
                await transaction.CommitAsync();
                for (var i = 0; i < batch.Count; i++)
                {
                    if (conflicts[i] is { } conflict)
                    {
                        batch[i].Done.TrySetException(conflict);
                    }
                    else
                    {
                        batch[i].Done.TrySetResult();
                    }
                }
            }
            catch (Exception ex)
            {
                batch.ForEach(write => write.Done.TrySetException(ex));
            }
            batch.Clear();
        }
    }

    /// <summary>Writes one state in the batch's transaction; the conflict when its ETag is stale (nothing written), else null.</summary>
    private async Task<Exception?> TryWriteAsync(SqliteConnection connection, SqliteTransaction transaction, PendingWrite write)
    {
        await using var command = CreateCommand(connection, write.Etag is null ? InsertSql : UpdateSql, write.StateName, write.GrainId);
        command.Transaction = transaction;
        command.Parameters.AddWithValue("@new_etag", write.NewEtag);
        command.Parameters.AddWithValue("@data", write.Data);
        if (write.Etag is not null)
        {
            command.Parameters.AddWithValue("@etag", write.Etag);
        }
        if (await command.ExecuteNonQueryAsync() > 0)
        {
            return null;
        }
        await using var read = CreateCommand(connection, ReadEtagSql, write.StateName, write.GrainId);
        read.Transaction = transaction;
        return Conflict("write", write.StateName, write.GrainId, await read.ExecuteScalarAsync() as string, write.Etag);
    }

    private sealed record PendingWrite(string StateName, GrainId GrainId, string? Etag, string NewEtag, byte[] Data)
    {
        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await using var connection = await OpenAsync();
        await using var command = CreateCommand(connection, DeleteSql, stateName, grainId);
        command.Parameters.AddWithValue("@etag", (object?)grainState.ETag ?? DBNull.Value);
        if (await command.ExecuteNonQueryAsync() == 0)
        {
            var storedEtag = await ReadEtagAsync(connection, stateName, grainId);
            // A grain that never saw a record may clear nothing; any other miss means another writer got there first.
            if (storedEtag is not null || grainState.ETag is not null)
            {
                throw Conflict("clear", stateName, grainId, storedEtag, grainState.ETag);
            }
        }
        ResetToDefault(grainState);
    }

    /// <summary>Closes the pooled connections to the file, so it can be deleted or reopened by a new storage.</summary>
    public void Dispose()
    {
        _writes.Writer.TryComplete();
        if (_writer.IsValueCreated)
        {
            _writer.Value.GetAwaiter().GetResult();
        }
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync();
            await ExecuteAsync(connection, ConnectionSettingsSql);
            if (!_schemaCreated)
            {
                // Idempotent, so concurrent first operations may all run it.
                await ExecuteAsync(connection, CreateSchemaSql);
                _schemaCreated = true;
            }
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static SqliteCommand CreateCommand(SqliteConnection connection, string sql, string stateName, GrainId grainId)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("@grain_type", grainId.Type.ToString());
        command.Parameters.AddWithValue("@grain_id", grainId.Key.ToString());
        command.Parameters.AddWithValue("@state_name", stateName);
        return command;
    }

    private static async Task<string?> ReadEtagAsync(SqliteConnection connection, string stateName, GrainId grainId)
    {
        await using var command = CreateCommand(connection, ReadEtagSql, stateName, grainId);
        return await command.ExecuteScalarAsync() as string;
    }

    private void ResetToDefault<T>(IGrainState<T> grainState)
    {
        grainState.State = _activatorProvider.GetActivator<T>().Create();
        grainState.ETag = null;
        grainState.RecordExists = false;
    }

    private InconsistentStateException Conflict(string operation, string stateName, GrainId grainId, string? storedEtag, string? currentEtag) =>
        new($"SQLite grain storage '{_name}' rejected the {operation} of state '{stateName}' of {grainId}: " +
            $"stored ETag {storedEtag ?? "(none)"}, grain ETag {currentEtag ?? "(none)"}.",
            storedEtag, currentEtag);
}

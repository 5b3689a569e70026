using Microsoft.Data.Sqlite;

namespace ModelOps.Grains.Storage;

/// <summary>
/// Orleans reminders in a table of the embedded mode's SQLite file, so a reminder survives a restart as grain state does:
/// a model whose outbox was not empty when the process stopped is woken by its reminder at the next start. One row per
/// grain and reminder name, guarded by an ETag that every write renews.
/// </summary>
public sealed class SqliteReminderTable(SqliteGrainStorageOptions options) : IReminderTable
{
    private const string CreateSchemaSql = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS reminders (
            grain_id      TEXT    NOT NULL,
            reminder_name TEXT    NOT NULL,
            grain_hash    INTEGER NOT NULL,
            start_at      INTEGER NOT NULL,
            period        INTEGER NOT NULL,
            etag          TEXT    NOT NULL,
            PRIMARY KEY (grain_id, reminder_name)
        ) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS reminders_by_hash ON reminders (grain_hash);
        """;

    private const string Columns = "grain_id, reminder_name, start_at, period, etag";

    private readonly string connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = OwnerOnlyFile(options),
        Mode = SqliteOpenMode.ReadWriteCreate,
    }.ToString();

    private static string OwnerOnlyFile(SqliteGrainStorageOptions options)
    {
        var path = Path.Combine(OwnerOnly.CreateDirectory(options.DataDirectory).FullName, options.FileName);
        OwnerOnly.CreateFile(path);
        return path;
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, CreateSchemaSql);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ReminderTableData> ReadRows(GrainId grainId)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, $"SELECT {Columns} FROM reminders WHERE grain_id = @grain_id");
        command.Parameters.AddWithValue("@grain_id", grainId.ToString());
        return new ReminderTableData(await ReadAsync(command));
    }

    /// <summary>The reminders of the grains whose hash is in the ring range (begin, end]; the whole ring when begin equals end.</summary>
    public async Task<ReminderTableData> ReadRows(uint begin, uint end)
    {
        var where = begin == end ? "1 = 1" : begin < end ? "grain_hash > @begin AND grain_hash <= @end" : "grain_hash > @begin OR grain_hash <= @end";
        await using var connection = await OpenAsync();
        await using var command = Command(connection, $"SELECT {Columns} FROM reminders WHERE {where}");
        command.Parameters.AddWithValue("@begin", (long)begin);
        command.Parameters.AddWithValue("@end", (long)end);
        return new ReminderTableData(await ReadAsync(command));
    }

    public async Task<ReminderEntry?> ReadRow(GrainId grainId, string reminderName)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, $"SELECT {Columns} FROM reminders WHERE grain_id = @grain_id AND reminder_name = @name");
        command.Parameters.AddWithValue("@grain_id", grainId.ToString());
        command.Parameters.AddWithValue("@name", reminderName);
        return (await ReadAsync(command)).SingleOrDefault();
    }

    public async Task<string?> UpsertRow(ReminderEntry entry)
    {
        var etag = Guid.NewGuid().ToString("N");
        await using var connection = await OpenAsync();
        await using var command = Command(connection, """
            INSERT INTO reminders (grain_id, reminder_name, grain_hash, start_at, period, etag)
            VALUES (@grain_id, @name, @hash, @start_at, @period, @etag)
            ON CONFLICT (grain_id, reminder_name) DO UPDATE SET start_at = excluded.start_at, period = excluded.period, etag = excluded.etag
            """);
        command.Parameters.AddWithValue("@grain_id", entry.GrainId.ToString());
        command.Parameters.AddWithValue("@name", entry.ReminderName);
        command.Parameters.AddWithValue("@hash", (long)entry.GrainId.GetUniformHashCode());
        command.Parameters.AddWithValue("@start_at", DateTime.SpecifyKind(entry.StartAt, DateTimeKind.Utc).Ticks);
        command.Parameters.AddWithValue("@period", entry.Period.Ticks);
        command.Parameters.AddWithValue("@etag", etag);
        await command.ExecuteNonQueryAsync();
        return etag;
    }

    public async Task<bool> RemoveRow(GrainId grainId, string reminderName, string eTag)
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, "DELETE FROM reminders WHERE grain_id = @grain_id AND reminder_name = @name AND etag = @etag");
        command.Parameters.AddWithValue("@grain_id", grainId.ToString());
        command.Parameters.AddWithValue("@name", reminderName);
        command.Parameters.AddWithValue("@etag", eTag);
        return await command.ExecuteNonQueryAsync() > 0;
    }

    public async Task TestOnlyClearTable()
    {
        await using var connection = await OpenAsync();
        await using var command = Command(connection, "DELETE FROM reminders");
        await command.ExecuteNonQueryAsync();
    }

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync();
            await using var settings = Command(connection, SqliteGrainStorage.ConnectionSettingsSql);
            await settings.ExecuteNonQueryAsync();
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static async Task<List<ReminderEntry>> ReadAsync(SqliteCommand command)
    {
        var entries = new List<ReminderEntry>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            entries.Add(new ReminderEntry
            {
                GrainId = GrainId.Parse(reader.GetString(0)),
                ReminderName = reader.GetString(1),
                StartAt = new DateTime(reader.GetInt64(2), DateTimeKind.Utc),
                Period = TimeSpan.FromTicks(reader.GetInt64(3)),
                ETag = reader.GetString(4),
            });
        }
        return entries;
    }
}

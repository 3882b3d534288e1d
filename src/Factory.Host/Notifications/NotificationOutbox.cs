using System.Text.Json;
using Factory.Domain.Notifications;
using Microsoft.Data.Sqlite;

namespace Factory.Host.Notifications;

/// <summary>
/// The notifications' own SQLite file beside the audit trail (<c>notifications.db</c>): the messages waiting to be
/// sent, the dead letters, and the open escalations. Every change commits (<c>synchronous=FULL</c>) before it returns,
/// so a message planned for an event is sent after a restart even if the host stopped before handing it over (at least
/// once: one handed over just before a crash goes again). A message handed over is removed; dead letters stay until retried.
/// </summary>
public sealed class NotificationOutbox : IDisposable
{
    private const string Pending = "pending";
    private const string Dead = "dead";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _connectionString;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _schemaReady;

    public NotificationOutbox(string databasePath)
    {
        var path = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true }.ToString();
    }

    /// <summary>
    /// Starts a rule's escalation for an event with the messages due at once; false (nothing stored) when the event
    /// was already planned for the rule. Messages beyond <paramref name="queueLimit"/> waiting are not stored: their count is returned.
    /// </summary>
    public Task<(bool Opened, int Refused)> OpenAsync(NotificationEvent e, string rule, IReadOnlyList<NotificationMessage> messages, int nextLevel, int queueLimit, DateTimeOffset now) =>
        WriteAsync(async (connection, transaction) =>
        {
            var insert = Command(connection, transaction, """
                INSERT OR IGNORE INTO escalations (event_key, rule, subject, event_json, next_level, open) VALUES ($key, $rule, $subject, $event, $next, 1)
                """);
            insert.Parameters.AddWithValue("$key", e.Key);
            insert.Parameters.AddWithValue("$rule", rule);
            insert.Parameters.AddWithValue("$subject", e.SubjectId);
            insert.Parameters.AddWithValue("$event", JsonSerializer.Serialize(e, Json));
            insert.Parameters.AddWithValue("$next", nextLevel);
            if (await insert.ExecuteNonQueryAsync() == 0)
            {
                return (false, 0);
            }

            return (true, await EnqueueAsync(connection, transaction, messages, queueLimit, now));
        });

    /// <summary>Records how far an escalation went, with the messages it sends now; closes it when no level is left.</summary>
    public Task<int> AdvanceAsync(OpenEscalation escalation, IReadOnlyList<NotificationMessage> messages, int nextLevel, bool done, int queueLimit, DateTimeOffset now) =>
        WriteAsync(async (connection, transaction) =>
        {
            var update = Command(connection, transaction, "UPDATE escalations SET next_level = $next, open = $open WHERE event_key = $key AND rule = $rule AND open = 1");
            update.Parameters.AddWithValue("$next", nextLevel);
            update.Parameters.AddWithValue("$open", done ? 0 : 1);
            update.Parameters.AddWithValue("$key", escalation.Event.Key);
            update.Parameters.AddWithValue("$rule", escalation.Rule);
            // Closed meanwhile (acknowledged): nothing more goes out.
            return await update.ExecuteNonQueryAsync() == 0 ? 0 : await EnqueueAsync(connection, transaction, messages, queueLimit, now);
        });

    /// <summary>Stops every open escalation about <paramref name="subjectId"/> (the alarm was acknowledged); how many it stopped.</summary>
    public Task<int> CloseAsync(string subjectId) =>
        WriteAsync(async (connection, transaction) =>
        {
            var update = Command(connection, transaction, "UPDATE escalations SET open = 0 WHERE subject = $subject AND open = 1");
            update.Parameters.AddWithValue("$subject", subjectId);
            return await update.ExecuteNonQueryAsync();
        });

    /// <summary>Every open escalation.</summary>
    public async Task<IReadOnlyList<OpenEscalation>> OpenEscalationsAsync()
    {
        await using var connection = await ConnectAsync();
        var command = Command(connection, null, "SELECT event_json, rule, next_level FROM escalations WHERE open = 1 ORDER BY rowid LIMIT 10000");
        var result = new List<OpenEscalation>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(new OpenEscalation(JsonSerializer.Deserialize<NotificationEvent>(reader.GetString(0), Json)!, reader.GetString(1), reader.GetInt32(2)));
        }

        return result;
    }

    /// <summary>The waiting messages due at <paramref name="now"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<OutboxMessage>> DueAsync(DateTimeOffset now, int limit) =>
        ReadMessagesAsync("state = 'pending' AND next_at <= $now ORDER BY next_at, id", now, limit);

    /// <summary>The dead letters, newest first, at most <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<OutboxMessage>> DeadLettersAsync(int limit) =>
        ReadMessagesAsync("state = 'dead' ORDER BY id DESC", null, limit);

    /// <summary>When the earliest waiting message is due, or null when none waits.</summary>
    public async Task<DateTimeOffset?> NextDueAsync()
    {
        await using var connection = await ConnectAsync();
        var value = await Command(connection, null, "SELECT MIN(next_at) FROM outbox WHERE state = 'pending'").ExecuteScalarAsync();
        return value is long ticks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
    }

    /// <summary>Removes a message that was handed over: the audit trail keeps the record of it, so the outbox stays small.</summary>
    public Task SentAsync(long id) =>
        WriteAsync(async (connection, transaction) =>
        {
            var delete = Command(connection, transaction, "DELETE FROM outbox WHERE id = $id");
            delete.Parameters.AddWithValue("$id", id);
            return await delete.ExecuteNonQueryAsync();
        });

    /// <summary>Records a failed attempt: tried again at <paramref name="retryAt"/>, or a dead letter when null.</summary>
    public Task FailedAsync(long id, string error, DateTimeOffset? retryAt) =>
        SetStateAsync(id, retryAt is null ? Dead : Pending, error, retryAt);

    /// <summary>Puts a dead letter back in the queue with fresh attempts; false when there is no such dead letter.</summary>
    public Task<bool> RetryAsync(long id, DateTimeOffset now) =>
        WriteAsync(async (connection, transaction) =>
        {
            var update = Command(connection, transaction, "UPDATE outbox SET state = 'pending', attempts = 0, next_at = $now WHERE id = $id AND state = 'dead'");
            update.Parameters.AddWithValue("$id", id);
            update.Parameters.AddWithValue("$now", now.UtcTicks);
            return await update.ExecuteNonQueryAsync() == 1;
        });

    private Task SetStateAsync(long id, string state, string error, DateTimeOffset? nextAt) =>
        WriteAsync(async (connection, transaction) =>
        {
            var update = Command(connection, transaction, """
                UPDATE outbox SET state = $state, last_error = $error, next_at = COALESCE($next, next_at), attempts = attempts + 1 WHERE id = $id
                """);
            update.Parameters.AddWithValue("$state", state);
            update.Parameters.AddWithValue("$error", error);
            update.Parameters.AddWithValue("$next", (object?)nextAt?.UtcTicks ?? DBNull.Value);
            update.Parameters.AddWithValue("$id", id);
            return await update.ExecuteNonQueryAsync();
        });

    private static async Task<int> EnqueueAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<NotificationMessage> messages, int queueLimit, DateTimeOffset now)
    {
        var waiting = (long)(await Command(connection, transaction, "SELECT COUNT(*) FROM outbox WHERE state = 'pending'").ExecuteScalarAsync())!;
        var room = (int)Math.Clamp(queueLimit - waiting, 0, messages.Count);
        foreach (var m in messages.Take(room))
        {
            var insert = Command(connection, transaction, """
                INSERT INTO outbox (event_key, rule, level, channel, address, subject, body, attempts, next_at, state)
                VALUES ($key, $rule, $level, $channel, $address, $subject, $body, 0, $now, 'pending')
                """);
            insert.Parameters.AddWithValue("$key", m.EventKey);
            insert.Parameters.AddWithValue("$rule", m.Rule);
            insert.Parameters.AddWithValue("$level", m.Level);
            insert.Parameters.AddWithValue("$channel", (int)m.To.Channel);
            insert.Parameters.AddWithValue("$address", m.To.Address);
            insert.Parameters.AddWithValue("$subject", m.Subject);
            insert.Parameters.AddWithValue("$body", m.Body);
            insert.Parameters.AddWithValue("$now", now.UtcTicks);
            await insert.ExecuteNonQueryAsync();
        }

        return messages.Count - room;
    }

    private async Task<IReadOnlyList<OutboxMessage>> ReadMessagesAsync(string where, DateTimeOffset? now, int limit)
    {
        await using var connection = await ConnectAsync();
        var command = Command(connection, null, $"""
            SELECT id, event_key, rule, level, channel, address, subject, body, attempts, next_at, last_error FROM outbox WHERE {where} LIMIT $limit
            """);
        command.Parameters.AddWithValue("$now", (object?)now?.UtcTicks ?? DBNull.Value);
        command.Parameters.AddWithValue("$limit", Math.Clamp(limit, 1, 10_000));
        var result = new List<OutboxMessage>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var message = new NotificationMessage(reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                new NotificationRecipient((NotificationChannel)reader.GetInt32(4), reader.GetString(5)), reader.GetString(6), reader.GetString(7));
            result.Add(new OutboxMessage(reader.GetInt64(0), message, reader.GetInt32(8), new DateTimeOffset(reader.GetInt64(9), TimeSpan.Zero),
                reader.IsDBNull(10) ? null : reader.GetString(10)));
        }

        return result;
    }

    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, Task<T>> write)
    {
        await _gate.WaitAsync();
        try
        {
            await using var connection = await ConnectAsync();
            await using var transaction = connection.BeginTransaction();
            var result = await write(connection, transaction);
            await transaction.CommitAsync();
            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private async Task<SqliteConnection> ConnectAsync()
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;";
            await pragma.ExecuteNonQueryAsync();
        }

        if (!_schemaReady)
        {
            await using var schema = connection.CreateCommand();
            schema.CommandText = """
                CREATE TABLE IF NOT EXISTS escalations (
                  event_key TEXT NOT NULL, rule TEXT NOT NULL, subject TEXT NOT NULL, event_json TEXT NOT NULL,
                  next_level INTEGER NOT NULL, open INTEGER NOT NULL, PRIMARY KEY (event_key, rule));
                CREATE INDEX IF NOT EXISTS escalations_subject ON escalations (subject) WHERE open = 1;
                CREATE TABLE IF NOT EXISTS outbox (
                  id INTEGER PRIMARY KEY AUTOINCREMENT, event_key TEXT NOT NULL, rule TEXT NOT NULL, level INTEGER NOT NULL,
                  channel INTEGER NOT NULL, address TEXT NOT NULL, subject TEXT NOT NULL, body TEXT NOT NULL,
                  attempts INTEGER NOT NULL, next_at INTEGER NOT NULL, state TEXT NOT NULL, last_error TEXT);
                CREATE INDEX IF NOT EXISTS outbox_due ON outbox (state, next_at);
                """;
            await schema.ExecuteNonQueryAsync();
            _schemaReady = true;
        }

        return connection;
    }

    public void Dispose() => _gate.Dispose();
}

using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Factory.Grains.Storage;

/// <summary>
/// Group commit for the SQLite grain storage (#20): one writer thread takes every state change waiting and commits them in
/// one transaction, so a thousand machines' writes cost one fsync per batch instead of one each, and no Orleans scheduler
/// thread blocks in SQLite (Microsoft.Data.Sqlite runs its "async" calls synchronously). A write is acknowledged only
/// after its batch committed with <c>synchronous=FULL</c>, as before. The queue is bounded: past it, writers wait.
/// </summary>
internal sealed class StateCommitQueue : IDisposable
{
    /// <summary>The most changes committed in one transaction (each is a grain's whole state, up to a few hundred KiB).</summary>
    private const int MaxBatch = 256;

    /// <summary>Changes waiting; a full queue makes the next writer wait (back-pressure instead of unbounded memory).</summary>
    private const int Capacity = 4096;

    private readonly Channel<StateChange> _pending = Channel.CreateBounded<StateChange>(new BoundedChannelOptions(Capacity)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Func<SqliteConnection> _open;
    private readonly Lazy<Thread> _writer;

    /// <param name="open">Opens the writer's connection (schema created, pragmas set); called again after a failed batch.</param>
    public StateCommitQueue(Func<SqliteConnection> open)
    {
        _open = open;
        _writer = new Lazy<Thread>(() =>
        {
            // A background thread: a storage nobody disposed (a test's) does not keep the process alive.
            var thread = new Thread(WriteLoop) { IsBackground = true, Name = "grain-state-writer" };
            thread.Start();
            return thread;
        });
    }

    /// <summary>Queues <paramref name="change"/> and answers the rows it changed once its batch has committed.</summary>
    public async Task<int> CommitAsync(StateChange change)
    {
        _ = _writer.Value;
        await _pending.Writer.WriteAsync(change);
        return await change.Done.Task;
    }

    /// <summary>Commits what is queued, then stops the writer.</summary>
    public void Dispose()
    {
        _pending.Writer.TryComplete();
        if (_writer.IsValueCreated)
        {
            _writer.Value.Join(TimeSpan.FromSeconds(30));
        }
    }

    private void WriteLoop()
    {
        var batch = new List<StateChange>(MaxBatch);
        var rows = new int[MaxBatch];
        SqliteConnection? connection = null;
        try
        {
            while (_pending.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                batch.Clear();
                while (batch.Count < MaxBatch && _pending.Reader.TryRead(out var change))
                {
                    batch.Add(change);
                }

                try
                {
                    connection ??= _open();
                    using (var transaction = connection.BeginTransaction())
                    {
                        for (var i = 0; i < batch.Count; i++)
                        {
                            using var command = connection.CreateCommand();
                            command.Transaction = transaction;
                            command.CommandText = batch[i].Sql;
                            foreach (var (name, value) in batch[i].Parameters)
                            {
                                command.Parameters.AddWithValue(name, value);
                            }

                            rows[i] = command.ExecuteNonQuery();
                        }

                        transaction.Commit();
                    }

                    for (var i = 0; i < batch.Count; i++)
                    {
                        batch[i].Done.TrySetResult(rows[i]);
                    }
                }
                catch (Exception e)
                {
                    // Nothing of the batch committed (the transaction rolled back): every writer in it is told, and the
                    // connection is opened afresh for the next batch.
                    foreach (var change in batch)
                    {
                        change.Done.TrySetException(e);
                    }

                    connection?.Dispose();
                    connection = null;
                }
            }
        }
        finally
        {
            connection?.Dispose();
        }
    }
}

using System.Threading.Channels;
using Factory.Domain.History;
using Microsoft.Extensions.Logging;

namespace Factory.Grains.History;

/// <summary>
/// Group commit in front of the historian: grains hand it their batches and get a task that completes once the
/// rows are durable; one loop writes everything queued meanwhile as one transaction. A grain does its live work
/// (state, feed) first and awaits the commit last, so the screens never wait for the disk, while the caller's call
/// (the connector's acknowledgement) only returns once its samples are stored. The queue is bounded: when the store
/// falls behind, appends wait rather than drop. Disposing it drains the queue before it returns.
/// </summary>
public sealed partial class HistoryWriter : IAsyncDisposable
{
    private readonly IHistorian _historian;
    private readonly ILogger<HistoryWriter> _logger;
    private readonly int _maxRowsPerCommit;
    private readonly Channel<Pending> _queue;
    private readonly Task _loop;
    private long _committedRows;
    private long _commits;

    /// <param name="maxRowsPerCommit">A commit closes once it holds this many rows (bounded transactions).</param>
    /// <param name="capacity">Batches queued at most before appends wait.</param>
    public HistoryWriter(IHistorian historian, ILogger<HistoryWriter> logger, int maxRowsPerCommit = 50_000, int capacity = 20_000)
    {
        _historian = historian;
        _logger = logger;
        _maxRowsPerCommit = maxRowsPerCommit;
        _queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _loop = Task.Run(WriteLoopAsync);
    }

    /// <summary>The store behind the writer (queries go to it directly).</summary>
    public IHistorian Historian => _historian;

    /// <summary>Rows committed since start.</summary>
    public long CommittedRows => Interlocked.Read(ref _committedRows);

    /// <summary>Transactions committed since start (rows per commit shows how well batches coalesce).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>
    /// Queues a batch (waiting only when the queue is full); the returned task completes when the batch is durable,
    /// or fails with the store's error.
    /// </summary>
    public async ValueTask<Task> EnqueueAsync(HistoryBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.IsEmpty)
        {
            return Task.CompletedTask;
        }

        var pending = new Pending(batch, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await _queue.Writer.WriteAsync(pending, cancellationToken);
        return pending.Done.Task;
    }

    /// <summary>Queues a batch and waits until it is durable.</summary>
    public async Task AppendAsync(HistoryBatch batch, CancellationToken cancellationToken = default) =>
        await await EnqueueAsync(batch, cancellationToken);

    private async Task WriteLoopAsync()
    {
        var group = new List<Pending>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            var rows = 0;
            while (rows < _maxRowsPerCommit && _queue.Reader.TryRead(out var next))
            {
                group.Add(next);
                rows += next.Batch.RowCount;
            }

            try
            {
                await _historian.AppendAsync(HistoryBatch.Combine([.. group.Select(p => p.Batch)]));
                Interlocked.Add(ref _committedRows, rows);
                Interlocked.Increment(ref _commits);
                foreach (var pending in group)
                {
                    pending.Done.TrySetResult();
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The group's transaction rolled back: each batch is tried on its own, so one bad batch does not fail
                // the others, and each caller learns whether its own batch was stored (nothing acknowledged unwritten).
                LogAppendFailed(_logger, e, group.Count, rows);
                foreach (var pending in group)
                {
                    try
                    {
                        await _historian.AppendAsync(pending.Batch);
                        Interlocked.Add(ref _committedRows, pending.Batch.RowCount);
                        Interlocked.Increment(ref _commits);
                        pending.Done.TrySetResult();
                    }
                    catch (Exception single) when (single is not OutOfMemoryException)
                    {
                        pending.Done.TrySetException(single);
                    }
                }
            }

            group.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "the historian could not store {Batches} batches ({Rows} rows)")]
    private static partial void LogAppendFailed(ILogger logger, Exception error, int batches, int rows);

    private sealed record Pending(HistoryBatch Batch, TaskCompletionSource Done);
}

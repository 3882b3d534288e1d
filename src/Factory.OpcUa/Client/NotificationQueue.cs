using System.Threading.Channels;

namespace Factory.OpcUa.Client;

/// <summary>
/// The queue behind <see cref="Subscription.Values"/>: a <see cref="ChannelReader{T}"/> whose writer adds all values
/// of one notification message under one lock and wakes the reader once, instead of once per value (a plain channel
/// ping-pongs between writer and reader at high rates). Single writer, any number of readers.
/// </summary>
internal sealed class NotificationQueue<T> : ChannelReader<T>
{
    private readonly Queue<T> _items = new();
    private readonly int _capacity;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<bool>? _readWaiter;
    private TaskCompletionSource? _spaceWaiter;
    private bool _completed;
    private Exception? _error;

    public NotificationQueue(int capacity)
    {
        _capacity = capacity;
    }

    public override Task Completion => _completion.Task;

    public override bool CanCount => true;

    public override int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Adds values in order; waits while a bounded queue is full.</summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<T> values, CancellationToken cancellationToken)
    {
        var index = 0;
        while (index < values.Length)
        {
            TaskCompletionSource<bool>? wake;
            Task? space = null;
            lock (_items)
            {
                if (_completed)
                {
                    return;
                }

                var span = values.Span;
                while (index < span.Length && (_capacity <= 0 || _items.Count < _capacity))
                {
                    _items.Enqueue(span[index++]);
                }

                wake = _readWaiter;
                _readWaiter = null;
                if (index < values.Length)
                {
                    _spaceWaiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    space = _spaceWaiter.Task;
                }
            }

            wake?.TrySetResult(true);
            if (space is not null)
            {
                await space.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Complete(Exception? error)
    {
        TaskCompletionSource<bool>? wake;
        lock (_items)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _error = error;
            wake = _readWaiter;
            _readWaiter = null;
            if (_items.Count == 0)
            {
                Finish();
            }
        }

        wake?.TrySetResult(false);
        _spaceWaiter?.TrySetResult();
    }

    public override bool TryRead(out T item)
    {
        TaskCompletionSource? space = null;
        lock (_items)
        {
            if (!_items.TryDequeue(out item!))
            {
                return false;
            }

            if (_spaceWaiter is not null && _items.Count < _capacity)
            {
                space = _spaceWaiter;
                _spaceWaiter = null;
            }

            if (_completed && _items.Count == 0)
            {
                Finish();
            }
        }

        space?.TrySetResult();
        return true;
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        lock (_items)
        {
            if (_items.Count > 0)
            {
                return new ValueTask<bool>(true);
            }

            if (_completed)
            {
                return _error is null ? new ValueTask<bool>(false) : ValueTask.FromException<bool>(_error);
            }

            _readWaiter ??= new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            return new ValueTask<bool>(_readWaiter.Task.WaitAsync(cancellationToken));
        }
    }

    private void Finish()
    {
        if (_error is null)
        {
            _completion.TrySetResult();
        }
        else
        {
            _completion.TrySetException(_error);
        }
    }
}

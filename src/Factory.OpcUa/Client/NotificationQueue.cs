using System.Threading.Channels;

namespace Factory.OpcUa.Client;

/// <summary>
/// The queue behind <see cref="Subscription.Values"/>: a <see cref="ChannelReader{T}"/> whose writer adds all values
/// of one notification message under one lock and wakes the reader once, instead of once per value (a plain channel
/// ping-pongs between writer and reader at high rates). Single writer, any number of readers. The values sit in a
/// ring buffer that is filled with bulk copies (one pass of the GC write barrier per message, not one per value).
/// </summary>
internal sealed class NotificationQueue<T> : ChannelReader<T>
{
    private readonly object _lock = new();
    private readonly int _capacity;
    private T[] _ring = new T[16];
    private int _head;
    private int _count;
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
            lock (_lock)
            {
                return _count;
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
            lock (_lock)
            {
                if (_completed)
                {
                    return;
                }

                var take = values.Length - index;
                if (_capacity > 0)
                {
                    take = Math.Min(take, _capacity - _count);
                }

                if (take > 0)
                {
                    Append(values.Span.Slice(index, take));
                    index += take;
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
        lock (_lock)
        {
            if (_completed)
            {
                return;
            }

            _completed = true;
            _error = error;
            wake = _readWaiter;
            _readWaiter = null;
            if (_count == 0)
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
        lock (_lock)
        {
            if (_count == 0)
            {
                item = default!;
                return false;
            }

            item = _ring[_head];
            // Values may hold strings or arrays: a read slot must not keep them alive.
            _ring[_head] = default!;
            _head = _head + 1 == _ring.Length ? 0 : _head + 1;
            _count--;
            if (_spaceWaiter is not null && _count < _capacity)
            {
                space = _spaceWaiter;
                _spaceWaiter = null;
            }

            if (_completed && _count == 0)
            {
                Finish();
            }
        }

        space?.TrySetResult();
        return true;
    }

    public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (_count > 0)
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

    /// <summary>Copies values behind the last one, growing the ring (to a power of two) when needed; under the lock.</summary>
    private void Append(ReadOnlySpan<T> values)
    {
        if (_count + values.Length > _ring.Length)
        {
            var bigger = new T[(int)Math.Min(Array.MaxLength, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)(_count + values.Length)))];
            CopyOut(bigger);
            _ring = bigger;
            _head = 0;
        }

        var tail = (_head + _count) % _ring.Length;
        var first = Math.Min(values.Length, _ring.Length - tail);
        values[..first].CopyTo(_ring.AsSpan(tail));
        values[first..].CopyTo(_ring);
        _count += values.Length;
    }

    private void CopyOut(T[] target)
    {
        var first = Math.Min(_count, _ring.Length - _head);
        _ring.AsSpan(_head, first).CopyTo(target);
        _ring.AsSpan(0, _count - first).CopyTo(target.AsSpan(first));
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

using System.Collections.Concurrent;
using System.Threading.Channels;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Client;

/// <summary>
/// A subscription with its monitored items. Data changes arrive on <see cref="Values"/> in sequence-number order;
/// gaps are filled by Republish, and the subscription survives reconnects.
/// </summary>
public sealed class Subscription
{
    private readonly OpcUaClient _client;
    private readonly NotificationQueue<MonitoredItemValue> _values;
    private MonitoredItemValue[] _batch = [];
    private readonly ConcurrentDictionary<uint, MonitoredItem> _items = new();

    internal Subscription(OpcUaClient client, SubscriptionOptions options)
    {
        _client = client;
        Options = options;
        _values = new NotificationQueue<MonitoredItemValue>(options.ChannelCapacity);
    }

    /// <summary>The server's id (changes if the subscription had to be recreated after a reconnect).</summary>
    public uint Id { get; internal set; }

    public SubscriptionOptions Options { get; internal set; }

    public double RevisedPublishingInterval { get; internal set; }

    public uint RevisedMaxKeepAliveCount { get; internal set; }

    public uint RevisedLifetimeCount { get; internal set; }

    /// <summary>The data changes of all items, in order. Completes when the subscription is deleted or the client closes.</summary>
    public ChannelReader<MonitoredItemValue> Values => _values;

    public IReadOnlyCollection<MonitoredItem> Items => (IReadOnlyCollection<MonitoredItem>)_items.Values;

    /// <summary>The sequence number of the last notification message delivered.</summary>
    public uint LastSequenceNumber { get; internal set; }

    /// <summary>Notification messages recovered with Republish.</summary>
    public long RepublishedMessageCount { get; internal set; }

    /// <summary>Notification messages the server no longer held (BadMessageNotAvailable): data that was lost.</summary>
    public long LostMessageCount { get; internal set; }

    /// <summary>Messages that arrived ahead of a missing one (responses may overtake each other); delivered once the gap is filled.</summary>
    internal SortedDictionary<uint, NotificationMessage> Early { get; } = [];

    /// <summary>When the oldest unfilled gap was first seen (timestamp ticks), or 0.</summary>
    internal long GapSince { get; set; }

    /// <summary>Keep-alive messages received.</summary>
    public long KeepAliveCount { get; internal set; }

    /// <summary>Raised when the server reports a status change (e.g. BadTimeout: the subscription expired).</summary>
    public event EventHandler<StatusCode>? StatusChanged;

    /// <summary>All data changes as an async stream.</summary>
    public IAsyncEnumerable<MonitoredItemValue> ReadAllAsync(CancellationToken cancellationToken = default) => _values.ReadAllAsync(cancellationToken);

    /// <summary>Creates monitored items (split by the server's MaxMonitoredItemsPerCall); items the server refuses carry a Bad <see cref="MonitoredItem.Status"/>.</summary>
    public async Task<IReadOnlyList<MonitoredItem>> AddMonitoredItemsAsync(IEnumerable<MonitoredItemOptions> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var created = items.Select(o => new MonitoredItem(_client.NextClientHandle(), o)).ToList();
        await CreateOnServerAsync(created, recovering: false, cancellationToken).ConfigureAwait(false);
        return created;
    }

    /// <summary>Changes sampling interval, queue size or filter of items.</summary>
    public async Task ModifyMonitoredItemsAsync(IReadOnlyList<(MonitoredItem Item, MonitoredItemOptions Options)> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var batch in changes.Chunk(Math.Max(1, _client.Limits.MaxMonitoredItemsPerCall)))
        {
            var response = await _client.SendAsync<ModifyMonitoredItemsResponse>(
                new ModifyMonitoredItemsRequest
                {
                    SubscriptionId = Id,
                    TimestampsToReturn = TimestampsToReturn.Both,
                    ItemsToModify = batch.Select(c => new MonitoredItemModifyRequest { MonitoredItemId = c.Item.ServerId, RequestedParameters = Parameters(c.Item.ClientHandle, c.Options) }).ToArray(),
                },
                null,
                cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < batch.Length && i < response.Results.Length; i++)
            {
                var result = response.Results[i];
                batch[i].Item.Status = result.StatusCode;
                if (result.StatusCode.IsGood)
                {
                    batch[i].Item.Options = batch[i].Options;
                    batch[i].Item.RevisedSamplingInterval = result.RevisedSamplingInterval;
                    batch[i].Item.RevisedQueueSize = result.RevisedQueueSize;
                }
            }
        }
    }

    /// <summary>Deletes monitored items.</summary>
    public async Task RemoveMonitoredItemsAsync(IEnumerable<MonitoredItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        var list = items.ToList();
        foreach (var batch in list.Chunk(Math.Max(1, _client.Limits.MaxMonitoredItemsPerCall)))
        {
            await _client.SendAsync<DeleteMonitoredItemsResponse>(
                new DeleteMonitoredItemsRequest { SubscriptionId = Id, MonitoredItemIds = batch.Select(i => i.ServerId).ToArray() },
                null,
                cancellationToken).ConfigureAwait(false);
            foreach (var item in batch)
            {
                _items.TryRemove(item.ClientHandle, out _);
            }
        }
    }

    /// <summary>Changes the publishing interval and counts.</summary>
    public async Task ModifyAsync(SubscriptionOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var (keepAlive, lifetime) = _client.Counts(options);
        var response = await _client.SendAsync<ModifySubscriptionResponse>(
            new ModifySubscriptionRequest
            {
                SubscriptionId = Id,
                RequestedPublishingInterval = options.PublishingInterval,
                RequestedMaxKeepAliveCount = keepAlive,
                RequestedLifetimeCount = lifetime,
                MaxNotificationsPerPublish = options.MaxNotificationsPerPublish,
                Priority = options.Priority,
            },
            null,
            cancellationToken).ConfigureAwait(false);
        Options = options;
        RevisedPublishingInterval = response.RevisedPublishingInterval;
        RevisedMaxKeepAliveCount = response.RevisedMaxKeepAliveCount;
        RevisedLifetimeCount = response.RevisedLifetimeCount;
    }

    /// <summary>Deletes the subscription on the server and completes <see cref="Values"/>.</summary>
    public Task DeleteAsync(CancellationToken cancellationToken = default) => _client.DeleteSubscriptionAsync(this, cancellationToken);

    internal async Task CreateOnServerAsync(IReadOnlyList<MonitoredItem> items, bool recovering, CancellationToken cancellationToken)
    {
        foreach (var batch in items.Chunk(Math.Max(1, _client.Limits.MaxMonitoredItemsPerCall)))
        {
            var request = new CreateMonitoredItemsRequest
            {
                SubscriptionId = Id,
                TimestampsToReturn = TimestampsToReturn.Both,
                ItemsToCreate = batch.Select(i => new MonitoredItemCreateRequest
                {
                    ItemToMonitor = new ReadValueId { NodeId = i.NodeId, AttributeId = i.Options.AttributeId },
                    MonitoringMode = i.Options.MonitoringMode,
                    RequestedParameters = Parameters(i.ClientHandle, i.Options),
                }).ToArray(),
            };
            var response = await _client.SendAsync<CreateMonitoredItemsResponse>(request, null, cancellationToken, recovering).ConfigureAwait(false);
            for (var i = 0; i < batch.Length; i++)
            {
                var item = batch[i];
                var result = i < response.Results.Length ? response.Results[i] : new MonitoredItemCreateResult { StatusCode = StatusCodes.BadUnexpectedError };
                item.Status = result.StatusCode;
                item.ServerId = result.MonitoredItemId;
                item.RevisedSamplingInterval = result.RevisedSamplingInterval;
                item.RevisedQueueSize = result.RevisedQueueSize;
                _items[item.ClientHandle] = item;
            }
        }
    }

    internal IReadOnlyList<MonitoredItem> AllItems() => _items.Values.ToList();

    internal ValueTask DeliverAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        var count = 0;
        foreach (var data in message.NotificationData)
        {
            count += data.Body switch
            {
                DataChangeBatch batch => batch.Count,
                DataChangeNotification change => change.MonitoredItems.Length,
                _ => 0,
            };
        }

        if (_batch.Length < count)
        {
            _batch = new MonitoredItemValue[Math.Max(count, _batch.Length * 2)];
        }

        var n = 0;
        foreach (var data in message.NotificationData)
        {
            switch (data.Body)
            {
                case DataChangeBatch batch:
                {
                    var handles = batch.Handles;
                    var values = batch.Values;
                    for (var i = 0; i < handles.Length; i++)
                    {
                        _batch[n++] = new MonitoredItemValue(handles[i], NodeIdOf(handles[i]), values[i], message.SequenceNumber);
                    }

                    batch.Release();
                    break;
                }

                case DataChangeNotification change:
                    foreach (var item in change.MonitoredItems)
                    {
                        _batch[n++] = new MonitoredItemValue(item.ClientHandle, NodeIdOf(item.ClientHandle), item.Value, message.SequenceNumber);
                    }

                    break;
                case StatusChangeNotification status when StatusChanged is { } handler:
                    // Off the receive thread: a handler may call services and wait for their responses.
                    ThreadPool.QueueUserWorkItem(_ => handler(this, status.Status));
                    break;
            }
        }

        if (n == 0)
        {
            return ValueTask.CompletedTask;
        }

        var written = _values.WriteAsync(_batch.AsMemory(0, n), cancellationToken);
        return written.IsCompletedSuccessfully ? ClearAfter(n) : AwaitWrite(written, n);
    }

    private ValueTask ClearAfter(int n)
    {
        // Values may hold strings or arrays: the reusable batch must not keep them alive.
        _batch.AsSpan(0, n).Clear();
        return ValueTask.CompletedTask;
    }

    private async ValueTask AwaitWrite(ValueTask written, int n)
    {
        try
        {
            await written.ConfigureAwait(false);
        }
        finally
        {
            _batch.AsSpan(0, n).Clear();
        }
    }

    private NodeId NodeIdOf(uint clientHandle) => _items.TryGetValue(clientHandle, out var item) ? item.NodeId : NodeId.Null;

    internal void Complete(Exception? error) => _values.Complete(error);

    private static MonitoringParameters Parameters(uint clientHandle, MonitoredItemOptions options) => new()
    {
        ClientHandle = clientHandle,
        SamplingInterval = options.SamplingInterval,
        QueueSize = options.QueueSize,
        DiscardOldest = options.DiscardOldest,
        Filter = options.BuildFilter(),
    };
}

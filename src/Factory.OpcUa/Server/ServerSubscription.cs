using System.Collections.Concurrent;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Server;

/// <summary>
/// A subscription's state: its monitored items, the items with queued values, the sequence numbers and the
/// retransmission queue for Republish. The server's publishing logic drives it under the server's gate.
/// </summary>
internal sealed class ServerSubscription
{
    private readonly ConcurrentQueue<ServerMonitoredItem> _ready = new();
    private readonly LinkedList<NotificationMessage> _retransmission = new();
    private readonly int _retransmissionLimit;
    private uint _nextSequence = 1;

    public ServerSubscription(uint id, ServerSession session, int retransmissionLimit)
    {
        Id = id;
        Session = session;
        _retransmissionLimit = retransmissionLimit;
    }

    public uint Id { get; }

    /// <summary>The owning session; null after CloseSession kept the subscription for a transfer.</summary>
    public ServerSession? Session { get; set; }

    public TimeSpan PublishingInterval { get; set; }

    public uint LifetimeCount { get; set; }

    public uint MaxKeepAliveCount { get; set; }

    public uint MaxNotificationsPerPublish { get; set; }

    public bool PublishingEnabled { get; set; }

    public byte Priority { get; set; }

    public Dictionary<uint, ServerMonitoredItem> Items { get; } = [];

    public uint KeepAliveCounter { get; set; }

    public uint LifetimeCounter { get; set; }

    /// <summary>True once the first message (data or keep-alive) went out; the first keep-alive is due at once.</summary>
    public bool SentAnything { get; set; }

    /// <summary>A message is due but no Publish request was waiting.</summary>
    public bool Late { get; set; }

    public ITimer? Timer { get; set; }

    public bool HasNotifications => PublishingEnabled && !_ready.IsEmpty;

    /// <summary>The sequence number the next data message gets (and a keep-alive announces).</summary>
    public uint NextSequenceNumber => _nextSequence;

    public void Signal(ServerMonitoredItem item) => _ready.Enqueue(item);

    /// <summary>Builds the next data message (at most <paramref name="sizeLimit"/> notifications) and keeps it for Republish.</summary>
    public NotificationMessage BuildDataMessage(DateTime now, int sizeLimit, out bool more)
    {
        var max = MaxNotificationsPerPublish == 0 ? sizeLimit : (int)Math.Min(MaxNotificationsPerPublish, (uint)sizeLimit);
        var notifications = new List<MonitoredItemNotification>(Math.Min(max, 1024));
        while (notifications.Count < max && _ready.TryDequeue(out var item))
        {
            if (item.Subscription == this && Items.ContainsKey(item.Id))
            {
                item.Drain(notifications, max);
            }
        }

        more = !_ready.IsEmpty;
        var message = new NotificationMessage
        {
            SequenceNumber = _nextSequence,
            PublishTime = now,
            NotificationData = [new ExtensionObject(new DataChangeNotification { MonitoredItems = [.. notifications] })],
        };
        _nextSequence = _nextSequence == uint.MaxValue ? 1 : _nextSequence + 1;
        _retransmission.AddLast(message);
        while (_retransmission.Count > _retransmissionLimit)
        {
            _retransmission.RemoveFirst();
        }

        return message;
    }

    /// <summary>A message without notifications that tells the client the subscription is alive.</summary>
    public NotificationMessage KeepAlive(DateTime now) => new() { SequenceNumber = _nextSequence, PublishTime = now, NotificationData = [] };

    /// <summary>A status change (e.g. the subscription timed out or was transferred away).</summary>
    public NotificationMessage StatusChange(DateTime now, uint status)
    {
        var message = new NotificationMessage
        {
            SequenceNumber = _nextSequence,
            PublishTime = now,
            NotificationData = [new ExtensionObject(new StatusChangeNotification { Status = new StatusCode(status) })],
        };
        _nextSequence = _nextSequence == uint.MaxValue ? 1 : _nextSequence + 1;
        return message;
    }

    public uint[] AvailableSequenceNumbers() => [.. _retransmission.Select(m => m.SequenceNumber)];

    public bool Acknowledge(uint sequenceNumber)
    {
        for (var node = _retransmission.First; node is not null; node = node.Next)
        {
            if (node.Value.SequenceNumber == sequenceNumber)
            {
                _retransmission.Remove(node);
                return true;
            }
        }

        return false;
    }

    public NotificationMessage? Find(uint sequenceNumber) => _retransmission.FirstOrDefault(m => m.SequenceNumber == sequenceNumber);
}

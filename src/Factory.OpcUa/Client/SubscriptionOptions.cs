namespace Factory.OpcUa.Client;

/// <summary>Parameters of a subscription (Part 4 §5.13.2).</summary>
public sealed record SubscriptionOptions
{
    /// <summary>Milliseconds between publishes.</summary>
    public double PublishingInterval { get; init; } = 500;

    /// <summary>Publishing intervals without data before the server sends a keep-alive; 0 lets the client pick one that fits the dead-connection bound.</summary>
    public uint MaxKeepAliveCount { get; init; }

    /// <summary>Publishing intervals without a Publish request before the server drops the subscription; 0 picks 3 × keep-alive, at least a minute.</summary>
    public uint LifetimeCount { get; init; }

    /// <summary>At most this many notifications per Publish response (0 = server's choice).</summary>
    public uint MaxNotificationsPerPublish { get; init; }

    public byte Priority { get; init; }

    /// <summary>Capacity of the notification channel; 0 = unbounded (the publish pipeline waits when a bounded channel is full).</summary>
    public int ChannelCapacity { get; init; }
}

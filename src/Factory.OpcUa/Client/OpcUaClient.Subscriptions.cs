using System.Collections.Concurrent;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Client;

/// <summary>Subscriptions and the Publish pipeline: several Publish requests outstanding, acknowledgements, keep-alives, gap detection and Republish.</summary>
public sealed partial class OpcUaClient
{
    private const int MaxRepublishPerGap = 10_000;
    private static readonly TimeSpan s_gapGrace = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<uint, Subscription> _subscriptions = new();
    private readonly ConcurrentQueue<SubscriptionAcknowledgement> _acks = new();
    private readonly SemaphoreSlim _processing = new(1, 1);
    private int _outstandingPublishes;
    private int _publishTarget = -1;
    private uint _clientHandle;

    /// <summary>The live subscriptions.</summary>
    public IReadOnlyCollection<Subscription> Subscriptions => (IReadOnlyCollection<Subscription>)_subscriptions.Values;

    /// <summary>Creates a subscription; add monitored items with <see cref="Subscription.AddMonitoredItemsAsync"/>.</summary>
    public async Task<Subscription> CreateSubscriptionAsync(SubscriptionOptions? options = null, CancellationToken cancellationToken = default)
    {
        var subscription = new Subscription(this, options ?? new SubscriptionOptions());
        await CreateOnServerAsync(subscription, recovering: false, cancellationToken).ConfigureAwait(false);
        EnsurePublishing();
        return subscription;
    }

    internal uint NextClientHandle() => Interlocked.Increment(ref _clientHandle);

    /// <summary>Keep-alive count so a silent server is noticed within half the dead-connection bound; lifetime three times that, at least a minute.</summary>
    internal (uint KeepAlive, uint Lifetime) Counts(SubscriptionOptions options)
    {
        var interval = Math.Max(1, options.PublishingInterval);
        var keepAlive = options.MaxKeepAliveCount > 0
            ? options.MaxKeepAliveCount
            : (uint)Math.Max(1, Math.Floor(_options.DeadConnectionTimeout.TotalMilliseconds / 2 / interval));
        var lifetime = options.LifetimeCount > 0
            ? options.LifetimeCount
            : (uint)Math.Max(keepAlive * 3, Math.Ceiling(60_000 / interval));
        return (keepAlive, lifetime);
    }

    internal async Task<TResponse> SendAsync<TResponse>(IServiceRequest request, TimeSpan? timeout, CancellationToken cancellationToken, bool recovering)
        where TResponse : class, IServiceResponse
    {
        if (!recovering)
        {
            return await SendAsync<TResponse>(request, timeout, cancellationToken).ConfigureAwait(false);
        }

        var channel = _channel ?? throw new ServiceResultException(new StatusCode(StatusCodes.BadNotConnected));
        var wait = timeout ?? s_serviceTimeout;
        request.RequestHeader = channel.NewHeader(wait, _authenticationToken);
        var response = await channel.SendRequestAsync<TResponse>(request, wait, cancellationToken).ConfigureAwait(false);
        MarkReceived();
        return response;
    }

    internal async Task DeleteSubscriptionAsync(Subscription subscription, CancellationToken cancellationToken)
    {
        _subscriptions.TryRemove(subscription.Id, out _);
        try
        {
            await SendAsync<DeleteSubscriptionsResponse>(new DeleteSubscriptionsRequest { SubscriptionIds = [subscription.Id] }, null, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            subscription.Complete(null);
        }
    }

    private async Task CreateOnServerAsync(Subscription subscription, bool recovering, CancellationToken cancellationToken)
    {
        var options = subscription.Options;
        var (keepAlive, lifetime) = Counts(options);
        var response = await SendAsync<CreateSubscriptionResponse>(
            new CreateSubscriptionRequest
            {
                RequestedPublishingInterval = options.PublishingInterval,
                RequestedMaxKeepAliveCount = keepAlive,
                RequestedLifetimeCount = lifetime,
                MaxNotificationsPerPublish = options.MaxNotificationsPerPublish,
                PublishingEnabled = true,
                Priority = options.Priority,
            },
            null,
            cancellationToken,
            recovering).ConfigureAwait(false);
        subscription.Id = response.SubscriptionId;
        subscription.RevisedPublishingInterval = response.RevisedPublishingInterval;
        subscription.RevisedMaxKeepAliveCount = response.RevisedMaxKeepAliveCount;
        subscription.RevisedLifetimeCount = response.RevisedLifetimeCount;
        subscription.LastSequenceNumber = 0;
        _subscriptions[subscription.Id] = subscription;
    }

    private async Task DeleteAllSubscriptionsAsync(CancellationToken cancellationToken)
    {
        var all = _subscriptions.Values.ToArray();
        _subscriptions.Clear();
        foreach (var s in all)
        {
            s.Complete(null);
        }

        if (all.Length > 0)
        {
            await SendAsync<DeleteSubscriptionsResponse>(new DeleteSubscriptionsRequest { SubscriptionIds = all.Select(s => s.Id).ToArray() }, TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        }
    }

    private void CompleteSubscriptions(Exception? error)
    {
        foreach (var s in _subscriptions.Values)
        {
            s.Complete(error);
        }
    }

    private void EnsurePublishing()
    {
        var target = _publishTarget < 0 ? Math.Max(1, _options.OutstandingPublishRequests) : _publishTarget;
        while (State == ConnectionState.Connected && !_subscriptions.IsEmpty)
        {
            var n = Volatile.Read(ref _outstandingPublishes);
            if (n >= target)
            {
                return;
            }

            if (Interlocked.CompareExchange(ref _outstandingPublishes, n + 1, n) == n)
            {
                _ = PublishOnceAsync();
            }
        }
    }

    private TimeSpan PublishTimeout()
    {
        var longest = _subscriptions.Values.Select(s => s.RevisedPublishingInterval * Math.Max(1, s.RevisedMaxKeepAliveCount)).DefaultIfEmpty(0).Max();
        return TimeSpan.FromMilliseconds(longest * 2) + _options.DeadConnectionTimeout;
    }

    private async Task PublishOnceAsync()
    {
        var acks = new List<SubscriptionAcknowledgement>();
        while (acks.Count < 1000 && _acks.TryDequeue(out var ack))
        {
            acks.Add(ack);
        }

        try
        {
            // Publish responses are handled on the receive thread (decode, order, queue the values, send the next
            // Publish): a thread-pool hand-off per response costs more than the handling on a busy machine.
            var response = await SendAsync<PublishResponse>(
                new PublishRequest { SubscriptionAcknowledgements = [.. acks] }, PublishTimeout(), continueOnReceiveThread: true, _lifetime.Token).ConfigureAwait(false);
            if (response.MoreNotifications)
            {
                // The server has more queued than the outstanding requests can carry: keep more in flight.
                var current = _publishTarget < 0 ? _options.OutstandingPublishRequests : _publishTarget;
                _publishTarget = Math.Max(current, Math.Min(_options.MaxOutstandingPublishRequests, current + 1));
            }

            await ProcessPublishAsync(response).ConfigureAwait(false);
        }
        catch (ServiceResultException ex)
        {
            if (ex.StatusCode.Code == StatusCodes.BadTooManyPublishRequests)
            {
                _publishTarget = Math.Max(1, Volatile.Read(ref _outstandingPublishes) - 1);
            }

            if (!ex.ReportedByServer || ex.StatusCode.Code != StatusCodes.BadNoSubscription)
            {
                // Unacknowledged messages stay in the server's retransmission queue; acknowledge them again later.
                foreach (var ack in acks)
                {
                    _acks.Enqueue(ack);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            return;
        }
        finally
        {
            Interlocked.Decrement(ref _outstandingPublishes);
        }

        EnsurePublishing();
    }

    private async Task ProcessPublishAsync(PublishResponse response)
    {
        await _processing.WaitAsync(_lifetime.Token).ConfigureAwait(false);
        try
        {
            var message = response.NotificationMessage;
            if (!_subscriptions.TryGetValue(response.SubscriptionId, out var subscription))
            {
                if (message.NotificationData.Length > 0)
                {
                    _acks.Enqueue(new SubscriptionAcknowledgement { SubscriptionId = response.SubscriptionId, SequenceNumber = message.SequenceNumber });
                }

                return;
            }

            if (message.NotificationData.Length == 0)
            {
                // A keep-alive carries the next sequence number: anything below it that we lack is missing.
                subscription.KeepAliveCount++;
                if (message.SequenceNumber - 1 > subscription.LastSequenceNumber && message.SequenceNumber > 0 && subscription.GapSince == 0)
                {
                    subscription.GapSince = _time.GetTimestamp();
                }
            }
            else if (message.SequenceNumber <= subscription.LastSequenceNumber || subscription.Early.ContainsKey(message.SequenceNumber))
            {
                _acks.Enqueue(new SubscriptionAcknowledgement { SubscriptionId = subscription.Id, SequenceNumber = message.SequenceNumber });
            }
            else if (message.SequenceNumber == subscription.LastSequenceNumber + 1)
            {
                await DeliverInOrderAsync(subscription, message).ConfigureAwait(false);
            }
            else
            {
                // Responses to concurrent Publish requests can overtake each other: hold this one briefly before
                // asking the server to republish what is missing.
                subscription.Early[message.SequenceNumber] = message;
                if (subscription.GapSince == 0)
                {
                    subscription.GapSince = _time.GetTimestamp();
                }
            }

            await FillGapsAsync(subscription, force: false).ConfigureAwait(false);
        }
        finally
        {
            _processing.Release();
        }
    }

    /// <summary>Delivers a message that follows the last one, then any held messages that now follow in turn.</summary>
    private async Task DeliverInOrderAsync(Subscription subscription, NotificationMessage message)
    {
        await subscription.DeliverAsync(message, _lifetime.Token).ConfigureAwait(false);
        subscription.LastSequenceNumber = message.SequenceNumber;
        _acks.Enqueue(new SubscriptionAcknowledgement { SubscriptionId = subscription.Id, SequenceNumber = message.SequenceNumber });
        while (subscription.Early.Remove(subscription.LastSequenceNumber + 1, out var next))
        {
            await subscription.DeliverAsync(next, _lifetime.Token).ConfigureAwait(false);
            subscription.LastSequenceNumber = next.SequenceNumber;
            _acks.Enqueue(new SubscriptionAcknowledgement { SubscriptionId = subscription.Id, SequenceNumber = next.SequenceNumber });
        }

        if (subscription.Early.Count == 0)
        {
            subscription.GapSince = 0;
        }
    }

    /// <summary>Republishes a gap that stayed open longer than the grace period (or at once when forced).</summary>
    private async Task FillGapsAsync(Subscription subscription, bool force)
    {
        if (subscription.GapSince == 0 || (!force && _time.GetElapsedTime(subscription.GapSince) < s_gapGrace))
        {
            return;
        }

        var upTo = subscription.Early.Count > 0 ? subscription.Early.Keys.First() - 1 : subscription.LastSequenceNumber;
        if (upTo > subscription.LastSequenceNumber)
        {
            await RepublishAsync(subscription, subscription.LastSequenceNumber + 1, upTo).ConfigureAwait(false);
        }
        else if (subscription.Early.Count == 0)
        {
            // A keep-alive announced a message we never saw: ask for it until the server has nothing more.
            await RepublishAsync(subscription, subscription.LastSequenceNumber + 1, uint.MaxValue).ConfigureAwait(false);
        }

        subscription.GapSince = 0;
        foreach (var stale in subscription.Early.Keys.Where(k => k <= subscription.LastSequenceNumber).ToList())
        {
            subscription.Early.Remove(stale);
        }

        if (subscription.Early.Remove(subscription.LastSequenceNumber + 1, out var next))
        {
            await DeliverInOrderAsync(subscription, next).ConfigureAwait(false);
        }
    }

    /// <summary>Called by the watchdog so a gap is filled even when no further Publish response arrives.</summary>
    private async Task CheckGapsAsync()
    {
        if (!_subscriptions.Values.Any(s => s.GapSince != 0) || !await _processing.WaitAsync(0).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            foreach (var subscription in _subscriptions.Values)
            {
                await FillGapsAsync(subscription, force: false).ConfigureAwait(false);
            }
        }
        catch (ServiceResultException)
        {
            // The connection check handles failures.
        }
        finally
        {
            _processing.Release();
        }
    }

    /// <summary>Asks for the messages first..last (or until the server has no more when last is uint.MaxValue) and delivers them in order.</summary>
    private async Task RepublishAsync(Subscription subscription, uint first, uint last, bool recovering = false)
    {
        var count = 0;
        for (var sequence = first; sequence <= last && count < MaxRepublishPerGap; sequence++, count++)
        {
            RepublishResponse response;
            try
            {
                response = await SendAsync<RepublishResponse>(
                    new RepublishRequest { SubscriptionId = subscription.Id, RetransmitSequenceNumber = sequence },
                    null,
                    _lifetime.Token,
                    recovering).ConfigureAwait(false);
            }
            catch (ServiceResultException ex) when (ex.ReportedByServer && ex.StatusCode.Code == StatusCodes.BadMessageNotAvailable)
            {
                if (last == uint.MaxValue)
                {
                    return;
                }

                subscription.LostMessageCount++;
                subscription.LastSequenceNumber = sequence;
                continue;
            }

            var message = response.NotificationMessage;
            _acks.Enqueue(new SubscriptionAcknowledgement { SubscriptionId = subscription.Id, SequenceNumber = message.SequenceNumber });
            if (message.NotificationData.Length > 0)
            {
                await subscription.DeliverAsync(message, _lifetime.Token).ConfigureAwait(false);
            }

            subscription.RepublishedMessageCount++;
            subscription.LastSequenceNumber = sequence;
            subscription.Early.Remove(sequence);
        }
    }
}

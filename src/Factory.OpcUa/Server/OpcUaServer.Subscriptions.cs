using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Server;

/// <summary>Subscription services and the publishing cycle (data, keep-alives, late messages, lifetime).</summary>
public sealed partial class OpcUaServer
{
    private (TimeSpan Interval, uint Lifetime, uint KeepAlive) Revise(double interval, uint lifetime, uint keepAlive)
    {
        var min = _options.MinPublishingInterval.TotalMilliseconds;
        var ms = double.IsFinite(interval) ? Math.Clamp(interval, min, 3_600_000) : 1000;
        keepAlive = keepAlive == 0 ? 10 : Math.Min(keepAlive, 10_000);
        lifetime = Math.Max(lifetime, keepAlive * 3);
        return (TimeSpan.FromMilliseconds(ms), Math.Min(lifetime, 100_000), keepAlive);
    }

    private IServiceResponse CreateSubscription(ServerSession session, CreateSubscriptionRequest request)
    {
        lock (_gate)
        {
            if (session.Subscriptions.Count >= _options.MaxSubscriptionsPerSession)
            {
                return session.Connection.Fault(request.RequestHeader.RequestHandle, StatusCodes.BadTooManySubscriptions);
            }

            var (interval, lifetime, keepAlive) = Revise(request.RequestedPublishingInterval, request.RequestedLifetimeCount, request.RequestedMaxKeepAliveCount);
            var subscription = new ServerSubscription(++_nextSubscriptionId, session, _options.RetransmissionQueueSize)
            {
                PublishingInterval = interval,
                LifetimeCount = lifetime,
                MaxKeepAliveCount = keepAlive,
                MaxNotificationsPerPublish = request.MaxNotificationsPerPublish,
                PublishingEnabled = request.PublishingEnabled,
                Priority = request.Priority,
            };
            _subscriptions[subscription.Id] = subscription;
            session.Subscriptions.Add(subscription);
            subscription.Timer = _time.CreateTimer(_ => OnPublishingTimer(subscription), null, interval, interval);
            return new CreateSubscriptionResponse
            {
                ResponseHeader = Header(request),
                SubscriptionId = subscription.Id,
                RevisedPublishingInterval = interval.TotalMilliseconds,
                RevisedLifetimeCount = lifetime,
                RevisedMaxKeepAliveCount = keepAlive,
            };
        }
    }

    private IServiceResponse ModifySubscription(ServerSession session, ModifySubscriptionRequest request)
    {
        lock (_gate)
        {
            if (Owned(session, request.SubscriptionId) is not { } subscription)
            {
                return session.Connection.Fault(request.RequestHeader.RequestHandle, StatusCodes.BadSubscriptionIdInvalid);
            }

            var (interval, lifetime, keepAlive) = Revise(request.RequestedPublishingInterval, request.RequestedLifetimeCount, request.RequestedMaxKeepAliveCount);
            subscription.PublishingInterval = interval;
            subscription.LifetimeCount = lifetime;
            subscription.MaxKeepAliveCount = keepAlive;
            subscription.MaxNotificationsPerPublish = request.MaxNotificationsPerPublish;
            subscription.Priority = request.Priority;
            subscription.Timer?.Change(interval, interval);
            return new ModifySubscriptionResponse
            {
                ResponseHeader = Header(request),
                RevisedPublishingInterval = interval.TotalMilliseconds,
                RevisedLifetimeCount = lifetime,
                RevisedMaxKeepAliveCount = keepAlive,
            };
        }
    }

    private IServiceResponse DeleteSubscriptions(ServerSession session, DeleteSubscriptionsRequest request)
    {
        if (request.SubscriptionIds.Length == 0)
        {
            return new DeleteSubscriptionsResponse { ResponseHeader = Header(request, StatusCodes.BadNothingToDo) };
        }

        lock (_gate)
        {
            var results = request.SubscriptionIds.Select(id =>
            {
                if (Owned(session, id) is not { } subscription)
                {
                    return new StatusCode(StatusCodes.BadSubscriptionIdInvalid);
                }

                DeleteSubscription(subscription);
                return StatusCode.Good;
            }).ToArray();
            return new DeleteSubscriptionsResponse { ResponseHeader = Header(request), Results = results };
        }
    }

    private IServiceResponse SetPublishingMode(ServerSession session, SetPublishingModeRequest request)
    {
        lock (_gate)
        {
            var results = request.SubscriptionIds.Select(id =>
            {
                if (Owned(session, id) is not { } subscription)
                {
                    return new StatusCode(StatusCodes.BadSubscriptionIdInvalid);
                }

                subscription.PublishingEnabled = request.PublishingEnabled;
                return StatusCode.Good;
            }).ToArray();
            return new SetPublishingModeResponse { ResponseHeader = Header(request), Results = results };
        }
    }

    private IServiceResponse CreateMonitoredItems(ServerSession session, CreateMonitoredItemsRequest request)
    {
        if (TooMany(request.ItemsToCreate.Length) is { } status)
        {
            return new CreateMonitoredItemsResponse { ResponseHeader = Header(request, status) };
        }

        if (request.TimestampsToReturn is < TimestampsToReturn.Source or > TimestampsToReturn.Neither)
        {
            return new CreateMonitoredItemsResponse { ResponseHeader = Header(request, StatusCodes.BadTimestampsToReturnInvalid) };
        }

        var created = new List<ServerMonitoredItem>();
        MonitoredItemCreateResult[] results;
        lock (_gate)
        {
            if (Owned(session, request.SubscriptionId) is not { } subscription)
            {
                return session.Connection.Fault(request.RequestHeader.RequestHandle, StatusCodes.BadSubscriptionIdInvalid);
            }

            results = request.ItemsToCreate.Select(create =>
            {
                if (!AddressSpace.TryGetNode(create.ItemToMonitor.NodeId, out var node))
                {
                    return new MonitoredItemCreateResult { StatusCode = new StatusCode(StatusCodes.BadNodeIdUnknown) };
                }

                if (create.ItemToMonitor.AttributeId != Attributes.Value || node is not VariableNode variable)
                {
                    // Events and non-value attributes are not offered by this server.
                    return new MonitoredItemCreateResult { StatusCode = new StatusCode(StatusCodes.BadMonitoredItemFilterUnsupported) };
                }

                if (subscription.Items.Count >= _options.MaxMonitoredItemsPerSubscription)
                {
                    return new MonitoredItemCreateResult { StatusCode = new StatusCode(StatusCodes.BadTooManyMonitoredItems) };
                }

                var item = new ServerMonitoredItem(++_nextMonitoredItemId, subscription, variable, Attributes.Value)
                {
                    Timestamps = request.TimestampsToReturn,
                };
                var error = Apply(item, variable, create.RequestedParameters, subscription);
                if (error != StatusCodes.Good)
                {
                    return new MonitoredItemCreateResult { StatusCode = new StatusCode(error) };
                }

                item.Mode = create.MonitoringMode;
                subscription.Items[item.Id] = item;
                created.Add(item);
                return new MonitoredItemCreateResult
                {
                    MonitoredItemId = item.Id,
                    RevisedSamplingInterval = item.SamplingInterval,
                    RevisedQueueSize = (uint)item.QueueSize,
                };
            }).ToArray();
        }

        foreach (var item in created)
        {
            item.Node.Attach(item);
            if (item.Mode == MonitoringMode.Reporting)
            {
                item.QueueCurrent();
            }
        }

        return new CreateMonitoredItemsResponse { ResponseHeader = Header(request), Results = results };
    }

    private uint Apply(ServerMonitoredItem item, VariableNode variable, MonitoringParameters parameters, ServerSubscription subscription)
    {
        var deadband = 0d;
        var trigger = DataChangeTrigger.StatusValue;
        switch (parameters.Filter.Body)
        {
            case null when parameters.Filter.IsNull:
                break;
            case DataChangeFilter filter:
                if (filter.DeadbandType == 2)
                {
                    return StatusCodes.BadMonitoredItemFilterUnsupported;
                }

                if (filter.DeadbandType > 2 || (filter.DeadbandType == 1 && (!double.IsFinite(filter.DeadbandValue) || filter.DeadbandValue < 0)))
                {
                    return StatusCodes.BadDeadbandFilterInvalid;
                }

                if (filter.DeadbandType == 1 && variable.BuiltInType is not (BuiltInType.SByte or BuiltInType.Byte or BuiltInType.Int16 or BuiltInType.UInt16
                    or BuiltInType.Int32 or BuiltInType.UInt32 or BuiltInType.Int64 or BuiltInType.UInt64 or BuiltInType.Float or BuiltInType.Double))
                {
                    return StatusCodes.BadFilterNotAllowed;
                }

                deadband = filter.DeadbandType == 1 ? filter.DeadbandValue : 0;
                trigger = filter.Trigger;
                break;
            default:
                return StatusCodes.BadMonitoredItemFilterUnsupported;
        }

        item.Deadband = deadband;
        item.Trigger = trigger;
        item.ClientHandle = parameters.ClientHandle;

        // Values are reported on change (exception-based); a negative interval means "the publishing interval".
        item.SamplingInterval = parameters.SamplingInterval < 0 || !double.IsFinite(parameters.SamplingInterval)
            ? subscription.PublishingInterval.TotalMilliseconds
            : parameters.SamplingInterval;
        item.QueueSize = (int)Math.Clamp(parameters.QueueSize, 1u, (uint)_options.MaxMonitoredItemQueueSize);
        item.DiscardOldest = parameters.DiscardOldest;
        item.Trim();
        return StatusCodes.Good;
    }

    private IServiceResponse ModifyMonitoredItems(ServerSession session, ModifyMonitoredItemsRequest request)
    {
        if (TooMany(request.ItemsToModify.Length) is { } status)
        {
            return new ModifyMonitoredItemsResponse { ResponseHeader = Header(request, status) };
        }

        lock (_gate)
        {
            if (Owned(session, request.SubscriptionId) is not { } subscription)
            {
                return session.Connection.Fault(request.RequestHeader.RequestHandle, StatusCodes.BadSubscriptionIdInvalid);
            }

            var results = request.ItemsToModify.Select(modify =>
            {
                if (!subscription.Items.TryGetValue(modify.MonitoredItemId, out var item))
                {
                    return new MonitoredItemModifyResult { StatusCode = new StatusCode(StatusCodes.BadMonitoredItemIdInvalid) };
                }

                item.Timestamps = request.TimestampsToReturn;
                var error = Apply(item, item.Node, modify.RequestedParameters, subscription);
                return error != StatusCodes.Good
                    ? new MonitoredItemModifyResult { StatusCode = new StatusCode(error) }
                    : new MonitoredItemModifyResult { RevisedSamplingInterval = item.SamplingInterval, RevisedQueueSize = (uint)item.QueueSize };
            }).ToArray();
            return new ModifyMonitoredItemsResponse { ResponseHeader = Header(request), Results = results };
        }
    }

    private IServiceResponse DeleteMonitoredItems(ServerSession session, DeleteMonitoredItemsRequest request)
    {
        if (TooMany(request.MonitoredItemIds.Length) is { } status)
        {
            return new DeleteMonitoredItemsResponse { ResponseHeader = Header(request, status) };
        }

        var removed = new List<ServerMonitoredItem>();
        StatusCode[] results;
        lock (_gate)
        {
            if (Owned(session, request.SubscriptionId) is not { } subscription)
            {
                return session.Connection.Fault(request.RequestHeader.RequestHandle, StatusCodes.BadSubscriptionIdInvalid);
            }

            results = [.. request.MonitoredItemIds.Select(id =>
            {
                if (!subscription.Items.Remove(id, out var item))
                {
                    return new StatusCode(StatusCodes.BadMonitoredItemIdInvalid);
                }

                item.Mode = MonitoringMode.Disabled;
                removed.Add(item);
                return StatusCode.Good;
            })];
        }

        foreach (var item in removed)
        {
            item.Node.Detach(item);
        }

        return new DeleteMonitoredItemsResponse { ResponseHeader = Header(request), Results = results };
    }

    private IServiceResponse SetMonitoringMode(ServerSession session, SetMonitoringModeRequest request)
    {
        var resumed = new List<ServerMonitoredItem>();
        StatusCode[] results;
        lock (_gate)
        {
            if (Owned(session, request.SubscriptionId) is not { } subscription)
            {
                return session.Connection.Fault(request.RequestHeader.RequestHandle, StatusCodes.BadSubscriptionIdInvalid);
            }

            results = [.. request.MonitoredItemIds.Select(id =>
            {
                if (!subscription.Items.TryGetValue(id, out var item))
                {
                    return new StatusCode(StatusCodes.BadMonitoredItemIdInvalid);
                }

                if (item.Mode != MonitoringMode.Reporting && request.MonitoringMode == MonitoringMode.Reporting)
                {
                    resumed.Add(item);
                }

                item.Mode = request.MonitoringMode;
                return StatusCode.Good;
            })];
        }

        foreach (var item in resumed)
        {
            item.QueueCurrent();
        }

        return new SetMonitoringModeResponse { ResponseHeader = Header(request), Results = results };
    }

    private IServiceResponse? Publish(ServerSession session, ServerConnection connection, uint requestId, PublishRequest request)
    {
        lock (_gate)
        {
            var acknowledgements = request.SubscriptionAcknowledgements.Select(ack =>
                Owned(session, ack.SubscriptionId) is not { } subscription ? new StatusCode(StatusCodes.BadSubscriptionIdInvalid)
                : subscription.Acknowledge(ack.SequenceNumber) ? StatusCode.Good
                : new StatusCode(StatusCodes.BadSequenceNumberUnknown)).ToArray();
            if (session.Subscriptions.Count == 0)
            {
                return new PublishResponse { ResponseHeader = Header(request, StatusCodes.BadNoSubscription), Results = acknowledgements };
            }

            if (session.PublishQueue.Count >= _options.MaxPublishRequestsPerSession)
            {
                return new PublishResponse { ResponseHeader = Header(request, StatusCodes.BadTooManyPublishRequests), Results = acknowledgements };
            }

            // The acknowledgement results travel with whichever response answers this request.
            request.SubscriptionAcknowledgements = [];
            var pending = new PendingPublish(connection, requestId, request, _time.GetUtcNow()) { Results = acknowledgements };
            session.PublishQueue.Enqueue(pending);
            var late = session.Subscriptions.Where(s => s.Late).OrderByDescending(s => s.Priority).FirstOrDefault();
            if (late is not null)
            {
                PublishLocked(late, timerTick: false);
            }

            return null;
        }
    }

    private void OnPublishingTimer(ServerSubscription subscription)
    {
        lock (_gate)
        {
            if (_subscriptions.ContainsKey(subscription.Id))
            {
                PublishLocked(subscription, timerTick: true);
            }
        }
    }

    /// <summary>One publishing cycle of a subscription (Part 4 §5.13.1.1, simplified to the states that matter).</summary>
    private void PublishLocked(ServerSubscription subscription, bool timerTick)
    {
        var session = subscription.Session;
        var queue = session?.PublishQueue;
        var dataDue = subscription.HasNotifications;
        var keepAliveDue = !dataDue && (!subscription.SentAnything || (timerTick && ++subscription.KeepAliveCounter >= subscription.MaxKeepAliveCount) || subscription.Late);
        if (!dataDue && !keepAliveDue)
        {
            return;
        }

        // Requests parked on a channel that has since closed cannot be answered; the client republishes instead.
        while (queue is not null && queue.Count > 0 && !queue.Peek().Connection.IsOpen)
        {
            queue.Dequeue();
        }

        if (queue is null || queue.Count == 0)
        {
            subscription.Late = true;
            if (timerTick && ++subscription.LifetimeCounter >= subscription.LifetimeCount)
            {
                DeleteSubscription(subscription);
            }

            return;
        }

        var now = _time.GetUtcNow().UtcDateTime;
        do
        {
            var pending = queue.Dequeue();
            NotificationMessage message;
            var more = false;
            if (dataDue)
            {
                message = subscription.BuildDataMessage(now, pending.Connection.MaxNotificationsPerMessage, out more);
            }
            else
            {
                message = subscription.KeepAlive(now);
            }

            pending.Connection.Post(pending.RequestId, new PublishResponse
            {
                ResponseHeader = new ResponseHeader { Timestamp = now, RequestHandle = pending.Request.RequestHeader.RequestHandle },
                SubscriptionId = subscription.Id,
                AvailableSequenceNumbers = subscription.AvailableSequenceNumbers(),
                MoreNotifications = more,
                NotificationMessage = message,
                Results = pending.Results,
            });
            dataDue = more;
        }
        while (dataDue && queue.Count > 0);

        subscription.SentAnything = true;
        subscription.KeepAliveCounter = 0;
        subscription.LifetimeCounter = 0;
        subscription.Late = dataDue;
    }

    private IServiceResponse Republish(ServerSession session, RepublishRequest request)
    {
        lock (_gate)
        {
            if (Owned(session, request.SubscriptionId) is not { } subscription)
            {
                return session.Connection.Fault(request.RequestHeader.RequestHandle, StatusCodes.BadSubscriptionIdInvalid);
            }

            return subscription.Find(request.RetransmitSequenceNumber) is { } message
                ? new RepublishResponse { ResponseHeader = Header(request), NotificationMessage = message }
                : session.Connection.Fault(request.RequestHeader.RequestHandle, StatusCodes.BadMessageNotAvailable);
        }
    }

    private IServiceResponse TransferSubscriptions(ServerSession session, TransferSubscriptionsRequest request)
    {
        if (request.SubscriptionIds.Length == 0)
        {
            return new TransferSubscriptionsResponse { ResponseHeader = Header(request, StatusCodes.BadNothingToDo) };
        }

        var resend = new List<ServerMonitoredItem>();
        TransferResult[] results;
        lock (_gate)
        {
            results = [.. request.SubscriptionIds.Select(id =>
            {
                if (!_subscriptions.TryGetValue(id, out var subscription))
                {
                    return new TransferResult { StatusCode = new StatusCode(StatusCodes.BadSubscriptionIdInvalid) };
                }

                var previous = subscription.Session;
                if (previous is not null && previous.UserName != session.UserName)
                {
                    return new TransferResult { StatusCode = new StatusCode(StatusCodes.BadUserAccessDenied) };
                }

                if (previous != session)
                {
                    previous?.Subscriptions.Remove(subscription);
                    if (previous is not null && previous.PublishQueue.TryDequeue(out var pending))
                    {
                        pending.Connection.Post(pending.RequestId, new PublishResponse
                        {
                            ResponseHeader = new ResponseHeader { Timestamp = _time.GetUtcNow().UtcDateTime, RequestHandle = pending.Request.RequestHeader.RequestHandle },
                            SubscriptionId = subscription.Id,
                            NotificationMessage = subscription.StatusChange(_time.GetUtcNow().UtcDateTime, StatusCodes.GoodSubscriptionTransferred),
                            Results = pending.Results,
                        });
                    }

                    subscription.Session = session;
                    session.Subscriptions.Add(subscription);
                }

                if (request.SendInitialValues)
                {
                    resend.AddRange(subscription.Items.Values.Where(i => i.Mode == MonitoringMode.Reporting));
                }

                return new TransferResult { StatusCode = StatusCode.Good, AvailableSequenceNumbers = subscription.AvailableSequenceNumbers() };
            })];
        }

        foreach (var item in resend)
        {
            item.QueueCurrent();
        }

        return new TransferSubscriptionsResponse { ResponseHeader = Header(request), Results = results };
    }

    private ServerSubscription? Owned(ServerSession session, uint id) =>
        _subscriptions.TryGetValue(id, out var subscription) && subscription.Session == session ? subscription : null;

    private void DeleteSubscription(ServerSubscription subscription)
    {
        subscription.Timer?.Dispose();
        _subscriptions.Remove(subscription.Id);
        subscription.Session?.Subscriptions.Remove(subscription);
        foreach (var item in subscription.Items.Values)
        {
            item.Mode = MonitoringMode.Disabled;
            item.Node.Detach(item);
        }

        subscription.Items.Clear();
    }
}

using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Client;

/// <summary>
/// Dead-connection detection and recovery (Part 4 §6.7): a watchdog probes an idle connection so a reset or a
/// silent stall is noticed within the bound; then reactivate the session on a new channel and republish, else
/// transfer the subscriptions to a new session, else recreate them.
/// </summary>
public sealed partial class OpcUaClient
{
    private int _recovering;
    private int _probing;

    // Set by CloseAsync before it closes the session: the server then fails the parked Publish requests with
    // BadSessionClosed, which is the close the caller asked for, not a lost connection to recover from.
    private volatile bool _closing;

    private async Task MonitorAsync()
    {
        var bound = _options.DeadConnectionTimeout;
        // Worst case idle limit + check period + probe timeout = 65 % of the bound: the rest absorbs late timers
        // on a loaded machine, so the bound holds in practice, not only on paper.
        var period = TimeSpan.FromMilliseconds(Math.Max(20, bound.TotalMilliseconds / 20));
        var idleLimit = bound * 0.3;
        var delay = period;
        while (!_lifetime.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, _time, _lifetime.Token).ConfigureAwait(false);
                delay = period;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var channel = _channel;
            if (State != ConnectionState.Connected || channel is null)
            {
                continue;
            }

            if (channel.Closed.IsCompleted)
            {
                OnConnectionLost(channel, channel.Closed.Result ?? new ServiceResultException(new StatusCode(StatusCodes.BadSecureChannelClosed)));
                continue;
            }

            _ = CheckGapsAsync();
            var idle = _time.GetElapsedTime(Interlocked.Read(ref _lastReceiveTicks));
            if (idle > idleLimit && Interlocked.CompareExchange(ref _probing, 1, 0) == 0)
            {
                _ = ProbeAsync(idleLimit);
            }

            // While responses keep coming and no gap waits for Republish, nothing can fall due before the idle limit
            // is reached: sleep until then instead of waking every period (each wake-up costs CPU on a busy machine).
            var untilIdleLimit = idleLimit - idle;
            if (untilIdleLimit > period && !_subscriptions.Values.Any(s => s.GapSince != 0))
            {
                delay = untilIdleLimit;
            }
        }
    }

    private async Task ProbeAsync(TimeSpan timeout)
    {
        try
        {
            await SendAsync<ReadResponse>(
                new ReadRequest { NodesToRead = [new ReadValueId { NodeId = new NodeId(2259u), AttributeId = Attributes.Value }] },
                timeout,
                _lifetime.Token).ConfigureAwait(false);
        }
        catch (ServiceResultException)
        {
            // SendAsync has already reported a connection failure.
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            Volatile.Write(ref _probing, 0);
        }
    }

    private void OnConnectionLost(SecureChannel.ClientSecureChannel channel, Exception reason)
    {
        if (_closing || !ReferenceEquals(channel, _channel) || State != ConnectionState.Connected)
        {
            return;
        }

        if (!_options.Reconnect)
        {
            SetState(ConnectionState.Closed, reason.Message);
            CompleteSubscriptions(reason);
            return;
        }

        if (Interlocked.CompareExchange(ref _recovering, 1, 0) != 0)
        {
            return;
        }

        SetState(ConnectionState.Reconnecting, reason.Message);
        _ = Task.Run(() => RecoverAsync(channel));
    }

    private async Task RecoverAsync(SecureChannel.ClientSecureChannel lost)
    {
        try
        {
            await lost.AbortAsync(null).ConfigureAwait(false);
            var delay = _options.MinReconnectDelay;
            while (!_lifetime.IsCancellationRequested)
            {
                try
                {
                    var path = await RestoreAsync(_lifetime.Token).ConfigureAwait(false);
                    ReconnectCount++;
                    SetState(ConnectionState.Connected, null, path);
                    EnsurePublishing();
                    return;
                }
                catch (Exception ex) when (ex is ServiceResultException or IOException or System.Net.Sockets.SocketException or UaDecodingException)
                {
                    try
                    {
                        await Task.Delay(delay, _time, _lifetime.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }

                    delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReconnectDelay.Ticks));
                }
            }
        }
        finally
        {
            Volatile.Write(ref _recovering, 0);
        }
    }

    private async Task<RecoveryPath> RestoreAsync(CancellationToken cancellationToken)
    {
        try
        {
            await EstablishAsync(reuseSession: true, cancellationToken).ConfigureAwait(false);
            await _processing.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                foreach (var subscription in _subscriptions.Values)
                {
                    // Held messages are not acknowledged yet, so the server returns them again in order.
                    subscription.Early.Clear();
                    subscription.GapSince = 0;
                    await RepublishAsync(subscription, subscription.LastSequenceNumber + 1, uint.MaxValue, recovering: true).ConfigureAwait(false);
                }
            }
            finally
            {
                _processing.Release();
            }

            return RecoveryPath.Reactivated;
        }
        catch (ServiceResultException ex) when (ex.ReportedByServer && ex.StatusCode.Code is StatusCodes.BadSessionIdInvalid
            or StatusCodes.BadSessionClosed or StatusCodes.BadSessionNotActivated or StatusCodes.BadIdentityTokenInvalid)
        {
            // The session is gone: a new one follows.
        }

        await EstablishAsync(reuseSession: false, cancellationToken).ConfigureAwait(false);
        return await TransferOrRecreateAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<RecoveryPath> TransferOrRecreateAsync(CancellationToken cancellationToken)
    {
        var subscriptions = _subscriptions.Values.ToList();
        if (subscriptions.Count == 0)
        {
            return RecoveryPath.Transferred;
        }

        TransferResult[] results;
        try
        {
            var response = await SendAsync<TransferSubscriptionsResponse>(
                new TransferSubscriptionsRequest { SubscriptionIds = subscriptions.Select(s => s.Id).ToArray(), SendInitialValues = false },
                null,
                cancellationToken,
                recovering: true).ConfigureAwait(false);
            results = response.Results;
        }
        catch (ServiceResultException ex) when (ex.ReportedByServer)
        {
            results = subscriptions.Select(_ => new TransferResult { StatusCode = ex.StatusCode }).ToArray();
        }

        var recreated = false;
        await _processing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var i = 0; i < subscriptions.Count; i++)
            {
                var subscription = subscriptions[i];
                subscription.Early.Clear();
                subscription.GapSince = 0;
                var result = i < results.Length ? results[i] : new TransferResult { StatusCode = StatusCodes.BadUnexpectedError };
                if (result.StatusCode.IsGood)
                {
                    foreach (var sequence in result.AvailableSequenceNumbers.Where(n => n > subscription.LastSequenceNumber).Order())
                    {
                        await RepublishAsync(subscription, sequence, sequence, recovering: true).ConfigureAwait(false);
                    }

                    continue;
                }

                recreated = true;
                _subscriptions.TryRemove(subscription.Id, out _);
                await CreateOnServerAsync(subscription, recovering: true, cancellationToken).ConfigureAwait(false);
                await subscription.CreateOnServerAsync(subscription.AllItems(), recovering: true, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _processing.Release();
        }

        return recreated ? RecoveryPath.Recreated : RecoveryPath.Transferred;
    }
}

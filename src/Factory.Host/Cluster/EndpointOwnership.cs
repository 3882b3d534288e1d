using Microsoft.Extensions.Options;

namespace Factory.Host.Cluster;

/// <summary>
/// Runs a plant endpoint's connector only while this host holds the endpoint's lease (<see cref="IEndpointLeaseGrain"/>),
/// so that in a cluster one host, not every host, subscribes to each PLC. The lease is renewed every third of its
/// duration; the connector stops as soon as another host holds it, or before it could have expired unrenewed.
/// </summary>
public sealed class EndpointOwnership(
    IGrainFactory grains,
    IOptions<ClusterSettings> settings,
    TimeProvider clock,
    ILogger<EndpointOwnership> logger)
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _heldHere = new(StringComparer.Ordinal);

    /// <summary>Whether this host holds the endpoint's lease and runs its connector now.</summary>
    public bool IsHeldHere(string endpointId) => _heldHere.ContainsKey(endpointId);

    /// <summary>This host's name in the leases: unique per process, readable in logs.</summary>
    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}"[..^24];

    /// <summary>
    /// Runs <paramref name="connector"/> each time this host takes the endpoint's lease, cancelling it when the lease
    /// is lost, until <paramref name="stoppingToken"/> is cancelled; then gives the lease up. While it holds the lease it
    /// offers <paramref name="writer"/> through it, so PLC writes that reach other hosts come here.
    /// </summary>
    public async Task RunWhileHeldAsync(string endpointId, Func<CancellationToken, Task> connector, CancellationToken stoppingToken, IEndpointWriter? writer = null)
    {
        ArgumentNullException.ThrowIfNull(connector);
        var lease = grains.GetGrain<IEndpointLeaseGrain>(endpointId);
        var duration = settings.Value.EndpointLease;
        var period = duration / 3;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (await TryHoldAsync(lease, endpointId, duration) != true)
                {
                    await Task.Delay(period, clock, stoppingToken);
                    continue;
                }

                logger.LogInformation("This host now runs the connector of endpoint {Endpoint}", endpointId);
                var offered = writer is null ? null : grains.CreateObjectReference<IEndpointWriter>(writer);
                _heldHere[endpointId] = true;
                try
                {
                    await OfferAsync(lease, endpointId, offered);
                    await RunHeldAsync(lease, endpointId, connector, duration, period, offered, stoppingToken);
                }
                finally
                {
                    _heldHere.TryRemove(endpointId, out _);
                    if (offered is not null)
                    {
                        try
                        {
                            grains.DeleteObjectReference<IEndpointWriter>(offered);
                        }
                        catch (ArgumentException)
                        {
                            // The co-hosted silo stopped first and took its object references with it.
                        }
                    }
                }

                // Lost the lease, or the connector ended by itself: pause before asking again rather than spin.
                await Task.Delay(period, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
        finally
        {
            await ReleaseAsync(lease, endpointId);
        }
    }

    private async Task RunHeldAsync(
        IEndpointLeaseGrain lease, string endpointId, Func<CancellationToken, Task> connector, TimeSpan duration, TimeSpan period,
        IEndpointWriter? offered, CancellationToken stoppingToken)
    {
        var heldUntil = clock.GetUtcNow() + duration;
        using var held = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var running = Task.Run(() => connector(held.Token), CancellationToken.None);
        try
        {
            while (!held.IsCancellationRequested && !running.IsCompleted)
            {
                await Task.WhenAny(running, Task.Delay(period, clock, held.Token));
                if (running.IsCompleted || held.IsCancellationRequested)
                {
                    break;
                }

                var renewedAt = clock.GetUtcNow();
                switch (await TryHoldAsync(lease, endpointId, duration))
                {
                    case true:
                        heldUntil = renewedAt + duration;
                        await OfferAsync(lease, endpointId, offered);
                        break;
                    case false:
                        logger.LogWarning("Endpoint {Endpoint} is now run by another host; stopping its connector here", endpointId);
                        held.Cancel();
                        break;
                    case null when clock.GetUtcNow() + period >= heldUntil:
                        // Unconfirmed for too long: the lease may lapse before the next try, and another host take it.
                        logger.LogWarning("Could not renew the lease of endpoint {Endpoint}; stopping its connector here", endpointId);
                        held.Cancel();
                        break;
                }
            }
        }
        finally
        {
            await held.CancelAsync();
            try
            {
                await running;
            }
            catch (OperationCanceledException)
            {
                // stopped by us
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "The connector of endpoint {Endpoint} failed", endpointId);
            }
        }
    }

    /// <summary>True held, false held by another host, null when the lease could not be reached.</summary>
    private async Task<bool?> TryHoldAsync(IEndpointLeaseGrain lease, string endpointId, TimeSpan duration)
    {
        try
        {
            return await lease.Hold(Holder, duration);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not reach the lease of endpoint {Endpoint}: {Error}", endpointId, e.Message);
            return null;
        }
    }

    /// <summary>Offers the writer again (the lease keeps it in memory only, so a lease that moved silos lost it).</summary>
    private async Task OfferAsync(IEndpointLeaseGrain lease, string endpointId, IEndpointWriter? offered)
    {
        if (offered is null)
        {
            return;
        }

        try
        {
            await lease.Offer(Holder, offered);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("Could not offer the writer of endpoint {Endpoint}: {Error}", endpointId, e.Message);
        }
    }

    private async Task ReleaseAsync(IEndpointLeaseGrain lease, string endpointId)
    {
        try
        {
            await lease.Release(Holder).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception e)
        {
            logger.LogDebug("Could not release the lease of endpoint {Endpoint}: {Error}", endpointId, e.Message);
        }
    }
}

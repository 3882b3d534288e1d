using System.Threading.Channels;
using Factory.OpcUa.Encoding;
using Microsoft.Extensions.Logging;

namespace Factory.Connectivity.Mqtt;

/// <summary>
/// Feeds machine grains from a broker connection exactly as the OPC UA connector does: values of many messages are
/// batched into one <see cref="MachineTelemetry"/> per machine (<see cref="TelemetryBatcher"/>) and one grain call,
/// a machine's batches stay in order, and qualities the connection decides (a death, a lost broker) are applied in
/// the order they happened relative to the values. Machines whose data should keep changing are watched for staleness.
/// </summary>
internal sealed class MachineFeed
{
    private const int MaxBatch = 65_536;

    private readonly string _endpointId;
    private readonly IReadOnlyList<MachineTagMap> _machines;
    private readonly HashSet<string> _watched;
    private readonly TimeSpan _staleAfter;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Channel<FeedItem> _items = Channel.CreateBounded<FeedItem>(new BoundedChannelOptions(8192)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.Wait,
    });

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _lastData = new(StringComparer.Ordinal);
    private readonly HashSet<string> _stale = new(StringComparer.Ordinal);
    private readonly HashSet<string> _down = new(StringComparer.Ordinal);
    private long _values;
    private DateTimeOffset? _lastDataAt;

    /// <param name="watched">Machines that are Stale when their heartbeat (or, without one, every value) stops for <paramref name="staleAfter"/>.</param>
    public MachineFeed(string endpointId, IReadOnlyList<MachineTagMap> machines, IEnumerable<string> watched, TimeSpan staleAfter,
        IGrainFactory grains, TimeProvider clock, ILogger logger)
    {
        _endpointId = endpointId;
        _machines = machines;
        _watched = new HashSet<string>(watched, StringComparer.Ordinal);
        _staleAfter = staleAfter;
        _grains = grains;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Raised after values were applied to the grains, with the instant they were (for load runs and metrics).</summary>
    public event Action<IReadOnlyList<(TagBinding Binding, DataValue Value)>, DateTimeOffset>? Applied;

    /// <summary>Values received since start.</summary>
    public long Values => Interlocked.Read(ref _values);

    public DateTimeOffset? LastDataAt
    {
        get
        {
            lock (_gate)
            {
                return _lastDataAt;
            }
        }
    }

    /// <summary>Queues values; waits when the grains are behind (back-pressure to the broker connection).</summary>
    public ValueTask PostValuesAsync(List<(TagBinding Binding, DataValue Value)> values, CancellationToken cancellationToken) =>
        values.Count == 0 ? ValueTask.CompletedTask : _items.Writer.WriteAsync(new FeedItem(values), cancellationToken);

    /// <summary>Queues a quality the connection decided for some machines, since <paramref name="since"/>.</summary>
    public ValueTask PostQualityAsync(IReadOnlyList<string> machines, DataQuality quality, string reason, DateTimeOffset since, CancellationToken cancellationToken) =>
        machines.Count == 0 ? ValueTask.CompletedTask : _items.Writer.WriteAsync(new FeedItem(null, machines, quality, reason, since), cancellationToken);

    /// <summary>Applies queued items and watches for staleness until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var watch = _watched.Count == 0 ? Task.CompletedTask : WatchStalenessAsync(cancellationToken);
        try
        {
            await PumpAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }

        await watch.ContinueWith(_ => { }, TaskScheduler.Default);
    }

    private async Task PumpAsync(CancellationToken cancellationToken)
    {
        var reader = _items.Reader;
        var batch = new List<(TagBinding, DataValue)>(1024);
        while (await reader.WaitToReadAsync(cancellationToken))
        {
            while (batch.Count < MaxBatch && reader.TryRead(out var item))
            {
                if (item.Values is { } values)
                {
                    batch.AddRange(values);
                    continue;
                }

                await ApplyAsync(batch);
                await SetQualityAsync(item);
            }

            await ApplyAsync(batch);
        }
    }

    private async Task ApplyAsync(List<(TagBinding, DataValue)> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var now = _clock.GetUtcNow();
        var perMachine = TelemetryBatcher.Batch(_endpointId, batch, now);
        HashSet<string>? stillStale = null;
        lock (_gate)
        {
            foreach (var (binding, _) in batch)
            {
                var id = binding.Machine.MachineId;
                _down.Remove(id);
                // A machine with a heartbeat is alive while its heartbeat changes; any other, while any value does.
                if (binding.Kind == TagKind.Heartbeat || binding.Machine.Heartbeat is null)
                {
                    _lastData[id] = now;
                    _stale.Remove(id);
                }
            }

            _lastDataAt = now;
            foreach (var (machine, _) in perMachine)
            {
                if (_stale.Contains(machine))
                {
                    (stillStale ??= new(StringComparer.Ordinal)).Add(machine);
                }
            }
        }

        Interlocked.Add(ref _values, batch.Count);
        if (stillStale is not null)
        {
            // Values without a heartbeat do not make a machine whose heartbeat stopped trusted again.
            perMachine = [.. perMachine.Select(p => stillStale.Contains(p.MachineId) && p.Telemetry.Quality < DataQuality.Bad
                ? (p.MachineId, p.Telemetry with { Quality = DataQuality.Stale })
                : p)];
        }

        try
        {
            await Task.WhenAll(perMachine.GroupBy(t => t.MachineId).Select(async g =>
            {
                var grain = _grains.GetGrain<IMachineGrain>(g.Key);
                foreach (var (_, telemetry) in g)
                {
                    await grain.ApplyTelemetry(telemetry);
                }
            }));
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Endpoint {Endpoint}: applying telemetry failed", _endpointId);
        }

        Applied?.Invoke(batch, _clock.GetUtcNow());
        batch.Clear();
    }

    private async Task SetQualityAsync(FeedItem item)
    {
        var now = _clock.GetUtcNow();
        lock (_gate)
        {
            foreach (var machine in item.Machines!)
            {
                _lastData[machine] = now;
                _stale.Remove(machine);
                if (item.Quality == DataQuality.Good)
                {
                    _down.Remove(machine);
                }
                else
                {
                    _down.Add(machine);
                }
            }
        }

        try
        {
            await Task.WhenAll(item.Machines!.Select(m => _grains.GetGrain<IMachineGrain>(m).SetDataQualitySince(item.Quality, item.Reason, item.Since)));
        }
        catch (Exception e)
        {
            _logger.LogWarning(e, "Endpoint {Endpoint}: could not mark machines {Quality}", _endpointId, item.Quality);
        }
    }

    private async Task WatchStalenessAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 100, _staleAfter.Ticks / 4)), _clock);
        var started = _clock.GetUtcNow();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = _clock.GetUtcNow();
                List<string> stale;
                lock (_gate)
                {
                    stale = _machines.Select(m => m.MachineId)
                        .Where(m => _watched.Contains(m) && !_down.Contains(m) && !_stale.Contains(m) && now - _lastData.GetValueOrDefault(m, started) > _staleAfter)
                        .ToList();
                    _stale.UnionWith(stale);
                }

                foreach (var machine in stale)
                {
                    await _grains.GetGrain<IMachineGrain>(machine).SetDataQuality(DataQuality.Stale, $"no data for {_staleAfter.TotalSeconds:0.#} s");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}

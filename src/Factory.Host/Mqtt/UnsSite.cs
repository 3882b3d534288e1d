using System.Threading.Channels;
using Factory.Contracts.Production;
using Factory.Mqtt;
using Factory.Host.Production;
using MQTTnet;

namespace Factory.Host.Mqtt;

/// <summary>
/// Publishes one site's part of the Unified Namespace from one broker connection: on (re)connect its status (online, with
/// an offline will) and a full picture read from the grains, then every change the site's events bring, as retained
/// JSON, each topic only when its payload changed. Events are coalesced per topic when the broker is slower than the plant.
/// </summary>
internal sealed class UnsSite
{
    private const int MaxInFlight = 256;

    private readonly string _site;
    private readonly BrokerSettings _broker;
    private readonly UnsSettings _settings;
    private readonly UnsTopics _topics;
    private readonly IGrainFactory _grains;
    private readonly Plant.PlantQueries _queries;
    private readonly KpiQueries _kpis;
    private readonly TimeProvider _clock;
    private readonly ILogger _logger;
    private readonly Channel<object> _events = Channel.CreateBounded<object>(new BoundedChannelOptions(16_384) { SingleReader = true });
    private readonly Dictionary<string, MachineView> _machines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkOrderView> _orders = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, AlarmView>> _alarms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lineOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _published = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _pending = new(StringComparer.Ordinal);
    private volatile bool _overflowed;
    private long _messages;

    public UnsSite(string site, BrokerSettings broker, UnsSettings settings, IGrainFactory grains, Plant.PlantQueries queries, KpiQueries kpis,
        PlantClock clock, ILogger logger)
    {
        _site = site;
        _broker = broker;
        _settings = settings;
        _topics = new UnsTopics(settings);
        _grains = grains;
        _queries = queries;
        _kpis = kpis;
        _clock = clock;
        _logger = logger;
    }

    /// <summary>Messages published since start.</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Queues a plant event or KPI delta of this site; a full queue makes the next pass read the whole picture again.</summary>
    public void Post(object change)
    {
        if (!_events.Writer.TryWrite(change))
        {
            _overflowed = true;
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var factory = new MqttClientFactory();
        var backoff = TimeSpan.FromMilliseconds(500);
        var status = _topics.Site(_site, "status");
        while (!cancellationToken.IsCancellationRequested)
        {
            using var client = factory.CreateMqttClient();
            var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += _ =>
            {
                lost.TrySetResult();
                return Task.CompletedTask;
            };
            try
            {
                var will = new BrokerWill(status, UnsPayloads.Status(false, _clock.GetUtcNow(), Environment.MachineName), 1, true);
                await client.ConnectAsync(BrokerOptions.Build(_broker, will), cancellationToken);
                backoff = TimeSpan.FromMilliseconds(500);
                _logger.LogInformation("Unified Namespace of site {Site}: publishing to {Broker} under {Topic}", _site, _broker, _topics.Site(_site, "#"));
                _published.Clear();
                await PublishAsync(client, [(status, UnsPayloads.Status(true, _clock.GetUtcNow(), Environment.MachineName))], cancellationToken);
                await SnapshotAsync(cancellationToken);
                await PublishPendingAsync(client, cancellationToken);
                await PumpAsync(client, lost.Task, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await GoodbyeAsync(client, status);
                break;
            }
            catch (Exception e)
            {
                _logger.LogWarning("Unified Namespace of site {Site}: broker {Broker} unavailable: {Error}", _site, _broker, e.Message);
            }

            try
            {
                await Task.Delay(backoff, _clock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            backoff = TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerSecond * 10, backoff.Ticks * 2));
        }
    }

    private async Task PumpAsync(IMqttClient client, Task lost, CancellationToken cancellationToken)
    {
        var reader = _events.Reader;
        while (!lost.IsCompleted)
        {
            var ready = reader.WaitToReadAsync(cancellationToken).AsTask();
            if (await Task.WhenAny(ready, lost) == lost)
            {
                break;
            }

            if (!await ready)
            {
                return;
            }

            var drained = 0;
            while (drained++ < 4096 && reader.TryRead(out var change))
            {
                await ApplyAsync(change);
            }

            if (_overflowed)
            {
                _overflowed = false;
                _logger.LogWarning("Unified Namespace of site {Site}: events came faster than they could be read; reading the whole picture again", _site);
                await SnapshotAsync(cancellationToken);
            }

            await PublishPendingAsync(client, cancellationToken);
        }

        throw new InvalidOperationException("the broker connection was lost");
    }

    /// <summary>The whole site as it stands, read from the grains (after a (re)connect, or when events were dropped).</summary>
    private async Task SnapshotAsync(CancellationToken cancellationToken)
    {
        var machines = await _queries.MachinesAsync(_site);
        foreach (var order in await _queries.WorkOrdersAsync(_site))
        {
            _orders[order.Id] = order;
            Stage(_topics.WorkOrder(_site, order.Id), UnsPayloads.Order(order));
        }

        foreach (var machine in machines)
        {
            Machine(machine, force: true);
            var alarms = await _grains.GetGrain<IMachineAlarmsGrain>(machine.Id).GetAlarms();
            _alarms[machine.Id] = alarms.ToDictionary(a => a.Id, StringComparer.Ordinal);
            Stage(_topics.Machine(_site, machine.LineId, machine.Id, "alarms"), UnsPayloads.Alarms(alarms));
        }

        foreach (var line in await _queries.LinesAsync(_site))
        {
            Stage(_topics.Line(_site, line.Id, "status"), UnsPayloads.Line(line));
        }

        Stage(_topics.Site(_site, "plan"), UnsPayloads.Plan(await _grains.GetGrain<IDispatcherGrain>(_site).GetPlan()));
        var window = _kpis.LiveWindow(_site);
        var entities = machines.Select(m => ("machine", m.Id)).Concat(machines.Select(m => m.LineId).Distinct().Select(l => ("line", l))).Append(("site", _site));
        foreach (var (entity, id) in entities)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if ((await _kpis.QueryAsync(new KpiQuery(entity, id, window.Start, window.End))).Rows is [var row])
            {
                Kpi(row);
            }
        }
    }

    private async Task ApplyAsync(object change)
    {
        switch (change)
        {
            case MachineChanged m:
                Machine(m.Machine, force: false);
                break;
            case LineChanged l:
                Stage(_topics.Line(_site, l.Line.Id, "status"), UnsPayloads.Line(l.Line));
                break;
            case WorkOrderChanged w when !_orders.TryGetValue(w.WorkOrder.Id, out var known) || known.Version < w.WorkOrder.Version:
                _orders[w.WorkOrder.Id] = w.WorkOrder;
                Stage(_topics.WorkOrder(_site, w.WorkOrder.Id), UnsPayloads.Order(w.WorkOrder));
                foreach (var machine in _machines.Values.Where(v => v.CurrentWorkOrderId == w.WorkOrder.Id))
                {
                    Stage(_topics.Machine(_site, machine.LineId, machine.Id, "workorder"), UnsPayloads.WorkOrder(machine, w.WorkOrder));
                }

                break;
            case PlanChanged:
                Stage(_topics.Site(_site, "plan"), UnsPayloads.Plan(await _grains.GetGrain<IDispatcherGrain>(_site).GetPlan()));
                break;
            case AlarmChanged a:
                if (!_alarms.TryGetValue(a.Alarm.MachineId, out var alarms))
                {
                    _alarms[a.Alarm.MachineId] = alarms = new Dictionary<string, AlarmView>(StringComparer.Ordinal);
                }

                if (!alarms.TryGetValue(a.Alarm.Id, out var before) || before.Version <= a.Alarm.Version)
                {
                    alarms[a.Alarm.Id] = a.Alarm;
                }

                if (_lineOf.TryGetValue(a.Alarm.MachineId, out var line))
                {
                    Stage(_topics.Machine(_site, line, a.Alarm.MachineId, "alarms"), UnsPayloads.Alarms(alarms.Values));
                }

                break;
            case KpiChanged k:
                Kpi(k.Kpis);
                break;
        }
    }

    private void Machine(MachineView view, bool force)
    {
        if (!force && _machines.TryGetValue(view.Id, out var known) && known.Version >= view.Version)
        {
            return; // older than what is published
        }

        _machines[view.Id] = view;
        _lineOf[view.Id] = view.LineId;
        string Topic(string leaf) => _topics.Machine(_site, view.LineId, view.Id, leaf);
        Stage(Topic("state"), UnsPayloads.State(view));
        Stage(Topic("mode"), UnsPayloads.Mode(view));
        Stage(Topic("quality"), UnsPayloads.Quality(view));
        Stage(Topic("workorder"), UnsPayloads.WorkOrder(view, view.CurrentWorkOrderId is { } id ? _orders.GetValueOrDefault(id) : null));
        Stage(Topic("counters"), UnsPayloads.Counters(view));
        Stage(Topic("process"), UnsPayloads.Process(view));
    }

    private void Kpi(KpiView row)
    {
        var topic = row.Entity switch
        {
            "machine" when _lineOf.TryGetValue(row.Id, out var line) => _topics.Machine(_site, line, row.Id, "oee"),
            "line" => _topics.Line(_site, row.Id, "oee"),
            "site" => _topics.Site(_site, "oee"),
            _ => null,
        };
        if (topic is not null)
        {
            Stage(topic, UnsPayloads.Oee(row));
        }
    }

    /// <summary>Marks a topic for publishing when its payload differs from the one last published.</summary>
    private void Stage(string topic, byte[] payload)
    {
        if (_published.TryGetValue(topic, out var last) && last.AsSpan().SequenceEqual(payload))
        {
            _pending.Remove(topic);
            return;
        }

        _pending[topic] = payload;
    }

    private async Task PublishPendingAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var batch = _pending.Select(p => (p.Key, p.Value)).ToList();
        _pending.Clear();
        await PublishAsync(client, batch, cancellationToken);
    }

    private async Task PublishAsync(IMqttClient client, List<(string Topic, byte[] Payload)> messages, CancellationToken cancellationToken)
    {
        // Several publishes in flight at once: at QoS 1 each waits for its acknowledgement, so one at a time would cap
        // the rate at one broker round trip per message.
        foreach (var chunk in messages.Chunk(MaxInFlight))
        {
            await Task.WhenAll(chunk.Select(m => client.PublishAsync(BrokerOptions.Message(m.Topic, m.Payload, _settings.Qos, _settings.Retain), cancellationToken)));
            foreach (var (topic, payload) in chunk)
            {
                _published[topic] = payload;
            }

            Interlocked.Add(ref _messages, chunk.Length);
        }
    }

    private async Task GoodbyeAsync(IMqttClient client, string status)
    {
        if (!client.IsConnected)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.PublishAsync(BrokerOptions.Message(status, UnsPayloads.Status(false, _clock.GetUtcNow(), Environment.MachineName), 1, true), timeout.Token);
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token);
        }
        catch (Exception e)
        {
            _logger.LogDebug("Unified Namespace of site {Site}: closing: {Error}", _site, e.Message);
        }
    }
}

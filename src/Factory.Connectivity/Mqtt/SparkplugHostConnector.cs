using Factory.Mqtt;
using Factory.Mqtt.Sparkplug;
using Factory.OpcUa.Encoding;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace Factory.Connectivity.Mqtt;

/// <summary>
/// A Sparkplug B host application for the machines of one broker endpoint. It subscribes to <c>spBv1.0/{group}/#</c>,
/// announces itself on <c>spBv1.0/STATE/{hostId}</c> (retained, QoS 1, the same message with <c>online: false</c> as its
/// will), reads births (metric names, aliases and types), data and deaths, checks every edge node's sequence numbers and
/// requests a rebirth (NCMD <c>Node Control/Rebirth</c>) on a gap not filled within the reorder timeout, on an unknown
/// alias, or on data from a node or device it has no birth of. A death makes its machines Stale from the death's time;
/// a lost broker makes them all Disconnected. PackML commands and setpoints go out as DCMD (NCMD for node-level machines).
/// </summary>
public sealed class SparkplugHostConnector : BrokerConnector
{
    private const string RebirthMetric = "Node Control/Rebirth";
    private static readonly TimeSpan RebirthRetry = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, SparkplugEdgeNode> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, TagBinding[]>> _bindings = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(string Device, string Machine)>> _machinesOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BrokerMachine> _byMachine = new(StringComparer.Ordinal);
    private readonly HashSet<string> _groups = new(StringComparer.Ordinal);
    private long _stateTimestamp;
    private long _rebirthRequests;

    public SparkplugHostConnector(BrokerEndpointSettings settings, IGrainFactory grains, TimeProvider clock, ILogger logger)
        : base(settings, settings.Machines.Where(m => m.Tags.Heartbeat is not null).Select(m => m.MachineId), grains, clock, logger)
    {
        foreach (var machine in settings.Machines)
        {
            if (machine.Group is not { Length: > 0 } group || machine.EdgeNode is not { Length: > 0 } node)
            {
                throw new ArgumentException($"machine {machine.MachineId} needs a Sparkplug group and edge node", nameof(settings));
            }

            _groups.Add(group);
            _byMachine[machine.MachineId] = machine;
            var key = NodeKey(group, node);
            _nodes.TryAdd(key, new SparkplugEdgeNode(group, node));
            if (!_machinesOf.TryGetValue(key, out var list))
            {
                _machinesOf[key] = list = [];
            }

            list.Add((machine.Device ?? "", machine.MachineId));
            var device = DeviceKey(key, machine.Device);
            if (!_bindings.TryGetValue(device, out var byMetric))
            {
                _bindings[device] = byMetric = new Dictionary<string, TagBinding[]>(StringComparer.Ordinal);
            }

            foreach (var (kind, name, reference) in machine.Tags.Tags())
            {
                var binding = new TagBinding(machine.Tags, kind, name);
                byMetric[reference.Text] = byMetric.TryGetValue(reference.Text, out var existing) ? [.. existing, binding] : [binding];
            }
        }
    }

    /// <summary>Rebirth requests sent since start (for tests and diagnostics).</summary>
    public long RebirthRequests => Interlocked.Read(ref _rebirthRequests);

    private protected override TimeSpan? TickInterval =>
        TimeSpan.FromTicks(Math.Clamp(Settings.ReorderTimeout.Ticks / 4, TimeSpan.TicksPerMillisecond * 50, TimeSpan.TicksPerSecond));

    public override Task<StatusCode> WriteCommandAsync(string machineId, PackMlCommand command, CancellationToken cancellationToken)
    {
        if (!_byMachine.TryGetValue(machineId, out var machine) || machine.Tags.Command is not { } metric)
        {
            return Task.FromResult<StatusCode>(StatusCodes.BadNotSupported);
        }

        var map = machine.Tags;
        return WriteAsync(machine, metric.Text, type => map.CommandEncoding == StateEncoding.Name
            ? type is SparkplugDataType.String or SparkplugDataType.Text ? SparkplugValue.FromString(command.ToString()) : null
            : SparkplugValue.TryFromNumber(type, map.CommandTable?.GetValueOrDefault(command, (int)command) ?? (int)command, out var v) ? v : null,
            cancellationToken);
    }

    public override Task<StatusCode> WriteSpeedSetpointAsync(string machineId, double setpoint, CancellationToken cancellationToken)
    {
        if (!_byMachine.TryGetValue(machineId, out var machine) || (machine.Tags.SpeedSetpointWrite ?? machine.Tags.Setpoint) is not { } metric)
        {
            return Task.FromResult<StatusCode>(StatusCodes.BadNotSupported);
        }

        return WriteAsync(machine, metric.Text, type => SparkplugValue.TryFromNumber(type, setpoint, out var v) ? v : null, cancellationToken);
    }

    private protected override BrokerWill? Will()
    {
        // The birth after connecting repeats this timestamp, so a reader can pair them.
        _stateTimestamp = Clock.GetUtcNow().ToUnixTimeMilliseconds();
        return new BrokerWill(SparkplugTopic.StateTopic(Settings.HostId), new HostState(false, _stateTimestamp).ToJson(), 1, true);
    }

    private protected override async Task OnConnectedAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var group in _groups)
        {
            subscribe.WithTopicFilter(SparkplugTopic.GroupFilter(group), MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
        }

        await client.SubscribeAsync(subscribe.Build(), cancellationToken);
        await client.PublishAsync(BrokerOptions.Message(SparkplugTopic.StateTopic(Settings.HostId), new HostState(true, _stateTimestamp).ToJson(), 1, true), cancellationToken);

        // What this host knew of the sessions is gone with its connection: until each node is born again its machines
        // are Stale, and every node is asked for its births now rather than at its next data message.
        var now = Clock.GetUtcNow();
        List<SparkplugEdgeNode> nodes;
        lock (_gate)
        {
            nodes = [.. _nodes.Values];
            foreach (var node in nodes)
            {
                node.Die();
                node.RebirthRequestedAt = null;
            }
        }

        foreach (var node in nodes)
        {
            await Feed.PostQualityAsync(MachinesOf(node, null), DataQuality.Stale, $"waiting for the birth of edge node {node.Group}/{node.EdgeNode}", now, cancellationToken);
            await RequestRebirthAsync(node, now, cancellationToken);
        }
    }

    private protected override Task OnClosingAsync(IMqttClient client) =>
        client.PublishAsync(BrokerOptions.Message(SparkplugTopic.StateTopic(Settings.HostId), new HostState(false, _stateTimestamp).ToJson(), 1, true));

    private protected override async Task OnLostAsync(string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var node in _nodes.Values)
            {
                node.Die();
            }
        }

        await Feed.PostQualityAsync(_byMachine.Keys.ToList(), DataQuality.Disconnected, $"broker {Settings.Broker} lost: {reason}", at, cancellationToken);
    }

    private protected override async Task OnMessageAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (!SparkplugTopic.TryParse(message.Topic, out var topic) || !_groups.Contains(topic.Group) ||
            topic.Type is SparkplugMessageType.State or SparkplugMessageType.NCmd or SparkplugMessageType.DCmd ||
            !_nodes.TryGetValue(NodeKey(topic.Group, topic.EdgeNode), out var node))
        {
            return; // not a node this endpoint reads, or commands (ours included)
        }

        var now = Clock.GetUtcNow();
        SparkplugPayload payload;
        try
        {
            payload = SparkplugPayloadReader.Read(message.Payload, Settings.Limits);
        }
        catch (SparkplugDecodingException e)
        {
            Note($"{message.Topic}: {e.Message}");
            if (topic.Type != SparkplugMessageType.NDeath)
            {
                // The node's state is unknown from here on: ask for all of it again.
                await RequestRebirthAsync(node, now, cancellationToken);
            }

            return;
        }

        var values = new List<(TagBinding, DataValue)>();
        (IReadOnlyList<string> Machines, string Reason, DateTimeOffset Since)? death = null;
        bool rebirth;
        lock (_gate)
        {
            rebirth = topic.Type switch
            {
                SparkplugMessageType.NBirth => !NodeBirth(node, payload, now, values),
                SparkplugMessageType.DBirth => !DeviceBirth(node, topic.Device!, payload, now, values),
                SparkplugMessageType.NData or SparkplugMessageType.DData => !Data(node, topic.Device, payload, now, values),
                SparkplugMessageType.NDeath => !NodeDeath(node, payload, now, out death),
                SparkplugMessageType.DDeath => !DeviceDeath(node, topic.Device!, payload, now, out death),
                _ => false,
            };
        }

        await Feed.PostValuesAsync(values, cancellationToken);
        if (death is { } d)
        {
            await Feed.PostQualityAsync(d.Machines, DataQuality.Stale, d.Reason, d.Since, cancellationToken);
        }

        if (rebirth)
        {
            await RequestRebirthAsync(node, now, cancellationToken);
        }
    }

    private protected override async Task OnTickAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        List<SparkplugEdgeNode> overdue;
        lock (_gate)
        {
            overdue = _nodes.Values.Where(n => n.GapDeadline is { } deadline && now >= deadline).ToList();
            foreach (var node in overdue)
            {
                Logger.LogInformation("Edge node {Group}/{Node}: sequence numbers {Missing} never arrived; requesting a rebirth",
                    node.Group, node.EdgeNode, string.Join(",", node.Missing.Order()));
                node.Missing.Clear();
                node.GapDeadline = null;
            }
        }

        foreach (var node in overdue)
        {
            await RequestRebirthAsync(node, now, cancellationToken, force: true);
        }
    }

    /// <summary>An NBIRTH starts the node's session again: seq 0, bdSeq, its own metrics; its devices follow with DBIRTHs.</summary>
    private bool NodeBirth(SparkplugEdgeNode node, SparkplugPayload payload, DateTimeOffset now, List<(TagBinding, DataValue)> values)
    {
        node.Die();
        node.RebirthRequestedAt = null;
        if (payload.Seq is not { } seq || seq > 255)
        {
            Note($"NBIRTH of {node.Group}/{node.EdgeNode} carries no valid seq");
            return false;
        }

        node.Born = true;
        node.BornAt = payload.Timestamp is { } ts ? FromMilliseconds(ts) : now;
        node.BirthSequence = payload.Find("bdSeq")?.Value.RawInteger;
        node.NextSeq = (int)((seq + 1) % 256);
        return Declare(node, null, payload, now, values);
    }

    private bool DeviceBirth(SparkplugEdgeNode node, string device, SparkplugPayload payload, DateTimeOffset now, List<(TagBinding, DataValue)> values)
    {
        if (!node.Born || !Sequence(node, payload, now))
        {
            return false;
        }

        // A device born again drops the aliases of its previous birth.
        foreach (var alias in node.ByAlias.Where(a => a.Value.Device == device).Select(a => a.Key).ToList())
        {
            node.ByAlias.Remove(alias);
        }

        return Declare(node, device, payload, now, values);
    }

    /// <summary>Records a birth's metrics (name, alias, type) and applies their values.</summary>
    private bool Declare(SparkplugEdgeNode node, string? device, SparkplugPayload payload, DateTimeOffset now, List<(TagBinding, DataValue)> values)
    {
        var key = device ?? "";
        var declared = new Dictionary<string, SparkplugMetricSlot>(StringComparer.Ordinal);
        node.Devices[key] = declared;
        _bindings.TryGetValue(DeviceKey(NodeKey(node.Group, node.EdgeNode), device), out var wanted);
        var ok = true;
        foreach (var metric in payload.Metrics)
        {
            if (metric.Name is not { } name)
            {
                Note($"a birth of {node.Group}/{node.EdgeNode}{(device is null ? "" : "/" + device)} has a metric without a name");
                ok = false;
                continue;
            }

            var slot = new SparkplugMetricSlot(name, device, metric.DataType, wanted?.GetValueOrDefault(name) ?? []);
            declared[name] = slot;
            if (metric.Alias is { } alias)
            {
                node.ByAlias[alias] = slot;
            }

            Collect(slot, metric, payload, now, values);
        }

        return ok;
    }

    private bool Data(SparkplugEdgeNode node, string? device, SparkplugPayload payload, DateTimeOffset now, List<(TagBinding, DataValue)> values)
    {
        if (!node.Born || !node.Devices.TryGetValue(device ?? "", out var declared))
        {
            // Data without a birth (this host came later, or a birth was lost): nothing can be read from it.
            return false;
        }

        if (!Sequence(node, payload, now))
        {
            return false;
        }

        var ok = true;
        foreach (var metric in payload.Metrics)
        {
            SparkplugMetricSlot? slot = null;
            if (metric.Alias is { } alias)
            {
                slot = node.ByAlias.GetValueOrDefault(alias);
                slot = slot is not null && slot.Device == device ? slot : null;
            }
            else if (metric.Name is { } name)
            {
                slot = declared.GetValueOrDefault(name);
            }

            if (slot is null)
            {
                Note($"{node.Group}/{node.EdgeNode}{(device is null ? "" : "/" + device)}: metric {metric.Name ?? "alias " + metric.Alias} was not in its birth");
                ok = false;
                continue;
            }

            Collect(slot, metric, payload, now, values);
        }

        return ok;
    }

    private bool NodeDeath(SparkplugEdgeNode node, SparkplugPayload payload, DateTimeOffset now, out (IReadOnlyList<string>, string, DateTimeOffset)? death)
    {
        death = null;
        var bdSeq = payload.Find("bdSeq")?.Value.RawInteger;
        if (!node.Born || (bdSeq is not null && node.BirthSequence is not null && bdSeq != node.BirthSequence))
        {
            return true; // the will of an earlier session, arriving after the new birth: not this session's death
        }

        // A will carries the time its connection was made, not of the death: only a timestamp after the birth is the death's.
        var at = payload.Timestamp is { } ts && FromMilliseconds(ts) is var stamped && stamped >= node.BornAt && stamped <= now ? stamped : now;
        node.Die();
        death = (MachinesOf(node, null), $"edge node {node.Group}/{node.EdgeNode} died (NDEATH) at {at:O}", at);
        return true;
    }

    private bool DeviceDeath(SparkplugEdgeNode node, string device, SparkplugPayload payload, DateTimeOffset now, out (IReadOnlyList<string>, string, DateTimeOffset)? death)
    {
        death = null;
        if (!node.Born || !Sequence(node, payload, now))
        {
            return false;
        }

        node.Devices.Remove(device);
        foreach (var alias in node.ByAlias.Where(a => a.Value.Device == device).Select(a => a.Key).ToList())
        {
            node.ByAlias.Remove(alias);
        }

        var at = payload.Timestamp is { } ts && FromMilliseconds(ts) is var stamped && stamped <= now ? stamped : now;
        death = (MachinesOf(node, device), $"device {node.Group}/{node.EdgeNode}/{device} died (DDEATH) at {at:O}", at);
        return true;
    }

    /// <summary>
    /// Checks a message's seq against the node's next one. A number ahead of it leaves the skipped ones missing until the
    /// reorder timeout (a rebirth is requested then, or at once when the timeout is zero); a late one fills its gap.
    /// </summary>
    private bool Sequence(SparkplugEdgeNode node, SparkplugPayload payload, DateTimeOffset now)
    {
        if (payload.Seq is not { } s || s > 255)
        {
            return false;
        }

        var seq = (int)s;
        if (seq == node.NextSeq)
        {
            node.NextSeq = (seq + 1) % 256;
            return true;
        }

        if (node.Missing.Remove(seq))
        {
            if (node.Missing.Count == 0)
            {
                node.GapDeadline = null;
            }

            return true;
        }

        var ahead = (seq - node.NextSeq + 256) % 256;
        if (node.NextSeq < 0 || ahead >= 128)
        {
            return true; // a repeat of an older message (QoS 1 redelivery): its values are older than those applied
        }

        if (Settings.ReorderTimeout <= TimeSpan.Zero)
        {
            node.NextSeq = (seq + 1) % 256;
            return false;
        }

        for (var missing = node.NextSeq; missing != seq; missing = (missing + 1) % 256)
        {
            node.Missing.Add(missing);
        }

        node.NextSeq = (seq + 1) % 256;
        node.GapDeadline ??= now + Settings.ReorderTimeout;
        return true;
    }

    private static void Collect(SparkplugMetricSlot slot, in SparkplugMetric metric, SparkplugPayload payload, DateTimeOffset now, List<(TagBinding, DataValue)> values)
    {
        if (slot.Bindings.Length == 0 || metric.IsHistorical)
        {
            return;
        }

        var ms = metric.Timestamp ?? payload.Timestamp ?? (ulong)now.ToUnixTimeMilliseconds();
        if (ms < slot.LastTimestamp)
        {
            return; // arrived late: a newer value is already applied
        }

        slot.LastTimestamp = ms;
        var value = SparkplugValues.ToDataValue(metric, slot.Type, FromMilliseconds(ms).UtcDateTime, now.UtcDateTime);
        foreach (var binding in slot.Bindings)
        {
            values.Add((binding, value));
        }
    }

    private async Task<StatusCode> WriteAsync(BrokerMachine machine, string metric, Func<SparkplugDataType, SparkplugValue?> encode, CancellationToken cancellationToken)
    {
        SparkplugDataType type;
        lock (_gate)
        {
            var node = _nodes[NodeKey(machine.Group!, machine.EdgeNode!)];
            if (!node.Born || !node.Devices.TryGetValue(machine.Device ?? "", out var declared) || !declared.TryGetValue(metric, out var slot))
            {
                // Without the birth the metric's type is unknown, and a command must match it.
                return Client is null ? StatusCodes.BadNotConnected : StatusCodes.BadWaitingForInitialData;
            }

            type = slot.Type;
        }

        if (encode(type) is not { } value)
        {
            return StatusCodes.BadTypeMismatch;
        }

        var payload = new SparkplugPayload { Timestamp = (ulong)Clock.GetUtcNow().ToUnixTimeMilliseconds() };
        payload.Metrics.Add(new SparkplugMetric(metric, null, payload.Timestamp, type, value));
        var topic = new SparkplugTopic(machine.Group!, machine.Device is null ? SparkplugMessageType.NCmd : SparkplugMessageType.DCmd, machine.EdgeNode!, machine.Device);
        return await PublishAsync(topic.ToString(), SparkplugPayloadWriter.Write(payload), 0, false, cancellationToken);
    }

    private async Task RequestRebirthAsync(SparkplugEdgeNode node, DateTimeOffset now, CancellationToken cancellationToken, bool force = false)
    {
        lock (_gate)
        {
            // One request per node until its birth arrives or the retry period passes: a burst of data does not make a storm.
            if (!force && node.RebirthRequestedAt is { } last && now - last < RebirthRetry)
            {
                return;
            }

            node.RebirthRequestedAt = now;
        }

        var payload = new SparkplugPayload { Timestamp = (ulong)now.ToUnixTimeMilliseconds() };
        payload.Metrics.Add(new SparkplugMetric(RebirthMetric, null, payload.Timestamp, SparkplugDataType.Boolean, SparkplugValue.FromBoolean(true)));
        var status = await PublishAsync(new SparkplugTopic(node.Group, SparkplugMessageType.NCmd, node.EdgeNode).ToString(), SparkplugPayloadWriter.Write(payload), 0, false, cancellationToken);
        if (status.IsGood)
        {
            Interlocked.Increment(ref _rebirthRequests);
            Logger.LogInformation("Endpoint {Endpoint}: requested a rebirth of edge node {Group}/{Node}", Settings.Id, node.Group, node.EdgeNode);
        }
    }

    /// <summary>The machines of a node (all of them, or one device's).</summary>
    private List<string> MachinesOf(SparkplugEdgeNode node, string? device) =>
        _machinesOf.TryGetValue(NodeKey(node.Group, node.EdgeNode), out var list)
            ? [.. list.Where(m => device is null || m.Device == device).Select(m => m.Machine)]
            : [];

    private static DateTimeOffset FromMilliseconds(ulong ms) =>
        ms <= 253402300799999 ? DateTimeOffset.FromUnixTimeMilliseconds((long)ms) : DateTimeOffset.MaxValue;

    private static string NodeKey(string group, string node) => group + "/" + node;

    private static string DeviceKey(string nodeKey, string? device) => nodeKey + "/" + (device ?? "");
}

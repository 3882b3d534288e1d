using System.Collections.Concurrent;
using Factory.Domain.PackMl;
using Factory.Mqtt;
using Factory.Mqtt.Sparkplug;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Server;
using MQTTnet;

namespace Factory.Simulator;

/// <summary>
/// One simulated line as a Sparkplug B edge node: its machines are devices whose metrics are the machine's tags (names
/// and types as on the OPC UA server, values and timestamps read from it). Publishes NBIRTH and DBIRTHs on connect and on
/// a rebirth request, DDATA with what changed every interval (every state change with its own time), an NDEATH will with
/// the session's bdSeq; obeys DCMD <c>Command</c>/<c>CommandName</c> (PackML) and <c>SpeedSetpoint</c>.
/// </summary>
internal sealed class SparkplugEdgeNode : IAsyncDisposable
{
    private readonly SparkplugPublisherOptions _options;
    private readonly string _edgeNode;
    private readonly IReadOnlyList<SimulatedMachine> _machines;
    private readonly Dictionary<string, (string Tag, SparkplugDataType Type, VariableNode Node)[]> _metrics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConcurrentQueue<(PackMlState State, DateTimeOffset At)>> _stateChanges = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, DataValue>> _published = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private IMqttClient? _client;
    private Task? _run;
    private ulong _bdSeq;
    private int _seq;
    private volatile bool _rebirth;

    public SparkplugEdgeNode(PlantSimulator plant, SparkplugPublisherOptions options, string edgeNode, IReadOnlyList<SimulatedMachine> machines)
    {
        _options = options;
        _edgeNode = edgeNode;
        _machines = machines;
        foreach (var machine in machines)
        {
            _metrics[machine.Id] = [.. MachineTags.All.Select(tag =>
            {
                plant.Server.AddressSpace.TryGetNode(plant.NodeIdFor(machine.Id, tag), out var node);
                var variable = (VariableNode)node!;
                return (tag, TypeOf(variable.BuiltInType), variable);
            })];
            var queue = _stateChanges[machine.Id] = new ConcurrentQueue<(PackMlState, DateTimeOffset)>();
            machine.StateChanged += (_, e) => queue.Enqueue((e.State, e.At));
        }
    }

    public string EdgeNode => _edgeNode;

    /// <summary>Whether the node's connection is up and its births are out.</summary>
    public bool Online { get; private set; }

    public void Start() => _run = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Drops the connection without a goodbye, as a crashed gateway would (the broker publishes the NDEATH will).</summary>
    public async Task CrashAsync()
    {
        if (_client is { } client)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions { Reason = MqttClientDisconnectOptionsReason.DisconnectWithWillMessage });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is { } run)
        {
            await run.ContinueWith(_ => { }, TaskScheduler.Default);
        }

        _stop.Dispose();
        _sending.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var factory = new MqttClientFactory();
        var clock = _options.TimeProvider;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var client = factory.CreateMqttClient();
            var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            client.DisconnectedAsync += _ =>
            {
                lost.TrySetResult();
                return Task.CompletedTask;
            };
            client.ApplicationMessageReceivedAsync += e => OnCommandAsync(e.ApplicationMessage);
            try
            {
                _bdSeq++;
                var will = new BrokerWill(Topic(SparkplugMessageType.NDeath), Death(), 0, false);
                var broker = _options.Broker with { ClientId = $"{_options.Broker.ClientId}-{_edgeNode}" };
                await client.ConnectAsync(BrokerOptions.Build(broker, will), cancellationToken);
                _client = client;
                await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                    .WithTopicFilter($"{SparkplugTopic.Namespace}/{_options.Group}/NCMD/{_edgeNode}")
                    .WithTopicFilter($"{SparkplugTopic.Namespace}/{_options.Group}/DCMD/{_edgeNode}/+")
                    .Build(), cancellationToken);
                await BirthAsync(cancellationToken);
                Online = true;
                using var timer = new PeriodicTimer(_options.Interval, clock);
                while (!lost.Task.IsCompleted && await timer.WaitForNextTickAsync(cancellationToken))
                {
                    if (_rebirth)
                    {
                        _rebirth = false;
                        await BirthAsync(cancellationToken);
                    }

                    await PublishChangesAsync(cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await GoodbyeAsync(client);
                break;
            }
            catch (Exception)
            {
                // Broker unreachable or connection lost: try again shortly, with a new session and bdSeq.
            }
            finally
            {
                Online = false;
                _client = null;
            }

            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), clock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async Task BirthAsync(CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            var now = Now();
            _seq = 0;
            var node = new SparkplugPayload { Timestamp = now, Seq = 0 };
            node.Metrics.Add(new SparkplugMetric("bdSeq", null, now, SparkplugDataType.UInt64, SparkplugValue.FromLong(_bdSeq)));
            node.Metrics.Add(new SparkplugMetric("Node Control/Rebirth", null, now, SparkplugDataType.Boolean, SparkplugValue.FromBoolean(false)));
            await SendAsync(Topic(SparkplugMessageType.NBirth), node, cancellationToken);
            for (var index = 0; index < _machines.Count; index++)
            {
                var machine = _machines[index];
                _stateChanges[machine.Id].Clear(); // the birth carries the current state
                var values = _published[machine.Id] = new Dictionary<string, DataValue>(StringComparer.Ordinal);
                var birth = new SparkplugPayload { Timestamp = now, Seq = NextSeq() };
                foreach (var (tag, type, variable) in _metrics[machine.Id])
                {
                    var value = variable.Value;
                    values[tag] = value;
                    birth.Metrics.Add(new SparkplugMetric(tag, Alias(index, tag), Milliseconds(value), type, ToValue(value.Value)));
                }

                await SendAsync(Topic(SparkplugMessageType.DBirth, machine.Id), birth, cancellationToken);
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private async Task PublishChangesAsync(CancellationToken cancellationToken)
    {
        await _sending.WaitAsync(cancellationToken);
        try
        {
            for (var index = 0; index < _machines.Count; index++)
            {
                var machine = _machines[index];
                var last = _published[machine.Id];
                var data = new SparkplugPayload { Timestamp = Now() };
                var metrics = _metrics[machine.Id];
                var stateChanges = _stateChanges[machine.Id];
                var statesSent = false;
                while (stateChanges.TryDequeue(out var change))
                {
                    data.Metrics.Add(new SparkplugMetric(null, Alias(index, MachineTags.State), (ulong)change.At.ToUnixTimeMilliseconds(),
                        SparkplugDataType.String, SparkplugValue.FromString(change.State.ToString())));
                    statesSent = true;
                }

                foreach (var (tag, type, variable) in metrics)
                {
                    var value = variable.Value;
                    if (last.TryGetValue(tag, out var before) && before.Value.Equals(value.Value) && before.SourceTimestamp == value.SourceTimestamp)
                    {
                        continue;
                    }

                    last[tag] = value;
                    if (tag == MachineTags.State && statesSent)
                    {
                        continue; // already sent, with every state in between
                    }

                    data.Metrics.Add(new SparkplugMetric(null, Alias(index, tag), Milliseconds(value), type, ToValue(value.Value)));
                }

                if (data.Metrics.Count > 0)
                {
                    data.Seq = NextSeq();
                    await SendAsync(Topic(SparkplugMessageType.DData, machine.Id), data, cancellationToken);
                }
            }
        }
        finally
        {
            _sending.Release();
        }
    }

    private Task OnCommandAsync(MqttApplicationMessage message)
    {
        if (!SparkplugTopic.TryParse(message.Topic, out var topic))
        {
            return Task.CompletedTask;
        }

        SparkplugPayload payload;
        try
        {
            payload = SparkplugPayloadReader.Read(message.Payload);
        }
        catch (SparkplugDecodingException)
        {
            return Task.CompletedTask; // a command it cannot read changes nothing
        }

        if (topic.Type == SparkplugMessageType.NCmd && payload.Find("Node Control/Rebirth") is { Value.BooleanValue: true })
        {
            _rebirth = true;
            return Task.CompletedTask;
        }

        if (topic.Type != SparkplugMessageType.DCmd || _machines.FirstOrDefault(m => m.Id == topic.Device) is not { } machine)
        {
            return Task.CompletedTask;
        }

        foreach (var metric in payload.Metrics)
        {
            var name = metric.Name ?? _metrics[machine.Id].Select(m => m.Tag).ElementAtOrDefault((int)((metric.Alias ?? 0) % 100) - 1);
            var variable = _metrics[machine.Id].FirstOrDefault(m => m.Tag == name).Node;
            if (variable is null)
            {
                continue;
            }

            var type = metric.DataType == SparkplugDataType.Unknown ? TypeOf(variable.BuiltInType) : metric.DataType;
            var value = metric.Value.As(type) switch
            {
                string s => new Variant(s),
                int i => new Variant(i),
                double d => new Variant(d),
                float f => new Variant((double)f),
                _ => (Variant?)null,
            };
            // Exactly what an OPC UA client's write would do: the variable's own handler decides (and refuses what is illegal).
            if (value is { } v && variable.WriteHandler is { } write)
            {
                write(variable, v);
            }
        }

        return Task.CompletedTask;
    }

    private async Task GoodbyeAsync(IMqttClient client)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await client.PublishAsync(BrokerOptions.Message(Topic(SparkplugMessageType.NDeath), Death(), 0, false), timeout.Token);
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token);
        }
        catch (Exception)
        {
            // the broker publishes the will instead
        }
    }

    private async Task SendAsync(string topic, SparkplugPayload payload, CancellationToken cancellationToken)
    {
        if (_client is { } client)
        {
            await client.PublishAsync(BrokerOptions.Message(topic, SparkplugPayloadWriter.Write(payload), 0, false), cancellationToken);
        }
    }

    private byte[] Death()
    {
        var death = new SparkplugPayload { Timestamp = Now() };
        death.Metrics.Add(new SparkplugMetric("bdSeq", null, null, SparkplugDataType.UInt64, SparkplugValue.FromLong(_bdSeq)));
        return SparkplugPayloadWriter.Write(death);
    }

    private ulong NextSeq()
    {
        _seq = (_seq + 1) % 256;
        return (ulong)_seq;
    }

    /// <summary>Aliases are unique per edge node: 100 per device, one per tag in <see cref="MachineTags.All"/> order.</summary>
    private static ulong Alias(int machineIndex, string tag) => (ulong)(machineIndex * 100 + IndexOf(tag) + 1);

    private static int IndexOf(string tag)
    {
        for (var i = 0; i < MachineTags.All.Count; i++)
        {
            if (MachineTags.All[i] == tag)
            {
                return i;
            }
        }

        return -1;
    }

    private string Topic(SparkplugMessageType type, string? device = null) => new SparkplugTopic(_options.Group, type, _edgeNode, device).ToString();

    private ulong Now() => (ulong)_options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private static ulong? Milliseconds(DataValue value) =>
        value.SourceTimestamp > DateTime.UnixEpoch ? (ulong)new DateTimeOffset(DateTime.SpecifyKind(value.SourceTimestamp, DateTimeKind.Utc)).ToUnixTimeMilliseconds() : null;

    private static SparkplugDataType TypeOf(BuiltInType type) => type switch
    {
        BuiltInType.String => SparkplugDataType.String,
        BuiltInType.Int32 => SparkplugDataType.Int32,
        BuiltInType.UInt32 => SparkplugDataType.UInt32,
        BuiltInType.Double => SparkplugDataType.Double,
        BuiltInType.Boolean => SparkplugDataType.Boolean,
        _ => SparkplugDataType.String,
    };

    private static SparkplugValue ToValue(Variant value) => value.Value switch
    {
        string s => SparkplugValue.FromString(s),
        int i => SparkplugValue.FromInt(unchecked((uint)i)),
        uint u => SparkplugValue.FromInt(u),
        double d => SparkplugValue.FromDouble(d),
        bool b => SparkplugValue.FromBoolean(b),
        _ => SparkplugValue.None,
    };
}

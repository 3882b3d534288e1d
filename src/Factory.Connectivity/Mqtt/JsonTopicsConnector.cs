using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Factory.OpcUa.Encoding;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace Factory.Connectivity.Mqtt;

/// <summary>
/// Machines fed by plain MQTT topics, for gateways that do not speak Sparkplug: each tag is a topic whose JSON payload
/// holds the value (and optionally its timestamp) at a JSON path. Data quality follows the connection (Disconnected when
/// the broker is lost) and the data (Stale when a machine's heartbeat, or without one every value, stops for
/// <c>staleAfter</c>; Bad for a JSON null). Commands and setpoints are published to the command and setpoint topics.
/// </summary>
public sealed class JsonTopicsConnector : BrokerConnector
{
    private readonly Dictionary<string, List<(TagBinding Binding, JsonPath Value, JsonPath? Timestamp)>> _byTopic = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (BrokerMachine Machine, JsonTopicTag? Command, JsonTopicTag? Setpoint)> _writes = new(StringComparer.Ordinal);

    public JsonTopicsConnector(BrokerEndpointSettings settings, IGrainFactory grains, TimeProvider clock, ILogger logger)
        : base(settings, settings.Machines.Select(m => m.MachineId), grains, clock, logger)
    {
        foreach (var machine in settings.Machines)
        {
            var values = Path(machine.ValuePath, machine);
            var timestamp = machine.TimestampPath is { Length: > 0 } t ? Path(t, machine) : null;
            foreach (var (kind, name, reference) in machine.Tags.Tags())
            {
                var tag = Tag(reference.Text, values, machine);
                if (!_byTopic.TryGetValue(tag.Topic, out var list))
                {
                    _byTopic[tag.Topic] = list = [];
                }

                list.Add((new TagBinding(machine.Tags, kind, name), tag.Path, timestamp));
            }

            var command = machine.Tags.Command is { } c ? Tag(c.Text, values, machine) : null;
            var setpoint = (machine.Tags.SpeedSetpointWrite ?? machine.Tags.Setpoint) is { } s ? Tag(s.Text, values, machine) : null;
            _writes[machine.MachineId] = (machine, command, setpoint);
        }
    }

    public override Task<StatusCode> WriteCommandAsync(string machineId, PackMlCommand command, CancellationToken cancellationToken)
    {
        if (!_writes.TryGetValue(machineId, out var w) || w.Command is not { } tag)
        {
            return Task.FromResult<StatusCode>(StatusCodes.BadNotSupported);
        }

        var map = w.Machine.Tags;
        JsonNode value = map.CommandEncoding == StateEncoding.Name
            ? JsonValue.Create(command.ToString())
            : JsonValue.Create(map.CommandTable?.GetValueOrDefault(command, (int)command) ?? (int)command);
        return WriteAsync(tag, value, cancellationToken);
    }

    public override Task<StatusCode> WriteSpeedSetpointAsync(string machineId, double setpoint, CancellationToken cancellationToken) =>
        _writes.TryGetValue(machineId, out var w) && w.Setpoint is { } tag
            ? WriteAsync(tag, JsonValue.Create(setpoint), cancellationToken)
            : Task.FromResult<StatusCode>(StatusCodes.BadNotSupported);

    private protected override async Task OnConnectedAsync(IMqttClient client, CancellationToken cancellationToken)
    {
        var subscribe = new MqttClientSubscribeOptionsBuilder();
        foreach (var topic in _byTopic.Keys)
        {
            subscribe.WithTopicFilter(topic, (MQTTnet.Protocol.MqttQualityOfServiceLevel)Settings.QualityOfService);
        }

        if (_byTopic.Count > 0)
        {
            await client.SubscribeAsync(subscribe.Build(), cancellationToken);
        }

        await Feed.PostQualityAsync(MachineIdList(), DataQuality.Good, "subscribed", Clock.GetUtcNow(), cancellationToken);
    }

    private protected override Task OnLostAsync(string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        Feed.PostQualityAsync(MachineIdList(), DataQuality.Disconnected, $"broker {Settings.Broker} lost: {reason}", at, cancellationToken).AsTask();

    private protected override async Task OnMessageAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        if (!_byTopic.TryGetValue(message.Topic, out var bindings))
        {
            return;
        }

        var payload = message.Payload;
        if (payload.Length > Settings.Limits.MaxPayloadBytes)
        {
            Note($"{message.Topic}: a payload of {payload.Length} bytes is over the limit of {Settings.Limits.MaxPayloadBytes}");
            return;
        }

        var now = Clock.GetUtcNow();
        var values = new List<(TagBinding, DataValue)>(bindings.Count);
        using (var document = JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = 32 }))
        {
            foreach (var (binding, path, timestampPath) in bindings)
            {
                if (!path.TryFind(document.RootElement, out var element))
                {
                    Note($"{message.Topic}: no value at {path}");
                    continue;
                }

                var at = timestampPath is not null && timestampPath.TryFind(document.RootElement, out var ts) && Timestamp(ts) is { } stamped ? stamped : now;
                values.Add((binding, ToDataValue(element, at.UtcDateTime, now.UtcDateTime)));
            }
        }

        await Feed.PostValuesAsync(values, cancellationToken);
    }

    private static DataValue ToDataValue(JsonElement element, DateTime at, DateTime received) => element.ValueKind switch
    {
        JsonValueKind.String => new DataValue(new Variant(element.GetString()), StatusCode.Good, at, received),
        JsonValueKind.Number when element.TryGetInt64(out var whole) => new DataValue(new Variant(whole), StatusCode.Good, at, received),
        JsonValueKind.Number => new DataValue(new Variant(element.GetDouble()), StatusCode.Good, at, received),
        JsonValueKind.True or JsonValueKind.False => new DataValue(new Variant(element.GetBoolean()), StatusCode.Good, at, received),
        JsonValueKind.Null => new DataValue(default, new StatusCode(0x80000000), at, received),
        // An object or array is not one value: keep its text (shown under "extra"), but do not trust it as a number or state.
        _ => new DataValue(new Variant(element.GetRawText()), new StatusCode(0x40000000), at, received),
    };

    /// <summary>An ISO 8601 text or a number of milliseconds since the Unix epoch.</summary>
    private static DateTimeOffset? Timestamp(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String when DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed) => parsed,
        JsonValueKind.Number when element.TryGetInt64(out var ms) && ms is >= 0 and <= 253402300799999 => DateTimeOffset.FromUnixTimeMilliseconds(ms),
        _ => null,
    };

    private async Task<StatusCode> WriteAsync(JsonTopicTag tag, JsonNode value, CancellationToken cancellationToken) =>
        tag.Path.IsMembersOnly
            ? await PublishAsync(tag.Topic, tag.Path.Wrap(value), Settings.QualityOfService, false, cancellationToken)
            : StatusCodes.BadNotSupported;

    private List<string> MachineIdList() => [.. MachineIds];

    private static JsonPath Path(string text, BrokerMachine machine) =>
        JsonPath.TryParse(text, out var path, out var error) ? path : throw new ArgumentException($"machine {machine.MachineId}: {error}");

    private static JsonTopicTag Tag(string text, JsonPath values, BrokerMachine machine) =>
        JsonTopicTag.TryParse(text, values, out var tag, out var error) ? tag : throw new ArgumentException($"machine {machine.MachineId}: {error}");
}

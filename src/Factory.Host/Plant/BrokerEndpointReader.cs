using Factory.Connectivity;
using Factory.Connectivity.Mqtt;
using Factory.Mqtt;

namespace Factory.Host.Plant;

/// <summary>Reads a site's MQTT endpoints (<c>kind</c> <c>sparkplug</c> or <c>mqtt</c>) and their machines' sources from the plant file.</summary>
internal static class BrokerEndpointReader
{
    /// <summary>Whether the endpoint is read over MQTT: by its kind, or a <c>{simulator}</c> endpoint while the simulator publishes Sparkplug.</summary>
    public static bool IsBroker(EndpointDefinitionEntry endpoint, SimulatorSparkplug? simulator) =>
        !string.Equals(endpoint.Kind, "opcua", StringComparison.OrdinalIgnoreCase) || (simulator is not null && IsSimulator(endpoint));

    public static bool IsSimulator(EndpointDefinitionEntry endpoint) => endpoint.Url.Contains("{simulator}", StringComparison.Ordinal);

    /// <summary>The tag template machines without tags of their own take on this endpoint.</summary>
    public static TagMapEntry? Template(EndpointDefinitionEntry endpoint, SimulatorSparkplug? simulator) =>
        simulator is not null && IsSimulator(endpoint) ? endpoint.SparkplugTagTemplate : endpoint.TagTemplate;

    public static BrokerEndpointSettings? Read(
        string siteId, EndpointDefinitionEntry endpoint, IReadOnlyList<(string Line, MachineDefinitionEntry Machine, MachineTagMap Tags)> machines,
        SimulatorSparkplug? simulator, List<string> problems)
    {
        var where = $"endpoint '{endpoint.Id}'";
        var fromSimulator = simulator is not null && IsSimulator(endpoint);
        var kind = fromSimulator ? "sparkplug" : endpoint.Kind.ToLowerInvariant();
        if (kind is not ("sparkplug" or "mqtt"))
        {
            problems.Add($"{where}: kind must be \"opcua\", \"sparkplug\" or \"mqtt\" (got '{endpoint.Kind}')");
            return null;
        }

        BrokerSettings broker;
        var clientId = endpoint.ClientId is { Length: > 0 } id ? id : $"factory-{endpoint.Id}-{Guid.NewGuid():N}"[..^20];
        if (fromSimulator)
        {
            broker = simulator!.Broker with { ClientId = clientId };
        }
        else if (BrokerSettings.TryParseUrl(endpoint.Url, out var url))
        {
            var bound = TimeSpan.FromSeconds(Math.Max(2, endpoint.DeadConnectionTimeoutSeconds));
            broker = new BrokerSettings(url, clientId, endpoint.User, endpoint.Password, endpoint.CaCertificate)
            {
                KeepAlive = bound / 2,
                ConnectTimeout = bound,
            };
        }
        else
        {
            problems.Add($"{where} needs an mqtt:// or mqtts:// url (got '{endpoint.Url}')");
            return null;
        }

        if (endpoint.Qos is < 0 or > 2)
        {
            problems.Add($"{where}: qos must be 0, 1 or 2");
        }

        var fed = new List<BrokerMachine>();
        foreach (var (line, machine, tags) in machines)
        {
            string? R(string? text) => text?.Replace("{machine}", machine.Id, StringComparison.Ordinal).Replace("{line}", line, StringComparison.Ordinal);
            var source = machine.Source!;
            if (kind == "sparkplug")
            {
                var group = fromSimulator ? simulator!.Group : source.Group ?? endpoint.Group;
                var node = fromSimulator ? line : R(source.EdgeNode ?? endpoint.EdgeNode);
                var device = fromSimulator ? machine.Id : R(source.Device ?? endpoint.Device);
                foreach (var (what, value) in new[] { ("group", group), ("edgeNode", node), ("device", device) })
                {
                    if ((value is null && what != "device") || (value is not null && (value.Length == 0 || value.IndexOfAny(['/', '+', '#']) >= 0)))
                    {
                        problems.Add($"machine '{machine.Id}' on {where} needs a Sparkplug {what} without '/', '+' or '#'");
                    }
                }

                fed.Add(new BrokerMachine(tags, group, node, device));
            }
            else
            {
                var valuePath = source.ValuePath ?? endpoint.ValuePath;
                var timestampPath = source.TimestampPath ?? endpoint.TimestampPath;
                if (!JsonPath.TryParse(valuePath, out var values, out var error) ||
                    (timestampPath is { Length: > 0 } && !JsonPath.TryParse(timestampPath, out _, out error)))
                {
                    problems.Add($"machine '{machine.Id}' on {where}: {error}");
                    continue;
                }

                var references = tags.Tags().Select(t => t.Reference).Concat(new[] { tags.Command, tags.SpeedSetpointWrite }.OfType<TagReference>());
                foreach (var reference in references)
                {
                    if (!JsonTopicTag.TryParse(reference.Text, values, out _, out error))
                    {
                        problems.Add($"machine '{machine.Id}' on {where}: {error}");
                    }
                }

                fed.Add(new BrokerMachine(tags, TimestampPath: timestampPath is { Length: > 0 } ? timestampPath : null, ValuePath: valuePath));
            }
        }

        return new BrokerEndpointSettings(endpoint.Id, siteId, kind == "sparkplug" ? BrokerEndpointKind.Sparkplug : BrokerEndpointKind.JsonTopics,
            broker, TimeSpan.FromSeconds(endpoint.StaleAfterSeconds), fed)
        {
            HostId = endpoint.HostId,
            ReorderTimeout = TimeSpan.FromMilliseconds(Math.Max(0, endpoint.ReorderTimeoutMs)),
            QualityOfService = Math.Clamp(endpoint.Qos, 0, 2),
        };
    }
}

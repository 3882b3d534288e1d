using Factory.Connectivity;
using Factory.Domain.Limits;

namespace Factory.Host.Plant;

/// <summary>
/// The host's boundary translation of a plant definition (read and checked by <see cref="PlantDefinitionReader"/>)
/// into the specs its grains take and the endpoints its connectors read.
/// </summary>
public static class PlantTranslation
{
    /// <summary>
    /// Builds the specs of a definition the reader has checked, and checks what only the host's side knows (endpoint
    /// URLs and security, tag maps, work order rules); relative dates are counted from <paramref name="now"/>.
    /// </summary>
    /// <param name="simulatorUrl">Replaces <c>{simulator}</c> in endpoint URLs (the built-in simulator's endpoint), when running.</param>
    /// <param name="sparkplugSimulator">When the simulator publishes Sparkplug B: <c>{simulator}</c> endpoints are read from that broker.</param>
    public static PlantSpecs ToSpecs(PlantDefinition plant, DateTimeOffset now, string? simulatorUrl = null, SimulatorSparkplug? sparkplugSimulator = null)
    {
        ArgumentNullException.ThrowIfNull(plant);
        if (PlantDefinitionReader.Check(plant) is { Count: > 0 } inconsistent)
        {
            // A definition built in code, not read: the specs below rely on what the reader checks (unique ids, known states).
            throw PlantDefinitionException.Of(inconsistent);
        }

        var problems = new List<string>();

        var sites = ImmutableArray.CreateBuilder<SiteSpec>();
        var lines = ImmutableArray.CreateBuilder<LineSpec>();
        var machines = ImmutableArray.CreateBuilder<MachineSpec>();
        var workers = ImmutableArray.CreateBuilder<WorkerSpec>();
        var workerEmails = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var orders = ImmutableArray.CreateBuilder<WorkOrderSpec>();
        var endpoints = ImmutableArray.CreateBuilder<EndpointSettings>();
        var brokerEndpoints = ImmutableArray.CreateBuilder<Factory.Connectivity.Mqtt.BrokerEndpointSettings>();
        foreach (var site in plant.Sites)
        {
            var fed = new Dictionary<string, List<MachineTagMap>>(StringComparer.Ordinal);
            var sources = new Dictionary<string, List<(string, MachineDefinitionEntry, MachineTagMap)>>(StringComparer.Ordinal);
            var byId = new Dictionary<string, EndpointDefinitionEntry>(StringComparer.Ordinal);
            foreach (var endpoint in site.Endpoints)
            {
                fed[endpoint.Id] = [];
                sources[endpoint.Id] = [];
                byId[endpoint.Id] = endpoint;
            }

            foreach (var (lineId, machine) in site.Lines.SelectMany(l => l.Machines.Select(m => (l.Id, m))).Where(x => x.m.Source is not null))
            {
                if (!fed.TryGetValue(machine.Source!.Endpoint, out var list))
                {
                    problems.Add($"machine '{machine.Id}' names unknown endpoint '{machine.Source.Endpoint}'");
                    continue;
                }

                var tags = machine.Source.Tags ?? Instantiate(BrokerEndpointReader.Template(byId[machine.Source.Endpoint], sparkplugSimulator), machine.Id, lineId);
                if (tags is null)
                {
                    problems.Add($"machine '{machine.Id}' has no tags and endpoint '{machine.Source.Endpoint}' no " +
                        (sparkplugSimulator is not null && BrokerEndpointReader.IsSimulator(byId[machine.Source.Endpoint]) ? "sparkplugTagTemplate" : "tagTemplate"));
                    continue;
                }

                var map = ToTagMap(machine.Id, tags, problems);
                list.Add(map);
                sources[machine.Source.Endpoint].Add((lineId, machine, map));
            }

            foreach (var endpoint in site.Endpoints)
            {
                if (endpoint.Url.Contains("{simulator}", StringComparison.Ordinal) && simulatorUrl is null)
                {
                    // The built-in simulator is off: its machines are driven through the API instead.
                    continue;
                }

                if (BrokerEndpointReader.IsBroker(endpoint, sparkplugSimulator))
                {
                    if (BrokerEndpointReader.Read(site.Id, endpoint, sources[endpoint.Id], sparkplugSimulator, problems) is { } broker)
                    {
                        brokerEndpoints.Add(broker);
                    }

                    continue;
                }

                var url = simulatorUrl is null ? endpoint.Url : endpoint.Url.Replace("{simulator}", simulatorUrl, StringComparison.Ordinal);
                if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "opc.tcp")
                {
                    problems.Add($"endpoint '{endpoint.Id}' needs an opc.tcp:// url (got '{url}')");
                    continue;
                }

                endpoints.Add(new EndpointSettings(endpoint.Id, site.Id, uri, endpoint.User, endpoint.Password,
                    TimeSpan.FromMilliseconds(endpoint.PublishingIntervalMs), TimeSpan.FromMilliseconds(endpoint.SamplingIntervalMs),
                    TimeSpan.FromSeconds(endpoint.StaleAfterSeconds), fed[endpoint.Id])
                {
                    DeadConnectionTimeout = TimeSpan.FromSeconds(endpoint.DeadConnectionTimeoutSeconds),
                    SecurityPolicy = endpoint.SecurityPolicy ?? "None",
                    SecurityMode = SecurityModeOf(endpoint, problems),
                });
            }

            sites.Add(new SiteSpec(site.Id, string.IsNullOrEmpty(site.Name) ? site.Id : site.Name, site.TimeZone));
            foreach (var line in site.Lines)
            {
                lines.Add(new LineSpec(line.Id, site.Id, Named(line.Name, line.Id), line.Machines.Select(m => m.Id).ToImmutableArray()));
                foreach (var machine in line.Machines)
                {
                    var fedBy = machine.Source?.Endpoint is { } endpointId &&
                        site.Endpoints.FirstOrDefault(e => e.Id == endpointId) is { } endpoint &&
                        (simulatorUrl is not null || !endpoint.Url.Contains("{simulator}", StringComparison.Ordinal))
                        ? endpointId
                        : null;
                    machines.Add(new MachineSpec(machine.Id, site.Id, line.Id, Named(machine.Name, machine.Id),
                        [.. machine.Capabilities], machine.IdealCycleTimeSeconds ?? MachineDefinitionEntry.DefaultIdealCycleTimeSeconds,
                        machine.HoldExtensions, machine.InitialStateOr(PackMlState.Idle), fedBy));
                }
            }

            foreach (var worker in site.Workers)
            {
                var certifications = worker.Certifications.Select(c => new CertificationView(
                    c.Skill,
                    c.ValidUntil ?? now.AddDays(c.ValidForDays ?? throw new PlantDefinitionException(
                        $"certification '{c.Skill}' of worker '{worker.Id}' needs validUntil or validForDays")))).ToImmutableArray();
                if (worker.Email is { } email)
                {
                    workerEmails[worker.Id] = email.Length <= 254 && email.IndexOf('@', StringComparison.Ordinal) is > 0 and var at && at < email.Length - 1 && !email.Any(char.IsWhiteSpace)
                        ? email
                        : throw new PlantDefinitionException($"worker '{worker.Id}' has an email that is not an address: '{email}'");
                }

                workers.Add(new WorkerSpec(worker.Id, site.Id, Named(worker.Name, worker.Id),
                    worker.Skills.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase), certifications, worker.Shift, worker.ClockedIn));
            }

            foreach (var order in site.WorkOrders)
            {
                var due = order.DueDate ?? (order.DueInHours is { } hours
                    ? now.AddHours(hours)
                    : throw new PlantDefinitionException($"work order '{order.Id}' needs dueDate or dueInHours"));
                orders.Add(new WorkOrderSpec(order.Id, site.Id, order.Product, order.Quantity, due, order.Priority,
                    order.Operations.Select(o => new OperationSpec(o.Sequence, Named(o.Name, $"op {o.Sequence}"), o.Capability, o.Skill,
                        o.MinSkillLevel, o.StandardDurationSeconds, [.. o.AllowedMachines],
                        TextLimits.Optional(o.Program), TextLimits.Optional(o.Instructions), TextLimits.Optional(o.InstructionsUrl))).ToImmutableArray()));
            }
        }

        var machineIds = machines.Select(m => m.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var order in orders)
        {
            problems.AddRange(WorkOrderRules.Validate(order.ToWorkOrder()).Select(p => $"work order '{order.Id}': {p}"));
            foreach (var op in order.Operations)
            {
                problems.AddRange(op.AllowedMachines.Where(m => !machineIds.Contains(m))
                    .Select(m => $"work order '{order.Id}' operation {op.Sequence} names unknown machine '{m}'"));
            }
        }

        if (problems.Count > 0)
        {
            throw PlantDefinitionException.Of(problems);
        }

        return new PlantSpecs(sites.ToImmutable(), lines.ToImmutable(), machines.ToImmutable(), workers.ToImmutable(), orders.ToImmutable(), endpoints.ToImmutable())
        {
            BrokerEndpoints = brokerEndpoints.ToImmutable(),
            WorkerEmails = workerEmails.ToImmutable(),
        };
    }

    /// <summary>Whether the plant names the built-in simulator as an endpoint.</summary>
    public static bool UsesSimulator(PlantDefinition plant) =>
        plant.Sites.Any(s => s.Endpoints.Any(e => e.Url.Contains("{simulator}", StringComparison.Ordinal)));

    /// <summary>The template with <c>{machine}</c> (and <c>{line}</c>) replaced by the machine's (and its line's) id.</summary>
    private static TagMapEntry? Instantiate(TagMapEntry? template, string machineId, string lineId)
    {
        if (template is null)
        {
            return null;
        }

        string? R(string? text) => text?.Replace("{machine}", machineId, StringComparison.Ordinal).Replace("{line}", lineId, StringComparison.Ordinal);
        Dictionary<string, string>? D(Dictionary<string, string>? map) => map?.ToDictionary(kv => kv.Key, kv => R(kv.Value)!);
        return new TagMapEntry
        {
            State = R(template.State), StateEncoding = template.StateEncoding, StateTable = template.StateTable, Mode = R(template.Mode),
            Produced = R(template.Produced), Good = R(template.Good), Scrap = R(template.Scrap), Speed = R(template.Speed),
            Setpoint = R(template.Setpoint), Temperatures = D(template.Temperatures), Alarms = D(template.Alarms), Extra = D(template.Extra),
            Command = R(template.Command), CommandEncoding = template.CommandEncoding, SetpointWrite = R(template.SetpointWrite),
            Heartbeat = R(template.Heartbeat),
            Job = template.Job is { } job
                ? new JobTagsEntry { Id = R(job.Id), Product = R(job.Product), Quantity = R(job.Quantity), Program = R(job.Program), Complete = R(job.Complete), Good = R(job.Good) }
                : null,
        };
    }

    private static MachineTagMap ToTagMap(string machineId, TagMapEntry tags, List<string> problems)
    {
        static TagReference? Ref(string? text) => string.IsNullOrWhiteSpace(text) ? null : new TagReference(text.Trim());
        static IReadOnlyDictionary<string, TagReference>? Refs(Dictionary<string, string>? map) =>
            map?.ToDictionary(kv => kv.Key, kv => new TagReference(kv.Value.Trim()), StringComparer.Ordinal);
        StateEncoding Encoding(string text, string what)
        {
            if (Enum.TryParse<StateEncoding>(text, ignoreCase: true, out var encoding) && !text.Any(char.IsDigit))
            {
                return encoding;
            }

            problems.Add($"machine '{machineId}': {what} must be \"name\" or \"number\"");
            return StateEncoding.Name;
        }

        PlcStateTable? table = null;
        if (tags.StateTable is { } raw)
        {
            var tableProblems = new List<string>();
            table = PlcStateTable.Parse(raw, tableProblems);
            problems.AddRange(tableProblems.Select(p => $"machine '{machineId}': {p}"));
        }

        return new MachineTagMap(machineId, Ref(tags.State), Encoding(tags.StateEncoding, "stateEncoding"), table, Ref(tags.Mode),
            Ref(tags.Produced), Ref(tags.Good), Ref(tags.Scrap), Ref(tags.Speed), Ref(tags.Setpoint), Refs(tags.Temperatures),
            Refs(tags.Alarms), Refs(tags.Extra), Ref(tags.Command), Encoding(tags.CommandEncoding, "commandEncoding"), null,
            Ref(tags.SetpointWrite), Ref(tags.Heartbeat),
            tags.Job is { } job ? new JobTags(Ref(job.Id), Ref(job.Product), Ref(job.Quantity), Ref(job.Program), Ref(job.Complete), Ref(job.Good)) : null);
    }

    private static string Named(string name, string id) => string.IsNullOrWhiteSpace(name) ? id : name;

    /// <summary>The endpoint's OPC UA security mode: SignAndEncrypt by default with a secured policy, None with None.</summary>
    private static Factory.OpcUa.Services.MessageSecurityMode SecurityModeOf(EndpointDefinitionEntry endpoint, List<string> problems)
    {
        var secured = endpoint.SecurityPolicy is { } policy && !string.Equals(policy, "None", StringComparison.OrdinalIgnoreCase);
        if (endpoint.SecurityPolicy is { } named && secured && Factory.OpcUa.Security.SecurityAlgorithms.Find(named) is null)
        {
            problems.Add($"endpoint '{endpoint.Id}' names unknown securityPolicy '{named}' (use None, Basic256Sha256, Aes128_Sha256_RsaOaep or Aes256_Sha256_RsaPss)");
        }

        if (endpoint.SecurityMode is null)
        {
            return secured ? Factory.OpcUa.Services.MessageSecurityMode.SignAndEncrypt : Factory.OpcUa.Services.MessageSecurityMode.None;
        }

        if (!Enum.TryParse<Factory.OpcUa.Services.MessageSecurityMode>(endpoint.SecurityMode, ignoreCase: true, out var mode)
            || mode == Factory.OpcUa.Services.MessageSecurityMode.Invalid || (mode == Factory.OpcUa.Services.MessageSecurityMode.None) == secured)
        {
            problems.Add($"endpoint '{endpoint.Id}' has securityMode '{endpoint.SecurityMode}', which does not fit securityPolicy '{endpoint.SecurityPolicy ?? "None"}' (Sign or SignAndEncrypt with a secured policy, None with None)");
        }

        return mode;
    }
}

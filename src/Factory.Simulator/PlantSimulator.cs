using Factory.OpcUa.Encoding;
using Factory.OpcUa.Server;

namespace Factory.Simulator;

/// <summary>
/// A simulated plant served over OPC UA: every machine of the plant definition appears under
/// <c>Objects/Plant/&lt;line&gt;/&lt;machine&gt;</c> with its PackML state, counters, speed, temperature, alarms and
/// writable command nodes (NodeIds <c>ns=2;s=&lt;machine&gt;.&lt;tag&gt;</c>), advanced on a timer of the injected clock.
/// </summary>
public sealed class PlantSimulator : IAsyncDisposable
{
    /// <summary>The namespace of the plant nodes (index 2 on this server).</summary>
    public const string NamespaceUri = "urn:factory:simulator";

    private readonly SimulatorOptions _options;
    private readonly OpcUaServer _server;
    private readonly Dictionary<string, SimulatedMachine> _machines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lineOf = new(StringComparer.Ordinal);
    private ITimer? _timer;
    private int _ticking;

    private PlantSimulator(SimulatorOptions options, OpcUaServer server)
    {
        _options = options;
        _server = server;
    }

    /// <summary>The endpoint to connect to, e.g. opc.tcp://127.0.0.1:4840.</summary>
    public string EndpointUrl => _server.EndpointUrl;

    /// <summary>The OPC UA server underneath (for tests and diagnostics).</summary>
    public OpcUaServer Server => _server;

    /// <summary>The namespace index of the plant nodes.</summary>
    public ushort NamespaceIndex { get; private set; }

    /// <summary>The machines by id.</summary>
    public IReadOnlyDictionary<string, SimulatedMachine> Machines => _machines;

    /// <summary>Builds the plant from the options' plant file and machine list and starts serving it.</summary>
    public static async Task<PlantSimulator> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.TickInterval <= TimeSpan.Zero)
        {
            throw new ArgumentException("The tick interval must be positive.", nameof(options));
        }

        var specs = new List<SimulatedMachineSpec>();
        if (options.PlantFile is { } file)
        {
            specs.AddRange(PlantFile.ReadMachines(file));
        }

        specs.AddRange(options.Machines);
        if (specs.Count == 0)
        {
            throw new ArgumentException("The simulator needs a plant file or at least one machine.", nameof(options));
        }

        var server = await OpcUaServer.StartAsync(
            new OpcUaServerOptions
            {
                Host = options.Host,
                Port = options.Port,
                ApplicationUri = "urn:factory:simulator-server",
                ApplicationName = "Factory plant simulator",
                Users = options.Users,
                AllowAnonymousWrites = options.AllowAnonymousWrites,
                TimeProvider = options.ServerTimeProvider ?? options.TimeProvider,
                Certificate = options.Certificate,
                TrustList = options.TrustList,
            },
            cancellationToken).ConfigureAwait(false);
        var simulator = new PlantSimulator(options, server);
        try
        {
            simulator.Build(specs);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        simulator._timer = options.TimeProvider.CreateTimer(_ => simulator.Tick(), null, options.TickInterval, options.TickInterval);
        return simulator;
    }

    /// <summary>The NodeId of a machine's tag, e.g. <c>ns=2;s=CNC-01.State</c>.</summary>
    public NodeId NodeIdFor(string machineId, string tag) => new($"{machineId}.{tag}", NamespaceIndex);

    /// <summary>The browse path of a machine's tag, e.g. <c>/Objects/2:Plant/2:L1/2:CNC-01/2:State</c>.</summary>
    public string BrowsePathFor(string machineId, string tag)
    {
        if (!_lineOf.TryGetValue(machineId, out var line))
        {
            throw new KeyNotFoundException($"No machine {machineId}.");
        }

        var ns = NamespaceIndex;
        return $"/Objects/{ns}:Plant/{ns}:{line}/{ns}:{machineId}/{ns}:{tag}";
    }

    /// <summary>Advances every machine to the clock's current time (the timer does this on each tick).</summary>
    public void Tick()
    {
        if (Interlocked.Exchange(ref _ticking, 1) == 1)
        {
            return;
        }

        try
        {
            var now = _options.TimeProvider.GetUtcNow();
            foreach (var machine in _machines.Values)
            {
                machine.Advance(now);
            }
        }
        finally
        {
            Volatile.Write(ref _ticking, 0);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _timer?.Dispose();
        await _server.DisposeAsync().ConfigureAwait(false);
    }

    private void Build(List<SimulatedMachineSpec> specs)
    {
        var space = _server.AddressSpace;
        var ns = space.RegisterNamespace(NamespaceUri);
        NamespaceIndex = ns;
        var plant = new NodeId("Plant", ns);
        space.AddFolder(AddressSpace.ObjectsFolder, plant, new QualifiedName(ns, "Plant"));
        var lines = new HashSet<string>(StringComparer.Ordinal);
        var now = _options.TimeProvider.GetUtcNow();
        for (var index = 0; index < specs.Count; index++)
        {
            var spec = specs[index];
            if (spec.IdealCycleTime <= TimeSpan.Zero)
            {
                throw new ArgumentException($"Machine {spec.Id} needs a positive cycle time.", nameof(specs));
            }

            var lineNode = new NodeId($"Plant/{spec.LineId}", ns);
            if (lines.Add(spec.LineId))
            {
                space.AddFolder(plant, lineNode, new QualifiedName(ns, spec.LineId));
            }

            var machineNode = new NodeId(spec.Id, ns);
            space.AddFolder(lineNode, machineNode, new QualifiedName(ns, spec.Id), spec.Name);
            var tags = new Dictionary<string, VariableNode>(StringComparer.Ordinal);
            void Add(string tag, BuiltInType type, Variant initial, bool writable = false) =>
                tags[tag] = space.AddVariable(machineNode, NodeIdFor(spec.Id, tag), new QualifiedName(ns, tag), type, initial, writable);
            Add(MachineTags.State, BuiltInType.String, new Variant(string.Empty));
            Add(MachineTags.StateCurrent, BuiltInType.Int32, new Variant(0));
            Add(MachineTags.Mode, BuiltInType.Int32, new Variant(0));
            Add(MachineTags.ProducedCount, BuiltInType.UInt32, new Variant(0u));
            Add(MachineTags.GoodCount, BuiltInType.UInt32, new Variant(0u));
            Add(MachineTags.ScrapCount, BuiltInType.UInt32, new Variant(0u));
            Add(MachineTags.Speed, BuiltInType.Double, new Variant(0d));
            Add(MachineTags.SpeedSetpoint, BuiltInType.Double, new Variant(0d), writable: true);
            Add(MachineTags.Temperature, BuiltInType.Double, new Variant(0d));
            Add(MachineTags.AlarmBits, BuiltInType.UInt32, new Variant(0u));
            Add(MachineTags.Fault, BuiltInType.Boolean, new Variant(false));
            Add(MachineTags.Command, BuiltInType.Int32, new Variant(0), writable: true);
            Add(MachineTags.CommandName, BuiltInType.String, new Variant(string.Empty), writable: true);
            Add(MachineTags.Heartbeat, BuiltInType.UInt32, new Variant(0u));
            Add(MachineTags.JobId, BuiltInType.String, new Variant(string.Empty), writable: true);
            Add(MachineTags.JobProduct, BuiltInType.String, new Variant(string.Empty), writable: true);
            Add(MachineTags.JobQuantity, BuiltInType.UInt32, new Variant(0u), writable: true);
            Add(MachineTags.JobProgram, BuiltInType.String, new Variant(string.Empty), writable: true);
            Add(MachineTags.JobGood, BuiltInType.UInt32, new Variant(0u));
            Add(MachineTags.JobComplete, BuiltInType.Boolean, new Variant(false));
            var extras = new VariableNode[Math.Max(0, _options.ExtraTagsPerMachine)];
            for (var e = 0; e < extras.Length; e++)
            {
                var name = $"Extra{e + 1:000}";
                extras[e] = space.AddVariable(machineNode, NodeIdFor(spec.Id, name), new QualifiedName(ns, name), BuiltInType.Double, new Variant(0d));
            }

            // Each machine draws from its own stream, so adding a machine does not change another's history.
            _machines[spec.Id] = new SimulatedMachine(spec, _options, unchecked(_options.Seed * 7919 + index), tags, extras, now);
            _lineOf[spec.Id] = spec.LineId;
        }
    }
}

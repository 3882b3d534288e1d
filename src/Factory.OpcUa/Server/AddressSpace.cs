using System.Collections.Concurrent;
using Factory.OpcUa.Encoding;
using Factory.OpcUa.Services;

namespace Factory.OpcUa.Server;

/// <summary>
/// The nodes a server exposes: the standard Root/Objects/Types/Views folders and the Server object (namespaces,
/// status, operation limits), plus the folders and variables an application adds in code.
/// </summary>
public sealed class AddressSpace
{
    /// <summary>i=84.</summary>
    public static readonly NodeId RootFolder = new(84u);

    /// <summary>i=85, where applications hang their objects.</summary>
    public static readonly NodeId ObjectsFolder = new(85u);

    /// <summary>i=86.</summary>
    public static readonly NodeId TypesFolder = new(86u);

    /// <summary>i=87.</summary>
    public static readonly NodeId ViewsFolder = new(87u);

    private const uint FolderType = 61;
    private const uint PropertyType = 68;

    private readonly ConcurrentDictionary<NodeId, UaNode> _nodes = new();
    private readonly List<string> _namespaces = ["http://opcfoundation.org/UA/"];
    private readonly TimeProvider _time;
    private readonly VariableNode _namespaceArray;

    internal AddressSpace(OpcUaServerOptions options, Func<ServerState> state, DateTime startTime)
    {
        _time = options.TimeProvider;
        _namespaces.Add(options.ApplicationUri);
        Add(new UaNode(RootFolder, NodeClass.Object, new QualifiedName("Root"), new LocalizedText("Root"), new NodeId(FolderType)), null, 0);
        AddFolder(RootFolder, ObjectsFolder, new QualifiedName("Objects"));
        AddFolder(RootFolder, TypesFolder, new QualifiedName("Types"));
        AddFolder(RootFolder, ViewsFolder, new QualifiedName("Views"));

        var server = new NodeId(2253u);
        Add(new UaNode(server, NodeClass.Object, new QualifiedName("Server"), new LocalizedText("Server"), new NodeId(2004u)), ObjectsFolder, ReferenceTypes.Organizes);
        _namespaceArray = AddProperty(server, 2255, "NamespaceArray", BuiltInType.String, new Variant(BuiltInType.String, _namespaces.ToArray()), valueRank: 1);
        AddProperty(server, 2254, "ServerArray", BuiltInType.String, new Variant(BuiltInType.String, new[] { options.ApplicationUri }), valueRank: 1);
        AddProperty(server, 2267, "ServiceLevel", BuiltInType.Byte, new Variant((byte)255));

        var status = new NodeId(2256u);
        var buildInfo = new BuildInfo
        {
            ProductUri = options.ProductUri,
            ManufacturerName = "Factory",
            ProductName = options.ApplicationName,
            SoftwareVersion = "1.0",
            BuildNumber = "1",
            BuildDate = startTime,
        };
        Add(
            new VariableNode(status, new QualifiedName("ServerStatus"), new LocalizedText("ServerStatus"), BuiltInType.ExtensionObject, Variant.Null, VariableNode.CurrentRead, _time, new NodeId(2138u))
            {
                DataType = new NodeId(862u),
                Source = () => Now(new Variant(new ExtensionObject(new ServerStatusDataType
                {
                    StartTime = startTime,
                    CurrentTime = _time.GetUtcNow().UtcDateTime,
                    State = state(),
                    BuildInfo = buildInfo,
                    ShutdownReason = new LocalizedText(string.Empty),
                }))),
            },
            server,
            ReferenceTypes.HasComponent);
        AddComponent(status, 2257, "StartTime", BuiltInType.DateTime, () => new Variant(startTime));
        AddComponent(status, 2258, "CurrentTime", BuiltInType.DateTime, () => new Variant(_time.GetUtcNow().UtcDateTime));
        var stateNode = AddComponent(status, 2259, "State", BuiltInType.Int32, () => new Variant((int)state()));
        _ = stateNode;

        var capabilities = new NodeId(2268u);
        Add(new UaNode(capabilities, NodeClass.Object, new QualifiedName("ServerCapabilities"), new LocalizedText("ServerCapabilities"), new NodeId(2013u)), server, ReferenceTypes.HasComponent);
        AddProperty(capabilities, 2735, "MaxBrowseContinuationPoints", BuiltInType.UInt16, new Variant((ushort)ServerSession.MaxContinuationPoints));
        var limits = new NodeId(11704u);
        Add(new UaNode(limits, NodeClass.Object, new QualifiedName("OperationLimits"), new LocalizedText("OperationLimits"), new NodeId(11564u)), capabilities, ReferenceTypes.HasComponent);
        var max = new Variant((uint)options.MaxNodesPerOperation);
        foreach (var (id, name) in new (uint, string)[]
        {
            (11705, "MaxNodesPerRead"), (11707, "MaxNodesPerWrite"), (11709, "MaxNodesPerMethodCall"), (11710, "MaxNodesPerBrowse"),
            (11712, "MaxNodesPerTranslateBrowsePathsToNodeIds"), (11714, "MaxMonitoredItemsPerCall"), (11711, "MaxNodesPerRegisterNodes"),
        })
        {
            AddProperty(limits, id, name, BuiltInType.UInt32, max);
        }
    }

    /// <summary>The namespace table (index 0 is OPC UA's, 1 the server's application URI).</summary>
    public IReadOnlyList<string> NamespaceUris
    {
        get
        {
            lock (_namespaces)
            {
                return [.. _namespaces];
            }
        }
    }

    /// <summary>Number of nodes.</summary>
    public int Count => _nodes.Count;

    /// <summary>Adds a namespace URI (or finds it) and returns its index.</summary>
    public ushort RegisterNamespace(string uri)
    {
        ArgumentException.ThrowIfNullOrEmpty(uri);
        lock (_namespaces)
        {
            var index = _namespaces.IndexOf(uri);
            if (index < 0)
            {
                _namespaces.Add(uri);
                index = _namespaces.Count - 1;
                _namespaceArray.SetValue(new Variant(BuiltInType.String, _namespaces.ToArray()), _time.GetUtcNow().UtcDateTime);
            }

            return (ushort)index;
        }
    }

    /// <summary>Finds a node by id.</summary>
    public bool TryGetNode(NodeId nodeId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out UaNode? node) =>
        _nodes.TryGetValue(nodeId, out node);

    /// <summary>Adds a folder organized by <paramref name="parent"/>.</summary>
    public UaNode AddFolder(NodeId parent, NodeId nodeId, QualifiedName browseName, string? displayName = null) =>
        Add(new UaNode(nodeId, NodeClass.Object, browseName, new LocalizedText(displayName ?? browseName.Name), new NodeId(FolderType)), parent, ReferenceTypes.Organizes);

    /// <summary>Adds a variable as a component of <paramref name="parent"/>.</summary>
    /// <param name="writable">True gives clients CurrentWrite access (then <see cref="VariableNode.WriteHandler"/> may veto).</param>
    public VariableNode AddVariable(NodeId parent, NodeId nodeId, QualifiedName browseName, BuiltInType dataType, Variant initial, bool writable = false, string? displayName = null)
    {
        if (!initial.IsNull && (initial.Type != dataType || initial.IsArray))
        {
            throw new ArgumentException($"The initial value of {nodeId} is {initial.Type}, not a scalar {dataType}.", nameof(initial));
        }

        var access = writable ? (byte)(VariableNode.CurrentRead | VariableNode.CurrentWrite) : VariableNode.CurrentRead;
        return Add(new VariableNode(nodeId, browseName, new LocalizedText(displayName ?? browseName.Name), dataType, initial, access, _time), parent, ReferenceTypes.HasComponent);
    }

    private T Add<T>(T node, NodeId? parent, uint referenceType)
        where T : UaNode
    {
        ArgumentNullException.ThrowIfNull(node);
        UaNode? parentNode = null;
        if (parent is not null && !_nodes.TryGetValue(parent, out parentNode))
        {
            throw new ArgumentException($"The parent node {parent} does not exist.", nameof(parent));
        }

        if (!_nodes.TryAdd(node.NodeId, node))
        {
            throw new ArgumentException($"The node {node.NodeId} already exists.", nameof(node));
        }

        if (parentNode is not null)
        {
            var type = new NodeId(referenceType);
            parentNode.AddReference(new NodeReference(type, true, node.NodeId));
            node.AddReference(new NodeReference(type, false, parentNode.NodeId));
        }

        node.AddReference(new NodeReference(new NodeId(ReferenceTypes.HasTypeDefinition), true, node.TypeDefinition));
        return node;
    }

    private VariableNode AddProperty(NodeId parent, uint id, string name, BuiltInType type, Variant value, int valueRank = -1) =>
        Add(new VariableNode(new NodeId(id), new QualifiedName(name), new LocalizedText(name), type, value, VariableNode.CurrentRead, _time, new NodeId(PropertyType)) { ValueRank = valueRank }, parent, ReferenceTypes.HasProperty);

    private VariableNode AddComponent(NodeId parent, uint id, string name, BuiltInType type, Func<Variant> source) =>
        Add(new VariableNode(new NodeId(id), new QualifiedName(name), new LocalizedText(name), type, Variant.Null, VariableNode.CurrentRead, _time) { Source = () => Now(source()), DataType = id == 2259 ? new NodeId(852u) : new NodeId((uint)type) }, parent, ReferenceTypes.HasComponent);

    private DataValue Now(Variant value)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return new DataValue(value, StatusCode.Good, now, now);
    }
}

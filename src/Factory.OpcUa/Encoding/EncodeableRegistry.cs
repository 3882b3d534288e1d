namespace Factory.OpcUa.Encoding;

/// <summary>
/// Maps DefaultBinary encoding ids to factories of known structures, so ExtensionObjects with those ids
/// are decoded into typed objects; unknown ids stay as bytes.
/// </summary>
public sealed class EncodeableRegistry
{
    private readonly Dictionary<NodeId, Func<IEncodeable>> _factories = [];

    /// <summary>The registry with every structure generated in Factory.OpcUa.Services.</summary>
    public static EncodeableRegistry Default { get; } = CreateDefault();

    /// <summary>An empty registry: every ExtensionObject stays as bytes.</summary>
    public static EncodeableRegistry Empty { get; } = new();

    /// <summary>Adds or replaces the factory for an encoding id.</summary>
    public void Add(NodeId encodingId, Func<IEncodeable> factory)
    {
        ArgumentNullException.ThrowIfNull(encodingId);
        ArgumentNullException.ThrowIfNull(factory);
        _factories[encodingId] = factory;
    }

    /// <summary>True when the registry decodes this encoding id.</summary>
    internal bool Contains(NodeId encodingId) => _factories.ContainsKey(encodingId);

    /// <summary>A copy of this registry with one factory added or replaced (this registry is left as it is).</summary>
    internal EncodeableRegistry With(NodeId encodingId, Func<IEncodeable> factory)
    {
        var copy = new EncodeableRegistry();
        foreach (var (id, f) in _factories)
        {
            copy._factories[id] = f;
        }

        copy.Add(encodingId, factory);
        return copy;
    }

    /// <summary>Creates an empty instance for the encoding id, or returns false when unknown.</summary>
    public bool TryCreate(NodeId encodingId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IEncodeable? value)
    {
        if (_factories.TryGetValue(encodingId, out var factory))
        {
            value = factory();
            return true;
        }

        value = null;
        return false;
    }

    private static EncodeableRegistry CreateDefault()
    {
        var registry = new EncodeableRegistry();
        Services.GeneratedTypes.Register(registry);
        return registry;
    }
}

using Factory.OpcUa.Encoding;

namespace Factory.OpcUa.Server;

/// <summary>The standard reference types the address space uses, with their subtype tree for Browse filters.</summary>
public static class ReferenceTypes
{
    public const uint References = 31;
    public const uint NonHierarchicalReferences = 32;
    public const uint HierarchicalReferences = 33;
    public const uint HasChild = 34;
    public const uint Organizes = 35;
    public const uint HasTypeDefinition = 40;
    public const uint Aggregates = 44;
    public const uint HasSubtype = 45;
    public const uint HasProperty = 46;
    public const uint HasComponent = 47;

    /// <summary>True when <paramref name="type"/> is <paramref name="ancestor"/> or (with subtypes) derives from it.</summary>
    public static bool Matches(NodeId type, NodeId? ancestor, bool includeSubtypes)
    {
        if (ancestor is null || ancestor.IsNull)
        {
            return true;
        }

        if (type == ancestor)
        {
            return true;
        }

        if (!includeSubtypes || ancestor.NamespaceIndex != 0 || type.NamespaceIndex != 0 || type.IdType != NodeIdType.Numeric)
        {
            return false;
        }

        var current = type.NumericIdentifier;
        while (Parent(current) is { } parent)
        {
            if (parent == ancestor.NumericIdentifier)
            {
                return true;
            }

            current = parent;
        }

        return false;
    }

    private static uint? Parent(uint type) => type switch
    {
        NonHierarchicalReferences or HierarchicalReferences => References,
        HasChild or Organizes => HierarchicalReferences,
        HasTypeDefinition => NonHierarchicalReferences,
        Aggregates or HasSubtype => HasChild,
        HasProperty or HasComponent => Aggregates,
        _ => null,
    };
}

namespace Factory.OpcUa.Encoding;

/// <summary>A name qualified by a namespace index (browse names).</summary>
public readonly record struct QualifiedName(ushort NamespaceIndex, string? Name)
{
    /// <summary>A name in namespace 0.</summary>
    public QualifiedName(string? name)
        : this(0, name)
    {
    }

    /// <summary>Parses "ns:Name" or "Name" (namespace 0).</summary>
    public static QualifiedName Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && ushort.TryParse(text.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ns))
        {
            return new QualifiedName(ns, text[(colon + 1)..]);
        }

        return new QualifiedName(0, text);
    }

    /// <inheritdoc />
    public override string ToString() => NamespaceIndex == 0 ? Name ?? string.Empty : $"{NamespaceIndex}:{Name}";
}
